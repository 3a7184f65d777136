/**
 * Keeps the search index (search_entry) in step with the repository: one entry per provision,
 * work, case, document and instrument article, with its access tier and editorial status, the
 * concepts and articles it is tagged with or mapped to, and a weighted tsvector in the
 * configuration of its language (text segmented first for Chinese, Japanese and Thai).
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { insertEntries } from './entries.js';
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

/** Keeps the index's copy of an item's editorial status and tier current after a workflow step. */
export async function syncVisibility(db: Orm, kind: 'work' | 'case' | 'document', id: string): Promise<void> {
  const table = sql.raw({ work: 'legal_work', case: 'legal_case', document: 'document' }[kind]);
  const where = kind === 'work' ? sql`s.work_id = ${id}` : sql`s.kind = ${kind} AND s.item_id = ${id}`;
  await db.execute(
    sql`UPDATE search_entry s SET tier = i.tier, editorial_status = i.editorial_status FROM ${table} i WHERE i.id = ${id} AND ${where}`,
  );
}
