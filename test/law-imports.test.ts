/**
 * Law files imported in the background: many Akoma Ntoso files sent at once answer 202; each becomes
 * a law (a draft) as the account that sent it may make it — a contributor's law of another country
 * is refused — and a broken file is refused naming it; a job run again after its commit adds nothing.
 * A large spreadsheet too: checked at once, then written by a job (API and page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/domains/imports/run.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const akn = (country: string, year: number, number: string, title: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta><identification source="#x">
  <FRBRWork><FRBRuri value="/akn/${country}/act/${year}/${number}"/><FRBRdate date="${year}-03-01" name="assent"/><FRBRcountry value="${country}"/><FRBRnumber value="${number}"/></FRBRWork>
  <FRBRExpression><FRBRuri value="/akn/${country}/act/${year}/${number}/eng@${year}-03-01"/><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>
  <preface><p><docTitle>${title}</docTitle></p></preface>
  <body><section eId="sec_1"><num>1.</num><heading>Illegal access</heading><content><p>A person who accesses a computer system without right commits an offence.</p></content></section>
  <section eId="sec_2"><num>2.</num><heading>Illegal interception</heading><content><p>A person who intercepts computer data without right commits an offence.</p></content></section></body></act></akomaNtoso>`);
const XML = 'application/xml';
type Job = {
  id: number;
  status: string;
  error: string | null;
  report: { expression: string; provisions: number } | null;
};

async function send(headers: Record<string, string>, files: { name: string; bytes: Buffer }[]) {
  const form = multipart(
    {},
    files.map((f) => ({ ...f, type: XML })),
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/laws',
    payload: form.payload,
    headers: { ...form.headers, ...headers },
  });
  expect(res.statusCode, res.body).toBe(202);
  const jobs = res.json().items as Job[];
  for (const j of jobs) await runImport(t.db, t.app.jobs, j.id);
  return Promise.all(
    jobs.map(async (j) => (await t.app.inject({ url: `/api/v1/imports/${j.id}`, headers })).json() as Job),
  );
}
const works = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM legal_work')).rows[0].n as number;

describe('law files in the background', () => {
  it('imports each file whole as its sender may, or refuses it naming it; a retry adds nothing', async () => {
    const editor = await tokenAs(t, 'editor');
    const before = await works();
    const [good, second, broken] = await send(editor, [
      { name: 'ug-2011-2.xml', bytes: akn('ug', 2011, '2', 'Computer Misuse Act, 2011') },
      { name: 'gh-2020-1038.xml', bytes: akn('gh', 2020, '1038', 'Cybersecurity Act, 2020') },
      { name: 'broken.xml', bytes: Buffer.from('<akomaNtoso><act><body>') },
    ]);
    expect(good).toMatchObject({
      status: 'done',
      error: null,
      report: { expression: '/akn/ug/act/2011/2/eng@2011-03-01', provisions: 2 },
    });
    expect(second.status).toBe('done');
    expect(broken).toMatchObject({ status: 'failed', report: null });
    expect(broken.error).toMatch(/^broken\.xml: /);
    expect(await works()).toBe(before + 2);
    const law = (await t.app.inject({ url: '/api/v1/works/ug-act-2011-2', headers: editor })).json();
    expect(law).toMatchObject({ editorial_status: 'draft', created_by: expect.stringMatching(/^token:/) });

    // run again after its commit (a worker that died just after): nothing twice
    await t.db.pool.query(`UPDATE import_job SET status = 'running', file = $2 WHERE id = $1`, [
      good.id,
      akn('ug', 2011, '2', 'x'),
    ]);
    await runImport(t.db, t.app.jobs, good.id);
    expect(await works()).toBe(before + 2);
  });

  it("refuses a contributor's law of another country, and shows the jobs on the imports page", async () => {
    const contributor = await tokenAs(t, 'contributor', ['UGA']);
    const [refused] = await send(contributor, [
      { name: 'ke.xml', bytes: akn('ke', 2018, '5', 'Computer Misuse and Cybercrimes Act') },
    ]);
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('Contributors can only add items for their countries');

    const s = await sessionAs(t, 'editor');
    const form = multipart({ _csrf: s.csrf }, [
      { name: 'tz-2015-14.xml', type: XML, bytes: akn('tz', 2015, '14', 'Cybercrimes Act, 2015') },
    ]);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/imports/laws',
      payload: form.payload,
      headers: { ...form.headers, cookie: s.cookie },
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const [{ id }] = (await t.db.pool.query(`SELECT id FROM import_job WHERE filename = 'tz-2015-14.xml'`))
      .rows;
    await runImport(t.db, t.app.jobs, id);
    const page = await t.app.inject({ url: '/imports', headers: { cookie: s.cookie } });
    expect(page.body).toContain('tz-2015-14.xml');
    expect(page.body).toContain('2 provisions');
    expect(page.body).toContain('href="/akn/tz/act/2015/14/eng@2015-03-01"');
  });
});

describe('a large spreadsheet in the background', () => {
  const sheet = (rows: number, from: number) =>
    Buffer.from(
      `country,type,year,number,title,language\n${Array.from({ length: rows }, (_, i) => `Kenya,act,2001,${from + i},Law ${from + i},English`).join('\n')}\n`,
    );
  const upload = (bytes: Buffer, headers: Record<string, string>) => {
    const form = multipart({}, [{ name: 'laws.csv', type: 'text/csv', bytes }]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/works/import?confirm=true',
      payload: form.payload,
      headers: { ...form.headers, ...headers },
    });
  };

  it('is checked at once, queued, and written whole by the job; one with a problem is refused, nothing queued', async () => {
    const editor = await tokenAs(t, 'editor');
    const before = await works();
    const wrong = Buffer.from(`${sheet(600, 1000).toString().trimEnd()}\nAtlantis,act,2001,9,X,English\n`);
    const refused = await upload(wrong, editor);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.rows).toMatchObject([{ line: 602, errors: [{ field: 'country' }] }]);
    expect(
      (await t.db.pool.query(`SELECT count(*)::int AS n FROM import_job WHERE kind = 'sheet'`)).rows[0].n,
    ).toBe(0);

    const sent = await upload(sheet(600, 1000), editor);
    expect(sent.statusCode, sent.body).toBe(202);
    const { job } = sent.json() as { job: Job };
    expect(await works()).toBe(before);
    await runImport(t.db, t.app.jobs, job.id);
    const done = (await t.app.inject({ url: `/api/v1/imports/${job.id}`, headers: editor })).json();
    expect(done).toMatchObject({ status: 'done', report: { created: 600, updated: 0 }, error: null });
    expect(await works()).toBe(before + 600);
  });

  it('the page: confirming a large sheet leads to its job', async () => {
    const s = await sessionAs(t, 'editor');
    const rows = JSON.stringify(
      Array.from({ length: 501 }, (_, i) => ({
        line: i + 2,
        cells: {
          country: 'KEN',
          type: 'act',
          year: '2002',
          number: String(i),
          title: `Law ${i}`,
          language: 'eng',
        },
        formulas: [],
      })),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/edit/laws/import/confirm',
      headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, rows }).toString(),
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(/^\/imports\/\d+$/);
    const id = Number(String(res.headers.location).split('/').pop());
    await runImport(t.db, t.app.jobs, id);
    const page = await t.app.inject({ url: `/imports/${id}`, headers: s.headers });
    expect(page.body).toContain('501 added, 0 changed');
  });
});
