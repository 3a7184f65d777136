/**
 * One search over provisions, works, cases, documents and instrument articles: the user's query
 * syntax (words, "phrases", -exclusions, OR) matched in every language's configuration, concept
 * expansion across languages, filters with facet counts, highlighted snippets, relevance or date
 * order with keyset pagination, and spelling suggestions. Always within the viewer's access.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { decodeCursor, encodeCursor, rows, where } from '../../core/db/query.js';
import { badRequest } from '../../core/errors.js';
import { conceptsNamedIn, type Expansion } from './concepts.js';
import { prepareQuery, queryExclusions, queryWords } from './text.js';
import { iso3AnyCase, pageCursor } from '../../core/codes.js';

export const KINDS = ['provision', 'work', 'case', 'document', 'article'] as const;
const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as [T, ...T[]])));

export const searchQuery = z.object({
  q: z.string().max(1000, 'A query can have at most 1,000 characters').default(''),
  type: list(KINDS).optional(),
  country: iso3AnyCase.optional(),
  region: z
    .string()
    .regex(/^\d{3}$/, 'an M49 code such as 014')
    .optional(),
  year_from: z.coerce.number().int().min(1800).max(2100).optional(),
  year_to: z.coerce.number().int().min(1800).max(2100).optional(),
  language: z
    .string()
    .regex(/^[a-z]{3}$/, 'a three-letter language code')
    .optional(),
  concept: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  article: z
    .string()
    .regex(/^[A-Z0-9]+:[0-9A-Za-z.-]+$/, 'CODE:NUMBER, e.g. ETS185:2')
    .optional(),
  court: z.string().max(200).optional(),
  status: z.string().max(60).optional(),
  sort: z.enum(['relevance', 'date', '-date']).default('relevance'),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** A search as a caller writes it (a URL's query string will do); `parseSearch` makes it `SearchParams`. */
export type SearchQuery = z.input<typeof searchQuery>;
export type SearchParams = z.output<typeof searchQuery>;

/** Reads a search from a page's query string, a feed or a saved search: a 400 names each field that is wrong. */
export function parseSearch(input: SearchQuery): SearchParams {
  const parsed = searchQuery.safeParse(input);
  if (!parsed.success)
    throw badRequest('The search is not valid', {
      fields: parsed.error.issues.map((i) => ({
        field: `querystring.${i.path.join('.')}`,
        message: i.message,
      })),
    });
  return parsed.data;
}

export type SearchHit = {
  type: string;
  id: string;
  title: string;
  country: string | null;
  language: string;
  date: string | null;
  snippet: string;
  url: string;
  score: number;
  reason: SearchReason | null;
};
/** Why an item was found without its words: tagged with or mapped to a concept the query names, or using a term for it. */
export type SearchReason = { match: 'tagged' | 'term'; concepts: string[] };
export type Facets = Record<string, { value: string; count: number }[]>;
export type SearchResult = {
  total: number;
  items: SearchHit[];
  facets: Facets;
  next_cursor: string | null;
  expansions: Expansion[];
  suggestion: string | null;
};

const HL_START = '\u27E6';
const HL_STOP = '\u27E7';
const KIND_WEIGHT = sql`CASE s.kind WHEN 'work' THEN 1.2 WHEN 'provision' THEN 1.0 WHEN 'case' THEN 1.0 WHEN 'document' THEN 0.9 ELSE 0.8 END`;

let configsCache: { at: number; list: string[] } | undefined;
async function indexedConfigs(db: Orm): Promise<string[]> {
  if (!configsCache || Date.now() - configsCache.at > 60_000)
    configsCache = {
      at: Date.now(),
      list: (await rows<{ c: string }>(db, sql`SELECT DISTINCT config::text AS c FROM search_entry`)).map(
        (r) => r.c,
      ),
    };
  return configsCache.list.length ? configsCache.list : ['simple'];
}

/** Languages written in the query's script, when that script says much (Arabic, Cyrillic, Thai, Han). */
function scriptLanguages(text: string): string[] {
  if (/\p{Script=Arabic}/u.test(text)) return ['ara'];
  if (/\p{Script=Cyrillic}/u.test(text)) return ['rus'];
  if (/\p{Script=Thai}/u.test(text)) return ['tha'];
  if (/\p{Script=Han}/u.test(text)) return ['zho', 'jpn'];
  return [];
}

