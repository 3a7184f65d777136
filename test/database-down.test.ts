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
import { buildApp, type App } from '../src/app.js';
import { poolFor } from '../src/db/connect.js';
import { isProcessAlive } from '../src/db/embedded.js';
import { loadEnv } from '../src/env.js';
import { fromPgError } from '../src/errors.js';

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
  const env = loadEnv({ PUBLIC_URL: 'https://cyrepo.test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000' });
  const app = await buildApp({ db: { pool, orm, close: () => pool.end() }, env, log: pino({ level: 'silent' }) });
  return { app, close: async () => (await app.close(), await pool.end()) };
}

describe('the database out of reach', () => {
  it('maps connection errors (refused, reset, server shutting down or starting) to 503 database_unavailable and nothing else', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /data/run/.s.PGSQL.5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const noSocket = Object.assign(new Error('connect ENOENT /data/run/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect' });
    const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });
    for (const err of [
      refused,
      noSocket,
      wrapped(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
      wrapped(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
      wrapped(Object.assign(new Error('connection failure'), { code: '08006' })),
      wrapped(new Error('Connection terminated unexpectedly')),
      new Error('timeout exceeded when trying to connect'),
    ])
      expect(fromPgError(err), String(err)).toMatchObject({ status: 503, code: 'database_unavailable' });
    // not the database: a missing file, a wrong query
    expect(fromPgError(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' }))).toBeUndefined();
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
      expect(api.json().error).toMatchObject({ code: 'database_unavailable', message: expect.stringMatching(/database is not available/) });

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
  const child = spawn('node', [bin, ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`cyrepo ${args.join(' ')} exited ${code}`)))));
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe.skipIf(!!process.env.DATABASE_URL)('the embedded PostgreSQL killed under a running cyrepo', () => {
  // WORKERS=2: the primary process owns and supervises the server, the workers answer HTTP
  it.each(['1', '2'])('is restarted (WORKERS=%s): /health says 503 meanwhile, then 200 with the data; the log says so once', async (workers) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-down-'));
    dirs.push(dataDir);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const base = `http://127.0.0.1:${port}`;
    const server = spawn('node', [bin, 'serve'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), WORKERS: workers },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(server);
    let log = '';
    server.stdout!.on('data', (d) => (log += d));
    const until = async (what: string, ms: number, ok: () => Promise<boolean>) => {
      for (const end = Date.now() + ms; !(await ok().catch(() => false)); await new Promise((r) => setTimeout(r, 50)))
        if (Date.now() > end || server.exitCode !== null) throw new Error(`${what}: not within ${ms} ms (cyrepo ${server.exitCode === null ? 'running' : 'exited'})\n${log}`);
    };
    await until('cyrepo up', 120_000, async () => (await get(`${base}/health`)).ok);

    // a write acknowledged just before the kill
    const token = await cyrepo(dataDir, ['token']);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const made = await fetch(`${base}/api/v1/organisations`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Written before the kill', kind: 'government' }) });
    expect(made.status).toBe(201);

    const postmaster = postmasterPid(dataDir);
    process.kill(postmaster, 'SIGKILL');

    // while it is down: health 503 and the API a 503 with a code, each answered without hanging
    let apiDown: { status: number; body: { error?: { code: string } } } | undefined;
    await until('health 503', 10_000, async () => {
      const [health, api] = await Promise.all([get(`${base}/health`), get(`${base}/api/v1/works?limit=1`)]);
      expect([200, 503]).toContain(api.status);
      if (api.status === 503) apiDown = { status: api.status, body: await api.json() };
      return health.status === 503 && (await health.json()).status === 'unavailable';
    });
    await until('an API request during the outage', 10_000, async () => {
      const api = await get(`${base}/api/v1/works?limit=1`);
      if (api.status === 503) apiDown = { status: 503, body: await api.json() };
      return !!apiDown;
    });
    expect(apiDown!.body.error!.code).toBe('database_unavailable');

    await until('health 200 again', 30_000, async () => (await get(`${base}/health`)).status === 200);
    const restarted = postmasterPid(dataDir);
    expect(restarted).not.toBe(postmaster);
    expect(isProcessAlive(restarted)).toBe(true);
    expect(isProcessAlive(postmaster)).toBe(false);
    await until('the API again', 10_000, async () => (await get(`${base}/api/v1/organisations`, auth)).status === 200);
    const orgs = (await (await get(`${base}/api/v1/organisations`, auth)).json()).items as { name: string }[];
    expect(orgs.map((o) => o.name)).toContain('Written before the kill');

    const lines = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string });
    const died = lines.filter((l) => l.msg.includes('stopped unexpectedly'));
    expect(died).toEqual([expect.objectContaining({ level: 50, msg: `embedded PostgreSQL stopped unexpectedly (pid ${postmaster}); restarting` })]);
    expect(lines.some((l) => l.msg.startsWith(`embedded PostgreSQL is running again (pid ${restarted})`))).toBe(true);
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    // and it still stops its (new) server on SIGTERM
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    expect(server.exitCode).toBe(0);
    expect(isProcessAlive(restarted)).toBe(false);
  }, 240_000);
});
