/**
 * Keeps the search index (search_entry) in step with the repository: one entry per provision,
 * work, case, document and instrument article, with its access tier and editorial status, the
 * concepts and articles it is tagged with or mapped to, and a weighted tsvector in the
 * configuration of its language (text segmented first for Chinese, Japanese and Thai).
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { addVocabulary, insertEntries } from './entries.js';
import { indexWorks } from './index-works.js';

/**
 * Indexes a work: each of its provisions and the work itself (titles and the text of its files).
 * `only: 'work'` redoes just the work's own entry, e.g. after a file was attached.
 */
export function indexWork(db: Orm, workId: string, only?: 'work'): Promise<void> {
  return indexWorks(db, [workId], only);
}

export const indexCase = (db: Orm, id: string) => indexCases(db, [id]);

export async function indexCases(db: Orm, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(
    sql`DELETE FROM search_entry WHERE kind = 'case' AND item_id = ANY(${sql.param(ids)}::text[])`,
  );
  const list = await rows<{
    id: string;
    country: string;
    title: string;
    court: string;
    date: string;
    language: string;
    brief: Record<string, string>;
    outcome: string;
    concepts: string[];
    keywords: string[];
    tier: string;
    editorial_status: string;
    charges: string;
    articles: string[];
  }>(
    db,
    sql`SELECT c.id, c.country, c.title, c.court, c.date, c.language, c.brief, c.outcome, c.concepts, c.keywords, c.tier, c.editorial_status,
          coalesce((SELECT string_agg(array_to_string(p.charges, '; '), '; ') FROM case_party p WHERE p.case_id = c.id), '') AS charges,
          coalesce((SELECT array_agg(a.instrument || ':' || a.article) FROM case_cites_article a WHERE a.case_id = c.id), '{}') AS articles
        FROM legal_case c WHERE c.id = ANY(${sql.param(ids)}::text[])`,
  );
  await insertEntries(
    db,
    list.map((c) => ({
      kind: 'case' as const,
      item_id: c.id,
      work_id: null,
      country: c.country,
      language: c.language,
      date: c.date,
      title: c.title,
      body: ['facts', 'issues', 'decision', 'reasoning', 'procedural_history', 'commentary']
        .map((k) => c.brief[k] ?? '')
        .filter(Boolean)
        .join('\n\n'),
      context: `${c.court} ${c.keywords.join(' ')} ${c.charges}`,
      url: `/cases/${c.id}`,
      concepts: c.concepts,
      articles: c.articles,
      court: c.court,
      status: c.outcome,
      tier: c.tier,
      editorial_status: c.editorial_status,
    })),
  );
}

export const indexDocument = (db: Orm, id: string) => indexDocuments(db, [id]);

export async function indexDocuments(db: Orm, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(
    sql`DELETE FROM search_entry WHERE kind = 'document' AND item_id = ANY(${sql.param(ids)}::text[])`,
  );
  const list = await rows<{
    id: string;
    country: string | null;
    title: string;
    date: string;
    language: string;
    summary: string;
    body: string;
    type: string;
    concepts: string[];
    authors: string[];
    tier: string;
    editorial_status: string;
  }>(
    db,
    sql`SELECT id, country, title, date, language, summary, body, type, concepts, authors, tier, editorial_status FROM document WHERE id = ANY(${sql.param(ids)}::text[])`,
  );
  await insertEntries(
    db,
    list.map((d) => ({
      kind: 'document' as const,
      item_id: d.id,
      work_id: null,
      country: d.country,
      language: d.language,
      date: d.date,
      title: d.title,
      body: `${d.summary}\n\n${d.body}`,
      context: d.authors.join(' '),
      url: `/documents/${d.id}`,
      concepts: d.concepts,
      articles: [],
      court: null,
      status: d.type,
      tier: d.tier,
      editorial_status: d.editorial_status,
    })),
  );
}