/** Unknown filter values are a 400 naming them, not an empty result. */
async function checkFilters(db: Orm, q: z.infer<typeof searchQuery>) {
  if (q.country === undefined && q.region === undefined && q.concept === undefined && q.article === undefined)
    return;
  const [check] = await rows<{ country: boolean; region: boolean; concept: boolean; article: boolean }>(
    db,
    sql`SELECT ${q.country ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM country WHERE iso3 = ${q.country ?? null}) AS country,
      ${q.region ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM m49_area WHERE code = ${q.region ?? null}) AS region,
      ${q.concept ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM concept WHERE code = ${q.concept ?? null}) AS concept,
      ${q.article ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM instrument_article WHERE instrument || ':' || number = ${q.article ?? null}) AS article`,
  );
  const unknown = Object.entries(check)
    .filter(([, ok]) => !ok)
    .map(([name]) => `${name}=${q[name as keyof typeof q]}`);
  if (unknown.length)
    throw badRequest(`Unknown filter value: ${unknown.join(', ')}`, {
      fields: unknown.map((u) => ({ field: `querystring.${u.split('=')[0]}`, message: 'unknown value' })),
    });
}

/**
 * The query in every indexed language's configuration, OR'ed, with duplicates removed (most
 * configurations turn most words into the same lexemes), as one tsquery value. It is compiled
 * first and sent as a parameter so that the planner sees it (its selectivity) and each row is
 * checked against it once.
 */
