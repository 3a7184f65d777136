/**
 * Screenshots pages of a running cyrepo (for the README and for looking at the pages).
 * Run: npx tsx scripts/screenshot.ts [BASE_URL] [OUT_DIR]
 */
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'docs';
/** name, path, and optionally an element to show (the shot then ends a little below its top) */
const pages: [string, string, string?][] = [
  ['screenshot', '/akn/ke/act/2019/14?lang=en', '#sec_3'],
  ['home', '/'],
  ['countries', '/countries'],
  ['country', '/countries/CRI'],
  ['article', '/instruments/ETS185/articles/2'],
  ['arabic', '/akn/jo/act/2022/21?lang=ar'],
  ['case', '/cases?country=THA'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
for (const [name, path, anchor] of pages) {
  await page.goto(`${base}${path}`);
  const top = anchor
    ? await page.evaluate(
        (selector) => document.querySelector(selector)!.getBoundingClientRect().top + window.scrollY,
        anchor,
      )
    : 0;
  await page.screenshot({
    path: `${out}/${name}.png`,
    fullPage: !!anchor,
    clip: anchor ? { x: 0, y: Math.max(0, top - 520), width: 1280, height: 860 } : undefined,
  });
}
await browser.close();
