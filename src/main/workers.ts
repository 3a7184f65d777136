/**
 * The background work a server process takes on: retraining the suggester after review decisions,
 * and measuring a model trained at start-up. Training is heavy on the processor, so it runs in a
 * child process (`cyrepo suggest --retrain`), never on the event loop that answers requests.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { Database } from '../core/db/connect.js';
import type { Jobs } from '../core/jobs.js';
import { RETRAIN_JOB, instrumentsToTrain, unmeasured } from '../domains/analysis/learn/store.js';

const BIN = new URL('../../bin/cyrepo.js', import.meta.url).pathname;

export async function startWorkers(jobs: Jobs, db: Database, log: Logger): Promise<void> {
  await jobs.work(RETRAIN_JOB, async () => {
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
  // A model trained at start-up is measured on held-out laws a minute later, in the background.
  if (await unmeasured(db.orm)) await jobs.send(RETRAIN_JOB, {}, { debounceSeconds: 60 });
}
