/**
 * What an attack run found, kept found: token scopes on every route, sign-in throttling under
 * parallel attempts (and not usable to keep a user out), redirects after sign-in, one-time reset
 * links used at once, caching of signed-in pages, HSTS, and client addresses behind a proxy.
 */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/core/access.js';
import { issueReset, createUser, setPassword } from '../src/domains/accounts/users.js';
import { safeNext } from '../src/web/accounts/next.js';
import { throttledAddress } from '../src/domains/accounts/login.js';
import { createToken } from '../src/domains/accounts/tokens.js';
import { workPayload } from './factories.js';
import { multipart } from './intake-files.js';
import { sessionAs, signIn, testApp, tokenAs, type TestApp } from './helpers.js';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ demo: true });
  await t.app.ready();
});
afterAll(async () => t?.close());

/** A concrete URL for a route pattern (every parameter a plausible value). */
const concrete = (url: string) =>
  url
    .replace(/:change/, 'reset')
    .replace(/:(\w+)/g, (_, name: string) => (name === 'iso3' ? 'KEN' : '1'))
    .replace(/\*$/, 'x');

describe('token scopes', () => {
  it('a read token of an administrator can change nothing: every non-GET route answers 403 token_read_only', async () => {
    const read = await tokenAs(t, 'admin', [], 'read');
    const writes = t.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(writes.length).toBeGreaterThan(60);
    // the OpenAPI document lists nothing that the route table does not
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops))
        if (method !== 'get')
          expect(
            writes.some(
              (r) => r.method === method.toUpperCase() && r.url.replace(/:(\w+)/g, '{$1}') === path,
            ),
            `${method} ${path}`,
          ).toBe(true);
    const allowed: string[] = [];
    for (const route of writes) {
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: concrete(route.url),
        headers: { ...read, 'content-type': 'application/json' },
        payload: '{}',
      });
      const refused =
        res.statusCode === 403 &&
        res.headers['x-cyrepo-denied'] === 'scope' &&
        (!route.url.startsWith('/api/') || res.json().error.code === 'token_read_only');
      if (!refused) allowed.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(allowed).toEqual([]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM password_reset`);
    expect(rows[0].n).toBe(0);
  });

  it('a write token cannot administer users, reset links or tokens; an admin-scoped token can', async () => {
    const write = await tokenAs(t, 'admin', [], 'write');
    const victim = await sessionAs(t, 'editor');
    const attempts = [
      { method: 'POST', url: `/api/v1/users/${victim.userId}/reset` },
      {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'new-admin@example.org', display_name: 'X', role: 'admin' },
      },
      { method: 'PATCH', url: `/api/v1/users/${victim.userId}`, payload: { role: 'admin' } },
      { method: 'POST', url: '/api/v1/tokens', payload: { name: 'more', scope: 'write' } },
      { method: 'GET', url: '/api/v1/users' },
    ] as const;
    for (const a of attempts) {
      const res = await t.app.inject({
        method: a.method,
        url: a.url,
        headers: write,
        payload: 'payload' in a ? a.payload : undefined,
      });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(403);
      expect(res.json().error.code).toBe('token_scope');
    }
    // but it still writes to the repository
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/organisations',
          headers: write,
          payload: { name: 'Scoped Org', kind: 'partner' },
        })
      ).statusCode,
    ).not.toBe(403);
    // the first administrator's token (`cyrepo token`) is admin-scoped
    const admin = { authorization: `Bearer ${t.token}` };
    expect((await t.app.inject({ url: '/api/v1/me', headers: admin })).json().scope).toBe('admin');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/users/${victim.userId}/reset`, headers: admin }))
        .statusCode,
    ).toBe(200);
  });

  it('only an administrator may hold an admin-scoped token', async () => {
    const editor = await sessionAs(t, 'editor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: editor.headers,
      payload: { name: 'x', scope: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    const admin = await sessionAs(t, 'admin');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'ops', scope: 'admin' },
    });
    expect(made.statusCode).toBe(201);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${made.json().token}` },
    });
    expect(me.json()).toMatchObject({ role: 'admin', scope: 'admin' });
    // the account page names scopes in words, and offers admin only to administrators
    const page = parse((await t.app.inject({ url: '/account', headers: admin.headers })).body);
    expect(page.querySelectorAll('select[name="scope"] option').map((o) => o.getAttribute('value'))).toEqual([
      'read',
      'write',
      'admin',
    ]);
    expect(page.querySelector('table')!.text).toContain('read, write and administer users and tokens');
    const editorPage = parse((await t.app.inject({ url: '/account', headers: editor.headers })).body);
    expect(
      editorPage.querySelectorAll('select[name="scope"] option').map((o) => o.getAttribute('value')),
    ).toEqual(['read', 'write']);
  });
});

describe('sign-in throttling', () => {
  it('40 parallel wrong passwords check at most the allowed number; the rest wait (429)', async () => {
    const user = await createUser(t.db.orm, system('test'), {
      email: 'parallel@example.org',
      display_name: 'P',
      role: 'reader',
      countries: [],
    });
    await setPassword(t.db.orm, user.id, PASSWORD, 16384);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(t, 'parallel@example.org', 'wrong password', { address: `10.40.${i}.1` }),
      ),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    const refused = results.filter((r) => r.statusCode === 429).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused).toBe(40);
    // the right password from a new browser waits too…
    expect((await signIn(t, 'parallel@example.org', PASSWORD, { address: '10.41.0.1' })).statusCode).toBe(
      429,
    );
  });

  it('failures from elsewhere do not stop the right password on a browser the user signed in from before', async () => {
    const user = await createUser(t.db.orm, system('test'), {
      email: 'known@example.org',
      display_name: 'K',
      role: 'reader',
      countries: [],
    });
    await setPassword(t.db.orm, user.id, PASSWORD, 16384);
    const first = await signIn(t, 'known@example.org', PASSWORD, { address: '10.50.0.1' });
    expect(first.statusCode).toBe(303);
    const device = first.cookies.find((c) => c.name === 'cyrepo_device')!;
    expect(device).toMatchObject({ httpOnly: true, path: '/login' });
    // an attacker fails again and again from many addresses
    for (let i = 0; i < 8; i++) await signIn(t, 'known@example.org', 'guess', { address: `10.51.${i}.1` });
    expect((await signIn(t, 'known@example.org', PASSWORD, { address: '10.52.0.1' })).statusCode).toBe(429);
    // the user, on their own browser, is let in
    expect(
      (
        await signIn(t, 'known@example.org', PASSWORD, {
          address: '10.52.0.2',
          cookie: `cyrepo_device=${device.value}`,
        })
      ).statusCode,
    ).toBe(303);
    // and the device cookie does not open another account
    const other = await createUser(t.db.orm, system('test'), {
      email: 'other@example.org',
      display_name: 'O',
      role: 'reader',
      countries: [],
    });
    await setPassword(t.db.orm, other.id, PASSWORD, 16384);
    for (let i = 0; i < 6; i++)
      await signIn(t, 'other@example.org', 'guess', {
        address: `10.53.${i}.1`,
        cookie: `cyrepo_device=${device.value}`,
      });
    expect(
      (
        await signIn(t, 'other@example.org', PASSWORD, {
          address: '10.53.9.1',
          cookie: `cyrepo_device=${device.value}`,
        })
      ).statusCode,
    ).toBe(429);
  });
});

describe('addresses', () => {
  it('counts an IPv6 client by its /64, an IPv4 one (mapped or not) by its address', () => {
    expect(throttledAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:db8::7%eth0')).toBe('2001:db8:0:0::/64');
    expect(throttledAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttledAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(throttledAddress('192.0.2.7')).toBe('192.0.2.7');
  });

  it('an attacker rotating addresses inside one IPv6 /64 meets the address back-off', async () => {
    for (let i = 0; i < 20; i++)
      await signIn(t, `v6spray${i}@example.org`, 'wrong', {
        address: `2001:db8:77:1::${(i + 1).toString(16)}`,
      });
    const res = await signIn(t, 'v6spray-last@example.org', 'wrong', { address: '2001:db8:77:1:abcd::1' });
    expect(res.statusCode).toBe(429);
    expect(
      (await signIn(t, 'v6spray-other@example.org', 'wrong', { address: '2001:db8:77:2::1' })).statusCode,
    ).toBe(401);
  });
});

describe('after sign-in', () => {
  it('goes only to a path on this site', async () => {
    for (const bad of [
      '/\\evil.example/x',
      '//evil.example/x',
      'https://evil.example/',
      '/\t/evil.example',
      'javascript:alert(1)',
      '/\u0000x',
      '',
      '/.//evil.example',
      '/..//evil.example/x',
      '/%2e%2e//evil.example',
      '/a/../..//evil.example',
    ])
      expect(safeNext(bad), bad).toBe('/account');
    expect(safeNext('/countries/KEN?lang=fr#laws')).toBe('/countries/KEN?lang=fr#laws');
    const user = await createUser(t.db.orm, system('test'), {
      email: 'next@example.org',
      display_name: 'N',
      role: 'reader',
      countries: [],
    });
    await setPassword(t.db.orm, user.id, PASSWORD, 16384);
    const res = await signIn(t, 'next@example.org', PASSWORD, {
      address: '10.60.0.1',
      next: '/\\evil.example/x',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect(new URL(String(res.headers.location), 'https://cyrepo.test').host).toBe('cyrepo.test');
  });
});

describe('reset links', () => {
  it('a link used 8 times at once sets the password once', async () => {
    const user = await createUser(t.db.orm, system('test'), {
      email: 'reset8@example.org',
      display_name: 'R',
      role: 'reader',
      countries: [],
    });
    const token = await issueReset(t.db.orm, system('test'), user.email);
    const page = await t.app.inject(`/reset/${token}`);
    const csrf = parse(page.body).querySelector('input[name="_csrf"]')!.getAttribute('value')!;
    const cookie = `cyrepo_csrf=${page.cookies.find((c) => c.name === 'cyrepo_csrf')!.value}`;
    const uses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/reset/${token}`,
          headers: { cookie },
          payload: { password: `passphrase number ${i}`, confirm: `passphrase number ${i}`, _csrf: csrf },
        }),
      ),
    );
    expect(uses.filter((r) => r.statusCode === 303)).toHaveLength(1);
    expect(uses.filter((r) => r.statusCode === 410)).toHaveLength(7);
  });
});

