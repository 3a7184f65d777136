/** Administration pages: adding users with inline errors, roles, reset links, disabling; the audit log filters. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, type Session, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let editor: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = await sessionAs(t, 'admin');
  editor = await sessionAs(t, 'editor');
});
afterAll(() => t.close());

const post = (s: Session, url: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: { ...form, _csrf: s.csrf } });

describe('users page', () => {
  it('adds a contributor, with inline errors for bad input, and changes their role', async () => {
    const bad = await post(admin, '/admin/users', {
      email: 'not-an-email',
      display_name: '',
      role: 'contributor',
      countries: 'KEN',
    });
    expect(bad.statusCode).toBe(400);
    const errors = parse(bad.body)
      .querySelectorAll('.field.has-error [name]')
      .map((e) => e.getAttribute('name'));
    expect(errors.sort()).toEqual(['display_name', 'email']);
    const noCountry = await post(admin, '/admin/users', {
      email: 'ug@example.org',
      display_name: 'Uganda focal point',
      role: 'contributor',
      countries: '',
    });
    expect(parse(noCountry.body).querySelector('.field.has-error .error')!.text).toMatch(
      /at least one country/,
    );
    const ok = await post(admin, '/admin/users', {
      email: 'ug@example.org',
      display_name: 'Uganda focal point',
      role: 'contributor',
      countries: 'uga',
    });
    expect(ok.statusCode).toBe(200);
    const row = parse(ok.body)
      .querySelectorAll('table.users tr')
      .find((tr) => tr.text.includes('ug@example.org'))!;
    expect(row.querySelector('input[name="countries"]')!.getAttribute('value')).toBe('UGA');
    const id = row.getAttribute('id')!.replace('user-', '');
    expect((await post(admin, `/admin/users/${id}`, { role: 'editor', countries: '' })).statusCode).toBe(303);
    const reset = await post(admin, `/admin/users/${id}/reset`, {});
    expect(parse(reset.body).querySelector('.message.ok')!.text).toMatch(
      /https:\/\/cyrepo\.test\/reset\/[A-Za-z0-9_-]{32}/,
    );
    expect((await post(admin, `/admin/users/${id}/disable`, {})).statusCode).toBe(303);
    const list = await t.app.inject({ url: '/api/v1/users', headers: { cookie: admin.cookie } });
    expect(list.json().items.find((u: { email: string }) => u.email === 'ug@example.org')).toMatchObject({
      role: 'editor',
      disabled_at: expect.any(String),
    });
  });

  it('is for administrators only', async () => {
    expect((await t.app.inject({ url: '/admin/users', headers: { cookie: editor.cookie } })).statusCode).toBe(
      403,
    );
    expect(
      (await post(editor, '/admin/users', { email: 'x@example.org', display_name: 'X', role: 'admin' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('audit log page', () => {
  it('lists changes newest first and filters by user, item and date', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/ke-act-2019-14',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      payload: { short_title: 'CMCA' },
    });
    const all = parse((await t.app.inject({ url: '/admin/audit', headers: { cookie: editor.cookie } })).body);
    expect(all.querySelector('tbody tr td:nth-child(2)')!.text).toBe(`user:${editor.email}`);
    const byUser = parse(
      (
        await t.app.inject({
          url: `/admin/audit?user=${encodeURIComponent(`user:${editor.email}`)}`,
          headers: { cookie: editor.cookie },
        })
      ).body,
    );
    expect(
      byUser.querySelectorAll('tbody tr').map((r) => r.querySelector('td:nth-child(4)')!.text.trim()),
    ).toEqual(['work ke-act-2019-14']);
    const byItem = parse(
      (
        await t.app.inject({
          url: '/admin/audit?entity_type=work&entity_id=ke-act-2019-14',
          headers: { cookie: editor.cookie },
        })
      ).body,
    );
    expect(byItem.querySelectorAll('tbody tr').map((r) => r.querySelector('td:nth-child(3)')!.text)).toEqual([
      'update',
      'create',
    ]);
    const future = parse(
      (await t.app.inject({ url: '/admin/audit?from=2999-01-01', headers: { cookie: editor.cookie } })).body,
    );
    expect(future.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(
      (await t.app.inject({ url: '/admin/audit?from=yesterday', headers: { cookie: editor.cookie } }))
        .statusCode,
    ).toBe(400);
  });
});
