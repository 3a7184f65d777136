/**
 * DATABASE_READ_URL: searches (API, page, feed) read from the replica, everything else — and every
 * write — goes to the primary. The "replica" here is a second copy of the demo database holding an
 * item the primary does not, so that where each read went is visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { openDatabase, type Database } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { caseInput } from '../src/domains/caselaw/input.js';
import { createCase } from '../src/domains/caselaw/service.js';
import { buildApp, type App } from '../src/main/app.js';
import { ensureAdminToken } from '../src/domains/accounts/tokens.js';
import { casePayload } from './factories.js';
import { testDatabase, type TestDb } from './helpers.js';

let primary: TestDb;
let replica: TestDb;
let db: Database;
let app: App;
let token: string;

beforeAll(async () => {
  primary = await testDatabase({ demo: true });
  replica = await testDatabase({ demo: true });
  // only on the replica: a published case (as replication would bring it)
  await createCase(
    replica.orm,
    system('test'),
    caseInput.parse(casePayload({ case_number: 'R-1', title: 'Qwyxzv replicated judgment' })),
    { status: 'published' },
  );
  const env = loadEnv({
    DATABASE_URL: primary.url,
    DATABASE_READ_URL: replica.url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  db = await openDatabase(env, pino({ level: 'silent' }));
  app = await buildApp({ db, env, log: pino({ level: 'silent' }) });
  token = await ensureAdminToken(db.orm, env.ADMIN_EMAIL);
});
afterAll(async () => {
  await app.close();
  await db.close();
  await primary.close();
  await replica.close();
});

describe('a read replica', () => {
  it('answers searches: the API, the page and the feed', async () => {
    const api = (await app.inject('/api/v1/search?q=qwyxzv')).json();
    expect(api.items.map((i: { title: string }) => i.title)).toEqual(['Qwyxzv replicated judgment']);
    expect((await app.inject('/search?q=qwyxzv')).body).toContain('Qwyxzv replicated judgment');
    expect((await app.inject('/feeds/search.atom?q=qwyxzv')).body).toContain('Qwyxzv replicated judgment');
  });

  it('is not where anything else is read or written', async () => {
    // the case list reads the primary, which does not have the replica's case
    const list = (await app.inject('/api/v1/cases?limit=200')).json();
    expect(list.items.some((c: { title: string }) => c.title.startsWith('Qwyxzv'))).toBe(false);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: casePayload({ case_number: 'P-1', title: 'Plmokn primary judgment' }),
    });
    expect(created.statusCode).toBe(201);
    const count = async (on: TestDb) =>
      (await on.pool.query("SELECT count(*)::int AS n FROM legal_case WHERE title LIKE 'Plmokn%'")).rows[0].n;
    expect(await count(primary)).toBe(1);
    expect(await count(replica)).toBe(0);
  });
});
