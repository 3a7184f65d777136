/**
 * Review of legislation in the browser: an editor opens Uganda's review queue, accepts two
 * suggestions and rejects one; the coverage page and the matrix change; the gap report lists the
 * accepted provision and downloads as a DOCX that opens (read back with mammoth).
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/domains/accounts/sessions.js';
import { sessionAs } from '../helpers.js';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

describe('an editor reviewing Uganda against the Budapest Convention', () => {
  it('accepts two suggestions and rejects one; coverage, matrix and gap report follow', async () => {
    // As if the reviewer had not yet looked at two of the articles section 21 implements.
    const auth = { authorization: `Bearer ${run.t.token}` };
    const mapped = (
      await run.t.app.inject({ url: '/api/v1/mappings?work=ug-act-2020-9&instrument=ETS185', headers: auth })
    ).json().items as { id: number; eid: string; article: string }[];
    for (const m of mapped.filter((x) => x.eid === 'sec_21' && ['27', '29'].includes(x.article)))
      expect(
        (await run.t.app.inject({ method: 'DELETE', url: `/api/v1/mappings/${m.id}`, headers: auth }))
          .statusCode,
      ).toBe(204);
    const editor = await sessionAs(run.t, 'editor');
    const context = await run.browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: editor.cookie.split('=')[1], url: run.base }]);
    const page = await context.newPage();
    const status = async (article: string) =>
      (await page.locator(`#art-${article} td.st`).textContent())?.trim();

    await page.goto(`${run.base}/coverage/UGA?instrument=ETS185`);
    expect(await status('27')).toBe('· not yet reviewed');
    expect(await status('29')).toBe('· not yet reviewed');

    await page.goto(`${run.base}/review/UGA/ETS185?show=all`);
    const mla = page.locator('section.review-item#sec_21');
    expect(await mla.locator('h3').textContent()).toBe('21 Mutual legal assistance');
    for (const article of ['27', '29']) {
      await mla
        .locator(
          `li.suggestion:has(input[name=article][value="${article}"]) form[action$="/accept"] button.primary`,
        )
        .first()
        .click();
      // the page comes back (to the same address) with the article accepted
      await mla
        .locator('.accepted .badge', { hasText: `Art. ${article}` })
        .first()
        .waitFor({ timeout: 10_000 });
      expect(page.url()).toBe(`${run.base}/review/UGA/ETS185?show=all#sec_21`);
    }
    expect(await mla.locator('.accepted .badge').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Art. 27'), expect.stringContaining('Art. 29')]),
    );
    // "Offensive communication" is not an attempt or aiding offence: reject that suggestion.
    const offensive = page.locator('section.review-item#sec_14');
    await offensive
      .locator('li.suggestion:has(input[name=article][value="11"]) form[action$="/reject"] button')
      .click();
    await page
      .locator('section.review-item#sec_14', { hasText: 'Rejected: Art. 11' })
      .waitFor({ timeout: 10_000 });

    await page.goto(`${run.base}/coverage/UGA?instrument=ETS185`);
    expect(await status('27')).toBe('● covered');
    expect(await status('29')).toBe('● covered');
    expect(await status('10')).toBe('· not yet reviewed');
    await page.goto(`${run.base}/coverage?instrument=ETS185`);
    const row = page.locator('table.matrix tr#UGA');
    const header = await page.locator('table.matrix thead th.art a').allTextContents();
    const cells = await row.locator('td.st').evaluateAll((tds) => tds.map((td) => td.className));
    expect(cells[header.indexOf('27')]).toBe('st st-covered');
    expect(cells[header.indexOf('10')]).toBe('st st-not_reviewed');

    await page.goto(`${run.base}/coverage/UGA/gap-report?instrument=ETS185`);
    expect(
      await page.locator('section.gap-covered #art-27 blockquote a').first().getAttribute('href'),
    ).toMatch(/\/akn\/ug\/act\/2020\/9\/eng@[\d-]+\/~sec_21$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href*="gap-report.docx"]'),
    ]);
    const file = await download.path();
    const text = (await mammoth.extractRawText({ buffer: readFileSync(file!) })).value;
    expect(text).toContain('Gap report: Uganda and the Budapest Convention');
    expect(text).toMatch(/Art\. 27 — [^\n]+\n+[^\n]*21 Mutual legal assistance/);
  });
});
