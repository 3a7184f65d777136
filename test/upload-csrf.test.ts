/**
 * Upload forms carry their CSRF token in the body, never in the address (where it would land in
 * history, logs and Referer headers): the token is the form's first field, read before any file.
 */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, type Session, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

let t: TestApp;
let editor: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  editor = await sessionAs(t, 'editor');
});
afterAll(() => t?.close());

const text = {
  name: 'notes.txt',
  type: 'text/plain',
  bytes: Buffer.from('Section 1. Short title\nThis Act may be cited as the Notes Act.'),
};
const fields = { country: 'GHA', language: 'eng', date: '2022-07-01', title: 'Notes Act' };
const post = (url: string, body: ReturnType<typeof multipart>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { cookie: editor.cookie, ...body.headers },
  });

describe('upload forms', () => {
  it.each([
    ['the import page', async () => '/edit/import'],
    [
      'a case editor',
      async () =>
        `/edit/case/${(await t.app.inject({ url: '/api/v1/cases?country=KEN&limit=1', headers: editor.headers })).json().items[0].id}`,
    ],
  ])('on %s put the token in a hidden first field, not in the action', async (_name, path) => {
    const res = await t.app.inject({ url: await path(), headers: editor.headers });
    const doc = parse(res.body);
    const forms = doc.querySelectorAll('form[enctype="multipart/form-data"]');
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) {
      expect(form.getAttribute('action')).not.toContain('_csrf');
      expect(form.querySelector('input')!.getAttribute('name')).toBe('_csrf');
      expect(form.querySelector('input')!.getAttribute('value')).toBe(editor.csrf);
    }
  });

  it('accept the token as the first field of the body', async () => {
    const res = await post('/edit/import', multipart({ _csrf: editor.csrf, ...fields }, [text]));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });

  it.each([
    ['no token', () => ({ url: '/edit/import', body: multipart(fields, [text]) })],
    [
      'a wrong token',
      () => ({ url: '/edit/import', body: multipart({ _csrf: 'forged', ...fields }, [text]) }),
    ],
    [
      'the token after the other fields',
      (csrf: string) => ({ url: '/edit/import', body: multipart({ ...fields, _csrf: csrf }, [text]) }),
    ],
    [
      'the token in the address',
      (csrf: string) => ({ url: `/edit/import?_csrf=${csrf}`, body: multipart(fields, [text]) }),
    ],
  ])('refuse an upload with %s (403 csrf)', async (_name, make) => {
    const { url, body } = make(editor.csrf);
    const res = await post(url, body);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('expired or did not come from this site');
  });

  it('take a token first in a multipart body only on upload routes', async () => {
    const res = await post('/logout', multipart({ _csrf: editor.csrf }, []));
    expect(res.statusCode).toBe(403);
  });
});
