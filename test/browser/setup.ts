/** What the browser tests share: Debian's Chromium (playwright-core) and the app on a free port. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../src/core/access.js';
import { SESSION_COOKIE } from '../../src/domains/accounts/sessions.js';
import { sessionAs, testApp, type TestApp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserRun = {
  t: TestApp;
  browser: Browser;
  base: string;
  page(): Promise<Page>;
  /** A browser context signed in as a new user of `role` (anonymous when omitted), `width` pixels wide. */
  context(options?: { role?: Role; width?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
};

/** Starts the app on the demo data (plus what `prepare` adds) and Chromium. */
export async function startBrowser(
  options: Parameters<typeof testApp>[0] = { demo: true },
  prepare?: (t: TestApp) => Promise<void>,
): Promise<BrowserRun> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const t = await testApp(options);
  await prepare?.(t);
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    t,
    browser,
    base,
    page: async () => (await browser.newContext({ locale: 'en-GB' })).newPage(),
    async context({ role, width = 1366 } = {}) {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
      if (role) {
        const session = await sessionAs(t, role);
        await context.addCookies([{ name: SESSION_COOKIE, value: session.cookie.split('=')[1], url: base }]);
      }
      return context;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** How far the page scrolls sideways, and the elements that stick out of the viewport (deepest first). */
export async function sidewaysOverflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
      // Only elements whose own box sticks out while their parent's does not, or the leaves.
      const p = el.parentElement?.getBoundingClientRect();
      if (p && (p.right > width + 1 || p.left < -1) && el.children.length) continue;
      let scrolled = false;
      for (let a = el.parentElement; a; a = a.parentElement)
        if (
          a !== document.body &&
          a !== document.documentElement &&
          /auto|scroll|hidden|clip/.test(getComputedStyle(a).overflowX)
        )
          scrolled = true;
      if (scrolled) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      culprits.push(
        `${name} [${Math.round(r.left)}..${Math.round(r.right)}] ${(el.textContent ?? '').trim().slice(0, 40)}`,
      );
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      culprits: culprits.slice(0, 12),
    };
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
};

/** Runs axe-core in the page (every rule, best practices included) and returns its violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= (require('axe-core') as { source: string }).source;
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  });
}

export type MainPage = { name: string; path: string };

/** The main pages of the site, public and back office, with ids looked up in the demo data. */
export async function mainPages(run: BrowserRun): Promise<{ public: MainPage[]; backOffice: MainPage[] }> {
  const get = async (url: string) =>
    (await run.t.app.inject({ url, headers: { authorization: `Bearer ${run.t.token}` } })).json() as {
      items: Record<string, unknown>[];
    };
  const [cases, works, activities] = await Promise.all([
    get('/api/v1/cases?country=KEN&limit=1'),
    get('/api/v1/works?country=KEN&limit=50'),
    get('/api/v1/activities?limit=1'),
  ]);
  const work = works.items.find((w) => String(w.uri).startsWith('/akn/ke/act/2019/14')) ?? works.items[0];
  return {
    public: [
      { name: 'home', path: '/' },
      { name: 'search', path: '/search?q=computer' },
      { name: 'country', path: '/countries/KEN' },
      { name: 'map', path: '/countries' },
      { name: 'law', path: String(work.uri) },
      { name: 'case', path: `/cases/${cases.items[0].id}` },
      { name: 'instruments', path: '/instruments' },
      { name: 'article', path: '/instruments/ETS185/articles/2' },
      { name: 'coverage matrix', path: '/coverage' },
      { name: 'gap report', path: '/coverage/KEN/gap-report?instrument=ETS185' },
      { name: 'crosswalk', path: '/crosswalk' },
      { name: 'compare', path: '/compare?article=ETS185:2&country=KEN&country=UGA&country=CRI' },
      { name: 'programme', path: '/programme' },
      { name: 'cooperation', path: '/cooperation?from=CRI&to=KEN&offences=illegal-access' },
      { name: 'authorities', path: '/authorities' },
    ],
    backOffice: [
      { name: 'edit', path: '/edit' },
      { name: 'law editor', path: `/edit/work/${work.id}` },
      { name: 'dashboard', path: '/assistance' },
      { name: 'report', path: '/reports/programme?from=2016-01-01&to=2016-12-31&format=html' },
      { name: 'review queue', path: '/review/UGA/ETS185' },
      { name: 'activity form', path: `/assistance/activities/${activities.items[0].id}` },
      { name: 'request writer', path: '/cooperation/requests/new?requesting=CRI&requested=KEN' },
      { name: 'request statistics', path: '/cooperation/statistics' },
    ],
  };
}
