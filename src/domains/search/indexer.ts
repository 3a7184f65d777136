/**
 * Keeps the search index (search_entry) in step with the repository: one entry per provision,
 * work, case, document and instrument article, with its access tier and editorial status, the
 * concepts and articles it is tagged with or mapped to, and a weighted tsvector in the
 * configuration of its language (text segmented first for Chinese, Japanese and Thai).
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { termMatcher } from './concepts.js';
import { configFor, normalise, segmentFor } from './text.js';

type Entry = {
  kind: 'provision' | 'work' | 'case' | 'document' | 'article';
  item_id: string;
  work_id: string | null;
  country: string | null;
  language: string;
  date: string | null;
  title: string;
  body: string;
  url: string;
  concepts: string[];
  articles: string[];
  court: string | null;
  status: string | null;
  tier: string;
  editorial_status: string;
  /** weaker text, e.g. the law's title on each of its provisions */
  context?: string;
};

async function insertEntries(db: Orm, entries: Entry[]): Promise<void> {
  const usesTerms = await termMatcher(db);
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000).map(({ context, ...e }) => ({
      ...e,
      term_concepts: usesTerms(`${e.title}\n${e.body}`, e.language),
      config: configFor(e.language),
      year: e.date ? Number(e.date.slice(0, 4)) : null,
      body: segmentFor(e.body, e.language),
      title_seg: segmentFor(e.title, e.language),
      context_seg: segmentFor(context ?? '', e.language),
    }));
    await db.execute(sql`
      INSERT INTO search_entry (kind, item_id, work_id, country, language, config, date, year, title, body, url, concepts, term_concepts, articles, court, status, tier, editorial_status, tsv)
      SELECT kind, item_id, work_id, country, language, config::regconfig, date, year, title, body, url, concepts, term_concepts, articles, court, status, tier, editorial_status,
             setweight(to_tsvector(config::regconfig, title_seg), 'A') || setweight(to_tsvector(config::regconfig, body), 'B') || setweight(to_tsvector(config::regconfig, context_seg), 'C')
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(kind text, item_id text, work_id text, country text, language text, config text, date date, year int,
        title text, body text, url text, concepts text[], term_concepts text[], articles text[], court text, status text, tier text, editorial_status text, title_seg text, context_seg text)
      ON CONFLICT (kind, item_id) DO UPDATE SET work_id = EXCLUDED.work_id, country = EXCLUDED.country, language = EXCLUDED.language, config = EXCLUDED.config,
        date = EXCLUDED.date, year = EXCLUDED.year, title = EXCLUDED.title, body = EXCLUDED.body, url = EXCLUDED.url, concepts = EXCLUDED.concepts, term_concepts = EXCLUDED.term_concepts,
        articles = EXCLUDED.articles, court = EXCLUDED.court, status = EXCLUDED.status, tier = EXCLUDED.tier, editorial_status = EXCLUDED.editorial_status, tsv = EXCLUDED.tsv`);
  }
  // Only public, published titles feed "did you mean": a suggestion must not reveal a hidden item.
  await addVocabulary(
    db,
    entries
      .filter((e) => e.kind !== 'provision' && e.tier === 'public' && e.editorial_status === 'published')
      .map((e) => e.title),
  );
}

export async function addVocabulary(db: Orm, texts: string[]): Promise<void> {
  const words = [
    ...new Set(
      texts.flatMap((t) => normalise(t).split(' ')).filter((w) => w.length >= 4 && !/^\d+$/.test(w)),
    ),
  ];
  if (words.length)
    await db.execute(
      sql`INSERT INTO search_vocab (term) SELECT unnest(${sql.param(words)}::text[]) ON CONFLICT DO NOTHING`,
    );
}

type WorkRow = {
  id: string;
  country: string;
  uri: string;
  title: Record<string, string>;
  short_title: string | null;
  concepts: string[];
  tier: string;
  editorial_status: string;
  status: string;
  date_adopted: string | null;
  year: number;
};

