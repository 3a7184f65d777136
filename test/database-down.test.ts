/**
 * With the database out of reach: a clear 503 (`database_unavailable`, a page for pages, health
 * `unavailable` within seconds even when the server does not answer) instead of a generic 500; and the
 * embedded PostgreSQL killed under a running cyrepo is restarted, with the data, and said so in the log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/main/app.js';
import { poolFor } from '../src/core/db/connect.js';
import { isProcessAlive } from '../src/core/db/embedded.js';
import { loadEnv } from '../src/core/env.js';
import { fromPgError } from '../src/core/errors.js';
import { childPort } from './helpers.js';

/** A TCP server that accepts connections and never says anything (a hung database). */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

/** The app on a database at 127.0.0.1:port (nothing listening, or a silent server). */
async function appOn(port: number): Promise<{ app: App; close(): Promise<void> }> {
  const { pool, orm } = poolFor({ host: '127.0.0.1', port, user: 'nobody', database: 'nothing' });
  const env = loadEnv({
    PUBLIC_URL: 'https://cyrepo.test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const app = await buildApp({
    db: { pool, orm, close: () => pool.end() },
    env,
    log: pino({ level: 'silent' }),
  });
  return { app, close: async () => (await app.close(), await pool.end()) };
}

describe('the database out of reach', () => {
  it('maps connection errors (refused, reset, server shutting down or starting) to 503 database_unavailable and nothing else', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /data/run/.s.PGSQL.5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    const noSocket = Object.assign(new Error('connect ENOENT /data/run/.s.PGSQL.5432'), {
      code: 'ENOENT',
      syscall: 'connect',
    });
    const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });
    for (const err of [
      refused,
      noSocket,
      wrapped(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
      wrapped(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
      wrapped(Object.assign(new Error('connection failure'), { code: '08006' })),
      wrapped(new Error('Connection terminated unexpectedly')),
      new Error('timeout exceeded when trying to connect'),
    ])
      expect(fromPgError(err), String(err)).toMatchObject({ status: 503, code: 'database_unavailable' });
    // not the database: a missing file, a wrong query
    expect(
      fromPgError(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' })),
    ).toBeUndefined();
    expect(fromPgError(wrapped(Object.assign(new Error('syntax error'), { code: '42601' })))).toBeUndefined();
  });

  it('answers API requests, pages and /health with 503 when nothing listens, not 500', async () => {
    const closed = await silentServer();
    const port = closed.port;
    await new Promise((r) => closed.server.close(r)); // now nothing listens there: ECONNREFUSED
    const { app, close } = await appOn(port);
    try {
      const api = await app.inject({ url: '/api/v1/works' });
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.json().error).toMatchObject({
        code: 'database_unavailable',
        message: expect.stringMatching(/database is not available/),
      });

      const page = await app.inject({ url: '/' });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toMatch(/database is not available/);

      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable' });
    } finally {
      await close();
    }
  });

  it('answers /health with 503 within seconds when the database accepts connections but never answers', async () => {
    const hung = await silentServer();
    const { app, close } = await appOn(hung.port);
    try {
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable' });
    } finally {
      for (const s of hung.sockets) s.destroy();
      hung.server.close();
      await close();
    }
  }, 10_000);
});

const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs a cyrepo command on DATA_DIR; resolves with its output once it exits. */
function cyrepo(dataDir: string, args: string[]): Promise<string> {
  const child = spawn('node', [bin, ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`cyrepo ${args.join(' ')} exited ${code}`)),
    ),
  );
}

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
type LogLine = { level: number; msg: string };

