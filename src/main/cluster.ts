/**
 * `cyrepo serve` with WORKERS processes on one port (node:cluster), so that pages are rendered on
 * every core. The first process (the primary) opens and prepares the database — it owns the embedded
 * PostgreSQL and its supervision — and serves no HTTP itself; it forks WORKERS workers, each
 * connecting to the same database (the embedded one over its Unix socket) and listening on the one
 * port, and replaces a worker that dies (at once, or after a growing pause when workers die right
 * after starting). SIGINT/SIGTERM stops the workers (each finishes its requests), then the database.
 *
 * Rate limits are kept by each worker in memory, and each worker allows RATE_LIMIT_PER_MINUTE /
 * WORKERS: an address whose requests come over many connections (spread over the workers) meets about
 * the configured limit; one keep-alive connection (served by one worker) meets that worker's share.
 * Sign-in throttling is kept in the database and is the same for every worker.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../core/db/connect.js';
import type { Env } from '../core/env.js';
import { startServer } from './server.js';
import { prepareDatabase } from '../domains/setup/prepare.js';

/** Runs `cyrepo serve`: one process when WORKERS is 1, else the primary or a worker of the cluster. */
export async function serve(env: Env, log: Logger, options: { demo: boolean }): Promise<void> {
  if (cluster.isWorker) return runWorker(env, log.child({ worker: cluster.worker?.id }));
  if (env.WORKERS <= 1) {
    await startServer(env, log, options); // it stops on SIGINT/SIGTERM
    return;
  }
  await runPrimary(env, log, options);
}

/** The address workers reach the database at: DATABASE_URL, or the embedded server's Unix socket. */
export function workerDatabaseUrl(env: Env, db: Database): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (!db.embedded) throw new Error('no database address to give the workers');
  const { socketDir, port, user } = db.embedded;
  return `postgresql://${encodeURIComponent(user)}@${encodeURIComponent(socketDir)}:${port}/${encodeURIComponent(db.pool.options.database ?? 'cyrepo')}`;
}

async function runWorker(env: Env, log: Logger): Promise<void> {
  // The primary prepared the database; DATABASE_URL (set by the primary) points at it.
  const share = {
    ...env,
    RATE_LIMIT_PER_MINUTE: Math.max(1, Math.ceil(env.RATE_LIMIT_PER_MINUTE / env.WORKERS)),
  };
  await startServer(share, log, { demo: false, prepared: true }); // it stops on SIGINT/SIGTERM
  // Without its primary a worker would serve on alone, unsupervised: stop.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

const QUICK_DEATH_MS = 10_000;
const MAX_PAUSE_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

async function runPrimary(env: Env, log: Logger, options: { demo: boolean }): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(env, log);
  let url: string;
  try {
    await prepareDatabase(db, env, log, options);
    url = workerDatabaseUrl(env, db);
  } catch (err) {
    await db.close();
    throw err;
  }

  // The workers accept connections themselves (the kernel hands each to one of them). With the
  // default round-robin the primary accepts and passes each on, and a connection passed to a worker
  // that dies at that moment stays open in the primary, unanswered, for good; here such a
  // connection is closed with the worker and the client can try again.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let quickDeaths = 0;
  const bornAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork({ DATABASE_URL: url });
    bornAt.set(worker.id, Date.now());
    return worker;
  };

  let listening = 0;
  const onListening = (worker: Worker, address: { address: string; port: number }) => {
    if (++listening === env.WORKERS)
      log.info(
        {
          url: `http://${address.address}:${address.port}`,
          workers: env.WORKERS,
          ms: Date.now() - started,
          database: env.DATABASE_URL ? 'external' : 'embedded',
        },
        `cyrepo is serving on http://${env.HOST}:${address.port} with ${env.WORKERS} workers`,
      );
    else if (listening > env.WORKERS)
      log.info({ worker: worker.id, pid: worker.process.pid }, 'a replacement worker is serving');
  };
  cluster.on('listening', onListening);
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (bornAt.get(worker.id) ?? 0);
    bornAt.delete(worker.id);
    if (stopping) return;
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    if (!listening && quickDeaths >= 2 * env.WORKERS) {
      // Not one worker ever came up (the port is taken, the database refuses them…): say so and stop.
      log.fatal({ code, signal }, 'the workers cannot start (see their errors above); stopping');
      stop(1);
      return;
    }
    const pause = quickDeaths ? Math.min(MAX_PAUSE_MS, 500 * 2 ** (quickDeaths - 1)) : 0;
    log.error(
      { worker: worker.id, pid: worker.process.pid, code, signal, pauseMs: pause },
      `worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another${pause ? ` in ${pause} ms` : ''}`,
    );
    setTimeout(() => stopping || fork(), pause).unref();
  });
  for (let i = 0; i < env.WORKERS; i++) fork();

  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down');
    const alive = workers();
    const exited = Promise.all(
      alive.map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once('exit', resolve)))),
    );
    for (const w of alive) w.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      log.warn('workers did not stop in time; killing them');
      for (const w of workers()) w.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    exited
      .then(() => clearTimeout(timer))
      .then(() => db.close())
      .then(
        () => process.exit(code),
        (err) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  process.once('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    stop(1);
  });
}
