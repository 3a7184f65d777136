/**
 * An editor adds a focal point's list of laws from a spreadsheet in the browser: the mistake named in
 * the preview, fixed, imported; a law's page then says its text is to come and leads to the upload
 * form filled with the law's country, type, year and number, and the text read joins that law.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

const HEADER = 'country,type,year,number,title,language,date_adopted,status\n';

describe('laws from a spreadsheet, in the browser', () => {
  it('list → the mistake named → fixed → imported → the text read from a file joins its law', async () => {
    const context = await run.context({ role: 'editor' });
    const page = await context.newPage();
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-laws-'));
    const file = join(dir, 'laws.csv');
    writeFileSync(
      file,
      `${HEADER}Ouganda,loi,2011,2,Computer Misuse Act,anglais,2011-02-14,en vigueur\nUganda,act,2019,9,Data Protection and Privacy Act,English,2019-02-14,\nUganda,act,2011,2,Computer Misuse Act,English,,\n`,
    );
    await page.goto(`${run.base}/edit`);
    await page.click('text=Laws from a spreadsheet');
    await page.setInputFiles('input[name=file]', file);
    await page.click('text=Preview');
    expect(await page.locator('#preview h2').textContent()).toContain('3 rows, 1 with problems');
    expect(await page.locator('#preview .row-problems .error').textContent()).toBe(
      'line 4, column number: the same law as line 2',
    );

    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(0, 3).join('\n'));
    await page.setInputFiles('input[name=file]', file);
    await page.click('text=Preview');
    expect(await page.locator('#preview h2').textContent()).toContain('2 rows, 0 with problems');
    await page.click('text=Import the 2 rows');
    expect(page.url()).toBe(`${run.base}/edit`);

    await page.goto(`${run.base}/akn/ug/act/2011/2`);
    expect(await page.locator('h1').textContent()).toBe('Computer Misuse Act');
    expect(await page.locator('p.notice[role=status]').textContent()).toContain(
      'The text of this law is not in the repository yet.',
    );
    await page.click('text=Add its text from a file');
    expect(await page.inputValue('input[name=year]')).toBe('2011');
    expect(await page.inputValue('input[name=number]')).toBe('2');
    const text = join(dir, 'cma.txt');
    writeFileSync(
      text,
      'COMPUTER MISUSE ACT\n1. Short title\nThis Act may be cited as the Computer Misuse Act, 2011.\n12. Unauthorised access\nA person who intentionally accesses a computer without authority commits an offence.\n',
    );
    await page.setInputFiles('input[name=file]', text);
    await page.fill('input[name=date]', '2011-02-14');
    await page.click('button:has-text("Preview")');
    await page.click('button[name=op][value=save]');
    expect(page.url()).toContain('/edit/work/ug-act-2011-2');
    const law = await run.t.db.pool.query(
      `SELECT count(*)::int AS n, bool_and(authoritative) AS authoritative FROM legal_expression WHERE work_id = 'ug-act-2011-2'`,
    );
    expect(law.rows[0]).toEqual({ n: 1, authoritative: true });
    await context.close();
  });
});
