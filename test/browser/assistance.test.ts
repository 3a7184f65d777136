/**
 * Technical assistance in the browser: a request arrives, is reviewed and accepted, an activity is
 * planned for it and delivered with its participants, and the dashboard figures change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/domains/accounts/sessions.js';
import { sessionAs } from '../helpers.js';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

describe('a programme officer', () => {
  it('records a request, accepts it, plans and delivers an activity; the dashboard follows', async () => {
    const officer = await sessionAs(run.t, 'programme_officer');
    const context = await run.browser.newContext({ locale: 'en-GB' });
    await context.addCookies([{ name: SESSION_COOKIE, value: officer.cookie.split('=')[1], url: run.base }]);
    const page = await context.newPage();
    const figure = async (caption: RegExp, row: string) => {
      const fig = page.locator('figure.figure', { has: page.locator('figcaption', { hasText: caption }) });
      const cell = fig
        .locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${row}$`) }) })
        .locator('td.n');
      return (await cell.count()) ? Number(await cell.textContent()) : 0;
    };

    await page.goto(`${run.base}/assistance?year=2026`);
    const metBefore = await figure(/Requests/, 'met \\(in progress or completed\\)');
    const womenBefore = await figure(/by sex/, 'women');

    await page.goto(`${run.base}/assistance/requests`);
    await page.selectOption('select[name=country]', 'UGA');
    await page.fill('input[name=agency]', 'Uganda Police Force, Cyber Crime Unit');
    await page.fill('input[name=received]', '2026-04-10');
    await page.selectOption('select[name=kind]', 'training');
    await page.fill('textarea[name=description]', 'Course on live data forensics.');
    await page.click('form[action="/assistance/requests"] button.primary');
    expect(await page.locator('[role=status]').textContent()).toContain('received');
    await page.click('button[value=under_review]');
    await page.click('button[value=accepted]');
    expect(await page.locator('[role=status]').textContent()).toContain('accepted');
    const requestUrl = page.url();
    const requestId = requestUrl.split('/').pop()!;

    await page.goto(`${run.base}/assistance/activities`);
    await page.selectOption('select[name=kind]', 'training_course');
    await page.fill('input[name=title]', 'Live data forensics, Kampala');
    await page.selectOption('select[name=countries]', ['UGA']);
    await page.fill('input[name=planned_start]', '2026-06-01');
    await page.fill('input[name=planned_end]', '2026-06-05');
    await page.check(`input[name=requests][value="${requestId}"]`);
    await page.click('form[action="/assistance/activities"] button.primary');
    expect(await page.locator('[role=status]').textContent()).toContain('planned');

    await page.selectOption('select[name=status]', 'delivered');
    await page.fill('input[name=actual_start]', '2026-06-01');
    await page.fill('input[name=actual_end]', '2026-06-05');
    await page.fill('input[name="p.investigator.female"]', '6');
    await page.fill('input[name="p.investigator.male"]', '8');
    await page.fill('input[name="p.forensic_examiner.female"]', '2');
    await page.click('form button.primary');
    expect(await page.locator('p[role=status]:not(.message)').textContent()).toContain('16 participants');

    await page.goto(requestUrl);
    expect(await page.locator('[role=status]').textContent()).toContain('completed');
    await page.goto(`${run.base}/assistance?year=2026`);
    expect(await figure(/Requests/, 'met \\(in progress or completed\\)')).toBe(metBefore + 1);
    expect(await figure(/by sex/, 'women')).toBe(womenBefore + 8);
    expect(await figure(/by role/, 'forensic examiners')).toBeGreaterThanOrEqual(2);
  });
});
