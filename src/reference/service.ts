/** Read access to the reference data: countries, M49 areas, instruments, articles, crosswalk, concepts. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../accounts/access.js';
import type { Orm } from '../db/connect.js';
import { one, rows, where } from '../db/query.js';
import { notFound } from '../errors.js';

export type Names = Record<string, string>;
export type Country = {
  iso3: string;
  iso2: string;
  numeric: string;
  names: Names;
  region_code: string | null;
  subregion_code: string | null;
  intermediate_code: string | null;
  region: Names | null;
  subregion: Names | null;
  intermediate: Names | null;
  un_member: boolean;
  works: number;
  cases: number;
  documents: number;
};

/** Countries with how many works, cases and documents the viewer may see. */
const countrySelect = (viewer: Viewer) => sql`SELECT c.iso3, c.iso2, c.numeric, c.names, c.region_code, c.subregion_code, c.intermediate_code,
  r.names AS region, s.names AS subregion, i.names AS intermediate, c.un_member,
  coalesce(wc.n, 0) AS works, coalesce(kc.n, 0) AS cases, coalesce(dc.n, 0) AS documents
  FROM country c LEFT JOIN m49_area r ON r.code = c.region_code LEFT JOIN m49_area s ON s.code = c.subregion_code
  LEFT JOIN m49_area i ON i.code = c.intermediate_code
  LEFT JOIN (SELECT w.country, count(*)::int AS n FROM legal_work w WHERE ${visibleTo(viewer, 'w')} GROUP BY w.country) wc ON wc.country = c.iso3
  LEFT JOIN (SELECT k.country, count(*)::int AS n FROM legal_case k WHERE ${visibleTo(viewer, 'k')} GROUP BY k.country) kc ON kc.country = c.iso3
  LEFT JOIN (SELECT d.country, count(*)::int AS n FROM document d WHERE ${visibleTo(viewer, 'd')} GROUP BY d.country) dc ON dc.country = c.iso3`;

export const countryListQuery = z.object({
  region: z.string().regex(/^\d{3}$/, 'an M49 area code such as 014').optional(),
  un_member: z.enum(['true', 'false']).optional(),
  has_content: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', 'iso3', '-items']).default('name').describe('name (English), iso3, or -items (most repository items first)'),
});
const COUNTRY_ORDER = { name: sql`x.names->>'en'`, iso3: sql`x.iso3`, '-items': sql`x.works + x.cases + x.documents DESC, x.names->>'en'` };

export async function listCountries(db: Orm, viewer: Viewer, q: Partial<z.infer<typeof countryListQuery>> = {}): Promise<Country[]> {
  const list = await rows<Country>(
    db,
    sql`SELECT * FROM (${countrySelect(viewer)} WHERE ${where(
      q.region && sql`${q.region} IN (c.region_code, c.subregion_code, c.intermediate_code)`,
      q.un_member && sql`c.un_member = ${q.un_member === 'true'}`,
    )}) x ORDER BY ${COUNTRY_ORDER[q.sort ?? 'name']}`,
  );
  if (q.has_content === undefined) return list;
  const want = q.has_content === 'true';
  return list.filter((c) => c.works + c.cases + c.documents > 0 === want);
}

export async function getCountry(db: Orm, viewer: Viewer, iso3: string): Promise<Country> {
  const c = await one<Country>(db, sql`${countrySelect(viewer)} WHERE c.iso3 = ${iso3.toUpperCase()}`);
  if (!c) throw notFound(`Country ${iso3}`);
  return c;
}

export type Party = { instrument: string; short_name: string; status: string; signature: string | null; ratification: string | null; entry_into_force: string | null; reservations: string | null; source_note: string | null };

export async function partiesOf(db: Orm, iso3: string): Promise<Party[]> {
  return rows<Party>(
    db,
    sql`SELECT p.instrument, i.short_name, p.status, p.signature, p.ratification, p.entry_into_force, p.reservations, p.source_note
        FROM instrument_party p JOIN instrument i ON i.code = p.instrument WHERE p.country = ${iso3} ORDER BY i.adopted`,
  );
}

export type Instrument = { code: string; short_name: string; title: string; body: string; adopted: string | null; opened_for_signature: string | null; in_force: string | null; articles: number; parties: number };

const INSTRUMENT_SELECT = sql`SELECT i.code, i.short_name, i.title, i.body, i.adopted, i.opened_for_signature, i.in_force,
  (SELECT count(*)::int FROM instrument_article a WHERE a.instrument = i.code) AS articles,
  (SELECT count(*)::int FROM instrument_party p WHERE p.instrument = i.code AND p.status IN ('party', 'ratified', 'acceded')) AS parties
  FROM instrument i`;

export const listInstruments = (db: Orm) => rows<Instrument>(db, sql`${INSTRUMENT_SELECT} ORDER BY i.adopted`);

export async function getInstrument(db: Orm, code: string): Promise<Instrument> {
  const i = await one<Instrument>(db, sql`${INSTRUMENT_SELECT} WHERE i.code = ${code.toUpperCase()}`);
  if (!i) throw notFound(`Instrument ${code}`);
  return i;
}

export type Article = {
  instrument: string;
  number: string;
  title: string;
  chapter: string;
  section: string | null;
  category: string;
  text: Names;
  provenance: string | null;
  mapped_provisions: number;
  mapped_countries: number;
};

