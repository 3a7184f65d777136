/**
 * Search benchmark (`npm run bench:search`). On the embedded PostgreSQL and on the PostgreSQL server
 * (BENCH_DATABASE_URL, default the machine's at 127.0.0.1:5432; database BENCH_DATABASE_NAME), each in
 * a fresh database: the realistic corpus (search-real-corpus.ts) and the old worst-case corpus
 * (search-corpus.ts: 50 provisions per work from ~35 words per language), both at BENCH_PROVISIONS
 * provisions (default 100,000) and BENCH_CASES cases (default 10,000). For each: import time, index
 * build time and rate, p50/p95 per query kind of the query set (search-queries.ts) through `search()`
 * on the connections the app searches on (`reader`) with facet counts, p95 of the mixed set and of the broad subset, the same queries as a plain
 * ts_rank + LIMIT 20 query on the same table (the baseline, no facets), HTTP throughput with
 * autocannon (50 connections, BENCH_HTTP_SECONDS, default 30) and the plans of the 3 slowest queries
 * (when the search service exports explainSearch). BENCH_SCALE_SERVER=1000000 adds the realistic
 * corpus at that many provisions on the server only, imported in chunks (BENCH_SCALE_ONLY=1: that run alone). Prints to stdout; appends to
 * bench/RESULTS.md only with BENCH_WRITE=1. Small runs: BENCH_PROVISIONS=5000 BENCH_CASES=500.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { ANONYMOUS } from '../src/core/access.js';
import { openDatabase, reader, type Database } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { importBundle } from '../src/domains/bundle/import.js';
import type { Bundle } from '../src/domains/bundle/format.js';
import { setSearchCacheSize } from '../src/domains/search/cache.js';
import { rebuildSearch } from '../src/domains/search/rebuild.js';
import { parseSearch } from '../src/domains/search/params.js';
import * as service from '../src/domains/search/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { buildApp } from '../src/main/app.js';
import { corpus } from './search-corpus.js';
import { samplingQuality } from './search-sampling.js';
import type { LoadResult } from './http-load.js';
import { appendResults } from './results.js';
import { benchQueries, type BenchQuery, KIND_LABELS, QUERY_KINDS } from './search-queries.js';
import { corpusModel, realCorpusChunks } from './search-real-corpus.js';

const spawnAsync = promisify(execFile);
const env = process.env;
const PROVISIONS = Number(env.BENCH_PROVISIONS ?? 100_000);
const CASES = Number(env.BENCH_CASES ?? 10_000);
const HTTP_SECONDS = Number(env.BENCH_HTTP_SECONDS ?? 30);
const SCALE = Number(env.BENCH_SCALE_SERVER ?? 0);
const DB_NAME = env.BENCH_DATABASE_NAME ?? 'cyrepo_bench_search';
const CHUNK = Number(env.BENCH_CHUNK ?? 50_000);
const ROUNDS = 2;
const log = pino({ level: 'silent' });
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const fmt = (n: number) => n.toLocaleString('en');
const ms = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));
const pct = (list: number[], p: number) =>
  list.length
    ? [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]
    : undefined;

/** A corpus to load; `plans`: whether the slowest queries' plans are printed (the realistic corpus). */
type Corpus = { name: string; bundles: () => Iterable<Bundle>; plans: boolean };
const REALISTIC = (provisions: number, cases: number): Corpus => ({
  name: 'realistic corpus',
  bundles: () => realCorpusChunks(provisions, cases, { chunk: CHUNK }),
  plans: true,
});
const OLD: Corpus = {
  name: 'old worst-case corpus',
  bundles: () => [corpus(Math.ceil(PROVISIONS / 50), 50, CASES)],
  plans: false,
};

const segmenters = new Map<string, Intl.Segmenter>();
/** Words of Chinese and Thai text spaced out, as the index stores them (the idea of search/text.ts). */
function spaced(text: string): string {
  const locale = /\p{Script=Thai}/u.test(text) ? 'th' : /\p{Script=Han}/u.test(text) ? 'zh' : null;
  if (!locale) return text;
  if (!segmenters.has(locale)) segmenters.set(locale, new Intl.Segmenter(locale, { granularity: 'word' }));
  return [...segmenters.get(locale)!.segment(text)]
    .map((s) => (s.isWordLike ? ` ${s.segment} ` : s.segment))
    .join('');
}