export async function indexArticles(db: Orm): Promise<void> {
  const list = await rows<{
    instrument: string;
    number: string;
    title: string;
    short_name: string;
    text: string | null;
    concepts: string[];
    adopted: string | null;
  }>(
    db,
    sql`SELECT a.instrument, a.number, a.title, i.short_name, a.text->>'eng' AS text, i.adopted,
          coalesce((SELECT array_agg(ca.concept) FROM concept_article ca WHERE ca.instrument = a.instrument AND ca.article = a.number), '{}') AS concepts
        FROM instrument_article a JOIN instrument i ON i.code = a.instrument`,
  );
  await db.execute(sql`DELETE FROM search_entry WHERE kind = 'article'`);
  await insertEntries(
    db,
    list.map((a) => ({
      kind: 'article' as const,
      item_id: `${a.instrument}:${a.number}`,
      work_id: null,
      country: null,
      language: 'eng',
      date: a.adopted,
      title: `${a.short_name}, Art. ${a.number}. ${a.title}`,
      body: a.text ?? a.title,
      url: `/instruments/${a.instrument}/articles/${encodeURIComponent(a.number)}`,
      concepts: a.concepts,
      articles: [`${a.instrument}:${a.number}`],
      court: null,
      status: null,
      tier: 'public',
      editorial_status: 'published',
    })),
  );
}

/**
 * The version of what the indexer writes: raise it when a change to indexing should reach every
 * installation's index (prepareDatabase rebuilds an index built by another version).
 * 2: concept terms matched in every language of core/languages.ts.
 * 3: German concept terms; Taiwan, Hong Kong and Macao terms; more terms for the ancillary, sanctions,
 *    safeguards and jurisdiction concepts.
 * 4: Ukrainian concept terms.
 * 5: current versions only, translations grouped, headings indexed apart (migration 0017); Chinese
 *    searched in simplified characters.
 */
export const SEARCH_INDEX_VERSION = 5;

/** Whether the index was built by this version of the indexer. */
export async function searchIndexCurrent(db: Orm): Promise<boolean> {
  const state = await one<{ version: number }>(db, sql`SELECT version FROM search_index_state`);
  return state?.version === SEARCH_INDEX_VERSION;
}

/**
 * Rebuilds the whole index (after imports and migrations) in one transaction: searches see the old
 * index until the new one is complete, and the database writes its log once, not once per law.
 * Returns the number of entries.
 */
export async function rebuildSearch(db: Orm): Promise<number> {
  const entries = await db.transaction((tx) => rebuildIn(tx as unknown as Orm));
  // The old rows are dead now: reclaimed at once, so that searches do not read past them, and the
  // planner's statistics renewed. (Not possible inside a caller's transaction; autovacuum will.)
  await db.execute(sql`VACUUM (ANALYZE) search_entry`).catch((err: { code?: string }) => {
    if (err.code !== '25001') throw err;
  });
  return entries;
}

async function rebuildIn(db: Orm): Promise<number> {
  await db.execute(sql`DELETE FROM search_entry`);
  await indexArticles(db);
  // In batches of items, a few statements each.
  const batches = async (table: string, size: number, index: (db: Orm, ids: string[]) => Promise<void>) => {
    const ids = (await rows<{ id: string }>(db, sql`SELECT id FROM ${sql.raw(table)} ORDER BY id`)).map(
      (r) => r.id,
    );
    for (let i = 0; i < ids.length; i += size) await index(db, ids.slice(i, i + size));
  };
  await batches('legal_work', 100, indexWorks);
  await batches('legal_case', 1000, indexCases);
  await batches('document', 1000, indexDocuments);
  const names = await rows<{ t: string }>(
    db,
    sql`SELECT value AS t FROM country, jsonb_each_text(names) UNION ALL SELECT value FROM concept, jsonb_each_text(labels)
                                                   UNION ALL SELECT jsonb_array_elements_text(value) FROM concept, jsonb_each(synonyms)`,
  );
  await addVocabulary(
    db,
    names.map((n) => n.t),
  );
  await db.execute(
    sql`INSERT INTO search_index_state (version) VALUES (${SEARCH_INDEX_VERSION})
        ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, built_at = now()`,
  );
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_entry`))!.n;
}

/** Keeps the index's copy of an item's editorial status and tier current after a workflow step. */
export async function syncVisibility(db: Orm, kind: 'work' | 'case' | 'document', id: string): Promise<void> {
  const table = sql.raw({ work: 'legal_work', case: 'legal_case', document: 'document' }[kind]);
  const where = kind === 'work' ? sql`s.work_id = ${id}` : sql`s.kind = ${kind} AND s.item_id = ${id}`;
  await db.execute(
    sql`UPDATE search_entry s SET tier = i.tier, editorial_status = i.editorial_status FROM ${table} i WHERE i.id = ${id} AND ${where}`,
  );
}