/**
 * Indexes a work: each of its provisions and the work itself (titles and the text of its files).
 * `only: 'work'` redoes just the work's own entry, e.g. after a file was attached.
 */
export async function indexWork(db: Orm, workId: string, only?: 'work'): Promise<void> {
  await db.execute(
    only
      ? sql`DELETE FROM search_entry WHERE work_id = ${workId} AND kind = 'work'`
      : sql`DELETE FROM search_entry WHERE work_id = ${workId}`,
  );
  const w = await one<WorkRow>(
    db,
    sql`SELECT id, country, uri, title, short_title, concepts, tier, editorial_status, status, date_adopted, year FROM legal_work WHERE id = ${workId}`,
  );
  if (!w) return;
  // What each provision (by eId) is mapped to, once for the whole work.
  const mapped = sql`SELECT m.eid, array_agg(DISTINCT m.instrument || ':' || m.article) AS articles,
                            coalesce(array_agg(DISTINCT ca.concept) FILTER (WHERE ca.concept IS NOT NULL), '{}') AS concepts
                     FROM mapping m LEFT JOIN concept_article ca ON ca.instrument = m.instrument AND ca.article = m.article
                     WHERE m.work_id = ${workId} AND m.status = 'accepted' GROUP BY m.eid`;
  // (one after the other: inside a transaction the statements share one connection)
  const main = await one<{ language: string; title: string }>(
    db,
    sql`SELECT language, title FROM legal_expression WHERE work_id = ${workId} ORDER BY authoritative DESC, date DESC LIMIT 1`,
  );
  const totals = await one<{ articles: string[]; concepts: string[] }>(
    db,
    sql`SELECT coalesce(array_agg(DISTINCT a), '{}') AS articles, coalesce((SELECT array_agg(DISTINCT c) FROM (${mapped}) x, unnest(x.concepts) c), '{}') AS concepts FROM (${mapped}) m, unnest(m.articles) a`,
  );
  // The text of the files kept with the law (e.g. the gazette PDF it was imported from).
  const files = await one<{ text: string }>(
    db,
    sql`SELECT coalesce(string_agg(left(extracted_text, 200000), E'\n'), '') AS text FROM attachment WHERE owner_type = 'work' AND owner_id = ${workId} AND extracted_text IS NOT NULL`,
  );
  const base = {
    work_id: w.id,
    country: w.country,
    court: null,
    status: w.status,
    tier: w.tier,
    editorial_status: w.editorial_status,
  };
  // Provisions in batches, so that a law of any size is indexed in bounded memory.
  for (let after = { e: 0, position: 0 }; !only; ) {
    const batch = await rows<{
      e: number;
      position: number;
      id: number;
      eid: string;
      number: string | null;
      heading: string | null;
      text: string;
      language: string;
      date: string;
      title: string;
      articles: string[];
      concepts: string[];
    }>(
      db,
      sql`SELECT e.id AS e, p.position, p.id, p.eid, p.number, p.heading, p.text, e.language, e.date, e.title, coalesce(m.articles, '{}') AS articles, coalesce(m.concepts, '{}') AS concepts
          FROM provision p JOIN legal_expression e ON e.id = p.expression_id LEFT JOIN (${mapped}) m ON m.eid = p.eid
          WHERE e.work_id = ${workId} AND (e.id, p.position) > (${after.e}, ${after.position}) ORDER BY e.id, p.position LIMIT 5000`,
    );
    if (!batch.length) break;
    await insertEntries(
      db,
      batch.map((p) => ({
        ...base,
        kind: 'provision' as const,
        item_id: String(p.id),
        language: p.language,
        date: p.date,
        title: `${p.title} — ${[p.number, p.heading].filter(Boolean).join(' ') || p.eid}`,
        body: p.text,
        context: `${[p.number, p.heading].filter(Boolean).join(' ')} ${p.title}`,
        url: `${w.uri}/${p.language}@${p.date}/~${p.eid}`,
        concepts: p.concepts, // what the provision is mapped to, not everything the law deals with
        articles: p.articles,
      })),
    );
    after = { e: batch.at(-1)!.e, position: batch.at(-1)!.position };
  }
  const entries: Entry[] = [];
  entries.push({
    ...base,
    kind: 'work',
    item_id: w.id,
    language: main?.language ?? 'eng',
    date: w.date_adopted ?? `${w.year}-01-01`,
    title: main?.title ?? w.title.eng ?? Object.values(w.title)[0],
    body: [...Object.values(w.title), w.short_title ?? '', files?.text ?? ''].join('. '),
    url: w.uri,
    concepts: [...new Set([...w.concepts, ...(totals?.concepts ?? [])])],
    articles: totals?.articles ?? [],
  });
  await insertEntries(db, entries);
}

