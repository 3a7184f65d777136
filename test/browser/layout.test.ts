/**
 * Layout in the browser at a phone's width (390 px) and a laptop's (1366 px), in English and in
 * Arabic (right to left): no main page, public or back office, scrolls sideways. Wide tables scroll
 * inside their own box; long words wrap. SCREENSHOTS=dir saves a full-page picture of each page.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainPages, sidewaysOverflow, startBrowser, type BrowserRun, type MainPage } from './setup.js';

let run: BrowserRun;
let pages: { public: MainPage[]; backOffice: MainPage[] };
beforeAll(async () => {
  run = await startBrowser();
  pages = await mainPages(run);
});
afterAll(() => run?.close());

const SHOTS = process.env.SCREENSHOTS;

describe.each([390, 1366])('at %i px', (width) => {
  it.each([
    ['en', 'public'],
    ['ar', 'public'],
    ['en', 'backOffice'],
    ['ar', 'backOffice'],
  ] as const)(
    'no %s %s page scrolls sideways',
    async (lang, kind) => {
      const context = await run.context({ width, role: kind === 'backOffice' ? 'admin' : undefined });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const p of pages[kind]) {
        const url = `${run.base}${p.path}${p.path.includes('?') ? '&' : '?'}lang=${lang}`;
        const res = await page.goto(url);
        expect(res?.status(), `${p.name} ${p.path}`).toBe(200);
        const o = await sidewaysOverflow(page);
        if (o.scrollWidth > o.innerWidth)
          problems.push(
            `${p.name} (${p.path}): ${o.scrollWidth} > ${o.innerWidth}\n    ${o.culprits.join('\n    ')}`,
          );
        if (SHOTS)
          await page.screenshot({
            path: join(SHOTS, `${width}-${lang}-${p.name.replace(/\s+/g, '-')}.png`),
            fullPage: !!process.env.FULL_PAGE,
          });
      }
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    },
    240_000,
  );
});

describe('search on a phone', () => {
  it('shows the first result within the first screen, the filters after it', async () => {
    const context = await run.context({ width: 390 });
    const page = await context.newPage();
    await page.goto(`${run.base}/search?q=computer`);
    const first = (await page.locator('ol.search-results li').first().boundingBox())!;
    expect(first.y).toBeLessThan(900);
    await context.close();
  });
});
