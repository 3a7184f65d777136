/**
 * `cyrepo serve` with WORKERS=2 in a child process, as users run it: two workers answer on one port
 * (each keeps its own share of the rate limit, so their counters tell them apart), a killed worker is
 * replaced while the site keeps answering, and SIGTERM stops the workers, then the database.
 * On the embedded PostgreSQL the workers reach the primary's server over its Unix socket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { isProcessAlive } from '../src/core/db/embedded.js';
import { ConfigError, loadEnv } from '../src/core/env.js';
import { childPort, testDatabase, type TestDb } from './helpers.js';

const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const external = !!process.env.DATABASE_URL;
let child: ChildProcess | undefined;
let dataDir: string | undefined;
let db: TestDb | undefined;
let output = '';
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  for (const pid of child?.pid ? workersOf(child.pid) : []) process.kill(pid, 'SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await db?.close();
});

/** The node processes forked by the primary. */
function workersOf(primary: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === primary && comm === 'node' && isProcessAlive(Number(name))) found.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return found.sort();
}

/** One GET on a connection of its own (as a new visitor's), so that the cluster hands it to the next worker. */
function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the server said:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    c.exitCode !== null || c.signalCode !== null
      ? resolve(c.exitCode)
      : c.once('exit', (code) => resolve(code)),
  );

it('serves from two workers on one port, replaces a killed worker, and stops cleanly on SIGTERM', async () => {
  const env: Record<string, string> = {
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    WORKERS: '2',
    RATE_LIMIT_PER_MINUTE: '1000',
  };
  if (external) {
    db = await testDatabase({ demo: true });
    env.DATABASE_URL = db.url;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-cluster-'));
    Object.assign(env, { DATABASE_URL: '', DATA_DIR: dataDir });
  }
  const port = childPort();
  child = spawn('node', [bin, 'serve', ...(external ? [] : ['--demo'])], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const primary = child.pid!;

  await until('the cluster to serve', () => (output.includes('with 2 workers') ? true : undefined), 120_000);
  const [first, second] = await until('two workers', () =>
    workersOf(primary).length === 2 ? workersOf(primary) : undefined,
  );

  // Each worker counts its own share of the limit (1000 / 2). Visitors arriving together are served by
  // both workers: two counters, so some counts repeat (one process would count 499, 498, … each once).
  // The kernel hands each connection to one of the workers, and a burst may all go to one of them:
  // bursts are sent until both have answered (at most five). Each request asks for a page of its own,
  // so that each is built, as a page the page cache keeps is answered too fast to spread.
  let visits = 0;
  const burst = async (n: number) => {
    const list = await Promise.all(
      Array.from({ length: n }, () => get(port, `/countries?visit=${visits++}`)),
    );
    for (const res of list) {
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('500');
    }
    return list.map((res) => Number(res.headers['x-ratelimit-remaining']));
  };
  const seen: number[] = [];
  for (let i = 0; i < 5 && new Set(seen).size === seen.length; i++) seen.push(...(await burst(40)));
  expect(new Set(seen).size).toBeLessThan(seen.length);
  expect(Math.min(...seen)).toBeGreaterThan(500 - seen.length); // neither counter saw them all

  // A worker killed outright: the site keeps answering and a fresh worker takes its place.
  process.kill(first, 'SIGKILL');
  for (let i = 0; i < 6; i++) expect((await get(port, '/countries/KEN')).status).toBe(200); // a new connection goes to a live worker
  const replacement = await until('a replacement worker', () =>
    workersOf(primary).find((pid) => pid !== first && pid !== second),
  );
  await until('the replacement to listen', () =>
    output.includes('a replacement worker is serving') ? true : undefined,
  );
  expect(output).toContain(`worker ${first} stopped (SIGKILL); starting another`);
  expect(workersOf(primary)).toEqual([second, replacement].sort());
  // The replacement serves too: its counter starts afresh (499, 498, …), while the survivor's has
  // counted its part of the first burst and the requests made while the other worker was down.
  const after: number[] = [];
  for (let i = 0; i < 5 && !(Math.max(...after) >= 499 - 6); i++) after.push(...(await burst(40)));
  expect(Math.max(...after)).toBeGreaterThanOrEqual(499 - 6);

  const postmaster = external
    ? undefined
    : Number(readFileSync(join(dataDir!, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
  expect([second, replacement].filter(isProcessAlive)).toEqual([]);
  if (postmaster) expect(isProcessAlive(postmaster)).toBe(false);
}, 240_000);

it('gives up with exit code 1, saying why, when no worker can start (the port is taken)', async () => {
  const taken = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => taken.once('listening', r));
  const port = (taken.address() as AddressInfo).port;
  try {
    const env = external ? { DATABASE_URL: db!.url } : { DATABASE_URL: '', DATA_DIR: dataDir! };
    const c = spawn('node', [bin, 'serve'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), WORKERS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    c.stdout!.on('data', (b: Buffer) => (said += b.toString()));
    c.stderr!.on('data', (b: Buffer) => (said += b.toString()));
    expect(await exited(c)).toBe(1);
    expect(said).toContain('EADDRINUSE');
    expect(said).toContain('the workers cannot start');
    if (!external) expect(existsSync(join(dataDir!, 'pg', 'postmaster.pid'))).toBe(false); // the database was stopped too
  } finally {
    taken.close();
  }
}, 180_000);

it('WORKERS: 1 by default (one process, as before), auto for one per core, else a readable error', () => {
  expect(loadEnv({}).WORKERS).toBe(1);
  expect(loadEnv({ WORKERS: 'auto' }).WORKERS).toBe(availableParallelism());
  expect(loadEnv({ WORKERS: '4' }).WORKERS).toBe(4);
  for (const bad of ['0', 'many', '1.5']) expect(() => loadEnv({ WORKERS: bad })).toThrow(ConfigError);
  expect(() => loadEnv({ WORKERS: 'many' })).toThrow(/WORKERS: a number of processes from 1 to 64, or auto/);
});