export async function indexCase(db: Orm, id: string): Promise<void> {
  await db.execute(sql`DELETE FROM search_entry WHERE kind = 'case' AND item_id = ${id}`);
  const c = await one<{
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
        FROM legal_case c WHERE c.id = ${id}`,
  );
  if (!c) return;
  const brief = ['facts', 'issues', 'decision', 'reasoning', 'procedural_history', 'commentary']
    .map((k) => c.brief[k] ?? '')
    .filter(Boolean)
    .join('\n\n');
  await insertEntries(db, [
    {
      kind: 'case',
      item_id: c.id,
      work_id: null,
      country: c.country,
      language: c.language,
      date: c.date,
      title: c.title,
      body: brief,
      context: `${c.court} ${c.keywords.join(' ')} ${c.charges}`,
      url: `/cases/${c.id}`,
      concepts: c.concepts,
      articles: c.articles,
      court: c.court,
      status: c.outcome,
      tier: c.tier,
      editorial_status: c.editorial_status,
    },
  ]);
}

export async function indexDocument(db: Orm, id: string): Promise<void> {
  await db.execute(sql`DELETE FROM search_entry WHERE kind = 'document' AND item_id = ${id}`);
  const d = await one<{
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
    sql`SELECT id, country, title, date, language, summary, body, type, concepts, authors, tier, editorial_status FROM document WHERE id = ${id}`,
  );
  if (!d) return;
  await insertEntries(db, [
    {
      kind: 'document',
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
    },
  ]);
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

/** Rebuilds the whole index (after imports and migrations); returns the number of entries. */
/**
 * The version of what the indexer writes: raise it when a change to indexing should reach every
 * installation's index (prepareDatabase rebuilds an index built by another version).
 * 2: concept terms matched in every language of core/languages.ts.
 * 3: German concept terms; Taiwan, Hong Kong and Macao terms; more terms for the ancillary, sanctions,
 *    safeguards and jurisdiction concepts.
 * 4: Ukrainian concept terms.
 */
export const SEARCH_INDEX_VERSION = 4;

/** Whether the index was built by this version of the indexer. */
export async function searchIndexCurrent(db: Orm): Promise<boolean> {
  const state = await one<{ version: number }>(db, sql`SELECT version FROM search_index_state`);
  return state?.version === SEARCH_INDEX_VERSION;
}

export async function rebuildSearch(db: Orm): Promise<number> {
  await db.execute(sql`DELETE FROM search_entry`);
  await indexArticles(db);
  for (const { id } of await rows<{ id: string }>(db, sql`SELECT id FROM legal_work ORDER BY id`))
    await indexWork(db, id);
  for (const { id } of await rows<{ id: string }>(db, sql`SELECT id FROM legal_case ORDER BY id`))
    await indexCase(db, id);
  for (const { id } of await rows<{ id: string }>(db, sql`SELECT id FROM document ORDER BY id`))
    await indexDocument(db, id);
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
