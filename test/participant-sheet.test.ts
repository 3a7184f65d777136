/**
 * An activity's participants from a spreadsheet: the template downloads with names in the reader's
 * language; 25 filled rows with one mistake are previewed with the mistake named at its line and
 * column and nothing written; fixed, they are written in one go and the dashboard and the programme
 * report count them; export → edit → import changes the same rows instead of adding them.
 */
import ExcelJS from 'exceljs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/core/access.js';
import { activityInput, getActivity, updateActivity } from '../src/domains/assistance/activities.js';
import { figuresByName } from '../src/reports/model.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let officer: Record<string, string>;
let activity: number;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await tokenAs(t, 'programme_officer');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/activities',
    headers: officer,
    payload: {
      kind: 'training_course',
      title: 'Electronic evidence for prosecutors',
      countries: ['KEN'],
      actual_start: `${year}-02-02`,
      actual_end: `${year}-02-06`,
      status: 'delivered',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  activity = created.json().id;
});
afterAll(() => t.close());

async function sheetOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}
const download = async (lang = 'en') => {
  const res = await t.app.inject({
    url: `/api/v1/activities/${activity}/participants.xlsx?lang=${lang}`,
    headers: officer,
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  return sheetOf(res.rawPayload);
};
const upload = async (book: ExcelJS.Workbook, confirm: boolean) => {
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  const { payload, headers } = multipart({}, [{ name: 'participants.xlsx', type: XLSX, bytes }]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/activities/${activity}/participants/import?confirm=${confirm}`,
    payload,
    headers: { ...headers, ...officer },
  });
};
const figures = async () => {
  const dashboard = (
    await t.app.inject({ url: `/api/v1/assistance/dashboard?year=${year}`, headers: officer })
  ).json();
  return dashboard.summary.trained as number;
};
const rowsInDb = async () =>
  (
    await t.db.pool.query(
      'SELECT count(*)::int AS n, coalesce(sum(count), 0)::int AS people FROM participant_count WHERE activity_id = $1',
      [activity],
    )
  ).rows[0] as {
    n: number;
    people: number;
  };

// 25 groups of people, written as a programme officer would: names in English, French, Spanish and Arabic
const ROLES = ['prosecutors', 'enquêteurs', 'jueces', 'Investigator', 'القضاة'];
const SEXES = ['women', 'hommes', 'mujeres', 'Male', 'not recorded'];
const COUNTRIES = ['Kenya', 'Ouganda', 'KEN', 'Tanzanie', 'كينيا'];

describe('participants from a spreadsheet', () => {
  it('the template names its columns and lists the accepted values in the reader’s language', async () => {
    const book = await download('fr');
    expect(book.worksheets[0].getRow(1).values).toEqual([
      undefined,
      'id',
      'role',
      'sex',
      'country',
      'agency',
      'count',
    ]);
    expect(book.worksheets[0].rowCount).toBe(1);
    const lists = book.worksheets[1];
    expect(lists.getRow(1).values).toEqual([undefined, 'role', 'sex']);
    expect(lists.getColumn(1).values).toContain('procureurs');
    expect(lists.getColumn(2).values).toContain('femmes');
  });

  it('25 rows with one mistake: previewed, the mistake named at its line and column, nothing written; fixed, imported; the figures count them', async () => {
    const before = await figures();
    const book = await download();
    const sheet = book.worksheets[0];
    for (let i = 0; i < 25; i++)
      sheet.addRow([null, ROLES[i % 5], SEXES[(i * 2) % 5], COUNTRIES[(i * 3) % 5], `Agency ${i}`, i + 1]);
    sheet.getRow(15).getCell(2).value = 'astronauts'; // line 15: the 14th person group
    const preview = await upload(book, false);
    expect(preview.statusCode, preview.body).toBe(200);
    const { rows } = preview.json() as {
      rows: { line: number; errors: { field: string; message: string }[] }[];
    };
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.errors.length)).toEqual([
      {
        ...rows[13],
        line: 15,
        errors: [{ field: 'role', message: expect.stringContaining('“astronauts” is not a role') }],
      },
    ]);
    const refused = await upload(book, true);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'import_invalid', details: { rows: [{ line: 15 }] } });
    expect(await rowsInDb()).toEqual({ n: 0, people: 0 });

    sheet.getRow(15).getCell(2).value = 'procureurs';
    const done = await upload(book, true);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ written: true, created: 25, updated: 0 });
    const people = (25 * 26) / 2;
    expect(await rowsInDb()).toEqual({ n: 25, people });
    expect(await figures()).toBe(before + people);
    const report = await t.app.inject({
      url: `/api/v1/reports/programme?from=${year}-01-01&to=${year}-12-31`,
      headers: officer,
    });
    expect(figuresByName(report.json()).people_trained).toBe(before + people);
  });

  it('export → edit → import changes the same rows and adds only the new one', async () => {
    const book = await download('es');
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(26);
    expect(sheet.getRow(2).getCell(2).value).toBe('fiscales'); // names in the reader's language
    sheet.getRow(2).getCell(6).value = 40;
    sheet.addRow([null, 'judges', 'women', 'Uganda', 'High Court', 3]);
    const done = await upload(book, true);
    expect(done.json()).toMatchObject({ written: true, created: 1, updated: 25 });
    expect(await rowsInDb()).toEqual({ n: 26, people: (25 * 26) / 2 - 1 + 40 + 3 });
  });

  it('saving the activity’s form (counts by role and sex only) keeps the imported rows, with their countries, agencies and ids', async () => {
    const rowsNow = async () =>
      (
        await t.db.pool.query(
          'SELECT id, role, sex, country, agency, count FROM participant_count WHERE activity_id = $1 ORDER BY id',
          [activity],
        )
      ).rows;
    const before = await rowsNow();
    const current = await getActivity(t.db.orm, system('test'), activity);
    const defined = Object.fromEntries(Object.entries(current).filter(([, v]) => v !== null));
    const grid = new Map<string, { role: string; sex: string; count: number }>();
    for (const p of current.participants) {
      const g = grid.get(`${p.role}.${p.sex}`) ?? { role: p.role, sex: p.sex, count: 0 };
      g.count += p.count;
      grid.set(`${p.role}.${p.sex}`, g);
    }
    const save = (participants: unknown[]) =>
      updateActivity(
        t.db.orm,
        system('test'),
        activity,
        activityInput.parse({
          ...defined,
          requests: [],
          partners: [],
          participants,
          title: 'Saved from the form',
        }),
      );
    await save([...grid.values()]);
    expect(await rowsNow()).toEqual(before);
    // a changed count in the grid is a change: the rows become the grid's
    const changed = [...grid.values()].map((g, i) => (i === 0 ? { ...g, count: g.count + 1 } : g));
    await save(changed);
    expect((await rowsNow()).every((r) => r.country === null && r.agency === null)).toBe(true);
  });

  it('refuses formulas, unknown rows and ids given twice, naming each', async () => {
    const book = await download();
    const sheet = book.worksheets[0];
    const id = sheet.getRow(2).getCell(1).value;
    sheet.getRow(2).getCell(6).value = { formula: 'SUM(1,2)', result: 3 };
    sheet.getRow(3).getCell(1).value = id;
    sheet.addRow([999999, 'judges', 'women', 'Kenya', '', 1]);
    sheet.addRow([null, 'judges', 'women', 'Atlantis', '', 1]);
    const { rows } = (await upload(book, false)).json() as {
      rows: { line: number; errors: { field: string; message: string }[] }[];
    };
    const problems = rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => e.field)]);
    expect(problems).toEqual([
      [2, ['count', 'count']],
      [3, ['id']],
      [sheet.rowCount - 1, ['id']],
      [sheet.rowCount, ['country']],
    ]);
  });

  it('the pages: upload, preview with the problem, confirm', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const rowsBefore = (await rowsInDb()).n;
    const activityPage = await t.app.inject({
      url: `/assistance/activities/${activity}`,
      headers: { cookie: s.cookie },
    });
    expect(activityPage.body).toContain(`/assistance/activities/${activity}/participants/import`);
    const form = await t.app.inject({
      url: `/assistance/activities/${activity}/participants/import?lang=ar`,
      headers: { cookie: s.cookie },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('استيراد المشاركين من جدول بيانات');
    const post = (csv: string) => {
      const { payload, headers } = multipart({ _csrf: s.csrf }, [
        { name: 'p.csv', type: 'text/csv', bytes: Buffer.from(csv) },
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/assistance/activities/${activity}/participants/import`,
        payload,
        headers: { ...headers, cookie: s.cookie },
      });
    };
    const bad = await post('role,sex,country,count\njudges,women,Kenya,many\n');
    expect(bad.statusCode).toBe(400);
    expect(parse(bad.body).querySelector('#preview .error')!.text).toContain(
      'count: “many” is not a whole number of people',
    );
    const good = await post('role,sex,country,count\njudges,women,Kenya,2\n');
    expect(good.statusCode).toBe(200);
    const rows = parse(good.body).querySelector('input[name=rows]')!.getAttribute('value')!;
    const confirm = await t.app.inject({
      method: 'POST',
      url: `/assistance/activities/${activity}/participants/import/confirm`,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, rows }).toString(),
    });
    expect(confirm.statusCode).toBe(303);
    expect((await rowsInDb()).n).toBe(rowsBefore + 1);
  });
});
