/**
 * Load benchmark (`npm run bench:load`): starts `cyrepo serve --demo` as users run it (a child
 * process, embedded PostgreSQL in a temporary DATA_DIR, the rate limit raised), then drives it with
 * autocannon at 50 connections: a fixed mix of pages and API calls as a browser asks for them
 * (Accept-Encoding: gzip, deflate, br), and search alone. Once with WORKERS=1 and once with WORKERS=2
 * (BENCH_WORKERS=1,2 to choose); each with the page cache on (64 MB: the mix again while an editor
 * saves a law every second) and off (BENCH_CACHE_MB=64,0 to choose; off = the cost of building every
 * answer). Reports requests/s, p50/p99 latency, errors and non-2xx, and the CPU
 * used by the server processes; results are appended to bench/RESULTS.md (BENCH_WRITE=0 to skip).
 * BENCH_SECONDS (default 60) sets the length of each run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from './http-load.js';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: object) => Promise<LoadResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = 50;
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const BROWSER = {
  'accept-encoding': 'gzip, deflate, br',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
  'accept-language': 'en',
};

/** The page mix: what a visitor and an API client of the demo repository ask for. */
export const MIX = [
  '/',
  '/countries',
  '/countries/KEN',
  '/akn/ke/act/2019/14',
  '/akn/ke/act/2019/14/eng@2023-01-12/~sec_3',
  '/search?q=illegal+access',
  '/api/v1/works?limit=20',
  '/cases/vn-2025-tatc-08',
  '/instruments/ETS185/articles/2',
  '/cases',
  '/instruments/ETS185',
  '/api/v1/search?q=data',
];
const SEARCHES = [
  'illegal access',
  'computer fraud',
  'données',
  'child sexual abuse',
  'interception',
  'acceso ilícito',
  'evidence',
  'production order',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await sleep(250);
  }
}

/** CPU seconds (user + system) of a process and all its descendants, from /proc. */
function treeCpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(f[1]);
      cpu.set(pid, Number(f[11]) + Number(f[12]));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* gone */
    }
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / 100;
}

async function drive(base: string, paths: string[], server: number): Promise<LoadResult & { cpu: number }> {
  const cpu0 = treeCpuSeconds(server);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: BROWSER,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return { ...result, cpu: (treeCpuSeconds(server) - cpu0) / SECONDS };
}

/** An admin token made with the CLI against the running server's DATA_DIR (as an operator would). */
function adminToken(dataDir: string): string {
  return execFileSync('node', [bin, 'token'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  })
    .toString()
    .trim();
}

/** An editor saving a law once a second (each save makes every kept answer stale), until stopped. */
function startWriter(base: string, token: string): { stop(): number } {
  let saves = 0;
  const timer = setInterval(() => {
    void fetch(`${base}/api/v1/works/ke-act-2019-14`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ short_title: `Computer Misuse and Cybercrimes Act (save ${++saves})` }),
    }).then((r) => r.body?.cancel());
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      return saves;
    },
  };
}

type Run = { name: string; result: LoadResult & { cpu: number } };

/** One server (WORKERS, PAGE_CACHE_MB) and the runs against it. */
async function runWith(workers: number, cacheMb: number): Promise<Run[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-load-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child: ChildProcess = spawn('node', [bin, 'serve', '--demo'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      WORKERS: String(workers),
      PAGE_CACHE_MB: String(cacheMb),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const cache = cacheMb > 0 ? 'cache on' : 'cache off';
  try {
    await waitFor(`${base}/health`);
    for (const path of MIX) {
      const res = await fetch(base + path);
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
    }
    // Warm up (JIT, caches, pool connections) before measuring.
    await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: 5,
      headers: BROWSER,
      requests: MIX.map((path) => ({ method: 'GET', path })),
    });
    const runs: Run[] = [
      { name: `page mix (${MIX.length} paths), ${cache}`, result: await drive(base, MIX, child.pid!) },
    ];
    if (cacheMb > 0) {
      const writer = startWriter(base, adminToken(dataDir));
      const result = await drive(base, MIX, child.pid!);
      runs.push({ name: `page mix, ${cache}, an editor saving ${writer.stop()} times (1/s)`, result });
    }
    const searches = SEARCHES.map((q) => `/search?q=${encodeURIComponent(q)}`);
    runs.push({
      name: `search alone (${SEARCHES.length} queries), ${cache}`,
      result: await drive(base, searches, child.pid!),
    });
    return runs;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const CACHE_SIZES = (process.env.BENCH_CACHE_MB ?? '64,0').split(',').map(Number);
const rows: string[] = [];
const loadBefore = loadavg()[0];
for (const workers of WORKER_COUNTS)
  for (const cacheMb of CACHE_SIZES)
    for (const { name, result: r } of await runWith(workers, cacheMb)) {
      const row = `| ${workers} | ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.timeouts} | ${r.non2xx} | ${Math.round(r.cpu * 100)} % | ${((r.cpu * 1000) / r.requests.average).toFixed(1)} |`;
      console.log(row);
      rows.push(row);
    }

const machine = `${cpus()[0].model.trim().split(/\s+/).slice(0, 2).join(' ')}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const report = [
  '',
  `## Load (\`npm run bench:load\`, ${new Date().toISOString().slice(0, 10)}, ${machine}, embedded PostgreSQL)`,
  '',
  `Demo data; \`cyrepo serve --demo\` in a child process, rate limit raised; autocannon on the same machine, ${CONNECTIONS} connections,`,
  `${SECONDS} s per run after a 5 s warm-up, browser headers (Accept-Encoding: gzip, deflate, br). Page mix: ${MIX.map((p) => `\`${p}\``).join(', ')}.`,
  'Cache on: answers for anonymous readers kept while the database is unchanged (`PAGE_CACHE_MB`, src/web/shell/page-cache.ts); the mix repeats its addresses, so most answers are hits. With an editor saving once a second every kept answer goes stale each second. Cache off: every answer built.',
  `Server CPU is that of the server processes (cyrepo and PostgreSQL), in cores, and per request (less sensitive than requests/s to what else the machine runs). Load average of the machine (1 min) before and after: ${loadBefore.toFixed(1)}, ${loadavg()[0].toFixed(1)}.`,
  '',
  '| WORKERS | load | requests/s | p50 ms | p99 ms | errors | non-2xx | server CPU | server CPU ms per request |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
];
if (process.env.BENCH_WRITE !== '0')
  appendFileSync(new URL('./RESULTS.md', import.meta.url), report.join('\n'));
console.log(report.join('\n'));
