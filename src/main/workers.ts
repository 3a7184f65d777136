/**
 * The background work a server process takes on: retraining the suggester after review decisions,
 * measuring a model trained at start-up, and imports sent from the web. Training is heavy on the processor, so it runs in a
 * child process (`cyrepo suggest --retrain`), never on the event loop that answers requests.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { Database } from '../core/db/connect.js';
import { isConnectionError } from '../core/errors.js';
import type { Jobs } from '../core/jobs.js';
import { RETRAIN_JOB, instrumentsToTrain, unmeasured } from '../domains/analysis/learn/store.js';
import { startImportWorker } from '../domains/imports/run.js';

const BIN = new URL('../../bin/cyrepo.js', import.meta.url).pathname;

/**
 * Runs a step of starting the background work again while the database cannot be reached (the
 * embedded one being restarted by its supervisor), every 2 s for up to 2 minutes: a server that
 * already answers requests does not stop for a restart of its database.
 */
async function whileDatabaseDown<T>(step: () => Promise<T>, log: Logger): Promise<T> {
  for (let waited = 0; ; waited += RETRY_MS)
    try {
      return await step();
    } catch (err) {
      if (!isConnectionError(err) || waited >= 120_000) throw err;
      log.warn(
        { error: String((err as Error).message).slice(0, 200) },
        'background work waits for the database',
      );
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
}
const RETRY_MS = 2000;

export async function startWorkers(jobs: Jobs, db: Database, log: Logger): Promise<void> {
  await whileDatabaseDown(() => retrainWorker(jobs, db, log), log);
  await whileDatabaseDown(() => startImportWorker(jobs, db), log);
  // A model trained at start-up is measured on held-out laws a minute later, in the background.
  if (await whileDatabaseDown(() => unmeasured(db.orm), log))
    await whileDatabaseDown(() => jobs.send(RETRAIN_JOB, {}, { debounceSeconds: 60 }), log);
}

/** Retrains the suggester when review decisions have queued it. */
function retrainWorker(jobs: Jobs, db: Database, log: Logger) {
  return jobs.work(RETRAIN_JOB, async () => {
    for (const instrument of await instrumentsToTrain(db.orm)) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [BIN, 'suggest', '--retrain', '--by', 'review decisions', '--instrument', instrument],
        { env: process.env, maxBuffer: 1 << 20 },
      ).catch((err: { stderr?: string; message: string }) => {
        // Keeping the previous model is an answer, not a failure of the job.
        if (/kept the previous model/.test(err.stderr ?? '')) return { stdout: err.stderr ?? '' };
        throw new Error(err.stderr?.trim() || err.message);
      });
      log.info({ instrument, result: stdout.trim() }, 'suggester retrained');
    }
  });
}
