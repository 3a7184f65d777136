/**
 * Screenshots pages of a running cyrepo (for the README and for looking at the pages).
 * Run: npx tsx scripts/screenshot.ts [BASE_URL] [OUT_DIR]
 */
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'docs';
const pages: [string, string][] = [
  ['screenshot', '/akn/ke/act/2019/14'],
  ['home', '/'],
  ['countries', '/countries'],
  ['country', '/countries/CRI'],
  ['article', '/instruments/ETS185/articles/2'],
  ['arabic', '/akn/jo/act/2022/21?lang=ar'],
  ['case', '/cases?country=THA'],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
for (const [name, path] of pages) {
  await page.goto(`${base}${path}`);
  await page.screenshot({ path: `${out}/${name}.png` });
}
await browser.close();
