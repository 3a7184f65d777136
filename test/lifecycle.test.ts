/**
 * The server as users run it: `cyrepo serve` in a child process on the embedded PostgreSQL,
 * killed with SIGKILL and started again; and two servers started together on one empty database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../src/core/db/embedded.js';
import { childPort, testDatabase } from './helpers.js';

const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const children: ChildProcess[] = [];
/** The last lines each child wrote on stderr (read, so that a full pipe never blocks the child). */
const stderrOf = new Map<ChildProcess, string>();
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function serve(env: Record<string, string>, port: number, demo = true): ChildProcess {
  const child = spawn('node', [bin, 'serve', ...(demo ? ['--demo'] : [])], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  stderrOf.set(child, '');
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrOf.set(child, ((stderrOf.get(child) ?? '') + chunk.toString()).slice(-4000));
  });
  return child;
}

/**
 * Waits for the child's /health. Under a full parallel test run on two cores a first start on an empty
 * database (migrations, demo, index, suggester) takes several times its 13 s alone, so the wait is long;
 * a child that exits fails at once, with what it said.
 */
async function waitFor(child: ChildProcess, url: string, ms = 150_000): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      /* not up yet */
    }
    const gone = child.exitCode !== null || child.signalCode !== null;
    if (gone || Date.now() > until)
      throw new Error(
        `${url} ${gone ? `exited (${child.exitCode ?? child.signalCode})` : 'did not come up'}: ${stderrOf.get(child)}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    c.exitCode !== null || c.signalCode !== null
      ? resolve(c.exitCode)
      : c.once('exit', (code) => resolve(code)),
  );
const alive = isProcessAlive;
const port = childPort;

describe.skipIf(!!process.env.DATABASE_URL)('embedded PostgreSQL lifecycle', () => {
  it('comes back with all its data after kill -9, reusing the orphaned server, and stops it on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-life-'));
    dirs.push(dataDir);
    const p = port();
    const first = serve({ DATA_DIR: dataDir }, p);
    await waitFor(first, `http://127.0.0.1:${p}/health`);
    const before = await (await fetch(`http://127.0.0.1:${p}/api/v1/works?limit=200`)).json();
    expect(before.items).toHaveLength(14);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

    first.kill('SIGKILL');
    await exited(first);
    expect(alive(postmaster)).toBe(true); // PostgreSQL outlives a killed cyrepo

    const second = serve({ DATA_DIR: dataDir }, p);
    await waitFor(second, `http://127.0.0.1:${p}/health`);
    const after = await (await fetch(`http://127.0.0.1:${p}/api/v1/works?limit=200`)).json();
    expect(after.items.map((w: { id: string }) => w.id)).toEqual(
      before.items.map((w: { id: string }) => w.id),
    );
    expect(Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])).toBe(
      postmaster,
    );

    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(alive(postmaster)).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 300_000);
});

describe('two servers on one empty PostgreSQL', () => {
  it('both come up, each migration is recorded once and the demo is loaded once', async () => {
    const db = await testDatabase({ empty: true });
    try {
      const [a, b] = [port(), port() + 1];
      const [first, second] = [serve({ DATABASE_URL: db.url }, a), serve({ DATABASE_URL: db.url }, b)];
      await Promise.all([
        waitFor(first, `http://127.0.0.1:${a}/health`),
        waitFor(second, `http://127.0.0.1:${b}/health`),
      ]);
      const { rows } = await db.pool.query(
        'SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const works = await (await fetch(`http://127.0.0.1:${b}/api/v1/works?limit=200`)).json();
      expect(works.items).toHaveLength(14);
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      await Promise.all(children.map(exited));
      await db.close();
    }
  }, 300_000);
});
