/**
 * Starts cyrepo: opens the database (embedded or external), prepares it, serves HTTP, and on
 * SIGINT/SIGTERM (from the moment it listens) closes the server, then the database (stopping an
 * embedded PostgreSQL).
 */
import type { Logger } from 'pino';
import { buildApp, type App } from './app.js';
import { openDatabase, type Database } from '../core/db/connect.js';
import type { Env } from '../core/env.js';
import { ensureReferenceNames } from '../domains/reference/names.js';
import { forgetServing, reachableUrl, recordServing } from '../core/serving.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { createJobs } from '../core/jobs.js';
import { startWorkers } from './workers.js';

export type Running = { app: App; db: Database; url: string; close(): Promise<void> };

/** `prepared`: the database was brought up to date already (by the primary of a cluster). */
export async function startServer(
  env: Env,
  log: Logger,
  options: { demo: boolean; prepared?: boolean },
): Promise<Running> {
  const started = Date.now();
  const db = await openDatabase(env, log);
  let closing: Promise<void> | undefined;
  try {
    if (!options.prepared) await prepareDatabase(db, env, log, options);
    const jobs = createJobs(db, log, { worker: true });
    const app = await buildApp({ db, env, log, jobs });
    // Pages name instruments and articles in the reader's language: read those names before serving.
    await ensureReferenceNames(db.orm);
    const close = () =>
      (closing ??= (async () => {
        await forgetServing(env);
        await app.close();
        await db.close();
      })());
    const running: Running = { app, db, url: '', close };
    // From the moment it answers, a SIGTERM stops it cleanly (a supervisor may send one at once).
    handleSignals(running, log);
    const url = await app.listen({ host: env.HOST, port: env.PORT });
    running.url = url;
    // Background work only once it serves: a server that cannot start leaves no worker behind.
    await startWorkers(jobs, db, log);
    const address = app.server.address();
    // So that `cyrepo user reset` run beside it prints links to where it serves.
    if (address && typeof address === 'object') await recordServing(env, reachableUrl(env, address.port));
    // A cluster's worker (prepared by its primary): the primary says once that the cluster serves.
    log[options.prepared ? 'debug' : 'info'](
      { url, ms: Date.now() - started, database: env.DATABASE_URL ? 'external' : 'embedded' },
      `cyrepo is serving on ${url}`,
    );
    return running;
  } catch (err) {
    // Stopped by a signal while it was starting: the signal's handler closes it and exits.
    if (closing) return closing.then(() => new Promise<never>(() => undefined));
    await db.close();
    throw err;
  }
}

/** Closes cleanly on SIGINT/SIGTERM and on a crash, so an embedded PostgreSQL is never left behind by us. */
function handleSignals(running: Running, log: Logger): void {
  const stop = (code: number) => () => {
    log.info('shutting down');
    running.close().then(
      () => process.exit(code),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop(0));
  process.once('SIGTERM', stop(0));
  process.once('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    stop(1)();
  });
}
