/**
 * A search's page, total and facet counts: PostgreSQL finds the matches, memory ranks and counts
 * them (columns.ts, ranking.ts), PostgreSQL ranks the best by density and writes the snippets.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Orm, setForSearch } from '../../core/db/connect.js';
import { decodeCursor, encodeCursor, rows } from '../../core/db/query.js';
import { Matches, readColumns, VERSION } from './columns.js';
import type { Expansion } from './concepts.js';
import { firstSampleUpTo, SAMPLES, samplesQuery, samplesToRead } from './sample.js';
import type { Facets, SearchHit, SearchParams, SearchReason } from './params.js';
import {
  afterCursor,
  bySignals,
  collapse,
  countOf,
  covers,
  type FacetCount,
  facetCounts,
  firstOf,
  type Hit,
  order,
  type RankSpec,
  signals,
} from './ranking.js';

export const HL_START = '\u27E6';
export const HL_STOP = '\u27E7';

/**
 * How a search matches, as SQL over search_entry `s`: what every match must satisfy (access,
 * filters, exclusions), the query's words (`direct`; none: every entry passing the filters) and
 * what else is found through the concepts it names (`named`); `density`, how densely a text uses
 * the query's words (ts_rank: it reads the whole tsvector, so it is computed for the best
 * candidates only); and what ranking in memory needs (ranking.ts).
 */
export type Matching = {
  filters: SQL;
  direct: SQL | undefined;
  named: SQL | undefined;
  tq: SQL | undefined;
  /** What a stricter search found (items with all the words): they come first. */
  before?: SQL;
  density: SQL;
  spec: RankSpec;
  expansions: Expansion[];
};

/** Above any other signal: when few items have all the words, they come before those with some. */
const ALL_WORDS = 1;

/** How many of the best matches by signals are ranked by density. */
const CANDIDATES = 300;

