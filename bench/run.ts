/**
 * Benchmarks with fixed data sizes; writes bench/RESULTS.md (machine, date, numbers).
 *  1. start-up: first start on an empty DATA_DIR (initdb + migrations + reference + demo) and a restart;
 *  2. page and API latency (sequential HTTP requests) on the demo plus 200 generated laws of
 *     100 provisions each (20,643 provisions);
 *  3. bundle export and import of that repository.
 * Run: npm run bench
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir, platform, release } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from '../src/main/app.js';
import { exportBundle } from '../src/domains/bundle/export.js';
import { importBundle } from '../src/domains/bundle/import.js';
import { openDatabase } from '../src/core/db/connect.js';
import { inTransaction } from '../src/core/db/tx.js';
import { loadEnv } from '../src/core/env.js';
import { system } from '../src/core/access.js';
import { createWork } from '../src/domains/legislation/write.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

const log = pino({ level: 'silent' });
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('node', [bin, 'serve', '--demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

/** GET with gzip accepted; resolves to the number of bytes on the wire (body as sent, not decompressed). */
function getCompressed(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    }).on('error', reject);
  });
}

const pct = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];

function syntheticWork(i: number) {
  const provisions = Array.from({ length: 100 }, (_, n) => ({
    eid: `sec_${n + 1}`,
    number: String(n + 1),
    heading: `Section heading ${n + 1}`,
    text: `A person who, without right, accesses, intercepts or interferes with computer data or a computer system commits an offence under provision ${n + 1} of bench law ${i}. `.repeat(
      3,
    ),
    mappings:
      n % 10 === 1
        ? [{ instrument: 'ETS185', article: String(2 + (n % 7)), coverage: 'full' as const }]
        : undefined,
  }));
  return {
    country: 'KEN',
    type: 'act' as const,
    number: `b${i}`,
    year: 2000 + (i % 25),
    title: { eng: `Bench Act ${i}` },
    status: 'in_force' as const,
    expressions: [
      { language: 'eng', date: '2020-01-01', authoritative: true, title: `Bench Act ${i}`, provisions },
    ],
  };
}

async function main() {
  const date = new Date().toISOString().slice(0, 10);
  out('# Benchmark results');
  out();
  out(
    `Run ${date} with \`npm run bench\` on ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} free), ${platform()} ${release()}, Node ${process.version}, embedded PostgreSQL 18.`,
  );
  out();

  // 1. start-up
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-'));
  const first = await timeToHealthy(dataDir, 3991);
  const again = await timeToHealthy(dataDir, 3991);
  rmSync(dataDir, { recursive: true, force: true });
  out('## Start-up (`cyrepo serve --demo`, process start until /health answers)');
  out();
  out('| case | ms |');
  out('|---|---|');
  out(`| first start: initdb, migrations, reference data, demo (717 provisions) | ${first.toFixed(0)} |`);
  out(`| restart on the same DATA_DIR | ${again.toFixed(0)} |`);
  out();

  // 2. latency on a bigger repository
  const benchDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-'));
  const env = loadEnv({
    DATA_DIR: benchDir,
    LOG_LEVEL: 'silent',
    PORT: '3992',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const db = await openDatabase(env, log);
  await prepareDatabase(db, env, log, { demo: true });
  const loadStart = performance.now();
  for (let i = 0; i < 200; i++)
    await inTransaction(db, (tx) =>
      createWork(tx, system('bench'), syntheticWork(i), { status: 'published' }),
    );
  const loadMs = performance.now() - loadStart;
  await db.pool.query('ANALYZE'); // as autovacuum would soon after such a load
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM provision');
  const app = await buildApp({ db, env, log });
  const base = await app.listen({ host: '127.0.0.1', port: 3992 });
  const targets: [string, string][] = [
    ['home page', '/'],
    ['countries page (world map)', '/countries'],
    ['country page (Kenya, 201 laws)', '/countries/KEN'],
    ['work page (25 sections)', '/akn/ke/act/2019/14'],
    ['work page (100 sections)', '/akn/ke/act/2010/b10'],
    ['provision page', '/akn/ke/act/2019/14/eng@2019-05-21/~sec_4'],
    ['article page (ETS185 Art. 2)', '/instruments/ETS185/articles/2'],
    ['API: list works, 50', '/api/v1/works'],
    ['API: provisions mapped to ETS185:2', '/api/v1/provisions?article=ETS185:2&limit=100'],
    ['API: work with provisions', '/api/v1/works/ke-act-2010-b10'],
  ];
  out(
    `## Latency (${rows[0].n.toLocaleString('en')} provisions in 214 laws; 200 sequential requests per row after 20 warm-up, HTTP on loopback, gzip)`,
  );
  out();
  out(
    `Loading the 200 generated laws through the service took ${(loadMs / 1000).toFixed(1)} s (${(loadMs / 200).toFixed(0)} ms per 100-provision law, one transaction each).`,
  );
  out();
  out('| request | p50 ms | p95 ms | KB (gzip) |');
  out('|---|---|---|---|');
  for (const [name, path] of targets) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 220; i++) {
      const t0 = performance.now();
      bytes = await getCompressed(`${base}${path}`);
      if (i >= 20) times.push(performance.now() - t0);
    }
    out(
      `| ${name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${(bytes / 1024).toFixed(1)} |`,
    );
  }
  await app.close();
  out();
  out(
    'The article page lists every national provision mapped to the article; the generated laws all map one provision to Art. 2, so it renders 400+ provisions — the slowest row for that reason. The first-start row includes initdb.',
  );
  out();

  // 3. bundle
  const e0 = performance.now();
  const bundle = await exportBundle(db.pool);
  const text = JSON.stringify(bundle, null, 1);
  const exportMs = performance.now() - e0;
  await db.pool
    .query('TRUNCATE legal_work, legal_case, document, attachment, audit_event CASCADE')
    .catch(async () => {
      await db.pool.query(
        'DELETE FROM legal_work; DELETE FROM legal_case; DELETE FROM document; DELETE FROM attachment',
      );
    });
  const i0 = performance.now();
  await importBundle(db.pool, JSON.parse(text), 'bench');
  const importMs = performance.now() - i0;
  out('## Bundle');
  out();
  out(`| step | ms |`);
  out('|---|---|');
  out(
    `| export ${rows[0].n.toLocaleString('en')} provisions to JSON (${(text.length / 2 ** 20).toFixed(1)} MB) | ${exportMs.toFixed(0)} |`,
  );
  out(`| import the same bundle into an empty repository | ${importMs.toFixed(0)} |`);
  out();
  out(
    `Resident memory of the benchmark process at the end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`,
  );
  await db.close();
  rmSync(benchDir, { recursive: true, force: true });
  writeFileSync(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n`);
}

await main();
