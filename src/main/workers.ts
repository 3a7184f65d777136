/** The background work a server process takes on: retraining the suggester after review decisions, and measuring a model trained at start-up. */
import type { Database } from '../core/db/connect.js';
import type { Jobs } from '../core/jobs.js';
import type { Logger } from 'pino';
import { RETRAIN_JOB, retrainAll, unmeasured } from '../domains/analysis/learn/store.js';

export async function startWorkers(jobs: Jobs, db: Database, log: Logger): Promise<void> {
  await jobs.work(RETRAIN_JOB, async () => {
    const results = await retrainAll(db.orm, 'review decisions');
    log.info(
      { results: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.outcome])) },
      'suggester retrained',
    );
  });
  // A model trained at start-up is measured on held-out laws in the background (retraining measures it).
  if (await unmeasured(db.orm)) await jobs.send(RETRAIN_JOB, {}, { debounceSeconds: 5 });
}
