/**
 * Loads the reference data shipped in src/domains/reference/data into the database, idempotently
 * (upserts by natural key): UN M49 areas, countries, instruments, articles, the crosswalk,
 * the concept taxonomy and instrument parties.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), 'data');
const csv = (name: string): Record<string, string>[] =>
  parse(readFileSync(join(dataDir, name)), { columns: true, bom: true, skip_empty_lines: true });
const json = <T>(name: string): T => JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as T;
const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

type ConceptFile = {
  code: string;
  kind: string;
  labels: Record<string, string>;
  synonyms: Record<string, string[]>;
  definition?: string;
  articles: { instrument: string; article: string }[];
}[];

type Translations = {
  instruments: Record<string, { short_name: Record<string, string>; title: Record<string, string> }>;
  articles: Record<string, Record<string, Record<string, string>>>;
};

/** Upserts rows given as JSON objects into a table; `key` is the conflict target. */
async function upsert(client: pg.PoolClient, table: string, key: string[], rows: object[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]);
  const updates = cols.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  await client.query(
    `INSERT INTO ${table} (${cols.join(', ')})
     SELECT ${cols.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (${key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    [JSON.stringify(rows)],
  );
}

export type ReferenceCounts = {
  countries: number;
  instruments: number;
  articles: number;
  concepts: number;
  parties: number;
};

export async function loadReference(pool: pg.Pool): Promise<ReferenceCounts> {
  const { areas, countries } = json<{ areas: object[]; countries: object[] }>('countries.json');
  // Names and titles in the other UN languages (English is in the CSV files).
  const translated = json<Translations>('instrument-translations.json');
  const instruments = csv('instruments.csv').map((r) => ({
    code: r.code,
    short_name: r.short_name,
    title: r.title,
    names: { en: r.short_name, ...translated.instruments[r.code]?.short_name },
    titles: { en: r.title, ...translated.instruments[r.code]?.title },
    body: r.body,
    adopted: orNull(r.adopted),
    opened_for_signature: orNull(r.opened_for_signature),
    in_force: orNull(r.in_force),
  }));
  const crosswalkRows = csv('crosswalk-ets185-uncc2024.csv');
  // Rows with one side empty say that an article has no counterpart in the other convention.
  const unmatched = new Map<string, string | null>();
  for (const r of crosswalkRows) {
    if (!r.uncc2024_article) unmatched.set(`ETS185:${r.ets185_article}`, orNull(r.note));
    if (!r.ets185_article) unmatched.set(`UNCC2024:${r.uncc2024_article}`, orNull(r.note));
  }
  const texts = new Map(
    json<{ instrument: string; article: string; language: string; text: string }[]>('article-texts.json').map(
      (t) => [`${t.instrument}:${t.article}`, { [t.language]: t.text }],
    ),
  );
  const articles = csv('instrument-articles.csv').map((r, i) => ({
    instrument: r.instrument,
    number: r.article,
    position: i + 1,
    title: r.title,
    titles: { en: r.title, ...translated.articles[r.instrument]?.[r.article] },
    chapter: r.chapter,
    section: orNull(r.section),
    category: r.category,
    provenance: orNull(r.provenance),
    unmatched_note: unmatched.get(`${r.instrument}:${r.article}`) ?? null,
    text: texts.get(`${r.instrument}:${r.article}`) ?? {},
  }));
  const crosswalk = crosswalkRows
    .filter((r) => r.ets185_article && r.uncc2024_article)
    .map((r) => ({
      from_instrument: 'ETS185',
      from_article: r.ets185_article,
      to_instrument: 'UNCC2024',
      to_article: r.uncc2024_article,
      note: orNull(r.note),
    }));
  const concepts = json<ConceptFile>('concepts.json');
  const parties = csv('instrument-parties.csv').map((r) => ({
    country: r.country,
    instrument: r.instrument,
    status: r.status,
    signature: orNull(r.signature),
    ratification: orNull(r.ratification),
    entry_into_force: orNull(r.entry_into_force),
    reservations: orNull(r.reservations),
    source_note: orNull(r.source_note),
  }));

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Areas reference their parents: insert regions, then sub-regions, then intermediate regions.
    for (const level of ['region', 'subregion', 'intermediate'])
      await upsert(
        client,
        'm49_area',
        ['code'],
        areas.filter((a) => (a as { level: string }).level === level),
      );
    await upsert(client, 'country', ['iso3'], countries);
    await upsert(client, 'instrument', ['code'], instruments);
    await upsert(client, 'instrument_article', ['instrument', 'number'], articles);
    await upsert(
      client,
      'article_crosswalk',
      ['from_instrument', 'from_article', 'to_instrument', 'to_article'],
      crosswalk,
    );
    await upsert(
      client,
      'concept',
      ['code'],
      concepts.map((c, i) => ({
        code: c.code,
        kind: c.kind,
        position: i + 1,
        labels: c.labels,
        synonyms: c.synonyms,
        definition: c.definition ?? null,
      })),
    );
    await client.query('DELETE FROM concept_article');
    await upsert(
      client,
      'concept_article',
      ['concept', 'instrument', 'article'],
      concepts.flatMap((c) =>
        c.articles.map((a) => ({ concept: c.code, instrument: a.instrument, article: a.article })),
      ),
    );
    await upsert(client, 'instrument_party', ['country', 'instrument'], parties);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return {
    countries: countries.length,
    instruments: instruments.length,
    articles: articles.length,
    concepts: concepts.length,
    parties: parties.length,
  };
}