/** `cyrepo serve` on DATA_DIR, its log kept; until() polls a condition, failing with the log. */
function serve(dataDir: string, env: Record<string, string> = {}) {
  const port = childPort();
  const child = spawn('node', [bin, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  const until = async (what: string, ms: number, ok: () => Promise<boolean>) => {
    for (
      const end = Date.now() + ms;
      !(await ok().catch(() => false));
      await new Promise((r) => setTimeout(r, 50))
    )
      if (Date.now() > end || child.exitCode !== null)
        throw new Error(
          `${what}: not within ${ms} ms (cyrepo ${child.exitCode === null ? 'running' : 'exited'})\n${log}`,
        );
  };
  const lines = () =>
    log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    return child.exitCode;
  };
  return { child, base: `http://127.0.0.1:${port}`, until, lines, stop };
}

const died = (lines: LogLine[]) => lines.filter((l) => l.msg.includes('stopped unexpectedly'));

describe.skipIf(!!process.env.DATABASE_URL)('the embedded PostgreSQL killed under a running cyrepo', () => {
  // WORKERS=2: the primary process owns and supervises the server, the workers answer HTTP
  it.each(['1', '2'])(
    'is restarted (WORKERS=%s): /health says 503 meanwhile, then 200 with the data; the log says so once',
    async (workers) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-down-'));
      dirs.push(dataDir);
      const { base, until, lines, stop } = serve(dataDir, { WORKERS: workers });
      await until('cyrepo up', 120_000, async () => (await get(`${base}/health`)).ok);

      // a write acknowledged just before the kill
      const token = await cyrepo(dataDir, ['token']);
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const made = await fetch(`${base}/api/v1/organisations`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: 'Written before the kill', kind: 'government' }),
      });
      expect(made.status).toBe(201);

      const postmaster = postmasterPid(dataDir);
      process.kill(postmaster, 'SIGKILL');

      // while it is down: health 503 and the API a 503 with a code, each answered without hanging
      const apiStatuses: number[] = [];
      let apiDown: { error?: { code: string; message: string } } | undefined;
      const api = async () => {
        const res = await get(`${base}/api/v1/works?limit=1`);
        apiStatuses.push(res.status);
        if (res.status === 503) apiDown = await res.json();
      };
      await until('health 503', 10_000, async () => {
        const [health] = await Promise.all([get(`${base}/health`), api()]);
        return health.status === 503 && (await health.json()).status === 'unavailable';
      });
      await until('an API request during the outage', 10_000, async () => (await api(), !!apiDown));
      expect(apiDown!.error).toMatchObject({
        code: 'database_unavailable',
        message: expect.stringMatching(/database is not available/),
      });

      await until('health 200 again', 30_000, async () => (await get(`${base}/health`)).status === 200);
      const restarted = postmasterPid(dataDir);
      expect(restarted).not.toBe(postmaster);
      expect(isProcessAlive(restarted)).toBe(true);
      expect(isProcessAlive(postmaster)).toBe(false);
      await until('the API again', 10_000, async () => (await api(), apiStatuses.at(-1) === 200));
      expect(apiStatuses.filter((s) => s !== 200 && s !== 503)).toEqual([]); // never a 500
      const orgs = (await (await get(`${base}/api/v1/organisations`, auth)).json()).items as {
        name: string;
      }[];
      expect(orgs.map((o) => o.name)).toContain('Written before the kill');

      expect(died(lines())).toEqual([
        expect.objectContaining({
          level: 50,
          msg: `embedded PostgreSQL stopped unexpectedly (pid ${postmaster}); restarting`,
        }),
      ]);
      // the server may take connections a moment before pg_ctl, and so the supervisor, says it is up
      await until('the log says it is back', 15_000, async () =>
        lines().some((l) => l.msg.startsWith(`embedded PostgreSQL is running again (pid ${restarted})`)),
      );
      expect(lines().filter((l) => l.msg === 'unhandled error')).toEqual([]);

      // and it still stops its (new) server on SIGTERM
      expect(await stop()).toBe(0);
      expect(isProcessAlive(restarted)).toBe(false);
    },
    240_000,
  );

  it('is restarted by its owner only, never a second server; when the owner has gone, the other cyrepo restarts it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-down-'));
    dirs.push(dataDir);
    const owner = serve(dataDir, { WORKERS: '1' });
    await owner.until('the first cyrepo up', 120_000, async () => (await get(`${owner.base}/health`)).ok);
    const other = serve(dataDir, { WORKERS: '1' }); // shares the first one's server
    // up: serving, its start-up (background work included) finished, not only answering /health
    const serving = (c: typeof owner) => async () =>
      c.lines().some((l) => l.msg.startsWith('cyrepo is serving'));
    await owner.until('the first cyrepo serving', 120_000, serving(owner));
    await other.until('the second cyrepo serving', 120_000, serving(other));
    const first = postmasterPid(dataDir);

    process.kill(first, 'SIGKILL');
    await other.until(
      'both back',
      60_000,
      async () => (await get(`${owner.base}/health`)).ok && (await get(`${other.base}/health`)).ok,
    );
    const second = postmasterPid(dataDir);
    expect(second).not.toBe(first);
    const starts = (l: LogLine[]) => l.filter((x) => x.msg === 'embedded PostgreSQL started').length;
    // the server may take connections a moment before pg_ctl, and so the supervisor, says it started
    await owner.until('the owner says it started it again', 15_000, async () => starts(owner.lines()) >= 2);
    expect(starts(owner.lines())).toBe(2); // at first, and after the kill
    expect(starts(other.lines())).toBe(0); // it waited for the owner

    // the owner stops on SIGTERM (and stops its server): the other cyrepo takes the server over
    expect(await owner.stop()).toBe(0);
    await other.until(
      'the other cyrepo back on its own',
      60_000,
      async () => (await get(`${other.base}/health`)).ok,
    );
    const third = postmasterPid(dataDir);
    expect(third).not.toBe(second);
    expect(starts(other.lines())).toBe(1);
    expect(await other.stop()).toBe(0);
    expect(isProcessAlive(third)).toBe(false); // it owned it, so it stopped it
  }, 300_000);
});
