/**
 * Accessibility of the main pages, public and back office, checked by axe-core in Chromium (every
 * rule, best practices included): no serious or critical violation, and none of the moderate ones
 * cyrepo has fixed once (content outside landmarks, two landmarks of a kind with the same name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, mainPages, startBrowser, type AxeViolation, type BrowserRun, type MainPage } from './setup.js';

let run: BrowserRun;
let pages: { public: MainPage[]; backOffice: MainPage[] };
beforeAll(async () => {
  run = await startBrowser();
  pages = await mainPages(run);
});
afterAll(() => run?.close());

/** Moderate rules held at zero as well. */
const ALSO_FAIL = [
  'region',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-one-main',
  'page-has-heading-one',
];
const blocking = (v: AxeViolation) =>
  v.impact === 'serious' || v.impact === 'critical' || ALSO_FAIL.includes(v.id);
const describeViolation = (v: AxeViolation) =>
  `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join(' | ')}`;

describe.each(['en', 'ar'])('axe-core in %s', (lang) => {
  it.each(['public', 'backOffice'] as const)(
    'finds no serious or critical violation on the main %s pages',
    async (kind) => {
      const context = await run.context({ role: kind === 'backOffice' ? 'admin' : undefined });
      const page = await context.newPage();
      const found: string[] = [];
      const other: string[] = [];
      for (const p of pages[kind]) {
        await page.goto(`${run.base}${p.path}${p.path.includes('?') ? '&' : '?'}lang=${lang}`);
        for (const v of await axe(page))
          (blocking(v) ? found : other).push(`${p.name}: ${describeViolation(v)}`);
      }
      await context.close();
      if (other.length) console.log(`axe, ${lang} ${kind}, not blocking:\n${other.join('\n')}`);
      expect(found, found.join('\n')).toEqual([]);
    },
    240_000,
  ); // a dozen pages, each checked by every axe rule, on a busy machine
});
