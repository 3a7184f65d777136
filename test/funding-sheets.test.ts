/**
 * Contributions and funding needs from spreadsheets: names in any UN language, each problem named
 * at its line and column, nothing written until all is right; export → edit → import changes the
 * same contributions; a need is set, not added again, by its year, region and post (the whole
 * programme's too) — and the funding figures follow.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/core/access.js';
import { fundingFigures } from '../src/domains/assistance/funding-figures.js';
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

const upload = (path: string, bytes: Buffer, type: string, confirm: boolean) => {
  const { payload, headers } = multipart({}, [{ name: type === XLSX ? 'f.xlsx' : 'f.csv', type, bytes }]);
  return t.app.inject({
    method: 'POST',
    url: `${path}/import?confirm=${confirm}`,
    payload,
    headers: { ...headers, ...officer },
  });
};
const csv = (text: string) => Buffer.from(text);
type Preview = { rows: { line: number; errors: { field: string; message: string }[] }[] };
const problems = (body: Preview) =>
  body.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => e.field)]);
const needed = async (year: number) =>
  (await fundingFigures(t.db.orm, system('test'), { fromYear: year, toYear: year })).needed;

describe('funding needs from a spreadsheet', () => {
  it('sets each need by year, region and post — the whole programme’s too — so importing again changes nothing', async () => {
    const file = csv(
      'year,region,post,usd\n2031,,Programme coordinator,120000\n2031,Afrique orientale,Regional adviser,90000\n2031,شرق أفريقيا,Trainer,30000\n',
    );
    const preview = (await upload('/api/v1/funding-needs', file, 'text/csv', false)).json() as Preview;
    expect(problems(preview)).toEqual([]);
    for (const _ of [1, 2]) {
      const res = await upload('/api/v1/funding-needs', file, 'text/csv', true);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await needed(2031)).toBe(240000);
    const rows = (
      await t.db.pool.query(
        'SELECT region, count(*)::int AS n FROM funding_need WHERE year = 2031 GROUP BY region ORDER BY region NULLS FIRST',
      )
    ).rows;
    expect(rows).toEqual([
      { region: null, n: 1 },
      { region: '014', n: 2 },
    ]);
  });

  it('names the problems: an unknown region, a year that is no year, a negative amount', async () => {
    const res = await upload(
      '/api/v1/funding-needs',
      csv('year,region,post,usd\n2031,Atlantis,Adviser,10\nnext year,,Adviser,10\n2031,,Adviser,-5\n'),
      'text/csv',
      true,
    );
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.rows.map((r: { line: number; errors: { field: string }[] }) => [
          r.line,
          r.errors.map((e) => e.field),
        ]),
    ).toEqual([
      [2, ['region']],
      [3, ['year']],
      [4, ['usd']],
    ]);
    expect(await needed(2031)).toBe(240000);
  });
});

describe('contributions from a spreadsheet', () => {
  it('export → edit → import changes the same contribution, and records a new one earmarked by name', async () => {
    const res = await t.app.inject({ url: '/api/v1/contributions.xlsx?lang=fr', headers: officer });
    expect(res.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM contribution')).rows[0].n as number;
    expect(sheet.rowCount - 1).toBe(before);
    const first = sheet.getRow(2);
    const id = Number(first.getCell(1).value);
    first.getCell(3).value = 777777; // amount
    first.getCell(5).value = 777777; // usd
    first.getCell(4).value = 'USD';
    const donor = String(first.getCell(2).value);
    sheet.addRow([
      null,
      donor,
      50000,
      'EUR',
      54000,
      '2031-01-15',
      null,
      2031,
      2031,
      'pays',
      'Kenya',
      'for Kenya',
    ]);
    const done = await upload(
      '/api/v1/contributions',
      Buffer.from(await book.xlsx.writeBuffer()),
      XLSX,
      true,
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 1, updated: before });
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM contribution')).rows[0].n).toBe(before + 1);
    expect(
      (await t.db.pool.query('SELECT amount::float FROM contribution WHERE id = $1', [id])).rows[0].amount,
    ).toBe(777777);
    expect(
      (await t.db.pool.query("SELECT earmark, earmark_value FROM contribution WHERE note = 'for Kenya'"))
        .rows[0],
    ).toEqual({ earmark: 'country', earmark_value: 'KEN' });
  });

  it('names the problems: an unknown donor, a value in dollars missing, an earmark for nowhere', async () => {
    const res = await upload(
      '/api/v1/contributions',
      csv(
        'donor,amount,currency,usd,pledged,period_start,period_end,earmark,earmark_value\n' +
          'Nobody Fund,100,USD,,2031-01-01,2031,2031,,\n' +
          'Nobody Fund,100,EUR,,2031-01-01,2031,2031,,\n' +
          'Nobody Fund,100,USD,,2031-01-01,2031,2031,region,Atlantis\n',
      ),
      'text/csv',
      false,
    );
    expect(problems(res.json())).toEqual([
      [2, ['donor']],
      [3, ['donor', 'usd']],
      [4, ['donor', 'earmark_value']],
    ]);
  });
});
