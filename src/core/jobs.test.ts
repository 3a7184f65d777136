import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../test/helpers.js';
import { createJobs } from './jobs.js';

let db: TestDb;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

describe('background jobs', () => {
  it('queues jobs sent at once to a queue that does not exist yet (its creation runs once, not in a deadlock)', async () => {
    const jobs = createJobs(db, pino({ level: 'silent' }));
    try {
      // as requests do: some send at once, others debounced (as review decisions queue a retraining)
      for (const name of ['burst-a', 'burst-b', 'burst-c', 'burst-d', 'burst-e']) {
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            i % 2 ? jobs.send(name, { i }) : jobs.send(name, { i }, { debounceSeconds: 60, key: `k${i}` }),
          ),
        );
        const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1', [
          name,
        ]);
        expect(rows[0].n, name).toBeGreaterThanOrEqual(5);
      }
    } finally {
      await jobs.stop();
    }
  });
});
