/**
 * A programme officer records an activity's participants from a spreadsheet in the browser:
 * downloads the template, fills 25 rows (one wrong), sees the mistake named in the preview, fixes
 * it, imports — and the dashboard and the programme report count the people.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenAs } from '../helpers.js';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

const WOMEN = ['women', 'femmes', 'mujeres', 'Female', 'женщины'];
const ROLES = ['prosecutors', 'enquêteurs', 'jueces', 'Investigator', 'forensic examiners'];

describe('participants from a spreadsheet, in the browser', () => {
  it('template → 25 rows with one mistake → the mistake named → fixed → imported → counted on the dashboard', async () => {
    const year = new Date().getUTCFullYear();
    const officer = await tokenAs(run.t, 'programme_officer');
    const created = await run.t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: officer,
      payload: {
        kind: 'workshop',
        title: 'Spreadsheet workshop',
        countries: ['KEN'],
        actual_start: `${year}-01-12`,
        actual_end: `${year}-01-13`,
        status: 'delivered',
      },
    });
    const activity = created.json().id as number;
    const context = await run.context({ role: 'programme_officer' });
    const page = await context.newPage();
    const women = async () => {
      await page.goto(`${run.base}/assistance?year=${year}`);
      const fig = page.locator('figure.figure', { has: page.locator('figcaption', { hasText: /by sex/ }) });
      const cell = fig.locator('tr', { has: page.locator('th', { hasText: /^women$/ }) }).locator('td.n');
      return (await cell.count()) ? Number((await cell.textContent())!.replace(/\D/g, '')) : 0;
    };
    const before = await women();
    // the programme report of the year: its people trained, as a user reads it on the report page
    const trained = async () => {
      await page.goto(`${run.base}/reports/programme?from=${year}-01-01&to=${year}-12-31`);
      return Number(await page.locator('#fig-people_trained').getAttribute('data-value'));
    };
    const reported = await trained();

    await page.goto(`${run.base}/assistance/activities/${activity}`);
    await page.click('text=Import participants from a spreadsheet');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Download the spreadsheet (XLSX)'),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    for (let i = 0; i < 25; i++) sheet.addRow([null, ROLES[i % 5], WOMEN[i % 5], 'Kenya', `Agency ${i}`, 2]);
    sheet.getRow(10).getCell(5 + 1).value = 'two'; // line 10: a count that is no number
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-sheet-'));
    const file = join(dir, 'participants.xlsx');
    const save = async () => writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    await save();

    await page.setInputFiles('input[name=file]', file);
    await page.click('text=Preview');
    expect(await page.locator('#preview h2').textContent()).toContain('25 rows, 1 with problems');
    expect(await page.locator('#preview tr.has-error td').first().textContent()).toBe('10');
    expect(await page.locator('#preview .row-problems .error').textContent()).toBe(
      'line 10, column count: “two” is not a whole number of people',
    );
    expect(await page.locator('text=Import the 25 rows').count()).toBe(0);

    sheet.getRow(10).getCell(6).value = 2;
    await save();
    await page.setInputFiles('input[name=file]', file);
    await page.click('text=Preview');
    expect(await page.locator('#preview h2').textContent()).toContain('25 rows, 0 with problems');
    await page.click('text=Import the 25 rows');
    expect(page.url()).toBe(`${run.base}/assistance/activities/${activity}`);
    expect(await women()).toBe(before + 50);
    expect(await trained()).toBe(reported + 50);
    await context.close();
  });
});