describe('headers', () => {
  it('signed-in responses are not stored; public pages may be', async () => {
    const s = await sessionAs(t, 'reader');
    for (const url of ['/account', '/countries/KEN', '/api/v1/me'])
      expect((await t.app.inject({ url, headers: s.headers })).headers['cache-control'], url).toBe(
        'no-store',
      );
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${t.token}` } })).headers[
        'cache-control'
      ],
    ).toBe('no-store');
    expect((await t.app.inject('/countries/KEN')).headers['cache-control']).toBeUndefined();
  });

  it('HSTS only when the public address is https', async () => {
    expect((await t.app.inject('/')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const plain = await testApp({ db: t.db, env: { PUBLIC_URL: 'http://cyrepo.test' } });
    try {
      expect((await plain.app.inject('/')).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('behind a reverse proxy', () => {
  const spray = async (app: TestApp, prefix: string) => {
    for (let i = 0; i < 20; i++)
      await signIn(app, `${prefix}${i}@example.org`, 'wrong', {
        address: '127.0.0.1',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
    return signIn(app, `${prefix}-last@example.org`, 'wrong', {
      address: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
  };

  it('without TRUST_PROXY the forwarded address is ignored: every client behind the proxy is one address', async () => {
    const res = await spray(t, 'noproxy');
    expect(res.statusCode).toBe(429);
  });

  it('with TRUST_PROXY each client is counted on its own address', async () => {
    const proxied = await testApp({ db: t.db, env: { TRUST_PROXY: 'loopback' } });
    try {
      const res = await spray(proxied, 'proxied');
      expect(res.statusCode).toBe(401);
      const me = await proxied.app.inject({
        url: '/api/v1/me',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '198.51.100.9' },
      });
      expect(me.statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('links', () => {
  it('a document address must be http(s): javascript: is refused at the field, and never rendered as a link', async () => {
    const headers = { authorization: `Bearer ${t.token}` };
    const doc = {
      type: 'good_practice',
      title: 'Links',
      language: 'eng',
      date: '2025-01-10',
      summary: 'S.',
      country: 'KEN',
    };
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>x</script>',
      'file:///etc/passwd',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        headers,
        payload: { ...doc, url },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details.fields[0].field).toMatch(/url$/);
    }
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers,
      payload: { ...doc, url: 'https://example.org/report.pdf' },
    });
    expect(made.statusCode).toBe(201);
    // a link stored before the rule is shown as text, not as a link
    await t.db.pool.query(`UPDATE document SET url = 'javascript:alert(1)' WHERE id = $1`, [made.json().id]);
    const page = parse((await t.app.inject({ url: `/documents/${made.json().id}`, headers })).body);
    expect(page.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(page.querySelector('main')!.text).toContain('javascript:alert(1)');
  });
});

describe('programme records', () => {
  it("a request's page lists no activity the viewer's tier cannot see", async () => {
    const { rows } = await t.db.pool.query(
      `SELECT r.id AS request, a.id AS activity FROM assistance_request r, activity a WHERE r.tier = 'internal' ORDER BY r.id, a.id LIMIT 1`,
    );
    const { request, activity } = rows[0];
    await t.db.pool.query(
      `UPDATE activity SET tier = 'restricted', title = 'MARKER-RESTRICTED-ACTIVITY' WHERE id = $1`,
      [activity],
    );
    await t.db.pool.query(
      `INSERT INTO activity_request (activity_id, request_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [activity, request],
    );
    const reader = await sessionAs(t, 'reader');
    for (const url of [`/assistance/requests/${request}`, `/api/v1/requests/${request}`]) {
      const res = await t.app.inject({ url, headers: reader.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('MARKER-RESTRICTED-ACTIVITY');
    }
    const officer = await sessionAs(t, 'programme_officer');
    expect(
      (await t.app.inject({ url: `/api/v1/requests/${request}`, headers: officer.headers })).body,
    ).toContain('MARKER-RESTRICTED-ACTIVITY');
  });

  it('forms to change programme records are offered to programme staff only', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT id FROM activity WHERE tier <> 'restricted' ORDER BY id LIMIT 1`,
    );
    const editor = await sessionAs(t, 'editor');
    const officer = await sessionAs(t, 'programme_officer');
    const forms = async (headers: Record<string, string>) =>
      parse(
        (await t.app.inject({ url: `/assistance/activities/${rows[0].id}`, headers })).body,
      ).querySelectorAll('main form[method="post"]').length;
    expect(await forms(editor.headers)).toBe(0);
    expect(await forms(officer.headers)).toBeGreaterThan(0);
  });
});

describe('audit page', () => {
  it("an editor's list of people who acted names no one who only touched items the editor cannot see", async () => {
    const owner = await sessionAs(t, 'admin');
    const { token } = await createToken(t.db.orm, system('test'), {
      userId: owner.userId,
      name: 'only-restricted-actor',
      scope: 'write',
    });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: { authorization: `Bearer ${token}` },
      payload: workPayload({ number: 'AUD1', tier: 'restricted' }),
    });
    expect(made.statusCode).toBe(201);
    const editor = await sessionAs(t, 'editor');
    expect((await t.app.inject({ url: '/admin/audit', headers: editor.headers })).body).not.toContain(
      'only-restricted-actor',
    );
    expect((await t.app.inject({ url: '/admin/audit', headers: owner.headers })).body).toContain(
      'only-restricted-actor',
    );
  });
});

describe('uploads', () => {
  it('a control character in an uploaded file name or form field is refused at the field (400), never a server error', async () => {
    const text = Buffer.from('Section 1. Short title. This Act may be cited as the Test Act.');
    const named = multipart(
      { country: 'KEN', language: 'eng', date: '2021-01-01', title: 'Test Act No. 9' },
      [{ name: 'law\u0000.txt', type: 'text/plain', bytes: text }],
      t.token,
    );
    const byName = await t.app.inject({ method: 'POST', url: '/api/v1/imports', ...named });
    expect(byName.statusCode).toBe(400);
    expect(byName.json().error).toMatchObject({
      code: 'invalid_characters',
      details: { field: 'file.filename' },
    });
    const titled = multipart(
      { country: 'KEN', language: 'eng', date: '2021-01-01', title: 'Test\u0001Act No. 9' },
      [{ name: 'law.txt', type: 'text/plain', bytes: text }],
      t.token,
    );
    const byTitle = await t.app.inject({ method: 'POST', url: '/api/v1/imports', ...titled });
    expect(byTitle.statusCode).toBe(400);
    expect(byTitle.json().error).toMatchObject({ code: 'invalid_characters', details: { field: 'title' } });
    const attached = multipart(
      {},
      [{ name: 'note\u0001.txt', type: 'text/plain', bytes: Buffer.from('a note') }],
      t.token,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?owner_type=work&owner_id=ke-act-2019-14',
      ...attached,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_characters');
  });
});
