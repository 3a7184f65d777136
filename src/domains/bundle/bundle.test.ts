import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { system } from '../../core/access.js';
import { addAttachment } from '../attachments/service.js';
import { inTransaction } from '../../core/db/tx.js';
import { exportBundle } from './export.js';
import { BundleError, importBundle, parseBundle } from './import.js';

let source: TestDb;
let target: TestDb;
beforeAll(async () => {
  [source, target] = await Promise.all([testDatabase({ demo: true }), testDatabase()]);
  await inTransaction(source, (tx) =>
    addAttachment(tx, system('test'), {
      ownerType: 'work',
      ownerId: 'ke-act-2019-14',
      filename: 'gazette.pdf',
      mediaType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4 test gazette'),
    }),
  );
});
afterAll(async () => {
  await source.close();
  await target.close();
});

describe('bundle', () => {
  it('export → import into an empty database → export gives an identical bundle', async () => {
    await source.pool.query(
      `UPDATE legal_work SET tier = 'restricted', editorial_status = 'in_review' WHERE id = 'ke-act-2019-14'`,
    );
    const first = JSON.stringify(await exportBundle(source.pool), null, 1);
    const counts = await importBundle(target.pool, parseBundle(first), 'test');
    expect(counts.works).toBe(14);
    expect(counts.cases).toBeGreaterThanOrEqual(40);
    expect(counts.attachments).toBe(1);
    const second = JSON.stringify(await exportBundle(target.pool), null, 1);
    expect(second).toBe(first);
    const { rows } = await target.pool.query(
      `SELECT tier, editorial_status FROM legal_work WHERE id = 'ke-act-2019-14'`,
    );
    expect(rows[0]).toEqual({ tier: 'restricted', editorial_status: 'in_review' }); // access survives the round trip
  });

  it('names the problem and where it is for a malformed bundle', () => {
    expect(() => parseBundle('{"format":', 'x.json')).toThrow(/^x\.json: not valid JSON/);
    const bad = {
      format: 'cyrepo-bundle',
      version: 1,
      works: [{ id: 'Bad Id' }],
      mappings: [],
      cases: [],
      documents: [],
      attachments: [],
    };
    expect(() => parseBundle(JSON.stringify(bad), 'b.json')).toThrow(BundleError);
    expect(() => parseBundle(JSON.stringify(bad), 'b.json')).toThrow(/^b\.json: works\[0\]\.id: /);
    expect(() => parseBundle(JSON.stringify({ ...bad, version: 4 }), 'b.json')).toThrow(/version/);
  });

  it('imports nothing when part of a bundle cannot be written', async () => {
    const empty = await testDatabase();
    try {
      const bundle = await exportBundle(source.pool);
      bundle.cases[3].country = 'XXX'; // passes the shape check, fails the foreign key
      await expect(importBundle(empty.pool, bundle, 'test')).rejects.toMatchObject({ code: '23503' });
      const { rows } = await empty.pool.query(
        'SELECT (SELECT count(*) FROM legal_work)::int AS works, (SELECT count(*) FROM provision)::int AS provisions',
      );
      expect(rows[0]).toEqual({ works: 0, provisions: 0 });
    } finally {
      await empty.close();
    }
  });
});
