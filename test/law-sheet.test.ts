/**
 * Laws from a spreadsheet: a focal point's list of laws to add becomes draft laws whose text is still
 * to come (names in Spanish or French accepted), each problem named at its line and column with
 * nothing written; the text then joins its law, read from a file; export → edit → import changes the
 * same laws without duplicating them, and a law's address cannot change.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './intake-files.js';
import { postForm, sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let editor: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  editor = await tokenAs(t, 'editor');
});
afterAll(() => t.close());

const upload = (bytes: Buffer, name: string, confirm: boolean, headers = editor) => {
  const form = multipart({}, [{ name, type: name.endsWith('.xlsx') ? XLSX : 'text/csv', bytes }]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/works/import?confirm=${confirm}`,
    payload: form.payload,
    headers: { ...form.headers, ...headers },
  });
};
const count = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM legal_work')).rows[0].n as number;
const HEADER = 'country,type,year,number,title,language,date_adopted,status,source\n';
const LIST =
  HEADER +
  'Kenia,ley,2018,5,Computer Misuse and Cybercrimes Act,inglés,2018-05-16,en vigor,https://kenyalaw.org/\n' +
  'Ghana,act,2020,1038,Cybersecurity Act,English,2020-12-29,,\n' +
  'Atlantide,loi,2021,7,Loi sur la cybercriminalité,français,2021-01-01,en vigueur,\n';

describe('laws from a spreadsheet', () => {
  it('names the problems of a list of laws to add, and writes nothing', async () => {
    const before = await count();
    const preview = await upload(Buffer.from(LIST), 'laws.csv', false);
    expect(preview.statusCode, preview.body).toBe(200);
    const rows = preview.json().rows as { line: number; errors: { field: string }[] }[];
    expect(rows.map((r) => [r.line, r.errors.map((e) => e.field)])).toEqual([
      [2, []],
      [3, []],
      [4, ['country']],
    ]);
    const bad = await upload(
      Buffer.from(
        `${HEADER}Kenya,act,2019,9,Twice,English,,,\nKenya,act,2019,9,Twice again,English,,,\n` +
          'Kenya,statute,20x9,,,klingon,2019-02-30,,\n',
      ),
      'laws.csv',
      true,
    );
    expect(bad.statusCode).toBe(400);
    expect(
      (bad.json().error.details.rows as { line: number; errors: { field: string }[] }[]).map((r) => [
        r.line,
        r.errors.map((e) => e.field).sort(),
      ]),
    ).toEqual([
      [3, ['number']],
      [4, ['date_adopted', 'language', 'number', 'title', 'type', 'year']],
    ]);
    expect(await count()).toBe(before);
  });

  it('adds laws whose text is to come; the text then joins its law, read from a file', async () => {
    const before = await count();
    const done = await upload(Buffer.from(LIST.split('\n').slice(0, 3).join('\n')), 'laws.csv', true);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ written: true, created: 2, updated: 0 });
    expect(await count()).toBe(before + 2);
    const law = await t.app.inject({ url: '/api/v1/works/ke-act-2018-5', headers: editor });
    expect(law.json()).toMatchObject({
      title: { eng: 'Computer Misuse and Cybercrimes Act' },
      status: 'in_force',
      source: 'https://kenyalaw.org/',
      editorial_status: 'draft',
      expressions: [],
      expression: null,
    });
    // a draft: not public
    expect((await t.app.inject({ url: '/api/v1/works/ke-act-2018-5' })).statusCode).toBe(404);
    const s = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: '/akn/ke/act/2018/5', headers: s.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The text of this law is not in the repository yet.');
    expect(page.body).toContain('/edit/import?work=ke-act-2018-5');
    const form = await t.app.inject({ url: '/edit/import?work=ke-act-2018-5', headers: s.headers });
    expect(form.body).toMatch(/name="year"[^>]*value="2018"/);

    // The text, read from a file with the law's year and number, becomes its first (authoritative) text.
    const text =
      'COMPUTER MISUSE AND CYBERCRIMES ACT\nPART I\n1. Short title\nThis Act may be cited as the Computer Misuse and Cybercrimes Act.\n2. Unauthorised access\nA person who causes a computer system to perform a function without authority commits an offence.\n';
    const read = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart(
        {
          country: 'KEN',
          language: 'eng',
          date: '2018-05-30',
          title: 'Computer Misuse and Cybercrimes Act',
          type: 'act',
          number: '5',
          year: '2018',
        },
        [{ name: 'cmca.txt', type: 'text/plain', bytes: Buffer.from(text) }],
        editor.authorization.slice('Bearer '.length),
      ),
    });
    expect(read.statusCode, read.body).toBe(201);
    expect(await count()).toBe(before + 2);
    const filled = (await t.app.inject({ url: '/api/v1/works/ke-act-2018-5', headers: editor })).json();
    expect(filled.expressions).toMatchObject([{ language: 'eng', date: '2018-05-30', authoritative: true }]);
    expect(filled.expression.provisions.length).toBeGreaterThan(0);
  });

  it('export → edit → import changes the same laws; an address cannot change', async () => {
    const res = await t.app.inject({ url: '/api/v1/works.xlsx?lang=es', headers: editor });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (id: string) => {
      for (let i = 2; i <= sheet.rowCount; i++)
        if (sheet.getRow(i).getCell(1).value === id) return sheet.getRow(i);
      throw new Error(`no row ${id}`);
    };
    const ghana = rowOf('gh-act-2020-1038');
    expect(ghana.getCell(col('texts')).value).toBe(0);
    expect(ghana.getCell(col('status')).value).toBe('En vigor');
    ghana.getCell(col('short_title')).value = 'Ley de ciberseguridad';
    ghana.getCell(col('date_adopted')).value = null; // cleared
    ghana.getCell(col('status')).value = 'no está en vigor';
    const before = await count();
    const done = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'laws.xlsx', true);
    expect(done.statusCode, done.body).toBe(200);
    // only the row that changes something is written
    expect(done.json()).toMatchObject({ created: 0, updated: 1, unchanged: sheet.rowCount - 2 });
    expect(await count()).toBe(before);
    const changed = (await t.app.inject({ url: '/api/v1/works/gh-act-2020-1038', headers: editor })).json();
    expect(changed).toMatchObject({
      short_title: 'Ley de ciberseguridad',
      date_adopted: null,
      status: 'not_in_force',
      title: { eng: 'Cybersecurity Act' },
    });

    // a file without a column keeps what the law holds there; its tier and status too
    const internal = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/gh-act-2020-1038',
      headers: editor,
      payload: { tier: 'internal' },
    });
    expect(internal.statusCode, internal.body).toBe(200);
    const short = await upload(
      Buffer.from(
        'id,country,type,year,number,title,language\ngh-act-2020-1038,Ghana,act,2020,1038,Cybersecurity Act 2020,English\n',
      ),
      'laws.csv',
      true,
    );
    expect(short.json()).toMatchObject({ updated: 1 });
    expect(
      (await t.app.inject({ url: '/api/v1/works/gh-act-2020-1038', headers: editor })).json(),
    ).toMatchObject({
      title: { eng: 'Cybersecurity Act 2020' },
      short_title: 'Ley de ciberseguridad',
      status: 'not_in_force',
      tier: 'internal',
    });

    ghana.getCell(col('year')).value = 2021;
    const moved = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'laws.xlsx', true);
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details.rows).toEqual([
      { line: ghana.number, errors: [{ field: 'year', message: expect.stringContaining('cannot change') }] },
    ]);
  });

  it('lets a contributor add laws of their countries only, on the page as in the API', async () => {
    const contributor = await tokenAs(t, 'contributor', ['UGA']);
    const res = await upload(
      Buffer.from(
        `${HEADER}Kenya,act,2024,3,Another,English,,,\nUganda,act,2011,2,Computer Misuse Act,English,,,\n`,
      ),
      'laws.csv',
      false,
      contributor,
    );
    expect(res.json().rows.map((r: { errors: { field: string }[] }) => r.errors.map((e) => e.field))).toEqual(
      [['country'], []],
    );
    const reader = await tokenAs(t, 'reader');
    expect((await upload(Buffer.from(LIST), 'laws.csv', false, reader)).statusCode).toBe(403);
    // the sheet a contributor downloads comes back whole: the laws they may not change, unchanged, are left
    await t.db.pool.query(`UPDATE legal_work SET editorial_status = 'published' WHERE id = 'ke-act-2018-5'`);
    const sheet = await t.app.inject({ url: '/api/v1/works.xlsx', headers: contributor });
    const back = await upload(sheet.rawPayload, 'laws.xlsx', true, contributor);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const changedCsv = Buffer.from(
      'id,country,type,year,number,title,language\nke-act-2018-5,Kenya,act,2018,5,Renamed,English\n',
    );
    const refused = await upload(changedCsv, 'laws.csv', false, contributor);
    expect(refused.json().rows[0].errors).toEqual([
      { field: 'id', message: 'you may not change ke-act-2018-5' },
    ]);
    const s = await sessionAs(t, 'contributor', ['UGA']);
    const page = await t.app.inject({ url: '/edit/laws/import', headers: s.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/v1/works.xlsx?lang=en');
    expect((await postForm(t, s, '/edit/laws/import/confirm', { rows: '[]' })).statusCode).toBe(400);
  });
});
