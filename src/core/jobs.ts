/**
 * Background jobs in the database, with pg-boss (its tables in the `pgboss` schema, created on first
 * use): any process may send a job — a request that should not wait for the work, a CLI command —
 * and the server processes (`cyrepo serve`, every instance) work them off; whichever instance is
 * free takes a job, once. Jobs survive a restart; a failed job is retried.
 */
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';

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
  const queues = new Set<string>();
  const boss = () =>
    (started ??= (async () => {
      const b = new PgBoss({
        db: { executeSql: (text, values) => db.pool.query(text, values) },
        supervise: options.worker ?? false,
        schedule: false,
      });
      b.on('error', (err) => log.error({ err }, 'background jobs'));
      return b.start();
    })());
  const queue = async (name: string) => {
    const b = await boss();
    if (!queues.has(name)) {
      await b.createQueue(name, { name, retryLimit: 3, retryDelay: 30, retryBackoff: true });
      queues.add(name);
    }
    return b;
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
      await b.work<Record<string, unknown>>(name, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    },
    async stop() {
      if (!started) return;
      const b = await started;
      await b.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}
