/**
 * Browser tests in Debian's Chromium (playwright-core): the flow users follow from the home page
 * to a provision and across countries through an instrument article, the Arabic layout, and the
 * weight of the first load of the home and work pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
let base: string;
beforeAll(async () => {
  run = await startBrowser();
  base = run.base;
});
afterAll(() => run?.close());

const newPage = (): Promise<Page> => run.page();

describe('a reader in the browser', () => {
  it('walks home → country → law → provision → its article → another country’s provision on the same article', async () => {
    const page = await newPage();
    await page.goto(base);
    expect(await page.locator('h1').textContent()).toBe(
      'Cybercrime legislation, case law and lessons learned',
    );
    await page.click('header nav a[href="/countries"]');
    await page.click('main ul.columns a[href="/countries/KEN"]');
    expect(await page.locator('h1').textContent()).toBe('Kenya');
    await page.click('main a[href^="/akn/ke/act/"]');
    expect(page.url()).toMatch(/\/akn\/ke\/act\/2019\/14$/);

    // The provision mapped to Budapest Art. 2 (illegal access): open it by its permalink.
    const section = page
      .locator('.mapped-to a[href="/instruments/ETS185/articles/2"]')
      .first()
      .locator('xpath=ancestor::section[1]');
    await section.locator('.permalink').first().click();
    expect(page.url()).toMatch(/\/akn\/ke\/act\/2019\/14\/eng@[\d-]+\/~sec_\d+$/);
    const kenyaProvision = page.url();

    await page.click('main a[href="/instruments/ETS185/articles/2"]');
    expect(await page.locator('h1').textContent()).toContain('Illegal access');
    const costaRica = page.locator('article.mapped#CRI a[href^="/akn/cr/"]').first();
    await costaRica.click();
    expect(page.url()).toMatch(/^.*\/akn\/cr\/act\/2019\/9735\/(spa|eng)@[\d-]+\/~art_\d+$/);
    expect(page.url()).not.toBe(kenyaProvision);
    expect(await page.locator('main a[href="/instruments/ETS185/articles/2"]').count()).toBe(1);
  });

  it('switches to Arabic and lays the page out right-to-left', async () => {
    const page = await newPage();
    await page.goto(`${base}/countries/KEN`);
    await page.click('nav.langs a[lang="ar"]');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('كينيا');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    // Mirrored: the brand sits to the right of the main navigation.
    const brand = (await page.locator('.brand').boundingBox())!;
    const nav = (await page.locator('header nav').first().boundingBox())!;
    expect(brand.x).toBeGreaterThan(nav.x);
    // The choice is remembered on the next page.
    await page.click('header nav a[href="/instruments"]');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
  });

  it.each([
    ['home', '/'],
    ['work', '/akn/ke/act/2019/14'],
  ])('first load of the %s page transfers under 100 KB compressed', async (_name, path) => {
    const page = await newPage();
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (req) =>
      sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
    );
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    expect(sizes.length).toBeGreaterThanOrEqual(2); // the page and its stylesheet
    expect(total).toBeLessThan(100 * 1024);
    console.log(`${path}: ${sizes.length} requests, ${(total / 1024).toFixed(1)} KB transferred`);
  });
});