async function compileQuery(db: Orm, configs: string[], prepared: string): Promise<SQL> {
  const variants = sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${prepared})`),
    sql`, `,
  );
  const [{ tq }] = await rows<{ tq: string }>(
    db,
    sql`SELECT coalesce(string_agg(DISTINCT '(' || v::text || ')', ' | '), '') AS tq FROM unnest(ARRAY[${variants}]) AS v WHERE v::text <> ''`,
  );
  return sql`${tq}::tsquery`;
}

/** Searches with parameters already read (by the route's schema or `parseSearch`). */
export async function search(db: Orm, viewer: Viewer, q: SearchParams): Promise<SearchResult> {
  await checkFilters(db, q);
  const text = q.q.trim();
  const prepared = prepareQuery(text);
  const configs = await indexedConfigs(db);
  const [tq, expansions] = await Promise.all([
    text ? compileQuery(db, configs, prepared) : undefined,
    text ? conceptsNamedIn(db, text) : [],
  ]);
  const codes = expansions.map((e) => e.code);

  const direct = tq ? sql`s.tsv @@ ${tq}` : sql`true`;
  const tagged = codes.length ? sql`s.concepts && ${sql.param(codes)}::text[]` : sql`false`;
  const synonym = codes.length ? sql`s.term_concepts && ${sql.param(codes)}::text[]` : sql`false`;
  const filters = where(
    visibleTo(viewer, 's'),
    q.type && sql`s.kind = ANY(${sql.param(q.type)}::text[])`,
    q.country && sql`s.country = ${q.country}`,
    q.region &&
      sql`s.country IN (SELECT iso3 FROM country WHERE ${q.region} IN (region_code, subregion_code, intermediate_code))`,
    q.year_from !== undefined && sql`s.year >= ${q.year_from}`,
    q.year_to !== undefined && sql`s.year <= ${q.year_to}`,
    q.language && sql`s.language = ${q.language}`,
    q.concept && sql`${q.concept} = ANY(s.concepts)`,
    q.article && sql`${q.article} = ANY(s.articles)`,
    q.court && sql`s.court = ${q.court}`,
    q.status && sql`s.status = ${q.status}`,
    sql`(${direct} OR ${tagged} OR ${synonym})`,
    // An exclusion applies to everything, items found through a concept included.
    ...queryExclusions(text).map(
      (x) =>
        sql`NOT s.tsv @@ (${sql.join(
          configs.map((c) => sql`phraseto_tsquery(${c}::regconfig, ${prepareQuery(x)})`),
          sql` || `,
        )})`,
    ),
  );
  // Direct matches rank by ts_rank_cd; items found through a concept rank below them, by how
  // strongly their text uses the concept's terms, items in the query's script first.
  const script = scriptLanguages(text);
  const expansionRank = codes.length ? sql`CASE WHEN ${synonym} THEN 0.03 ELSE 0 END` : sql`0`;
  const sameScript = script.length
    ? sql`CASE WHEN s.language = ANY(${sql.param(script)}::text[]) THEN 0.02 ELSE 0 END`
    : sql`0`;
  const score = tq
    ? sql`(ts_rank(s.tsv, ${tq}, 32) * ${KIND_WEIGHT} + ${expansionRank} + CASE WHEN ${tagged} THEN 0.02 ELSE 0 END + ${sameScript})`
    : sql`0`;
  const [found, suggestion] = await Promise.all([
    pageAndFacets(db, q, filters, score, direct, tagged, synonym, tq, expansions),
    text ? suggest(db, text) : Promise.resolve(null),
  ]);
  const { total, ...items } = found;
  // Offer the correction when little was found, or when the correction is close enough to be surely meant.
  const offer = suggestion && (total < 3 || suggestion.similarity >= 0.6) ? suggestion.text : null;
  return { total, ...items, expansions, suggestion: offer };
}

/**
 * One statement: the matches are found (and scored) once, then give the page, with snippets for
 * its rows only, the total and every facet count.
 */
async function pageAndFacets(
  db: Orm,
  q: z.infer<typeof searchQuery>,
  filters: SQL,
  score: SQL,
  direct: SQL,
  tagged: SQL,
  synonym: SQL,
  highlight: SQL | undefined,
  expansions: Expansion[],
) {
  const byDate = q.sort !== 'relevance' || !q.q.trim();
  const desc = q.sort !== 'date';
  const cursor = decodeCursor(q.cursor, byDate ? 'text' : 'number');
  const dir = sql.raw(desc ? 'DESC' : 'ASC');
  const after = cursor
    ? desc
      ? sql`(m.k, m.id) < (${cursor.k}, ${cursor.id})`
      : sql`(m.k, m.id) > (${cursor.k}, ${cursor.id})`
    : sql`true`;
  const opts = `StartSel=${HL_START}, StopSel=${HL_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;
  type Row = Omit<SearchHit, 'id' | 'reason'> & {
    id: number;
    item_id: string;
    k: string | number;
    direct: boolean;
    tagged: boolean;
    synonym: boolean;
  };
  const [result] = await rows<{
    total: number;
    items: Row[];
    facets: { facet: string; value: string; count: number }[] | null;
  }>(
    db,
    sql`WITH m AS MATERIALIZED (
          SELECT x.*, ${byDate ? sql`coalesce(x.date, '0001-01-01')::text` : sql`x.score`} AS k FROM (
            SELECT s.id, s.kind, s.country, s.language, s.year, s.court, s.status, s.concepts, s.articles, ${byDate ? sql`s.date,` : sql``}
                   ${score} AS score, ${direct} AS direct, ${tagged} AS tagged, ${synonym} AS synonym
            FROM search_entry s WHERE ${filters}) x),
        page AS (SELECT * FROM m WHERE ${after} ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${q.limit + 1})
        SELECT (SELECT count(*)::int FROM m) AS total,
          (SELECT coalesce(json_agg(h ORDER BY h.k ${dir}, h.id ${dir}), '[]') FROM (
             SELECT p.id, p.k, p.score, p.direct, p.tagged, p.synonym, s.kind AS type, s.item_id, s.title, s.country, s.language, s.date, s.url,
                    ${highlight ? sql`ts_headline(s.config, s.body, ${highlight}, ${opts})` : sql`left(s.body, 240)`} AS snippet
             FROM page p JOIN search_entry s ON s.id = p.id) h) AS items,
          (SELECT json_agg(f) FROM (
             SELECT CASE WHEN GROUPING(kind) = 0 THEN 'type' WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(language) = 0 THEN 'language'
                         WHEN GROUPING(year) = 0 THEN 'year' WHEN GROUPING(court) = 0 THEN 'court' ELSE 'status' END AS facet,
                    coalesce(kind, country, language, year::text, court, status) AS value, count(*)::int AS count
             FROM m GROUP BY GROUPING SETS ((kind), (country), (language), (year), (court), (status))
             HAVING coalesce(kind, country, language, year::text, court, status) IS NOT NULL
             UNION ALL SELECT 'region', coalesce(c.intermediate_code, c.subregion_code, c.region_code), sum(n)::int
               FROM (SELECT country, count(*) AS n FROM m WHERE country IS NOT NULL GROUP BY country) bc JOIN country c ON c.iso3 = bc.country WHERE coalesce(c.intermediate_code, c.subregion_code, c.region_code) IS NOT NULL GROUP BY 2
             UNION ALL SELECT 'concept', x, count(*)::int FROM m, unnest(m.concepts) x WHERE cardinality(m.concepts) > 0 GROUP BY x
             UNION ALL SELECT 'article', x, count(*)::int FROM m, unnest(m.articles) x WHERE cardinality(m.articles) > 0 GROUP BY x) f) AS facets`,
  );
  const list = result.items;
  const more = list.length > q.limit;
  const shown = list.slice(0, q.limit);
  const last = shown.at(-1);
  const reasonFor = (h: { direct: boolean; tagged: boolean; synonym: boolean }): SearchReason | null =>
    h.direct || !expansions.length
      ? null
      : { match: h.tagged ? 'tagged' : 'term', concepts: expansions.map((e) => e.code) };
  const facets: Facets = {};
  for (const r of result.facets ?? []) (facets[r.facet] ??= []).push({ value: r.value, count: r.count });
  for (const [name, values] of Object.entries(facets))
    facets[name] = values
      .sort((a, b) =>
        name === 'year'
          ? Number(b.value) - Number(a.value)
          : b.count - a.count || a.value.localeCompare(b.value),
      )
      .slice(0, 40);
  return {
    total: result.total,
    facets,
    items: shown.map((h) => ({
      type: h.type,
      id: h.item_id,
      title: h.title,
      country: h.country,
      language: h.language,
      date: h.date,
      snippet: h.snippet,
      url: h.url,
      score: Number(Number(h.score).toFixed(4)),
      reason: reasonFor(h),
    })),
    next_cursor: more && last ? encodeCursor({ k: last.k, id: last.id }) : null,
  };
}

