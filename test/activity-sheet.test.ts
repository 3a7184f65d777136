/**
 * Activities from a spreadsheet: export → edit → import changes the same activities (keeping their
 * participants and partners) and records the new ones, with kinds, statuses and countries written
 * in French or Spanish; each problem is named at its line and column and nothing is written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, tokenAs, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await tokenAs(t, 'programme_officer');
});
afterAll(() => t.close());

const upload = async (bytes: Buffer, name: string, confirm: boolean) => {
  const { payload, headers } = multipart({}, [
    { name, type: name.endsWith('.xlsx') ? XLSX : 'text/csv', bytes },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/activities/import?confirm=${confirm}`,
    payload,
    headers: { ...headers, ...officer },
  });
};
const count = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM activity')).rows[0].n as number;

describe('activities from a spreadsheet', () => {
  it('export → edit → import changes the same activities, keeps their participants, and adds the new one', async () => {
    const res = await t.app.inject({ url: '/api/v1/activities.xlsx?lang=fr', headers: officer });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const before = await count();
    const listed = sheet.rowCount - 1;
    expect(listed).toBeGreaterThan(10);
    const row = sheet.getRow(2);
    const id = Number(row.getCell(1).value);
    const people = (await t.app.inject({ url: `/api/v1/activities/${id}`, headers: officer })).json().people;
    row.getCell(3).value = 'Renamed from a spreadsheet';
    sheet.addRow([
      null,
      'atelier',
      'Atelier sur la preuve électronique',
      'Kenya; Ouganda',
      null,
      '2031-03-02',
      '2031-03-04',
      null,
      null,
      'prévue',
    ]);
    const done = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'activities.xlsx', true);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ written: true, created: 1, updated: listed });
    expect(await count()).toBe(before + 1);
    const changed = (await t.app.inject({ url: `/api/v1/activities/${id}`, headers: officer })).json();
    expect(changed).toMatchObject({ title: 'Renamed from a spreadsheet', people });
    const added = (await t.app.inject({ url: '/api/v1/activities?year=2031', headers: officer })).json()
      .items;
    expect(added).toMatchObject([
      {
        title: 'Atelier sur la preuve électronique',
        kind: 'workshop',
        status: 'planned',
        countries: ['KEN', 'UGA'],
      },
    ]);
  });

  it('names the problems and writes nothing', async () => {
    const before = await count();
    const res = await upload(
      Buffer.from(
        'kind,title,countries,planned_start,planned_end,status\n' +
          'juggling,Fun,Kenya,2031-01-01,2031-01-02,planned\n' +
          'taller,Taller,Kenya; Atlantis,2031-01-01,2031-01-02,prevista\n' +
          'workshop,Dates,Kenya,2031-01-05,2031-01-02,planned\n' +
          'workshop,,Kenya,2031-01-01,2031-01-02,someday\n',
      ),
      'a.csv',
      true,
    );
    expect(res.statusCode).toBe(400);
    const rows = res.json().error.details.rows as { line: number; errors: { field: string }[] }[];
    expect(rows.map((r) => [r.line, r.errors.map((e) => e.field)])).toEqual([
      [2, ['kind']],
      [3, ['countries']],
      [4, ['planned_end']],
      [5, ['status', 'title']],
    ]);
    expect(await count()).toBe(before);
  });
});