/** Articles with how many provisions (and countries) the viewer may see are mapped to each. */
const articleSelect = (viewer: Viewer) => sql`SELECT a.instrument, a.number, a.title, a.chapter, a.section, a.category, a.text, a.provenance,
  (SELECT count(*)::int FROM mapping m JOIN legal_work w ON w.id = m.work_id
     WHERE m.instrument = a.instrument AND m.article = a.number AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}) AS mapped_provisions,
  (SELECT count(DISTINCT w.country)::int FROM mapping m JOIN legal_work w ON w.id = m.work_id
     WHERE m.instrument = a.instrument AND m.article = a.number AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}) AS mapped_countries
  FROM instrument_article a`;

export const articleListQuery = z.object({ instrument: z.string().optional(), category: z.string().optional() });

export async function listArticles(db: Orm, viewer: Viewer, q: z.infer<typeof articleListQuery> = {}): Promise<Article[]> {
  return rows<Article>(
    db,
    sql`${articleSelect(viewer)} WHERE ${where(q.instrument && sql`a.instrument = ${q.instrument.toUpperCase()}`, q.category && sql`a.category = ${q.category}`)}
        ORDER BY a.instrument, a.position`,
  );
}

export async function getArticle(db: Orm, viewer: Viewer, instrument: string, number: string) {
  const a = await one<Article>(db, sql`${articleSelect(viewer)} WHERE a.instrument = ${instrument.toUpperCase()} AND a.number = ${number}`);
  if (!a) throw notFound(`Article ${number} of ${instrument}`);
  const [crosswalk, concepts] = await Promise.all([
    rows<{ instrument: string; article: string; title: string; note: string | null }>(
      db,
      sql`SELECT x.to_instrument AS instrument, x.to_article AS article, t.title, x.note FROM article_crosswalk x
            JOIN instrument_article t ON t.instrument = x.to_instrument AND t.number = x.to_article
            WHERE x.from_instrument = ${a.instrument} AND x.from_article = ${a.number}
          UNION ALL
          SELECT x.from_instrument, x.from_article, t.title, x.note FROM article_crosswalk x
            JOIN instrument_article t ON t.instrument = x.from_instrument AND t.number = x.from_article
            WHERE x.to_instrument = ${a.instrument} AND x.to_article = ${a.number}`,
    ),
    rows<{ code: string; labels: Names }>(
      db,
      sql`SELECT c.code, c.labels FROM concept_article ca JOIN concept c ON c.code = ca.concept
          WHERE ca.instrument = ${a.instrument} AND ca.article = ${a.number} ORDER BY c.position`,
    ),
  ]);
  return { ...a, crosswalk, concepts };
}

export type CrosswalkRow = { from_article: string; from_title: string; to_article: string; to_title: string; note: string | null };

export const crosswalk = (db: Orm, from = 'ETS185', to = 'UNCC2024') =>
  rows<CrosswalkRow>(
    db,
    sql`SELECT x.from_article, f.title AS from_title, x.to_article, t.title AS to_title, x.note FROM article_crosswalk x
        JOIN instrument_article f ON f.instrument = x.from_instrument AND f.number = x.from_article
        JOIN instrument_article t ON t.instrument = x.to_instrument AND t.number = x.to_article
        WHERE x.from_instrument = ${from} AND x.to_instrument = ${to} ORDER BY f.position`,
  );

export type Concept = { code: string; kind: string; labels: Names; synonyms: Record<string, string[]>; definition: string | null; articles: { instrument: string; article: string }[] };

const CONCEPT_SELECT = sql`SELECT c.code, c.kind, c.labels, c.synonyms, c.definition,
  coalesce((SELECT json_agg(json_build_object('instrument', ca.instrument, 'article', ca.article) ORDER BY ca.instrument, a.position)
    FROM concept_article ca JOIN instrument_article a ON a.instrument = ca.instrument AND a.number = ca.article WHERE ca.concept = c.code), '[]') AS articles
  FROM concept c`;

export const conceptListQuery = z.object({ kind: z.enum(['offence', 'procedural_power', 'cooperation', 'cross_cutting']).optional() });

export const listConcepts = (db: Orm, q: z.infer<typeof conceptListQuery> = {}) =>
  rows<Concept>(db, sql`${CONCEPT_SELECT} WHERE ${where(q.kind && sql`c.kind = ${q.kind}`)} ORDER BY c.position`);

export async function getConcept(db: Orm, code: string): Promise<Concept> {
  const c = await one<Concept>(db, sql`${CONCEPT_SELECT} WHERE c.code = ${code}`);
  if (!c) throw notFound(`Concept ${code}`);
  return c;
}

export type UnmatchedArticle = { instrument: string; number: string; title: string; note: string };

/** Articles the crosswalk says have no counterpart in the other convention. */
export const unmatchedArticles = (db: Orm) =>
  rows<UnmatchedArticle>(
    db,
    sql`SELECT instrument, number, title, unmatched_note AS note FROM instrument_article WHERE unmatched_note IS NOT NULL ORDER BY instrument, position`,
  );

/** UN M49 regions, sub-regions and intermediate regions, by English name. */
export const listRegions = (db: Orm) => rows<{ code: string; names: Names }>(db, sql`SELECT code, names FROM m49_area WHERE level IN ('subregion', 'intermediate', 'region') ORDER BY names->>'en'`);