/** "Did you mean": each word that is not a known word replaced by the most similar one, if any. */
/** Edit distance counting a swap of two neighbouring letters as one edit (keyna → kenya: 1). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** "Did you mean": each word that is not a known word replaced by the closest known one, if any. */
async function suggest(db: Orm, text: string): Promise<{ text: string; similarity: number } | null> {
  const words = queryWords(text);
  if (!words.length) return null;
  const found = await rows<{ word: string; term: string; similarity: number }>(
    db,
    // Candidates by trigram similarity (a low threshold, so that transposed letters are caught: the
    // vocabulary is small), then the closest by edit distance.
    sql`SELECT w AS word, c.term, c.similarity FROM unnest(${sql.param(words)}::text[]) AS w
        CROSS JOIN LATERAL (SELECT term, similarity(term, w) AS similarity FROM search_vocab WHERE similarity(term, w) > 0.15 AND term <> w
                            ORDER BY similarity(term, w) DESC, term LIMIT 12) c
        WHERE NOT EXISTS (SELECT 1 FROM search_vocab WHERE term = w)`,
  );
  const best = new Map<string, { term: string; similarity: number; distance: number }>();
  for (const f of found) {
    const distance = editDistance(f.word, f.term);
    if (distance > Math.max(2, Math.floor(f.word.length / 3))) continue;
    const current = best.get(f.word);
    if (
      !current ||
      distance < current.distance ||
      (distance === current.distance && f.similarity > current.similarity)
    )
      best.set(f.word, { term: f.term, similarity: Number(f.similarity), distance });
  }
  if (!best.size) return null;
  // How sure: 1 for a single edit, less for more.
  const sureness = Math.min(...[...best.values()].map((b) => (b.distance <= 1 ? 1 : b.similarity)));
  return { text: words.map((w) => best.get(w)?.term ?? w).join(' '), similarity: sureness };
}

/** Splits a snippet into plain and highlighted pieces (for pages) — text is never HTML. */
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
