/**
 * Finding a search's matches: PostgreSQL reads them through its indexes and returns them packed, 8
 * bytes each (id and row version) in one value, by the query's words and through the concepts it
 * names. A broad query's matches are read in samples (sample.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Orm, setForSearch } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { VERSION } from './columns.js';
import type { Expansion } from './concepts.js';
import type { SearchParams } from './params.js';
import type { RankSpec } from './ranking.js';
import { firstSampleUpTo, SAMPLES, samplesQuery, samplesToRead } from './sample.js';

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

/** Whether matches are ordered by date: when asked, and when there are no words to rank them by. */
export const byDateOf = (q: SearchParams, m: Matching) => q.sort !== 'relevance' || !m.tq;

/** Matches as 8 bytes each, id and row version, in one value (not one row per match). */
const pack = (id: SQL, version: SQL) => sql`string_agg(int4send(${id}::int) || int4send(${version}), '')`;
const PACKED = pack(sql`s.id`, VERSION);

/** The entries passing a search's filters that meet a condition, packed. */
const packed = (m: Matching, condition: SQL) =>
  sql`(SELECT ${PACKED} FROM search_entry s WHERE ${m.filters} AND ${condition})`;

/** What is read in samples: the matches by the words, and those through the concepts named. */
type Source = 'direct' | 'named';

/**
 * A source's matches in samples `from` to `to`, found by the index alone: the words and the
 * samples in one tsquery; the concepts' index and the samples' words together.
 */
const within = (m: Matching, source: Source, to: number, from = 0): SQL =>
  source === 'direct'
    ? sql`s.tsv @@ (${m.tq} && ${samplesQuery(to, from)}::tsquery)`
    : sql`(${m.named}) AND s.tsv @@ ${samplesQuery(to, from)}::tsquery`;

/**
 * A source's matches as a statement's columns `<source>` and `<source>_first`: every one; or, when
 * `sampling`, those in the first sample first — every match is read when they are few, only they
 * when not — and how many they were.
 */
function firstOrEvery(m: Matching, source: Source, condition: SQL, sampling: boolean) {
  const every = packed(m, condition);
  const [name, first] = [sql.identifier(source), sql.identifier(`${source}_first`)];
  if (!sampling) return { first: undefined, columns: sql`${every} AS ${name}, NULL::int AS ${first}` };
  return {
    first: sql`${first} AS MATERIALIZED (SELECT s.id, ${VERSION} AS version FROM search_entry s WHERE ${m.filters} AND ${within(m, source, 1)})`,
    columns: sql`CASE WHEN (SELECT count(*) FROM ${first}) <= ${firstSampleUpTo()} THEN ${every}
      ELSE (SELECT ${pack(sql`id`, sql`version`)} FROM ${first}) END AS ${name},
      (SELECT count(*)::int FROM ${first}) AS ${first}`,
  };
}

const statement = (part: { first: SQL | undefined; columns: SQL }, more?: SQL) =>
  sql`${part.first ? sql`WITH ${part.first} ` : sql``}SELECT ${part.columns}${more ? sql`, ${more}` : sql``}`;

/**
 * The statements finding the matches: by the query's words (the costly one, for a broad query),
 * with those a stricter search found and the items whose heading has the words; through the
 * concepts it names, side by side.
 */
function matchStatements(m: Matching, sampling: boolean): [SQL, SQL | undefined] {
  const none = sql`NULL::bytea`;
  const words = firstOrEvery(m, 'direct', m.direct ?? sql`true`, sampling && !!m.tq);
  const more = sql`${m.before ? packed(m, m.before) : none} AS all_words,
    ${m.tq ? packed(m, sql`s.head_tsv @@ ${m.tq}`) : none} AS heading,
    (SELECT reltuples::float8 FROM pg_class WHERE oid = 'search_entry'::regclass) AS live`;
  return [
    statement(words, more),
    m.named ? statement(firstOrEvery(m, 'named', m.named, sampling)) : undefined,
  ];
}

export type Found = {
  direct: Buffer | null;
  named: Buffer | null;
  /** Items whose heading has the words. */
  heading: Buffer | null;
  /** Items a stricter search found (with all the words). */
  all_words: Buffer | null;
  /** How many rows the index has (as the planner last counted them). */
  live: number;
  /** How many samples of each source were read (SAMPLES: every match). */
  samples: { direct: number; named: number };
};

type Columns = Omit<Found, 'samples'> & { direct_first: number | null; named_first: number | null };
const EMPTY: Columns = {
  direct: null,
  named: null,
  heading: null,
  all_words: null,
  live: 0,
  direct_first: null,
  named_first: null,
};

/**
 * A search's matches. For a broad query (`sampling`: by relevance, with words), the first sample
 * of each source says how many it has: every match is read, or enough samples to count them.
 */
export async function findMatches(db: Orm, m: Matching, sampling: boolean): Promise<Found> {
  const [words, others] = matchStatements(m, sampling);
  const [a, b] = await sideBySide(db, [
    () => first<Columns>(db, words),
    () => others && first<Columns>(db, others),
  ]);
  const need = { direct: readTo(a?.direct_first ?? null), named: readTo(b?.named_first ?? null) };
  const found: Found = { ...EMPTY, ...b, ...a, samples: need };
  await sideBySide(
    db,
    (['direct', 'named'] as const).map((source) => async () => {
      if (need[source] <= 1 || need[source] === SAMPLES) return;
      const more = await first<{ more: Buffer | null }>(
        db,
        sql`SELECT ${packed(m, within(m, source, need[source], 1))} AS more`,
      );
      found[source] = Buffer.concat([found[source] ?? Buffer.alloc(0), more.more ?? Buffer.alloc(0)]);
    }),
  );
  return found;
}

/** The samples to read from the matches in the first one (none sampled: every match was read). */
const readTo = (inFirst: number | null) => (inFirst === null ? SAMPLES : samplesToRead(inFirst));

/** Runs side by side on the search pool's connections; one after the other within a transaction. */
async function sideBySide<T>(db: Orm, tasks: (() => Promise<T> | undefined)[]): Promise<(T | undefined)[]> {
  if (!(db instanceof PgTransaction)) return Promise.all(tasks.map((t) => t()));
  const out: (T | undefined)[] = [];
  for (const t of tasks) out.push(await t());
  return out;
}

const first = async <T>(db: Orm, statement: SQL): Promise<T> =>
  throughIndexes(db, async (tx) => (await rows<T>(tx, statement))[0]);

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