const SNIPPET = `StartSel=${HL_START}, StopSel=${HL_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** Each match as 8 bytes, id and row version, in one value (not one row per match). */
const PACKED = sql`string_agg(int4send(s.id::int) || int4send(${VERSION}), '')`;

/** The entries passing a search's filters that meet a condition, packed. */
const packed = (m: Matching, condition: SQL) =>
  sql`(SELECT ${PACKED} FROM search_entry s WHERE ${m.filters} AND ${condition})`;

/** The entries with the query's words in samples `from` to `to` (sample.ts), found by the index alone. */
const inSamples = (m: Matching, to: number, from = 0) =>
  sql`s.tsv @@ (${m.tq} && ${samplesQuery(to, from)}::tsquery)`;

/**
 * The statements finding the matches: by the query's words (the costly one, for a broad query), and
 * through the concepts it names with the items whose heading has its words. They run side by side.
 * When `sampling`, the words' matches in the first sample are read first: when they are few, every
 * match is read in the same statement; when not, only they (sample.ts).
 */
function matchStatements(m: Matching, sampling: boolean): [SQL, SQL | undefined] {
  const none = sql`NULL::bytea`;
  const every = packed(m, m.direct ?? sql`true`);
  return [
    sql`${sampling ? sql`WITH first AS MATERIALIZED (SELECT s.id, ${VERSION} AS version FROM search_entry s WHERE ${m.filters} AND ${inSamples(m, 1)})` : sql``}
    SELECT ${sampling ? sql`(SELECT count(*)::int FROM first)` : sql`NULL::int`} AS in_first,
      ${
        sampling
          ? sql`CASE WHEN (SELECT count(*) FROM first) <= ${firstSampleUpTo()} THEN ${every}
                ELSE (SELECT string_agg(int4send(id::int) || int4send(version), '') FROM first) END`
          : every
      } AS direct,
      ${m.before ? packed(m, m.before) : none} AS all_words,
      (SELECT reltuples::float8 FROM pg_class WHERE oid = 'search_entry'::regclass) AS live`,
    m.named || m.tq
      ? sql`SELECT ${m.named ? packed(m, m.named) : none} AS named,
          ${m.tq ? packed(m, sql`s.head_tsv @@ ${m.tq}`) : none} AS heading`
      : undefined,
  ];
}

type Found = {
  direct: Buffer | null;
  /** How many matches by the words the first sample has (when the search samples them). */
  in_first: number | null;
  /** How many of the samples `direct` holds the matches of (SAMPLES: every match). */
  samples: number;
  all_words: Buffer | null;
  live: number;
  named: Buffer | null;
  heading: Buffer | null;
};

/**
 * Both statements' results (side by side on two connections, one after the other within a
 * transaction); for a broad query, the further samples needed to count its matches (sample.ts).
 */
async function findMatches(db: Orm, m: Matching, sampling: boolean): Promise<Found> {
  const [words, others] = matchStatements(m, sampling);
  const run = async (statement: SQL | undefined): Promise<Partial<Found>> =>
    statement ? throughIndexes(db, async (tx) => (await rows<Partial<Found>>(tx, statement))[0]) : {};
  const [a, b] =
    db instanceof PgTransaction
      ? [await run(words), await run(others)]
      : await Promise.all([run(words), run(others)]);
  const found: Found = {
    ...{ direct: null, in_first: null, all_words: null, named: null, heading: null, live: 0 },
    ...a,
    ...b,
    samples: a.in_first == null ? SAMPLES : samplesToRead(a.in_first),
  };
  if (found.samples > 1 && found.samples < SAMPLES) {
    const more = await directOf(db, packed(m, inSamples(m, found.samples, 1)));
    found.direct = Buffer.concat([found.direct ?? Buffer.alloc(0), more ?? Buffer.alloc(0)]);
  }
  return found;
}

const directOf = async (db: Orm, value: SQL) =>
  (await throughIndexes(db, (tx) => rows<{ direct: Buffer | null }>(tx, sql`SELECT ${value} AS direct`)))[0]
    .direct;

type PageRow = Pick<
  SearchHit,
  'type' | 'title' | 'country' | 'language' | 'date' | 'url' | 'snippet' | 'other_versions'
> & {
  id: number;
  item_id: string;
};

/**
 * A search's page, total and facet counts. PostgreSQL finds the matches (through the indexes) and
 * returns their ids; signals, grouping, facets and order are worked out in memory; PostgreSQL then
 * ranks the best candidates by density and writes the page's snippets.
 */
/** Whether matches are ordered by date: when asked, and when there are no words to rank them by. */
const byDateOf = (q: SearchParams, m: Matching) => q.sort !== 'relevance' || !m.tq;

export async function pageAndFacets(db: Orm, q: SearchParams, m: Matching) {
  const byDate = byDateOf(q, m);
  const desc = q.sort !== 'date';
  const cursor = decodeCursor(q.cursor, byDate ? 'text' : 'number');
  // By date, the newest of every match; by relevance, a broad query is read in samples.
  const found = await findMatches(db, m, !byDate);
  const hits = collapse(await hitsOf(db, found, m, byDate));
  if (!byDate) await rankDensity(db, m, hits);
  const after = cursor ? hits.filter((h) => afterCursor(h, cursor, desc)) : hits;
  const page = firstOf(after, q.limit + 1, order(desc));
  const shown = await pageRows(
    db,
    m,
    page.slice(0, q.limit).map((h) => h.id),
  );
  const last = page[q.limit - 1];
  return {
    total: countOf(hits),
    approximate: found.samples < SAMPLES,
    facets: facetsOf(facetCounts(hits)),
    items: page.slice(0, q.limit).flatMap((h) => {
      const row = shown.get(h.id);
      return row ? [hitOf(row, h, m, byDate)] : [];
    }),
    next_cursor: page.length > q.limit && last ? encodeCursor({ k: last.k, id: last.id }) : null,
  };
}

/** Numbers each search, so that an entry found twice (by its words and a concept) is counted once. */
let searches = 0;

/**
 * Each match once, with its columns, signals and the number of matches it stands for (by words
 * first: an item found both ways is found by its words). When the words' matches were read in
 * samples, the items whose heading has the words and those with all of them are added (they come
 * first); a match by the words stands for as many as its sample does, one found through a concept
 * (all of them are read) for itself, and one outside the samples read for none.
 */
async function hitsOf(db: Orm, found: Found, m: Matching, byDate: boolean): Promise<Hit[]> {
  const [direct, named, heading, allWords] = [found.direct, found.named, found.heading, found.all_words].map(
    (list) => new Matches(list),
  );
  const exact = found.samples === SAMPLES;
  const lists = exact ? [direct, named] : [direct, named, heading, allWords];
  await readColumns(db, lists, found.live);
  const inHeading = new Set(heading.ids);
  const withAllWords = new Set(allWords.ids);
  const namedIds = exact ? undefined : new Set(named.ids);
  const scale = SAMPLES / found.samples;
  const serial = ++searches;
  const hits: Hit[] = [];
  for (const list of lists) {
    const d = list !== named;
    for (let i = 0; i < list.ids.length; i++) {
      const id = list.ids[i];
      const e = list.entries[i];
      if (!e || e.seen === serial) continue;
      e.seen = serial;
      const pre = byDate
        ? 0
        : signals(e, d, inHeading.has(id), m.spec) + (withAllWords.has(id) ? ALL_WORDS : 0);
      const preferred = m.spec.languages.includes(e.language);
      const weight = !namedIds || namedIds.has(id) ? 1 : e.sample < found.samples ? scale : 0;
      hits.push({ id, e, direct: d, pre, preferred, k: byDate ? e.date : pre, weight });
    }
  }
  return hits;
}

/** The best CANDIDATES by signals get their density added: the cost does not grow with the number of matches. */
async function rankDensity(tx: Orm, m: Matching, hits: Hit[]) {
  const best = hits.length > CANDIDATES ? firstOf(hits, CANDIDATES, bySignals) : hits;
  if (!best.length) return;
  const byId = new Map(best.map((h) => [h.id, h]));
  const ranked = await rows<{ id: number; r: number }>(
    tx,
    sql`SELECT s.id, ${m.density} AS r FROM search_entry s WHERE s.id = ANY(${sql.param([...byId.keys()])}::bigint[])`,
  );
  for (const { id, r } of ranked) {
    const h = byId.get(Number(id));
    if (h) h.k = h.pre + r;
  }
}

async function pageRows(tx: Orm, m: Matching, ids: number[]): Promise<Map<number, PageRow>> {
  if (!ids.length) return new Map();
  const list = await rows<PageRow>(
    tx,
    sql`SELECT s.id, s.kind AS type, s.item_id, s.title, s.country, s.language, s.date, s.url, s.other_versions,
               ${m.tq ? sql`ts_headline(s.config, s.body, ${m.tq}, ${SNIPPET})` : sql`left(s.body, 240)`} AS snippet
        FROM search_entry s WHERE s.id = ANY(${sql.param(ids)}::bigint[])`,
  );
  return new Map(list.map((r) => [Number(r.id), r]));
}

function hitOf(row: PageRow, h: Hit, m: Matching, byDate: boolean): SearchHit {
  const reason: SearchReason | null =
    h.direct || !m.expansions.length
      ? null
      : {
          match: covers(h.e.concepts, m.spec) ? 'tagged' : 'term',
          concepts: m.expansions.map((e) => e.code),
        };
  return {
    type: row.type,
    id: row.item_id,
    title: row.title,
    country: row.country,
    language: row.language,
    date: row.date,
    snippet: row.snippet,
    url: row.url,
    score: byDate ? 0 : Number(Number(h.k).toFixed(4)),
    reason,
    other_versions: row.other_versions,
  };
}

/**
 * Runs a search's statements with the planner told to find rows through the indexes: its estimate
 * of matching a tsvector is far too cheap, so that for a query matching a fifth of the index it
 * would read (and decompress) every row instead — 10 to 20 times slower. Without JIT compilation,
 * which a large index's costs would call for and which costs 9 ms a statement, more than it saves.
 * On connections set so when they open (core/db/connect.ts, `searchPoolFor`), as they are.
 */
export function throughIndexes<T>(db: Orm, run: (tx: Orm) => Promise<T>): Promise<T> {
  if (setForSearch(db)) return run(db); // its connections are set so already
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw('SET LOCAL enable_seqscan = off; SET LOCAL jit = off'));
    return run(tx as unknown as Orm);
  });
}

/**
 * The plans of the statements finding a search's matches, as PostgreSQL ran them (for the
 * benchmark's report; for a broad query, without the further samples read).
 */
export async function explainStatement(db: Orm, q: SearchParams, m: Matching): Promise<string> {
  const plans: string[] = [];
  for (const statement of matchStatements(m, !byDateOf(q, m)).filter((s): s is SQL => !!s)) {
    const plan = await throughIndexes(db, (tx) =>
      rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${statement}`),
    );
    plans.push(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans.join('\n\n');
}

/** The counts of each facet, most frequent first (years newest first), at most 40 values. */
function facetsOf(list: FacetCount[]): Facets {
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
