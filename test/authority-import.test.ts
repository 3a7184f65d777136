/** The directory of authorities from CSV and XLSX: preview with each row's problems, nothing written until all is right. */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await tokenAs(t, 'programme_officer');
});
afterAll(() => t.close());

const count = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM authority')).rows[0].n as number;
const upload = (bytes: Buffer, name: string, confirm = false) => {
  const { payload, headers } = multipart({}, [{ name, type: 'text/csv', bytes }]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/authorities/import?confirm=${confirm}`,
    payload,
    headers: { ...headers, ...officer },
  });
};

describe('importing the directory', () => {
  it('round-trips the CSV export: changed rows update, new rows add, contacts included', async () => {
    const csv = (await t.app.inject({ url: '/api/v1/authorities?country=KEN&format=csv', headers: officer }))
      .body;
    const [central] = parseCsv(csv, { columns: true }) as Record<string, string>[];
    const file = Buffer.from(
      stringify(
        [
          { ...central, turnaround_days: '75' },
          {
            ...central,
            id: '',
            name: central.name.replace('Attorney-General', 'Director of Public Prosecutions'),
          },
        ],
        { header: true },
      ),
    );
    const before = await count();
    const preview = (await upload(file, 'authorities.csv')).json();
    expect(preview.written).toBe(false);
    expect(preview.rows.map((r: { action: string; errors: unknown[] }) => [r.action, r.errors])).toEqual([
      ['update', []],
      ['create', []],
    ]);
    expect(await count()).toBe(before);
    const done = await upload(file, 'authorities.csv', true);
    expect(done.json()).toEqual({ written: true, created: 1, updated: 1, unchanged: 0 });
    const kenya = (await t.app.inject({ url: '/api/v1/authorities?country=KEN', headers: officer })).json()
      .items;
    expect(
      kenya.find((a: { name: string }) => a.name.startsWith('Office of the Attorney')).turnaround_days,
    ).toBe(75);
    const dpp = kenya.find((a: { name: string }) => a.name.startsWith('Office of the Director'));
    expect(dpp.contact.email).toBe('central-authority@ke.example.org');
    expect(dpp.requirements).toBe(
      kenya.find((a: { name: string }) => a.name.startsWith('Office of the Attorney')).requirements,
    );
  });

  it('names each bad row, line and column, and writes nothing, even when other rows are right', async () => {
    const file = Buffer.from(
      [
        'country,kind,name,designations,languages,turnaround_days',
        'UGA,central_mla,Uganda Ministry of Justice,ETS185 27,eng,30',
        'UGA,embassy,Uganda Embassy,,,',
        'XYZ,police,Nowhere Police,XX99 35,english,-4',
        ',,Nameless,,,',
      ].join('\n'),
    );
    const before = await count();
    const preview = (await upload(file, 'bad.csv')).json();
    const problems = preview.rows.map((r: { line: number; errors: { field: string }[] }) => [
      r.line,
      r.errors.map((e) => e.field),
    ]);
    expect(problems[0]).toEqual([2, []]);
    expect(problems[1]).toEqual([3, ['kind']]);
    expect(problems[2][0]).toBe(4);
    expect(problems[2][1]).toEqual(expect.arrayContaining(['country', 'designations', 'turnaround_days']));
    expect(preview.rows[3].errors).toEqual([
      { field: 'country', message: "the authority's country is required" },
      { field: 'kind', message: "the authority's kind is required" },
    ]);
    const refused = await upload(file, 'bad.csv', true);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('import_invalid');
    expect(await count()).toBe(before);
    expect((await upload(Buffer.from('not,a\n"broken'), 'broken.csv')).statusCode).toBe(400);
  });

  it('reads the first sheet of an XLSX file', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Authorities');
    sheet.addRow(['country', 'kind', 'name', 'languages', 'verified_on', 'contact_email']);
    sheet.addRow([
      'Ouganda',
      'point de contact 24/7',
      'Uganda Police Force Cybercrime Unit',
      'eng; swa',
      new Date('2026-05-01'),
      'cyber@ug.example.org',
    ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const done = await upload(bytes, 'authorities.xlsx', true);
    expect(done.json(), done.body).toEqual({ written: true, created: 1, updated: 0, unchanged: 0 });
    const [uganda] = (
      await t.app.inject({ url: '/api/v1/authorities?country=UGA&kind=contact_24_7', headers: officer })
    ).json().items;
    expect(uganda).toMatchObject({
      languages: ['eng', 'swa'],
      verified_on: '2026-05-01',
      contact: { email: 'cyber@ug.example.org' },
    });
  });

  it('round-trips its XLSX, names in French: every authority updated, none added', async () => {
    const res = await t.app.inject({ url: '/api/v1/authorities.xlsx?lang=fr', headers: officer });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toContain('contact_email');
    const row = sheet.getRow(2);
    expect(String(row.getCell(header.indexOf('kind') + 1).value)).toMatch(/^Autorité|^Point|^Canal/);
    row.getCell(header.indexOf('turnaround_days') + 1).value = 12;
    const before = await count();
    const done = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'authorities.xlsx', true);
    expect(done.json(), done.body).toEqual({
      written: true,
      created: 0,
      updated: sheet.rowCount - 1,
      unchanged: 0,
    });
    expect(await count()).toBe(before);
    const id = Number(row.getCell(1).value);
    expect(
      (await t.app.inject({ url: `/api/v1/authorities/${id}`, headers: officer })).json().turnaround_days,
    ).toBe(12);
    // the public's sheet has no contacts
    const open = await t.app.inject({ url: '/api/v1/authorities.xlsx' });
    const publicBook = new ExcelJS.Workbook();
    await publicBook.xlsx.load(open.rawPayload as unknown as ArrayBuffer);
    expect((publicBook.worksheets[0].getRow(1).values as string[]).join()).not.toContain('contact_');
  });

  it('the pages: upload, preview, confirm', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const file = Buffer.from('country,kind,name\nSEN,contact_24_7,Division spéciale de cybersécurité\n');
    const { payload, headers } = multipart({ _csrf: s.csrf }, [
      { name: 'a.csv', type: 'text/csv', bytes: file },
    ]);
    const preview = await t.app.inject({
      method: 'POST',
      url: '/authorities/import',
      payload,
      headers: { ...headers, cookie: s.cookie },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const page = parse(preview.body);
    expect(page.querySelector('#preview')!.text).toContain('Division spéciale de cybersécurité');
    const rows = page.querySelector('input[name=rows]')!.getAttribute('value')!;
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/authorities/import/confirm',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, rows }).toString(),
    });
    expect(confirm.statusCode).toBe(303);
    expect(
      (await t.app.inject('/api/v1/authorities?country=SEN&kind=contact_24_7')).json().items,
    ).toHaveLength(1);
  });
});
