/**
 * Background jobs in the database, with pg-boss (its tables in the `pgboss` schema, created on first
 * use): any process may send a job — a request that should not wait for the work, a CLI command —
 * and the server processes (`cyrepo serve`, every instance) work them off; whichever instance is
 * free takes a job, once. Jobs survive a restart; a failed job is retried.
 */
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';

/** How often an idle worker looks for a job. */
const POLL_MS = 2000;

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export type Jobs = {
  /**
   * Sends a job; with `debounceSeconds`, jobs with the same key sent within that time become one,
   * run after the last of them (a burst of review decisions retrains once).
   */
  send(
    name: string,
    data: Record<string, unknown>,
    options?: { key?: string; debounceSeconds?: number },
  ): Promise<void>;
  /** Works off jobs of `name` in this process. */
  work(name: string, handler: JobHandler): Promise<void>;
  stop(): Promise<void>;
};

/** `worker`: this process works jobs off, and so also keeps the queue tidy (expiry, retention). */
export function createJobs(
  db: { readonly pool: pg.Pool },
  log: Logger,
  options: { worker?: boolean } = {},
): Jobs {
  let started: Promise<PgBoss> | undefined;
  let stopping = false;
  const loops: Promise<void>[] = [];
  // An idle worker waits between polls; stopping wakes it at once.
  const sleepers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms).unref();
      sleepers.add(wake);
    });
  const startBoss = () => {
    const b = new PgBoss({
      db: { executeSql: (text, values) => db.pool.query(text, values) },
      supervise: options.worker ?? false,
      schedule: false,
    });
    b.on('error', (err) => log.error({ err }, 'background jobs'));
    return b.start();
  };
  const boss = () =>
    (started ??= startBoss()
      // Two processes installing pg-boss's schema at once: one fails with a duplicate schema name
      // (CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent one); it is there now.
      .catch((err: { code?: string }) => {
        if (err.code !== '23505') throw err;
        return startBoss();
      })
      .catch((err) => {
        started = undefined; // not kept: the next call tries again (the database may be back)
        throw err;
      }));
  // Each queue is created once per process, by the first caller (the others wait for it): pg-boss's
  // create_queue run twice at once deadlocks. Another process doing it at the same moment can still
  // deadlock with this one: then the queue exists (the other made it) or the attempt is repeated.
  const queues = new Map<string, Promise<PgBoss>>();
  const queue = (name: string) => {
    let ready = queues.get(name);
    if (!ready) {
      ready = (async () => {
        const b = await boss();
        for (let attempt = 1; ; attempt++)
          try {
            await b.createQueue(name, { name, retryLimit: 3, retryDelay: 30, retryBackoff: true });
            return b;
          } catch (err) {
            if (await b.getQueue(name)) return b;
            if (attempt >= 3 || (err as { code?: string }).code !== '40P01') throw err;
          }
      })();
      queues.set(name, ready);
      ready.catch(() => queues.delete(name));
    }
    return ready;
  };
  return {
    async send(name, data, options = {}) {
      const b = await queue(name);
      if (options.debounceSeconds)
        await b.sendDebounced(name, data, {}, options.debounceSeconds, options.key ?? name);
      else await b.send(name, data);
    },
    async work(name, handler) {
      const b = await queue(name);
      // Our own loop over pg-boss's fetch, complete and fail, each awaited: pg-boss 10's work() does not
      // await completing a job, so a database that goes away while a job runs would end the process.
      const loop = (async () => {
        while (!stopping) {
          try {
            const [job] = await b.fetch<Record<string, unknown>>(name);
            if (!job) {
              await pause(POLL_MS);
              continue;
            }
            try {
              await handler(job.data);
              await b.complete(name, job.id);
            } catch (err) {
              // The message only: a query error may carry its parameters (a whole model).
              const message = String((err as Error)?.message ?? err).slice(0, 500);
              log.error({ job: name, error: message }, 'background job failed');
              await b.fail(name, job.id, { message });
            }
          } catch (err) {
            const message = String((err as Error)?.message ?? err).slice(0, 500);
            log.warn(
              { job: name, error: message },
              'background jobs: the database is not available; trying again',
            );
            await pause(POLL_MS * 5);
          }
        }
      })();
      loops.push(loop);
    },
    async stop() {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
      if (!started) return;
      const b = await started;
      await b.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}
