/** The one start-up path: an index built by another version of the indexer is rebuilt, a current one kept. */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { loadEnv } from '../../core/env.js';
import { SEARCH_INDEX_VERSION } from '../search/rebuild.js';
import { prepareDatabase } from './prepare.js';

let db: TestDb;
const env = loadEnv({ LOG_LEVEL: 'silent', SCRYPT_N: '16384' });
const log = pino({ level: 'silent' });
const state = async () =>
  (await db.pool.query('SELECT version, built_at FROM search_index_state')).rows[0] as
    | { version: number; built_at: Date }
    | undefined;

beforeAll(async () => {
  db = await testDatabase({ demo: true });
});
afterAll(() => db.close());

describe('prepareDatabase and the search index', () => {
  it('keeps an index built by this version, and rebuilds one built by another', async () => {
    const built = await state();
    expect(built?.version).toBe(SEARCH_INDEX_VERSION);
    await prepareDatabase(db, env, log, { demo: false });
    expect((await state())?.built_at).toEqual(built?.built_at);

    await db.pool.query('UPDATE search_index_state SET version = version - 1');
    await db.pool.query(`DELETE FROM search_entry WHERE kind = 'case'`);
    await prepareDatabase(db, env, log, { demo: false });
    expect((await state())?.version).toBe(SEARCH_INDEX_VERSION);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM search_entry WHERE kind = 'case'`);
    expect(rows[0].n).toBe(44);
  });
});
