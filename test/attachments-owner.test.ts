/**
 * A file follows its owner: who may add or remove it is the owner's rule (the editorial policy for
 * works, cases and documents; programme staff and an open assessment for programme records), and
 * whoever may not see the owner can neither list nor download its files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload } from './factories.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Record<string, string>;
let officer: Record<string, string>;
let editor: Record<string, string>;
let reader: Record<string, string>;
let publicActivity: number;
let restrictedActivity: number;
let assessment: number;
let indicator: string;

const boundary = '----owner';
const multipart = (filename: string, text: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
const upload = (
  headers: Record<string, string>,
  type: string,
  id: number | string,
  filename: string,
  text = filename,
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?owner_type=${type}&owner_id=${id}`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: multipart(filename, text),
  });
const remove = (headers: Record<string, string>, id: number) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${id}`, headers });
const list = (headers: Record<string, string>, type: string, id: number | string) =>
  t.app.inject({ url: `/api/v1/attachments?owner_type=${type}&owner_id=${id}`, headers });

beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = { authorization: `Bearer ${t.token}` };
  officer = await tokenAs(t, 'programme_officer');
  editor = await tokenAs(t, 'editor');
  reader = await tokenAs(t, 'reader');
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: admin, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const activity = {
    kind: 'training_course',
    title: 'Evidence course',
    countries: ['KEN'],
    planned_start: '2026-05-04',
    planned_end: '2026-05-08',
  };
  publicActivity = await post('/api/v1/activities', { ...activity, tier: 'public' });
  restrictedActivity = await post('/api/v1/activities', {
    ...activity,
    title: 'Closed course',
    tier: 'restricted',
  });
  const framework = (await t.app.inject({ url: '/api/v1/frameworks', headers: admin }))
    .json()
    .items.find((f: { status: string }) => f.status === 'published');
  indicator = framework.definition.dimensions[0].indicators[0].code;
  assessment = await post('/api/v1/assessments', {
    country: 'KEN',
    framework: framework.id,
    started: '2026-02-02',
  });
});
afterAll(() => t.close());

describe('files of programme records', () => {
  it('an editor can neither add nor remove them; a programme officer can', async () => {
    for (const [type, id] of [
      ['activity', publicActivity],
      ['assessment', assessment],
    ] as const) {
      const refused = await upload(editor, type, id, `editor-${type}.txt`);
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().error).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('programme officers'),
      });
      const added = await upload(officer, type, id, `officer-${type}.txt`);
      expect(added.statusCode, added.body).toBe(201);
      const del = await remove(editor, added.json().id);
      expect(del.statusCode).toBe(403);
      expect(
        (await list(officer, type, id)).json().items.map((a: { filename: string }) => a.filename),
      ).toEqual([`officer-${type}.txt`]);
    }
    // An editor still adds and removes the files of laws, by the editorial policy; a read token does not.
    const law = await upload(editor, 'work', 'ke-act-2019-14', 'gazette.txt');
    expect(law.statusCode, law.body).toBe(201);
    expect(
      (
        await upload(
          await tokenAs(t, 'programme_officer', [], 'read'),
          'activity',
          publicActivity,
          'read-token.txt',
        )
      ).statusCode,
    ).toBe(403);
    expect((await remove(editor, law.json().id)).statusCode).toBe(204);
  });

  it('a validated or published assessment refuses new files and keeps the ones it has (409)', async () => {
    const kept = await upload(officer, 'assessment', assessment, 'before-validation.txt');
    expect(kept.statusCode).toBe(201);
    const call = (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
      t.app.inject({ method, url, headers: officer, payload });
    expect(
      (await call(`/api/v1/assessments/${assessment}/scores`, { indicator, score: 3 }, 'PUT')).statusCode,
    ).toBe(200);
    expect((await call(`/api/v1/assessments/${assessment}/status`, { to: 'validated' })).statusCode).toBe(
      200,
    );

    const late = await upload(officer, 'assessment', assessment, 'after-validation.txt');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('assessment_validated');
    expect(late.json().error.message).toMatch(/is validated; reopen it/);
    const evidence = await upload(
      officer,
      'assessment',
      `${assessment}:${indicator}`,
      'indicator-evidence.txt',
    );
    expect(evidence.json().error.code).toBe('assessment_validated');
    expect((await remove(officer, kept.json().id)).json().error.code).toBe('assessment_validated');
    // The page form says the same.
    const s = await sessionAs(t, 'programme_officer');
    const page = await t.app.inject({
      method: 'POST',
      url: `/files/assessment/${assessment}?_csrf=${encodeURIComponent(s.csrf)}`,
      headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart('from-page.txt', 'from the page'),
    });
    expect(page.statusCode).toBe(409);

    expect((await call(`/api/v1/assessments/${assessment}/status`, { to: 'published' })).statusCode).toBe(
      200,
    );
    expect((await upload(admin, 'assessment', assessment, 'after-publication.txt')).json().error.code).toBe(
      'assessment_published',
    );
    expect((await remove(admin, kept.json().id)).json().error.code).toBe('assessment_published');
    expect(
      (await list(officer, 'assessment', assessment))
        .json()
        .items.map((a: { filename: string }) => a.filename),
    ).toEqual(['officer-assessment.txt', 'before-validation.txt']);
  });
});

describe('listing and downloading files', () => {
  it('anonymous visitors see no file of a programme record, readers none of a restricted one or a draft', async () => {
    const pub = (await upload(officer, 'activity', publicActivity, 'agenda.txt', 'public agenda')).json();
    const secret = (
      await upload(officer, 'activity', restrictedActivity, 'closed.txt', 'closed agenda')
    ).json();
    // Activities are for signed-in users: not their files either.
    expect((await list({}, 'activity', publicActivity)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/attachments/${pub.id}/download`)).statusCode).toBe(404);
    expect((await list(reader, 'activity', publicActivity)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: `/api/v1/attachments/${pub.id}/download`, headers: reader })).body,
    ).toBe('public agenda');
    // Restricted: not to a reader or an editor.
    for (const who of [reader, editor]) {
      expect((await list(who, 'activity', restrictedActivity)).statusCode).toBe(404);
      expect(
        (await t.app.inject({ url: `/api/v1/attachments/${secret.id}/download`, headers: who })).statusCode,
      ).toBe(404);
    }
    expect(
      (await t.app.inject({ url: `/api/v1/attachments/${secret.id}/download`, headers: officer })).body,
    ).toBe('closed agenda');
    // A draft case's files: not to a reader.
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: admin,
      payload: casePayload({ case_number: 'F-1' }),
    });
    const file = (await upload(admin, 'case', draft.json().id, 'draft.txt')).json();
    expect((await list(reader, 'case', draft.json().id)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/attachments/${file.id}/download`, headers: reader })).statusCode,
    ).toBe(404);
  });
});