const configs = new WeakMap<Database, string[]>();
/**
 * The baseline: the query in every indexed language's configuration, OR'ed (compiled first and sent
 * as a value, as the search service does), then a plain ranked full-text query on the same table —
 * no facets, no grouping, no concepts, no access rules. A country filter is kept when the query has one.
 */
export async function baselineQuery(db: Database, text: string, country?: string): Promise<string[]> {
  if (!configs.has(db))
    configs.set(
      db,
      (await db.pool.query('SELECT DISTINCT config::text AS c FROM search_entry')).rows.map((r) => r.c),
    );
  const { rows } = await db.pool.query(
    `SELECT coalesce(string_agg(DISTINCT '(' || v::text || ')', ' | '), '') AS tq
       FROM unnest($2::regconfig[]) AS c, websearch_to_tsquery(c, $1) AS v WHERE v::text <> ''`,
    [spaced(text), configs.get(db)],
  );
  if (!rows[0].tq) return [];
  const found = await db.pool.query(
    `SELECT id FROM search_entry WHERE tsv @@ $1::tsquery ${country ? 'AND country = $2' : ''}
      ORDER BY ts_rank(tsv, $1::tsquery) DESC LIMIT 20`,
    country ? [rows[0].tq, country] : [rows[0].tq],
  );
  return found.rows.map((r) => String(r.id));
}

type Timing = { query: BenchQuery; search: number; baseline?: number; error?: string };
/**
 * Every query ROUNDS times through search() (after a warm-up), and each text query through the
 * baseline. Without the search cache (every search computed), unless `cached`: then a query asked
 * again is answered from the cache, as when cyrepo runs (SEARCH_CACHE_ENTRIES).
 */
async function timeQueries(db: Database, queries: BenchQuery[], cached = false): Promise<Timing[]> {
  setSearchCacheSize(cached ? 1000 : 0);
  const run = async (q: BenchQuery) => service.search(reader(db), ANONYMOUS, parseSearch(q.query));
  for (const q of queries.slice(0, 20)) await run(q).catch(() => undefined);
  const timings: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const query of queries) {
      const t: Timing = { query, search: 0 };
      const t0 = performance.now();
      await run(query).catch((err: Error) => (t.error = err.message));
      t.search = performance.now() - t0;
      if (query.query.q) {
        const t1 = performance.now();
        await baselineQuery(db, query.query.q, query.query.country).catch(
          (err: Error) => (t.error ??= err.message),
        );
        t.baseline = performance.now() - t1;
      }
      timings.push(t);
    }
  return timings;
}

function report(timings: Timing[]) {
  out(
    `| query kind (${ROUNDS} runs of each, facet counts included) | queries | p50 ms | p95 ms | baseline p50 | baseline p95 |`,
  );
  out('|---|---|---|---|---|---|');
  const row = (label: string, list: Timing[]) => {
    const base = list.flatMap((t) => t.baseline ?? []);
    const s = list.map((t) => t.search);
    out(
      `| ${label} | ${list.length / ROUNDS} | ${ms(pct(s, 50))} | ${ms(pct(s, 95))} | ${ms(pct(base, 50))} | ${ms(pct(base, 95))} |`,
    );
  };
  for (const kind of QUERY_KINDS)
    row(
      KIND_LABELS[kind],
      timings.filter((t) => t.query.kind === kind),
    );
  row('**mixed (all of the above)**', timings);
  row(
    '**broad**',
    timings.filter((t) => t.query.kind === 'broad'),
  );
  out();
  for (const [label, list] of [
    ['mixed text queries (browsing has no baseline)', timings.filter((t) => t.baseline !== undefined)],
    ['broad queries', timings.filter((t) => t.query.kind === 'broad')],
  ] as const) {
    const [mine, base] = [
      pct(
        list.map((t) => t.search),
        95,
      )!,
      pct(
        list.flatMap((t) => t.baseline ?? []),
        95,
      )!,
    ];
    const verdict = mine < base ? 'cyrepo beat the baseline' : 'cyrepo did NOT beat the baseline';
    out(
      `- ${label}: p95 ${ms(mine)} ms with facets vs ${ms(base)} ms for the plain ts_rank + LIMIT 20 query: ${verdict} at p95.`,
    );
  }
  const errors = timings.filter((t) => t.error);
  if (errors.length)
    out(
      `- ${errors.length} query runs failed, e.g. ${JSON.stringify(errors[0].query.query)}: ${errors[0].error}`,
    );
}

