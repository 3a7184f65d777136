/**
 * Where a running cyrepo serves, so that the command line prints links that work: `cyrepo serve`
 * writes DATA_DIR/serving.json ({ url, pid }) once it listens and removes it when it stops; the
 * command line's base URL is PUBLIC_URL, else the HOST/PORT it was given, else the URL of the live
 * server on the same DATA_DIR, else the defaults (http://127.0.0.1:3000) — and it says which.
 */
import cluster from 'node:cluster';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from './db/embedded.js';
import type { Env } from './env.js';

const FILE = 'serving.json';

/** The process that stays while the server runs: the primary of a cluster, else this one. */
const servingPid = () => (cluster.isWorker ? process.ppid : process.pid);

/** The URL people reach a server at that listens on `port` of env.HOST (0.0.0.0 and :: are reached at loopback). */
export function reachableUrl(env: Env, port: number): string {
  if (env.publicUrlFrom === 'PUBLIC_URL') return env.PUBLIC_URL;
  const host =
    env.HOST === '0.0.0.0'
      ? '127.0.0.1'
      : env.HOST === '::'
        ? '[::1]'
        : env.HOST.includes(':')
          ? `[${env.HOST}]`
          : env.HOST;
  return `http://${host}:${port}`;
}

/** Records where this server serves (only where DATA_DIR exists: nothing is created for it). */
export async function recordServing(env: Env, url: string): Promise<void> {
  if (!existsSync(env.dataDir)) return;
  const file = join(env.dataDir, FILE);
  const tmp = `${file}.${process.pid}`;
  try {
    await writeFile(tmp, `${JSON.stringify({ url, pid: servingPid() })}\n`);
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }); // a read-only DATA_DIR: the command line falls back to HOST/PORT
  }
}

/** Removes the record if it is this server's. */
export async function forgetServing(env: Env): Promise<void> {
  const file = join(env.dataDir, FILE);
  if (read(file)?.pid === servingPid()) await rm(file, { force: true });
}

function read(file: string): { url: string; pid: number } | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; pid?: unknown };
    return typeof r.url === 'string' && /^https?:\/\//.test(r.url) && typeof r.pid === 'number'
      ? { url: r.url, pid: r.pid }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The base URL for links the command line prints, and why it is that one. */
export function baseUrl(env: Env): { url: string; from: string } {
  if (env.publicUrlFrom === 'PUBLIC_URL') return { url: env.PUBLIC_URL, from: 'PUBLIC_URL' };
  if (env.publicUrlFrom === 'HOST and PORT') return { url: env.PUBLIC_URL, from: 'HOST and PORT' };
  const live = read(join(env.dataDir, FILE));
  if (live && isProcessAlive(live.pid))
    return { url: live.url, from: `the cyrepo server running on this DATA_DIR (pid ${live.pid})` };
  return {
    url: env.PUBLIC_URL,
    from: 'the default HOST and PORT; set PUBLIC_URL, or the PORT cyrepo serves on, if it serves elsewhere',
  };
}
