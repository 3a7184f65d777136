/**
 * The one statement a search runs: its matches found once (narrow columns only), a provision's
 * translations collapsed to the best of them, then the page (snippets for its rows only), the total
 * and every facet count.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { decodeCursor, encodeCursor, rows } from '../../core/db/query.js';
import type { Expansion } from './concepts.js';
import type { Facets, SearchHit, SearchParams, SearchReason } from './params.js';

export const HL_START = '\u27E6';
export const HL_STOP = '\u27E7';

/**
 * How an item was matched, as SQL over search_entry `s`, and what orders by relevance: `signals`,
 * cheap to compute for every match (heading, concepts), and `density`, how densely the text uses the
 * query's words (ts_rank: it reads the whole tsvector, so it is computed for the best candidates only).
 */
export type Matching = {
  filters: SQL;
  signals: SQL;
  density: SQL;
  /** Of a provision's translations that match as well, the one to show (in the reader's language). */
  preferred: SQL;
  direct: SQL;
  tagged: SQL;
  synonym: SQL;
  highlight: SQL | undefined;
  expansions: Expansion[];
};

type Row = Omit<SearchHit, 'id' | 'reason' | 'other_versions'> & {
  id: number;
  item_id: string;
  k: string | number;
  direct: boolean;
  tagged: boolean;
  synonym: boolean;
  other_versions: number;
};

/** How many of the best matches by signals are ranked by density. */
const CANDIDATES = 300;

