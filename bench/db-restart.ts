/**
 * How long cyrepo is without its embedded PostgreSQL after `kill -9` of the postmaster, and what
 * clients see meanwhile: `cyrepo serve --demo` on a fresh DATA_DIR, then ROUNDS kills 5 s apart;
 * /health and an API list are requested every 20 ms (each with a 5 s limit) from the kill until
 * /health is 200 again. Prints a Markdown table for bench/RESULTS.md.
 *
 *   npx tsx bench/db-restart.ts [--workers N] [--rounds N]      (BENCH_DEBUG=1 also prints cyrepo's log)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { workers: { type: 'string', default: '1' }, rounds: { type: 'string', default: '5' } },
});
const rounds = Number(values.rounds);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-restart-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;
const child = spawn('node', [bin, 'serve', '--demo'], {
  env: {
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    WORKERS: values.workers,
    RATE_LIMIT_PER_MINUTE: '1000000',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let log = '';
child.stdout.on('data', (d) => (log += d));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Status and time of one request; 0 when it failed or took more than 5 s. */
async function timed(path: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const status = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) }).then(
    async (r) => (await r.arrayBuffer(), r.status),
    () => 0,
  );
  return { status, ms: performance.now() - t };
}

type Round = { first503: number; back: number; slowest: number; statuses: Map<number, number> };

async function round(): Promise<Round> {
  const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const killed = performance.now();
  process.kill(postmaster, 'SIGKILL');
  const r: Round = { first503: NaN, back: NaN, slowest: 0, statuses: new Map() };
  for (;;) {
    const [health, api] = await Promise.all([timed('/health'), timed('/api/v1/works?limit=5')]);
    const at = performance.now() - killed;
    r.slowest = Math.max(r.slowest, health.ms, api.ms);
    for (const s of [health.status, api.status]) r.statuses.set(s, (r.statuses.get(s) ?? 0) + 1);
    if (health.status === 503 && Number.isNaN(r.first503)) r.first503 = at;
    if (health.status === 200 && !Number.isNaN(r.first503)) return { ...r, back: at };
    if (at > 120_000) throw new Error(`not back within 120 s\n${log}`);
    await sleep(20);
  }
}

try {
  const started = performance.now();
  while ((await timed('/health')).status !== 200) {
    if (performance.now() - started > 180_000 || child.exitCode !== null)
      throw new Error(`cyrepo did not start\n${log}`);
    await sleep(200);
  }
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    results.push(await round());
    await sleep(5000);
  }
  const fmt = (n: number) => (n / 1000).toFixed(2);
  console.log(
    `Run ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/db-restart.ts --workers ${values.workers} --rounds ${rounds}\` on ${cpus()[0].model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; demo data.\n`,
  );
  console.log(
    '| kill | health 503 after s | health 200 again after s | slowest answer s | answers (status × count) |',
  );
  console.log('|---|---|---|---|---|');
  results.forEach((r, i) => {
    console.log(
      `| ${i + 1} | ${fmt(r.first503)} | ${fmt(r.back)} | ${fmt(r.slowest)} | ${[...r.statuses]
        .sort()
        .map(([s, n]) => `${s || 'no answer'} × ${n}`)
        .join(', ')} |`,
    );
  });
  const lines = log.split('\n').filter((l) => l.includes('stopped unexpectedly'));
  console.log(`\nLog lines "stopped unexpectedly": ${lines.length} for ${rounds} kills.`);
  if (process.env.BENCH_DEBUG) console.error(log);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
