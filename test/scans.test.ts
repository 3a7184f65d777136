/**
 * Scans sent for OCR, what needs no OCR engine to check: a scan is refused before it is kept when
 * the law's country, language, date or title is missing or the file is not a scan; a job on a
 * machine without Tesseract fails saying exactly what to install; who follows which import. The
 * reading itself is tested with the real engine on scans Chromium makes (test/browser/ocr.test.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/domains/imports/run.js';
import { makePdf, multipart } from './intake-files.js';
import { postForm, sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());
afterEach(() => {
  delete process.env.TESSERACT;
});

const LAW = { country: 'KEN', language: 'eng', date: '2021-05-04', title: 'Computer Misuse Act, 2021' };
const send = async (
  headers: Record<string, string>,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer },
) => {
  const body = multipart(fields, [file]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/scans',
    payload: body.payload,
    headers: { ...headers, ...body.headers },
  });
};

describe('scans sent for OCR', () => {
  it('refuses, before keeping anything, a scan without what the law is, or a file that is not a scan', async () => {
    const editor = await tokenAs(t, 'editor');
    const scan = { name: 'gazette.pdf', type: 'application/pdf', bytes: await makePdf([]) };
    const untitled = await send(editor, { ...LAW, title: '' }, scan);
    expect(untitled.statusCode).toBe(422);
    expect(untitled.json().error).toMatchObject({
      code: 'metadata_required',
      message: 'gazette.pdf: say the title of this law (--title)',
    });
    const nowhere = await send(editor, { ...LAW, country: 'ZZ' }, scan);
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().error.message).toMatch(/^gazette\.pdf: .*ZZ/);
    const docx = await send(editor, LAW, {
      name: 'law.docx',
      type: 'application/octet-stream',
      bytes: Buffer.from('PK'),
    });
    expect(docx.statusCode).toBe(422);
    expect(docx.json().error).toMatchObject({ code: 'not_a_scan' });
    expect(
      (await t.db.pool.query(`SELECT count(*)::int AS n FROM import_job WHERE kind = 'scan'`)).rows[0].n,
    ).toBe(0);
    // a reader may not send scans
    expect((await send(await tokenAs(t, 'reader'), LAW, scan)).statusCode).toBe(403);
  });

  it('without Tesseract, the job fails saying what to install; only its sender and programme staff follow it', async () => {
    process.env.TESSERACT = '/nonexistent/tesseract';
    const contributor = await sessionAs(t, 'contributor', ['KEN']);
    const sent = await send(contributor.headers, LAW, {
      name: 'page.png',
      type: 'image/png',
      bytes: Buffer.from('not really a png'),
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const [job] = sent.json().items;
    expect(job).toMatchObject({ kind: 'scan', status: 'queued', filename: 'page.png' });
    await runImport(t.db, t.app.jobs, job.id);
    const done = await t.app.inject({ url: `/api/v1/imports/${job.id}`, headers: contributor.headers });
    expect(done.json()).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /^Reading scans needs Tesseract, which is not installed: apt-get install tesseract-ocr tesseract-ocr-ara .*tesseract-ocr-chi-sim .*poppler-utils/,
      ),
    });
    // the page of the import says it too
    const page = await t.app.inject({ url: `/imports/${job.id}`, headers: contributor.headers });
    expect(page.body).toContain('apt-get install tesseract-ocr');
    // another contributor does not see it, in the list or by its number, nor an editor; programme staff do
    const other = await sessionAs(t, 'contributor', ['KEN']);
    expect(
      (await t.app.inject({ url: `/api/v1/imports/${job.id}`, headers: other.headers })).statusCode,
    ).toBe(404);
    const editor = await tokenAs(t, 'editor');
    expect((await t.app.inject({ url: `/api/v1/imports/${job.id}`, headers: editor })).statusCode).toBe(404);
    const officer = await tokenAs(t, 'programme_officer');
    expect((await t.app.inject({ url: `/api/v1/imports/${job.id}`, headers: officer })).statusCode).toBe(200);
  });
});

describe('cancelling an import', () => {
  it('a waiting scan is cancelled by its sender (API) or programme staff (page); then it is not read, and cannot be cancelled twice', async () => {
    const contributor = await sessionAs(t, 'contributor', ['KEN']);
    const queue = async () =>
      (
        await send(contributor.headers, LAW, {
          name: 'gazette.pdf',
          type: 'application/pdf',
          bytes: await makePdf([]),
        })
      ).json().items[0].id as number;
    const first = await queue();
    const cancelled = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/imports/${first}`,
      headers: contributor.headers,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', error: 'cancelled by its sender' });
    await runImport(t.db, t.app.jobs, first);
    expect(
      (await t.app.inject({ url: `/api/v1/imports/${first}`, headers: contributor.headers })).json().status,
    ).toBe('cancelled');
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/imports/${first}`,
      headers: contributor.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'not_cancellable',
      message: 'gazette.pdf: the import is cancelled; it can no longer be cancelled',
    });
    // another contributor cannot; programme staff can, from the import's page
    const second = await queue();
    const other = await sessionAs(t, 'contributor', ['KEN']);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/imports/${second}`, headers: other.headers }))
        .statusCode,
    ).toBe(404);
    const officer = await sessionAs(t, 'programme_officer');
    const page = await t.app.inject({ url: `/imports/${second}`, headers: officer.headers });
    expect(page.body).toContain(`action="/imports/${second}/cancel"`);
    const posted = await postForm(t, officer, `/imports/${second}/cancel`);
    expect(posted.statusCode).toBe(303);
    const after = await t.app.inject({ url: `/imports/${second}`, headers: officer.headers });
    expect(after.body).toContain('cancelled by programme staff');
    expect(after.body).not.toContain('/cancel"');
    const kept = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM import_job WHERE id = ANY($1) AND file IS NOT NULL',
      [[first, second]],
    );
    expect(kept.rows[0].n).toBe(0);
  });
});
