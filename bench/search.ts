/**
 * Search benchmark (`npm run bench:search`): a deterministic corpus of 100,000 provisions in 2,000
 * works and 10,000 cases in six languages, loaded into a separate database on the embedded
 * PostgreSQL and on the PostgreSQL server (BENCH_DATABASE_URL, default the machine's at
 * 127.0.0.1:5432); then load and index times, p50/p95 of 200 queries of each kind (all with facet
 * counts, as the API always computes them), memory, and HTTP throughput with autocannon.
 * Results are appended to bench/RESULTS.md. Smaller runs: BENCH_WORKS=200 BENCH_CASES=1000.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { ANONYMOUS } from '../src/core/access.js';
import { buildApp } from '../src/main/app.js';
import { importBundle } from '../src/domains/bundle/import.js';
import { openDatabase, type Database } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { rebuildSearch } from '../src/domains/search/indexer.js';
import { parseSearch, search, type SearchQuery } from '../src/domains/search/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { BENCH_COUNTRIES, corpus, rng } from './search-corpus.js';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (
  opts: object,
) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number }>;
const WORKS = Number(process.env.BENCH_WORKS ?? 2000);
const CASES = Number(process.env.BENCH_CASES ?? 10000);
const PER_WORK = 50;
const log = pino({ level: 'silent' });
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const pct = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];

const TWO_WORDS = [
  'computer data',
  'access without',
  'traffic data',
  'electronic evidence',
  'datos acceso',
  'sistema informático',
  'données accès',
  'dados sistema',
  'بيانات نظام',
  'service provider',
  'court order',
  'fine imprisonment',
];
const PHRASES = [
  '"unauthorised access"',
  '"acceso ilícito"',
  '"accès frauduleux"',
  '"computer fraud"',
  '"search and seizure"',
  '"burla informática"',
];
const CONCEPTS = ['illegal access', 'acceso ilícito', 'production order', 'interception frauduleuse'];

async function timeQueries(
  db: Database,
  make: (i: number) => SearchQuery,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await search(db.orm, ANONYMOUS, parseSearch(make(i)));
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await search(db.orm, ANONYMOUS, parseSearch(make(i)));
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function run(label: string, db: Database, port: number) {
  const env = loadEnv({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000', PORT: String(port) });
  await prepareDatabase(db, env, log, { demo: false });
  const bundle = corpus(WORKS, PER_WORK, CASES);
  const t0 = performance.now();
  await importBundle(db.pool, bundle, 'bench');
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  const entries = await rebuildSearch(db.orm);
  await db.pool.query('ANALYZE');
  const indexMs = performance.now() - t1;
  const r = rng(7);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const kinds: [string, (i: number) => SearchQuery][] = [
    ['two words, ranked', () => ({ q: pick(TWO_WORDS) })],
    ['phrase', () => ({ q: pick(PHRASES) })],
    [
      'two words + country + years',
      () => ({ q: pick(TWO_WORDS), country: pick(BENCH_COUNTRIES), year_from: 2005, year_to: 2020 }),
    ],
    ['concept named (expansion)', () => ({ q: pick(CONCEPTS) })],
    ['browse: type + country, newest first', () => ({ type: 'case', country: pick(BENCH_COUNTRIES) })],
  ];
  out(`### ${label}`);
  out();
  out(
    `Corpus: ${WORKS.toLocaleString('en')} works × ${PER_WORK} provisions = ${(WORKS * PER_WORK).toLocaleString('en')} provisions, ${CASES.toLocaleString('en')} cases; ${entries.toLocaleString('en')} index entries.`,
  );
  out(
    `Import (bundle, one transaction): ${(importMs / 1000).toFixed(1)} s. Building the search index (segmentation, tsvectors, GIN): ${(indexMs / 1000).toFixed(1)} s.`,
  );
  out();
  out('| query (200 each, facet counts included) | p50 ms | p95 ms |');
  out('|---|---|---|');
  for (const [name, make] of kinds) {
    const { p50, p95 } = await timeQueries(db, make);
    out(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
  }
  const app = await buildApp({ db, env, log });
  const base = await app.listen({ host: '127.0.0.1', port });
  const result = await autocannon({
    url: base,
    connections: 10,
    duration: 10,
    requests: TWO_WORDS.map((q) => ({ method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(q)}` })),
  });
  await app.close();
  out();
  out(
    `HTTP \`/api/v1/search\` with autocannon, 10 connections, 10 s: ${result.requests.average.toFixed(0)} requests/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx. Node RSS after the run: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`,
  );
  out();
}

async function main() {
  out(
    `## Search (\`npm run bench:search\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version})`,
  );
  out();
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-search-'));
  const embedded = await openDatabase(loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), log);
  try {
    await run('Embedded PostgreSQL 18 (Unix socket)', embedded, 3993);
  } finally {
    await embedded.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    out(`PostgreSQL server at ${serverUrl} not reachable (${(err as Error).message}); server run skipped.`);
    return finish();
  }
  await admin.query('DROP DATABASE IF EXISTS cyrepo_bench_search');
  await admin.query('CREATE DATABASE cyrepo_bench_search');
  const url = new URL(serverUrl);
  url.pathname = '/cyrepo_bench_search';
  const version = (await admin.query('SHOW server_version')).rows[0].server_version;
  const server = await openDatabase(loadEnv({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }), log);
  try {
    await run(`PostgreSQL ${version} server (TCP, 127.0.0.1)`, server, 3994);
  } finally {
    await server.close();
    await admin.query('DROP DATABASE IF EXISTS cyrepo_bench_search WITH (FORCE)');
    await admin.end();
  }
  finish();
}

function finish() {
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();