/** The plans of the slowest queries, when the search service can explain them. */
async function explainSlowest(db: Database, timings: Timing[], plans: boolean) {
  const explain = (service as Record<string, unknown>).explainSearch;
  if (plans && typeof explain !== 'function') {
    out('The search service exports no explainSearch: no plans.');
    return out();
  }
  const worst = new Map<string, Timing>();
  for (const t of timings) {
    const key = JSON.stringify(t.query.query);
    if (!t.error && (worst.get(key)?.search ?? -1) < t.search) worst.set(key, t);
  }
  for (const t of [...worst.values()].sort((a, b) => b.search - a.search).slice(0, 3)) {
    out(`Slow query (${t.query.kind}, ${ms(t.search)} ms): \`${JSON.stringify(t.query.query)}\``);
    out();
    if (!plans || typeof explain !== 'function') continue;
    const plan = await (explain as (...a: unknown[]) => Promise<string>)(
      reader(db),
      ANONYMOUS,
      parseSearch(t.query.query),
    ).catch((err: Error) => `explainSearch failed: ${err.message}`);
    out(`\`\`\`\n${plan.trim()}\n\`\`\``);
    out();
  }
}

/** Imports every bundle of a corpus (each in its own transaction) and rebuilds the search index. */
async function load(db: Database, c: Corpus) {
  const stats = { works: 0, provisions: 0, versions: 0, translations: 0, cases: 0, bundles: 0, importMs: 0 };
  for (const bundle of c.bundles()) {
    const t0 = performance.now();
    await importBundle(db.pool, bundle, 'bench');
    stats.importMs += performance.now() - t0;
    stats.bundles++;
    stats.works += bundle.works.length;
    stats.cases += bundle.cases.length;
    for (const w of bundle.works) {
      const languages = new Set(w.expressions.map((e) => e.language)).size;
      stats.provisions += w.expressions.reduce((s, e) => s + e.provisions.length, 0);
      stats.versions += w.expressions.length > languages ? 1 : 0;
      stats.translations += languages > 1 ? 1 : 0;
    }
  }
  const t1 = performance.now();
  const entries = await rebuildSearch(db.orm);
  await db.pool.query('ANALYZE');
  return { ...stats, entries, indexMs: performance.now() - t1 };
}

async function run(label: string, db: Database, c: Corpus, queries: BenchQuery[], port: number | null) {
  const appEnv = loadEnv({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    // The search itself is measured: with the page cache, the queries would be answered from memory
    // after their first turn (`npm run bench:load` measures the cache).
    PAGE_CACHE_MB: '0',
    PORT: String(port ?? 3995),
  });
  await prepareDatabase(db, appEnv, log, { demo: false });
  const s = await load(db, c);
  const version = (await db.pool.query('SHOW server_version')).rows[0].server_version;
  out(`### ${label.replace('{v}', version.split(' ')[0])}: ${c.name}`);
  out();
  out(
    `Corpus: ${fmt(s.provisions)} provisions in ${fmt(s.works)} works (${fmt(s.versions)} with several versions, ${fmt(s.translations)} with a translation), ${fmt(s.cases)} cases; ${fmt(s.entries)} index entries.`,
  );
  out(
    `Import (${s.bundles} bundle${s.bundles > 1 ? 's' : ''}, one transaction each): ${(s.importMs / 1000).toFixed(1)} s. Index build (rebuildSearch + ANALYZE): ${(s.indexMs / 1000).toFixed(1)} s, ${fmt(Math.round(s.entries / (s.indexMs / 1000)))} entries/s.`,
  );
  out();
  out('Every search computed (the search cache off):');
  out();
  const timings = await timeQueries(db, queries);
  report(timings);
  out();
  const cached = (await timeQueries(db, queries, true)).map((t) => t.search);
  out(
    `As cyrepo runs, with the search cache (each query's second run answered from it while the database is unchanged): mixed p50 ${ms(pct(cached, 50))} ms, p95 ${ms(pct(cached, 95))} ms.`,
  );
  out();
  out(await samplingQuality(reader(db), queries));
  out();
  if (port !== null)
    for (const entries of ['0', '1000'])
      await http(db, { ...appEnv, SEARCH_CACHE_ENTRIES: Number(entries) }, queries, port);
  await explainSlowest(db, timings, c.plans);
}

