/**
 * One search over provisions, works, cases, documents and instrument articles: the user's query
 * syntax (words, "phrases", -exclusions, OR) matched in every language's configuration, concept
 * expansion across languages, filters with facet counts, highlighted snippets, relevance or date
 * order with keyset pagination, and spelling suggestions. Always within the viewer's access.
 */
import { sql, type SQL } from 'drizzle-orm';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows, where } from '../../core/db/query.js';
import type { SearchParams, SearchResult } from './params.js';
import { badRequest } from '../../core/errors.js';
import { scriptLanguages, understand, type Understood } from './query.js';
import { explainStatement, pageAndFacets, throughIndexes, type Matching } from './results.js';
import { suggest, type Suggestion } from './suggest.js';
import { prepareQuery, queryExclusions } from './text.js';

/** Unknown filter values are a 400 naming them, not an empty result. */
async function checkFilters(db: Orm, q: SearchParams) {
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

/** Kinds of item, by how much a match in their own text weighs. */
const KIND_WEIGHT = sql`CASE s.kind WHEN 'work' THEN 1.2 WHEN 'provision' THEN 1.0 WHEN 'case' THEN 1.0 WHEN 'document' THEN 0.9 ELSE 0.8 END`;

/**
 * How the query matches (`s` is a search_entry row) and how a match ranks: what a lawyer expects
 * first is an item whose heading says what was asked, or that is mapped to (or tagged with) the
 * concept the query names, in any language; then items using the words, by how densely
 * (ts_rank); then items using another language's term for the concept. Items in the query's
 * script rank a little higher.
 */
function matching(
  viewer: Viewer,
  q: SearchParams,
  text: string,
  understood: Understood | undefined,
  reach: Reach = 'strong',
): Matching {
  const codes = understood?.expansions.map((e) => e.code) ?? [];
  const tq = reach === 'any words' ? understood?.relaxed : understood?.tq;
  const direct = tq ? sql`s.tsv @@ ${tq}` : sql`true`;
  const tagged = conceptCondition(sql`s.concepts`, text, understood);
  const synonym = conceptCondition(sql`s.term_concepts`, text, understood);
  const headTerm = conceptCondition(sql`s.head_concepts`, text, understood);
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
    reach === 'strong'
      ? sql`(${direct} OR ${tagged} OR ${headTerm})`
      : sql`(${direct} OR ${tagged} OR ${synonym})`,
    // An exclusion applies to everything, items found through a concept included.
    ...queryExclusions(text).map(
      (x) =>
        sql`NOT s.tsv @@ (${sql.join(
          (understood?.configs ?? ['simple']).map(
            (c) => sql`phraseto_tsquery(${c}::regconfig, ${prepareQuery(x)})`,
          ),
          sql` || `,
        )})`,
    ),
  );
  const script = scriptLanguages(text);
  // headings found through their own index, not read row by row
  const heading = tq
    ? sql`CASE WHEN s.id IN (SELECT id FROM search_entry WHERE head_tsv @@ ${tq}) THEN ${HEADING} ELSE 0 END`
    : sql`0`;
  // A law as a whole is tagged with everything its provisions are mapped to: that weighs less.
  const named = codes.length
    ? sql`CASE WHEN ${tagged} THEN CASE s.kind WHEN 'work' THEN ${TERM} ELSE ${TAGGED} END ELSE 0 END
          + CASE WHEN s.head_concepts && ${sql.param(codes)}::text[] THEN ${HEADING_TERM} ELSE 0 END + CASE WHEN ${synonym} THEN ${TERM} ELSE 0 END`
    : sql`0`;
  // The language of the terms the query named its concepts with, else the query's script, is the
  // reader's: an item in it that has the query's own words comes before one found in another language.
  const languages = [...new Set(understood?.expansions.flatMap((e) => e.languages) ?? [])];
  const sameLanguage = languages.length
    ? sql`CASE WHEN s.language = ANY(${sql.param(languages)}::text[]) THEN CASE WHEN ${direct} THEN ${SAME_LANGUAGE} ELSE 0 END ELSE 0 END`
    : script.length
      ? sql`CASE WHEN s.language = ANY(${sql.param(script)}::text[]) THEN ${SAME_SCRIPT} ELSE 0 END`
      : sql`0`;
  return {
    filters,
    signals: sql`(${heading} + ${named} + ${sameLanguage})`,
    density: tq ? sql`ts_rank(s.tsv, ${tq}, 32) * ${KIND_WEIGHT}` : sql`0`,
    preferred: languages.length ? sql`s.language = ANY(${sql.param(languages)}::text[])` : sql`false`,
    direct,
    tagged,
    synonym,
    highlight: tq,
    expansions: understood?.expansions ?? [],
  };
}

