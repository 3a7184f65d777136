/** Drizzle definitions of the reference tables (see core/db/migrations/0001_reference.sql). */
import { boolean, date, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export type Names = Record<string, string>;

export const m49Area = pgTable('m49_area', {
  code: text('code').primaryKey(),
  level: text('level').notNull(),
  parentCode: text('parent_code'),
  names: jsonb('names').$type<Names>().notNull(),
});

export const country = pgTable('country', {
  iso3: text('iso3').primaryKey(),
  iso2: text('iso2').notNull(),
  numeric: text('numeric').notNull(),
  names: jsonb('names').$type<Names>().notNull(),
  regionCode: text('region_code'),
  subregionCode: text('subregion_code'),
  intermediateCode: text('intermediate_code'),
  unMember: boolean('un_member').notNull(),
});

export const instrument = pgTable('instrument', {
  code: text('code').primaryKey(),
  shortName: text('short_name').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  adopted: date('adopted'),
  openedForSignature: date('opened_for_signature'),
  inForce: date('in_force'),
});

export const instrumentArticle = pgTable(
  'instrument_article',
  {
    instrument: text('instrument').notNull(),
    number: text('number').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    chapter: text('chapter').notNull(),
    section: text('section'),
    category: text('category').notNull(),
    text: jsonb('text').$type<Names>().notNull(),
    provenance: text('provenance'),
  },
  (t) => [primaryKey({ columns: [t.instrument, t.number] })],
);

export const articleCrosswalk = pgTable(
  'article_crosswalk',
  {
    fromInstrument: text('from_instrument').notNull(),
    fromArticle: text('from_article').notNull(),
    toInstrument: text('to_instrument').notNull(),
    toArticle: text('to_article').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.fromInstrument, t.fromArticle, t.toInstrument, t.toArticle] })],
);

export const concept = pgTable('concept', {
  code: text('code').primaryKey(),
  kind: text('kind').notNull(),
  position: integer('position').notNull(),
  labels: jsonb('labels').$type<Names>().notNull(),
  synonyms: jsonb('synonyms').$type<Record<string, string[]>>().notNull(),
  definition: text('definition'),
});

export const conceptArticle = pgTable(
  'concept_article',
  {
    concept: text('concept').notNull(),
    instrument: text('instrument').notNull(),
    article: text('article').notNull(),
  },
  (t) => [primaryKey({ columns: [t.concept, t.instrument, t.article] })],
);

export const instrumentParty = pgTable(
  'instrument_party',
  {
    country: text('country').notNull(),
    instrument: text('instrument').notNull(),
    status: text('status').notNull(),
    signature: date('signature'),
    ratification: date('ratification'),
    entryIntoForce: date('entry_into_force'),
    reservations: text('reservations'),
    sourceNote: text('source_note'),
  },
  (t) => [primaryKey({ columns: [t.country, t.instrument] })],
);