/**
 * HTTP throughput: the server in this process, autocannon in a child process (50 connections, the
 * mixed queries in turn); with the search cache on, after one untimed pass over the queries (what the search cache
 * then holds).
 */
async function http(db: Database, appEnv: ReturnType<typeof loadEnv>, queries: BenchQuery[], port: number) {
  const app = await buildApp({ db, env: appEnv, log });
  const base = await app.listen({ host: '127.0.0.1', port });
  const paths = queries.map(
    (q) => `/api/v1/search?${new URLSearchParams(q.query as Record<string, string>)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-http-'));
  writeFileSync(join(dir, 'paths.json'), JSON.stringify(paths));
  const client = fileURLToPath(new URL('./http-load.ts', import.meta.url));
  if (appEnv.SEARCH_CACHE_ENTRIES) for (const path of paths) await app.inject({ url: path });
  const { stdout } = await spawnAsync(
    process.execPath,
    ['--import', 'tsx', client, base, join(dir, 'paths.json'), '50', String(HTTP_SECONDS)],
    { maxBuffer: 64 * 2 ** 20 },
  );
  const result = JSON.parse(stdout) as LoadResult;
  rmSync(dir, { recursive: true, force: true });
  await app.close();
  const errors = result.errors + result.timeouts + result.non2xx;
  out(
    `HTTP \`/api/v1/search\` with autocannon in another process, 50 connections, ${HTTP_SECONDS} s, the mixed queries in turn, page cache off, ${appEnv.SEARCH_CACHE_ENTRIES ? 'search cache on (after one pass over the queries)' : 'search cache off'}: ${result.requests.average.toFixed(0)} requests/s, ${errors} errors (${result.non2xx} non-2xx, ${result.timeouts} timeouts), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms. Node RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`,
  );
  out();
}

/** A fresh database on the server for each run; false when the server is not reachable. */
async function onServer(fn: (db: Database) => Promise<void>): Promise<boolean> {
  const serverUrl = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    out(`PostgreSQL server at ${serverUrl} not reachable (${(err as Error).message}); server runs skipped.`);
    return false;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(serverUrl);
  url.pathname = `/${DB_NAME}`;
  const db = await openDatabase(loadEnv({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }), log);
  try {
    await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
  return true;
}

async function onEmbedded(fn: (db: Database) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-search-'));
  const db = await openDatabase(loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), log);
  try {
    await fn(db);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function describe(queries: BenchQuery[]) {
  const model = corpusModel();
  out(
    model.real
      ? `Realistic corpus: word chains, headings and titles learned per language from ../shared/data/real (${model.sources.join(', ')}), bench/data/laws and the demo (bench/data/SOURCES.md).`
      : `Realistic corpus: ../shared/data/real not found, so learned from the committed bench/data/laws and demo only (${model.sources.join(', ')}): fewer words and headings than with the real data.`,
  );
  const counts = QUERY_KINDS.map((k) => `${queries.filter((q) => q.kind === k).length} ${k}`);
  out(`Query set (search-queries.ts): ${queries.length} queries: ${counts.join(', ')}.`);
  out();
}

async function main() {
  out(
    `## Search (\`npm run bench:search\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version})`,
  );
  out();
  const queries = benchQueries();
  describe(queries);
  // BENCH_SCALE_ONLY=1: the run at scale alone.
  const base = env.BENCH_SCALE_ONLY === '1' && SCALE ? [] : [REALISTIC(PROVISIONS, CASES), OLD];
  for (const c of base)
    await onEmbedded((db) => run('Embedded PostgreSQL {v} (Unix socket)', db, c, queries, 3993));
  for (const c of base) {
    const reached = await onServer((db) =>
      run('PostgreSQL {v} server (TCP, 127.0.0.1)', db, c, queries, 3994),
    );
    if (!reached) break;
  }
  if (SCALE) {
    const cases = Math.round((CASES * SCALE) / Math.max(1, PROVISIONS));
    await onServer((db) =>
      run('PostgreSQL {v} server, at scale', db, REALISTIC(SCALE, cases), queries, null),
    );
  }
  if (env.BENCH_WRITE === '1') appendResults(lines);
  else console.log('\n(BENCH_WRITE=1 appends these results to bench/RESULTS.md.)');
}

await main();
