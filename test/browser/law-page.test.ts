/** A law page in the browser: the citation's copy button appears with JavaScript and copies the citation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

describe('law page', () => {
  it('copies the citation with one click', async () => {
    const context = await run.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: run.base });
    const page = await context.newPage();
    await page.goto(`${run.base}/akn/ke/act/2019/14?lang=en`);
    const button = page.locator('.cite button.copy');
    await expect(button.isVisible()).resolves.toBe(true);
    const citation = await page.locator('.cite .cite-text').textContent();
    await button.click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(citation);
    await expect(button.textContent()).resolves.toBe('Copied');
    await expect(page.locator('button[data-print]').isVisible()).resolves.toBe(true);
    await context.close();
  });
});
