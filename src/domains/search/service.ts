/**
 * One search over provisions, works, cases, documents and instrument articles: the user's query
 * syntax (words, "phrases", -exclusions, OR) matched in every language's configuration, concept
 * expansion across languages, filters with facet counts, highlighted snippets, relevance or date
 * order with keyset pagination, and spelling suggestions. Always within the viewer's access.
 */
import { sql, type SQL } from 'drizzle-orm';
import { visibilityKey, visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows, where } from '../../core/db/query.js';
import type { SearchParams, SearchResult } from './params.js';
import { badRequest } from '../../core/errors.js';
import { cachedSearch } from './cache.js';
import { scriptLanguages, understand, type Understood } from './query.js';
import { explainStatement, type Matching, throughIndexes } from './matches.js';
import { pageAndFacets } from './results.js';
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
 * How the query matches (`s` is a search_entry row): the viewer's access and the filters, the
 * query's words in any language's configuration, and the concepts it names (tagged or mapped items,
 * headings using a term for them; or, reaching further, texts using a term for them). How matches
 * rank is in ranking.ts.
 */
function matching(
  viewer: Viewer,
  q: SearchParams,
  text: string,
  understood: Understood | undefined,
  reach: Reach = 'strong',
  before?: SQL,
): Matching {
  const groups = conceptGroups(text, understood);
  const tq = reach === 'any words' ? understood?.relaxed : understood?.tq;
  const overlap = (column: SQL) =>
    groups.length
      ? sql.join(
          groups.map((codes) => sql`${column} && ${sql.param(codes)}::text[]`),
          sql` AND `,
        )
      : undefined;
  const tagged = overlap(sql`s.concepts`);
  const other = reach === 'strong' ? overlap(sql`s.head_concepts`) : overlap(sql`s.term_concepts`);
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
  return {
    filters,
    // no words (or stop words only): every entry passing the filters
    direct: tq ? sql`s.tsv @@ ${tq}` : undefined,
    named: tagged && other ? sql`((${tagged}) OR (${other}))` : undefined,
    tq,
    before,
    density: tq ? sql`(${understood?.density ?? sql`ts_rank(s.tsv, ${tq}, 32)`}) * ${KIND_WEIGHT}` : sql`0`,
    spec: {
      conceptGroups: groups,
      languages: [...new Set(understood?.expansions.flatMap((e) => e.languages) ?? [])],
      script: scriptLanguages(text),
    },
    expansions: understood?.expansions ?? [],
  };
}

/** What a search's matching finds, as one condition (items found by their words or the concepts named). */
const reached = (m: Matching): SQL =>
  sql`(${sql.join([m.direct ?? sql`true`, ...(m.named ? [m.named] : [])], sql` OR `)})`;

/**
 * The concepts a query names, by the term naming them: an item found through them covers each
 * group (two named: both); with OR between the query's words, one group (either) — a term naming
 * several concepts names any of them.
 */
function conceptGroups(text: string, understood: Understood | undefined): string[][] {
  const expansions = understood?.expansions ?? [];
  if (!expansions.length) return [];
  if (/\bOR\b/.test(text)) return [expansions.map((e) => e.code)];
  const byTerm = new Map<string, string[]>();
  for (const e of expansions)
    byTerm.set(e.matched.toLowerCase(), [...(byTerm.get(e.matched.toLowerCase()) ?? []), e.code]);
  return [...byTerm.values()];
}

/**
 * How far a search reaches: items with the query's words, mapped to or tagged with the concept it
 * names, or naming it in their heading (strong); also those using a term for the concept anywhere
 * in their text (weak: only when the strong are few — a word such as "interception" is in a large
 * share of all texts); items with any of the words (when fewer than a page have all of them).
 */
type Reach = 'strong' | 'weak' | 'any words';
/** Below this many strong matches, the weak ones are added. */
const FEW_STRONG = 50;
/** Below this many items with all the words (a page), items with some of them follow those with all. */
const FEW_ALL_WORDS = 10;

/**
 * Searches with parameters already read (by the route's schema or `parseSearch`); a search asked
 * again while the database has not changed is answered from memory (cache.ts).
 */
export function search(db: Orm, viewer: Viewer, q: SearchParams): Promise<SearchResult> {
  return cachedSearch(db, JSON.stringify([visibilityKey(viewer), q]), () => searchNow(db, viewer, q));
}

async function searchNow(db: Orm, viewer: Viewer, q: SearchParams): Promise<SearchResult> {
  await checkFilters(db, q);
  const text = q.q.trim();
  const understood = text ? await understand(db, text) : undefined;
  const strongly = matching(viewer, q, text, understood);
  const [strong, misspelt] = await Promise.all([
    pageAndFacets(db, q, strongly),
    text ? suggest(db, text, false) : null,
  ]);
  const weak = strong.total < FEW_STRONG && !!understood?.expansions.length;
  const strictly = weak ? matching(viewer, q, text, understood, 'weak') : strongly;
  const strict = weak ? await pageAndFacets(db, q, strictly) : strong;
  // Few items have all the words: then those with some of them, rather than a page left short.
  const relaxed = strict.total < FEW_ALL_WORDS && understood?.relaxed !== undefined;
  const anyWords = relaxed
    ? await pageAndFacets(db, q, matching(viewer, q, text, understood, 'any words', reached(strictly)))
    : null;
  const found = anyWords && anyWords.total > strict.total ? anyWords : strict;
  // A query naming a concept was understood: a correction only when it found next to nothing.
  const sure = !understood?.expansions.length;
  const suggestion = text ? await didYouMean(db, viewer, q, strict.total, misspelt, sure) : null;
  return {
    ...found,
    expansions: understood?.expansions ?? [],
    suggestion,
    relaxed: found === anyWords,
    all_words: strict.total,
  };
}

/** How PostgreSQL runs a search (EXPLAIN ANALYZE, BUFFERS): for the benchmark's report. */
export async function explainSearch(db: Orm, viewer: Viewer, q: SearchParams): Promise<string> {
  const text = q.q.trim();
  return explainStatement(db, q, matching(viewer, q, text, text ? await understand(db, text) : undefined));
}

/**
 * The correction to offer: when little was found, or when it is close enough to be surely meant
 * (`closeEnough`: not for a query understood as naming a concept, whose words may be inflected
 * forms of a term's) — and only one that finds something. A query that found nothing may be
 * misspelt in words that are words of another language ("ilegal acess"): then every word may be
 * corrected.
 */
async function didYouMean(
  db: Orm,
  viewer: Viewer,
  q: SearchParams,
  total: number,
  misspelt: Suggestion | null,
  closeEnough: boolean,
): Promise<string | null> {
  const candidates = [
    misspelt && (total < 3 || (closeEnough && misspelt.similarity >= 0.6)) ? misspelt : null,
  ];
  if (total === 0) candidates.push(await suggest(db, q.q, true));
  for (const c of candidates)
    if (c && c.text !== q.q.trim().toLowerCase() && (await findsSomething(db, viewer, { ...q, q: c.text })))
      return c.text;
  return null;
}

async function findsSomething(db: Orm, viewer: Viewer, q: SearchParams): Promise<boolean> {
  const m = matching(viewer, q, q.q, await understand(db, q.q), 'weak');
  const reached = [m.direct, m.named].filter((c): c is SQL => !!c);
  const [r] = await throughIndexes(db, (tx) =>
    rows<{ found: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM search_entry s WHERE ${m.filters} AND (${sql.join(reached, sql` OR `)})) AS found`,
    ),
  );
  return r.found;
}