const SNIPPET = `StartSel=${HL_START}, StopSel=${HL_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** The statement, for running and for EXPLAIN. */
function statement(q: SearchParams, m: Matching) {
  const byDate = q.sort !== 'relevance' || !q.q.trim();
  const desc = q.sort !== 'date';
  const cursor = decodeCursor(q.cursor, byDate ? 'text' : 'number');
  const dir = sql.raw(desc ? 'DESC' : 'ASC');
  const after = cursor
    ? desc
      ? sql`(m.k, m.id) < (${cursor.k}, ${cursor.id})`
      : sql`(m.k, m.id) > (${cursor.k}, ${cursor.id})`
    : sql`true`;
  // By relevance: the signals of every match, then the density of the best CANDIDATES by signals
  // (shorter texts first among equals) — the cost of ranking does not grow with the number of matches.
  const ranked = byDate
    ? sql`ranked AS (SELECT m.*, m.date_key AS k FROM m)`
    : sql`best AS (SELECT c.id, ${m.density} AS r FROM (SELECT id FROM m ORDER BY pre DESC, size, id LIMIT ${CANDIDATES}) c JOIN search_entry s ON s.id = c.id),
          ranked AS (SELECT m.*, m.pre + coalesce(b.r, 0) AS k FROM m LEFT JOIN best b ON b.id = m.id)`;
  return {
    byDate,
    sql: sql`WITH hit AS MATERIALIZED (
          SELECT s.id, s.group_key, s.grouped, s.kind, s.country, s.language, s.year, s.court, s.status, s.concepts, s.articles,
                 ${byDate ? sql`coalesce(s.date, '0001-01-01')::text` : sql`''`} AS date_key, ${byDate ? sql`0` : m.signals} AS pre, octet_length(s.body) AS size,
                 ${m.preferred} AS preferred
          FROM search_entry s WHERE ${m.filters}),
        -- a provision in several languages is one hit: the best of its translations
        m AS MATERIALIZED (
          SELECT * FROM hit WHERE NOT grouped
          UNION ALL (SELECT DISTINCT ON (group_key) * FROM hit WHERE grouped ORDER BY group_key, pre DESC, preferred DESC, size, id)),
        ${ranked},
        page AS (SELECT * FROM ranked m WHERE ${after} ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${q.limit + 1})
        SELECT (SELECT count(*)::int FROM m) AS total,
          (SELECT coalesce(json_agg(h ORDER BY h.k ${dir}, h.id ${dir}), '[]') FROM (
             SELECT p.id, p.k, ${m.direct} AS direct, ${m.tagged} AS tagged, ${m.synonym} AS synonym, s.kind AS type, s.item_id, s.title, s.country, s.language, s.date, s.url, s.other_versions,
                    ${m.highlight ? sql`ts_headline(s.config, s.body, ${m.highlight}, ${SNIPPET})` : sql`left(s.body, 240)`} AS snippet
             FROM page p JOIN search_entry s ON s.id = p.id) h) AS items,
          (WITH g AS (
             SELECT CASE WHEN GROUPING(kind) = 0 THEN 'type' WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(language) = 0 THEN 'language'
                         WHEN GROUPING(year) = 0 THEN 'year' WHEN GROUPING(court) = 0 THEN 'court' ELSE 'status' END AS facet,
                    coalesce(kind, country, language, year::text, court, status) AS value, count(*)::int AS count
             FROM m GROUP BY GROUPING SETS ((kind), (country), (language), (year), (court), (status))
             HAVING coalesce(kind, country, language, year::text, court, status) IS NOT NULL)
           SELECT json_agg(f) FROM (
             SELECT * FROM g
             -- regions from the countries' counts, concepts and articles in one pass over the matches
             UNION ALL SELECT 'region', coalesce(c.intermediate_code, c.subregion_code, c.region_code), sum(g.count)::int
               FROM g JOIN country c ON c.iso3 = g.value WHERE g.facet = 'country' AND coalesce(c.intermediate_code, c.subregion_code, c.region_code) IS NOT NULL GROUP BY 2
             UNION ALL SELECT x.facet, x.value, count(*)::int FROM m CROSS JOIN LATERAL (
                 SELECT 'concept' AS facet, unnest(m.concepts) AS value UNION ALL SELECT 'article', unnest(m.articles)) x
               WHERE cardinality(m.concepts) + cardinality(m.articles) > 0 GROUP BY 1, 2) f) AS facets`,
  };
}

export async function pageAndFacets(db: Orm, q: SearchParams, m: Matching) {
  const { byDate, sql: statementSql } = statement(q, m);
  const [result] = await throughIndexes(db, (tx) =>
    rows<{ total: number; items: Row[]; facets: { facet: string; value: string; count: number }[] | null }>(
      tx,
      statementSql,
    ),
  );
  const shown = result.items.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    total: result.total,
    facets: facetsOf(result.facets ?? []),
    items: shown.map((h) => hitOf(h, m.expansions, byDate)),
    next_cursor: result.items.length > q.limit && last ? encodeCursor({ k: last.k, id: last.id }) : null,
  };
}

function hitOf(h: Row, expansions: Expansion[], byDate: boolean): SearchHit {
  const reason: SearchReason | null =
    h.direct || !expansions.length
      ? null
      : { match: h.tagged ? 'tagged' : 'term', concepts: expansions.map((e) => e.code) };
  return {
    type: h.type,
    id: h.item_id,
    title: h.title,
    country: h.country,
    language: h.language,
    date: h.date,
    snippet: h.snippet,
    url: h.url,
    score: byDate ? 0 : Number(Number(h.k).toFixed(4)),
    reason,
    other_versions: h.other_versions,
  };
}

/**
 * Runs a search's statement with the planner told to find rows through the indexes: its estimate
 * of matching a tsvector is far too cheap, so that for a query matching a fifth of the index it
 * would read (and decompress) every row instead — 10 to 20 times slower.
 */
export function throughIndexes<T>(db: Orm, run: (tx: Orm) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return run(tx as unknown as Orm);
  });
}

/** The plan of a search's statement, as PostgreSQL ran it (for the benchmark's report). */
export async function explainStatement(db: Orm, q: SearchParams, m: Matching): Promise<string> {
  const plan = await throughIndexes(db, (tx) =>
    rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${statement(q, m).sql}`),
  );
  return plan.map((r) => r['QUERY PLAN']).join('\n');
}

/** The counts of each facet, most frequent first (years newest first), at most 40 values. */
function facetsOf(list: { facet: string; value: string; count: number }[]): Facets {
  const facets: Facets = {};
  for (const r of list) (facets[r.facet] ??= []).push({ value: r.value, count: r.count });
  for (const [name, values] of Object.entries(facets))
    facets[name] = values
      .sort((a, b) =>
        name === 'year'
          ? Number(b.value) - Number(a.value)
          : b.count - a.count || a.value.localeCompare(b.value),
      )
      .slice(0, 40);
  return facets;
}

/** The snippet, split into plain and highlighted pieces (for pages) — text is never HTML. */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  for (const chunk of snippet.split(HL_START)) {
    const [marked, rest] = chunk.includes(HL_STOP) ? chunk.split(HL_STOP, 2) : [null, chunk];
    if (marked !== null) parts.push({ text: marked, mark: true });
    if (rest) parts.push({ text: rest, mark: false });
  }
  return parts;
}

/** The snippet as HTML for API clients: text escaped, highlights in <mark>. */
export const snippetHtml = (snippet: string) =>
  snippetParts(snippet)
    .map((p) => {
      const safe = p.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return p.mark ? `<mark>${safe}</mark>` : safe;
    })
    .join('');
