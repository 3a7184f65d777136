/** Signing in and out: sessions in the database, cookies, CSRF, rate limits, timeouts, reset links. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/core/access.js';
import { createUser, issueReset, setPassword } from '../src/domains/accounts/users.js';
import { loginForm, signIn, testApp, testDatabase, type TestApp, type TestDb } from './helpers.js';

const PASSWORD = 'correct horse battery staple';
let db: TestDb;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  db = await testDatabase();
  [a, b] = await Promise.all([testApp({ db }), testApp({ db })]);
  const user = await createUser(db.orm, system('test'), {
    email: 'focal@example.org',
    display_name: 'Focal Point',
    role: 'contributor',
    countries: ['KEN'],
  });
  await setPassword(db.orm, user.id, PASSWORD, 16384);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await db.close();
});

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'cyrepo_session');

describe('sessions', () => {
  it('a session made on one app instance is valid on the other', async () => {
    const res = await signIn(a, 'focal@example.org', PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    const page = await b.app.inject({
      url: '/account',
      headers: { cookie: `cyrepo_session=${cookie.value}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('focal@example.org');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await signIn(a, 'nobody@example.org', PASSWORD, { address: '10.0.0.2' });
    const wrong = await signIn(a, 'focal@example.org', 'not the password', { address: '10.0.0.3' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const message = (body: string) => parse(body).querySelector('.message.error')!.text;
    expect(message(unknown.body)).toBe(message(wrong.body));
  });

  it('locks an account after repeated failures, whether or not it exists, and slows down an address', async () => {
    for (const email of ['locked@example.org', 'focal2@example.org']) {
      for (let i = 0; i < 5; i++)
        expect((await signIn(a, email, 'wrong', { address: `10.1.0.${i}` })).statusCode).toBe(401);
      const sixth = await signIn(a, email, 'wrong', { address: '10.1.1.1' });
      expect(sixth.statusCode).toBe(429);
    }
    for (let i = 0; i < 20; i++) await signIn(a, `spray${i}@example.org`, 'wrong', { address: '10.9.9.9' });
    expect((await signIn(a, 'focal@example.org', PASSWORD, { address: '10.9.9.9' })).statusCode).toBe(429);
    expect((await signIn(a, 'focal@example.org', PASSWORD, { address: '10.9.9.8' })).statusCode).toBe(303);
  });

  it('refuses a form without the right CSRF token and changes nothing', async () => {
    const form = await loginForm(a);
    const none = await a.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: form.cookie },
      payload: { email: 'focal@example.org', password: PASSWORD },
    });
    expect(none.statusCode).toBe(403);
    expect(sessionCookie(none)).toBeUndefined();
    const signedIn = sessionCookie(await signIn(a, 'focal@example.org', PASSWORD, { address: '10.0.0.5' }))!;
    const tokens = await a.app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { cookie: `cyrepo_session=${signedIn.value}` },
      payload: { name: 'x', _csrf: 'forged' },
    });
    expect(tokens.statusCode).toBe(403);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM api_token WHERE name = 'x'`);
    expect(rows[0].n).toBe(0);
  });

  it('rotates the session on sign-in, ends it on sign-out and after the idle timeout', async () => {
    const first = sessionCookie(await signIn(a, 'focal@example.org', PASSWORD, { address: '10.0.0.6' }))!;
    const form = await a.app.inject({
      url: '/account',
      headers: { cookie: `cyrepo_session=${first.value}` },
    });
    const csrf = parse(form.body)
      .querySelector('form[action="/logout"] input[name="_csrf"]')!
      .getAttribute('value')!;
    const out = await a.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: `cyrepo_session=${first.value}` },
      payload: { _csrf: csrf },
    });
    expect(out.statusCode).toBe(303);
    expect(
      (await a.app.inject({ url: '/account', headers: { cookie: `cyrepo_session=${first.value}` } }))
        .statusCode,
    ).toBe(303);

    const second = sessionCookie(await signIn(a, 'focal@example.org', PASSWORD, { address: '10.0.0.7' }))!;
    expect(second.value).not.toBe(first.value);
    await db.pool.query(`UPDATE user_session SET last_seen_at = now() - interval '3 hours'`);
    expect(
      (await a.app.inject({ url: '/account', headers: { cookie: `cyrepo_session=${second.value}` } }))
        .statusCode,
    ).toBe(303);
  });

  it('a session is marked as seen at most once a minute (a write on every click would make every kept page stale)', async () => {
    const cookie = `cyrepo_session=${sessionCookie(await signIn(a, 'focal@example.org', PASSWORD, { address: '10.0.0.8' }))!.value}`;
    const seen = async () =>
      (await db.pool.query(`SELECT max(last_seen_at)::text AS t FROM user_session`)).rows[0].t as string;
    await db.pool.query(`UPDATE user_session SET last_seen_at = now() - interval '30 seconds'`);
    const before = await seen();
    expect((await a.app.inject({ url: '/account', headers: { cookie } })).statusCode).toBe(200);
    expect(await seen()).toBe(before);
    await db.pool.query(`UPDATE user_session SET last_seen_at = now() - interval '2 minutes'`);
    const older = await seen();
    expect((await a.app.inject({ url: '/account', headers: { cookie } })).statusCode).toBe(200);
    expect(await seen()).not.toBe(older);
  });

  it('a one-time reset link sets the password once', async () => {
    const token = await issueReset(db.orm, system('test'), 'focal@example.org');
    const page = await a.app.inject(`/reset/${token}`);
    expect(page.statusCode).toBe(200);
    const csrf = parse(page.body).querySelector('input[name="_csrf"]')!.getAttribute('value')!;
    const cookie = `cyrepo_csrf=${page.cookies.find((c) => c.name === 'cyrepo_csrf')!.value}`;
    const short = await a.app.inject({
      method: 'POST',
      url: `/reset/${token}`,
      headers: { cookie },
      payload: { password: 'short', confirm: 'short', _csrf: csrf },
    });
    expect(short.statusCode).toBe(400);
    expect(parse(short.body).querySelector('.field.has-error .error')!.text).toMatch(
      /at least 12 characters/,
    );
    const ok = await a.app.inject({
      method: 'POST',
      url: `/reset/${token}`,
      headers: { cookie },
      payload: { password: 'a new long passphrase', confirm: 'a new long passphrase', _csrf: csrf },
    });
    expect(ok.statusCode).toBe(303);
    expect(
      (await signIn(a, 'focal@example.org', 'a new long passphrase', { address: '10.0.0.8' })).statusCode,
    ).toBe(303);
    expect((await a.app.inject(`/reset/${token}`)).statusCode).toBe(410);
  });
});