/**
 * An item found through the concepts a query names covers each of them (two named: both; with OR
 * between the query's words, either) — a term naming several concepts names any of them.
 */
function conceptCondition(column: SQL, text: string, understood: Understood | undefined): SQL {
  const expansions = understood?.expansions ?? [];
  if (!expansions.length) return sql`false`;
  if (/\bOR\b/.test(text)) return sql`${column} && ${sql.param(expansions.map((e) => e.code))}::text[]`;
  const byTerm = new Map<string, string[]>();
  for (const e of expansions)
    byTerm.set(e.matched.toLowerCase(), [...(byTerm.get(e.matched.toLowerCase()) ?? []), e.code]);
  return sql`(${sql.join(
    [...byTerm.values()].map((codes) => sql`${column} && ${sql.param(codes)}::text[]`),
    sql` AND `,
  )})`;
}

/** What a match is worth beyond its words' density (ts_rank with normalisation 32 is below 1, mostly below 0.2). */
const TAGGED = sql.raw('0.4');
const HEADING = sql.raw('0.3');
const HEADING_TERM = sql.raw('0.2');
const TERM = sql.raw('0.05');
const SAME_SCRIPT = sql.raw('0.02');
const SAME_LANGUAGE = sql.raw('0.15');

/**
 * How far a search reaches: items with the query's words, mapped to or tagged with the concept it
 * names, or naming it in their heading (strong); also those using a term for the concept anywhere
 * in their text (weak: only when the strong are few — a word such as "interception" is in a large
 * share of all texts); items with any of the words (when none has all of them).
 */
type Reach = 'strong' | 'weak' | 'any words';
/** Below this many strong matches, the weak ones are added. */
const FEW_STRONG = 50;

/** Searches with parameters already read (by the route's schema or `parseSearch`). */
export async function search(db: Orm, viewer: Viewer, q: SearchParams): Promise<SearchResult> {
  await checkFilters(db, q);
  const text = q.q.trim();
  const understood = text ? await understand(db, text) : undefined;
  const [strong, misspelt] = await Promise.all([
    pageAndFacets(db, q, matching(viewer, q, text, understood)),
    text ? suggest(db, text, false) : null,
  ]);
  const weak = strong.total < FEW_STRONG && !!understood?.expansions.length;
  const strict = weak ? await pageAndFacets(db, q, matching(viewer, q, text, understood, 'weak')) : strong;
  // Nothing has all the words: what has some of them, rather than nothing.
  const relaxed = strict.total === 0 && understood?.relaxed !== undefined;
  const anyWords = relaxed
    ? await pageAndFacets(db, q, matching(viewer, q, text, understood, 'any words'))
    : null;
  const found = anyWords?.total ? anyWords : strict;
  const suggestion = text ? await didYouMean(db, viewer, q, strict.total, misspelt) : null;
  return { ...found, expansions: understood?.expansions ?? [], suggestion, relaxed: found === anyWords };
}

/** How PostgreSQL runs a search (EXPLAIN ANALYZE, BUFFERS): for the benchmark's report. */
export async function explainSearch(db: Orm, viewer: Viewer, q: SearchParams): Promise<string> {
  const text = q.q.trim();
  return explainStatement(db, q, matching(viewer, q, text, text ? await understand(db, text) : undefined));
}

/**
 * The correction to offer: when little was found, or when it is close enough to be surely meant —
 * and only one that finds something. A query that found nothing may be misspelt in words that are
 * words of another language ("ilegal acess"): then every word may be corrected.
 */
async function didYouMean(
  db: Orm,
  viewer: Viewer,
  q: SearchParams,
  total: number,
  misspelt: Suggestion | null,
): Promise<string | null> {
  const candidates = [misspelt && (total < 3 || misspelt.similarity >= 0.6) ? misspelt : null];
  if (total === 0) candidates.push(await suggest(db, q.q, true));
  for (const c of candidates)
    if (c && c.text !== q.q.trim().toLowerCase() && (await findsSomething(db, viewer, { ...q, q: c.text })))
      return c.text;
  return null;
}

async function findsSomething(db: Orm, viewer: Viewer, q: SearchParams): Promise<boolean> {
  const m = matching(viewer, q, q.q, await understand(db, q.q), 'weak');
  const [r] = await throughIndexes(db, (tx) =>
    rows<{ found: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM search_entry s WHERE ${m.filters}) AS found`,
    ),
  );
  return r.found;
}
