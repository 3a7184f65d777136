/**
 * Answers kept while the database is unchanged: never older than what they show, never shared
 * between viewers who see different things, never kept inside a transaction that has written; and
 * counts worked out in memory that agree with the hits.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { casePayload } from '../../../test/factories.js';
import { testApp, testDatabase, type TestApp } from '../../../test/helpers.js';
import { parseSearch } from './params.js';
import { search } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const api = async (q: string, headers: Record<string, string> = {}) =>
  (await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers })).json() as {
    total: number;
    items: { title: string }[];
    facets: Record<string, { value: string; count: number }[]>;
  };

describe('several databases in one process', () => {
  // First in the file: the other database is searched before this file's.
  it('each is searched in its own languages and concepts, not in those read first from another', async () => {
    const other = await testDatabase(); // reference data only: indexed in English alone
    try {
      const there = await search(other.orm, ANONYMOUS, parseSearch({ q: 'acceso' }));
      expect(there.items.map((i) => i.url).join(' ')).not.toContain('/akn/');
      // Spanish words, stemmed as Spanish: this database indexes Panama's law in Spanish
      const here = await search(t.db.orm, ANONYMOUS, parseSearch({ q: 'acceso' }));
      expect(here.items.map((i) => i.url).join(' ')).toContain('/akn/pa/act/2021/214/spa@');
    } finally {
      await other.close();
    }
  });
});

describe('the search cache', () => {
  it('an item written after a search is found by the same search at once, by those who may see it', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    expect((await api('qwertzuiop', admin)).total).toBe(0);
    expect((await api('qwertzuiop')).total).toBe(0);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: admin,
      payload: casePayload({
        case_number: 'Q-1',
        title: 'Qwertzuiop ransomware',
        brief: { facts: 'qwertzuiop' },
      }),
    });
    expect(created.statusCode).toBe(201);
    expect((await api('qwertzuiop', admin)).total).toBe(1);
    // the draft is the administrator's to see: the public's answer is its own
    expect((await api('qwertzuiop')).total).toBe(0);
    expect((await api('qwertzuiop', admin)).total).toBe(1);
  });

  it('an answer changed by its caller is not what the next caller gets', async () => {
    const first = await search(t.db.orm, ANONYMOUS, parseSearch({ q: 'computer' }));
    expect(first.items.length).toBeGreaterThan(0);
    const title = first.items[0].title;
    first.items[0].title = 'changed';
    first.total = -1;
    const again = await search(t.db.orm, ANONYMOUS, parseSearch({ q: 'computer' }));
    expect(again.items[0].title).toBe(title);
    expect(again.total).toBeGreaterThan(0);
    // a kept answer is shared by those asking for it, so it cannot be changed
    expect(() => {
      again.items[0].title = 'changed';
    }).toThrow(TypeError);
    expect((await search(t.db.orm, ANONYMOUS, parseSearch({ q: 'computer' }))).items[0].title).toBe(title);
  });

  it('inside a transaction that has written, a search sees the transaction’s own writes', async () => {
    await t.db.orm
      .transaction(async (tx) => {
        const db = tx as unknown as Orm;
        const q = parseSearch({ q: 'plokmijn' });
        expect((await search(db, ANONYMOUS, q)).total).toBe(0);
        await db.execute(sql`
          INSERT INTO search_entry (kind, item_id, language, config, title, body, url, tsv)
          VALUES ('document', 'tx-test', 'eng', 'simple', 'Plokmijn', 'plokmijn', '/documents/tx-test', to_tsvector('simple', 'plokmijn'))`);
        expect((await search(db, ANONYMOUS, q)).total).toBe(1);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect((await api('plokmijn')).total).toBe(0);
  });
});

describe('counts worked out in memory', () => {
  it('an item changed where it stands is counted with its new values', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: admin,
      payload: casePayload({ case_number: 'Q-2', title: 'Asdfghjkl fraud', brief: { facts: 'asdfghjkl' } }),
    });
    const courts = async () => (await api('asdfghjkl', admin)).facets.court?.map((c) => c.value);
    expect(await courts()).toEqual(['High Court of Test']);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.json().id}`,
      headers: admin,
      payload: { court: 'Court of Appeal' },
    });
    expect(patched.statusCode).toBe(200);
    expect(await courts()).toEqual(['Court of Appeal']);
    // the same entry rewritten in place (as an upsert of the index does): a new row version
    await t.db.pool.query(
      `UPDATE search_entry SET court = 'Supreme Court' WHERE kind = 'case' AND title = 'Asdfghjkl fraud'`,
    );
    expect(await courts()).toEqual(['Supreme Court']);
  });

  it('every hit is counted once by type and by language, translations as one', async () => {
    for (const q of ['computer', 'data', 'acceso', 'access OR interception']) {
      const r = await api(q);
      const sum = (facet: string) => (r.facets[facet] ?? []).reduce((s, v) => s + v.count, 0);
      expect(r.total, q).toBeGreaterThan(0);
      expect(sum('type'), q).toBe(r.total);
      expect(sum('language'), q).toBe(r.total);
      expect(sum('country'), q).toBeLessThanOrEqual(r.total);
    }
  });
});
