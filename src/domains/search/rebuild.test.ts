/**
 * Rebuilding the index into a new table that then takes the old one's place: what a search and the
 * next edit rely on is all there afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { ANONYMOUS } from '../../core/access.js';
import { parseSearch } from './params.js';
import { rebuildSearch } from './rebuild.js';
import { indexCase } from './indexer.js';
import { search } from './service.js';

let db: TestDb;
beforeAll(async () => {
  db = await testDatabase({ demo: true });
});
afterAll(() => db.close());

const q = (text: string) => db.pool.query(text).then((r) => r.rows);
/** What a rebuild must keep: indexes, keys, the table's comment, grants, the id sequence. */
const shape = async () => ({
  indexes: await q(
    `SELECT indexname, regexp_replace(indexdef, 'public\\.', '') AS def FROM pg_indexes WHERE tablename = 'search_entry' ORDER BY 1`,
  ),
  constraints: await q(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'search_entry'::regclass ORDER BY 1`,
  ),
  comment: (await q(`SELECT obj_description('search_entry'::regclass, 'pg_class') AS c`))[0].c,
  grants: await q(
    `SELECT grantee, privilege_type FROM information_schema.role_table_grants WHERE table_name = 'search_entry' AND grantee = 'PUBLIC'`,
  ),
  sequence: (await q(`SELECT pg_get_serial_sequence('search_entry', 'id') AS s`))[0].s,
  schemas: await q(`SELECT nspname FROM pg_namespace WHERE nspname = 'search_build'`),
});

describe('rebuilding the search index', () => {
  it('keeps the table as it was, finds the same items, and takes the next edit', async () => {
    await q('GRANT SELECT ON search_entry TO PUBLIC');
    const before = await shape();
    expect(before.indexes.length).toBeGreaterThanOrEqual(10);
    const found = async () =>
      (await search(db.orm, ANONYMOUS, parseSearch({ q: 'illegal access', limit: 50 }))).items.map(
        (h) => `${h.type}:${h.id}`,
      );
    const hits = await found();
    expect(hits.length).toBeGreaterThan(0);
    const total = (await q('SELECT count(*)::int AS n FROM search_entry'))[0].n;

    expect(await rebuildSearch(db.orm)).toBe(total);
    expect(await shape()).toEqual(before);
    expect(await found()).toEqual(hits);

    // An item indexed after the rebuild gets an id from the same sequence.
    const [{ id: caseId }] = await q(`SELECT id FROM legal_case ORDER BY id LIMIT 1`);
    const [{ max }] = await q('SELECT max(id) AS max FROM search_entry');
    await indexCase(db.orm, caseId);
    const [{ id }] = await q(`SELECT id FROM search_entry WHERE kind = 'case' AND item_id = '${caseId}'`);
    expect(Number(id)).toBeGreaterThan(Number(max));
  });
});
