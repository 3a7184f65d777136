/** What the browser tests share: Debian's Chromium (playwright-core) and the app on a free port. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp, type TestApp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserRun = { t: TestApp; browser: Browser; base: string; page(): Promise<Page>; close(): Promise<void> };

/** Starts the app on the demo data (plus what `prepare` adds) and Chromium. */
export async function startBrowser(options: Parameters<typeof testApp>[0] = { demo: true }, prepare?: (t: TestApp) => Promise<void>): Promise<BrowserRun> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const t = await testApp(options);
  await prepare?.(t);
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  return {
    t,
    browser,
    base,
    page: async () => (await browser.newContext({ locale: 'en-GB' })).newPage(),
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
