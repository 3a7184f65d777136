/**
 * The results chain in the browser: a country is assessed, a recommendation becomes a request, an
 * activity answering it is delivered, the country is assessed again; the progress page shows the
 * chain and the change of score; the country profile downloads as DOCX with the page's figures.
 */
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

describe('a programme officer', () => {
  it('assesses, recommends, requests, delivers and re-assesses; progress and the report follow', async () => {
    const officer = await sessionAs(run.t, 'programme_officer');
    const context = await run.browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: officer.cookie.split('=')[1], url: run.base }]);
    const page = await context.newPage();
    const assess = async (started: string, stage: number) => {
      await page.goto(`${run.base}/assessments`);
      await page.selectOption('form[action="/assessments"] select[name=country]', 'UGA');
      await page.fill('form[action="/assessments"] input[name=started]', started);
      await page.fill('form[action="/assessments"] input[name=team]', 'A. Assessor, B. Expert');
      await page.click('form[action="/assessments"] button.primary');
      for (const indicator of ['forensics.laboratory', 'forensics.standards', 'forensics.first_responders'])
        await page.check(`input[name="score.${indicator}"][value="${stage}"]`);
      await page.click('form[action$="/scores"] button.primary');
      expect(await page.locator('#dim-forensics td.n').textContent()).toBe(`${stage} / 5`); // a score out of the framework's maximum
      return page.url();
    };

    const first = await assess('2026-01-12', 1);
    await page.click('summary:has-text("Add the finding")');
    await page.fill('form[action$="/findings"] textarea[name=text]', 'No forensic laboratory.');
    await page.selectOption('form[action$="/findings"] select[name=dimension]', 'forensics');
    await page.click('form[action$="/findings"] button');
    expect(await page.locator('#findings').textContent()).toContain('No forensic laboratory.');
    await page.click('summary:has-text("Add the recommendation")');
    await page.selectOption('form[action$="/recommendations"] select[name=dimension]', 'forensics');
    await page.fill(
      'form[action$="/recommendations"] textarea[name=text]',
      'Train first responders in seizing devices.',
    );
    await page.fill('form[action$="/recommendations"] input[name=institution]', 'Uganda Police Force');
    await page.click('form[action$="/recommendations"] button');
    await page.click('#recommendations form[action$="/request"] button');
    // Now on the request, made from the recommendation.
    expect(await page.locator('h1').textContent()).toContain('Uganda');
    await page.click('button[value=under_review]');
    await page.click('button[value=accepted]');
    const requestId = page.url().split('/').pop()!;

    await page.goto(`${run.base}/assistance/activities`);
    await page.selectOption('select[name=kind]', 'training_course');
    await page.fill('input[name=title]', 'First responders and device seizure, Kampala');
    await page.selectOption('select[name=countries]', ['UGA']);
    await page.fill('input[name=planned_start]', '2026-05-04');
    await page.check(`input[name=requests][value="${requestId}"]`);
    await page.click('form[action="/assistance/activities"] button.primary');
    await page.selectOption('select[name=status]', 'delivered');
    await page.fill('input[name=actual_start]', '2026-05-04');
    await page.fill('input[name=actual_end]', '2026-05-08');
    await page.fill('input[name="p.investigator.female"]', '9');
    await page.fill('input[name="p.investigator.male"]', '11');
    await page.click('form button.primary');

    await page.goto(first);
    for (const to of ['validated', 'published'])
      await page.click(`form:has(input[name=to][value=${to}]) button`);
    expect(await page.locator('#asm-status').textContent()).toContain('published');
    await assess('2026-10-05', 3);

    await page.goto(`${run.base}/countries/UGA/progress`);
    expect(await page.locator('#change-forensics').textContent()).toMatch(/1.*3.*\+2/);
    const chain = page.locator('table.chain tr', { hasText: 'Train first responders' });
    expect(await chain.textContent()).toContain(`request ${requestId} (completed)`);
    expect(await chain.textContent()).toContain('First responders and device seizure, Kampala — delivered');
    expect(await chain.textContent()).toContain('20 people trained');

    await page.goto(`${run.base}/reports/country?country=UGA&from=2026-01-01&to=2026-12-31`);
    const trained = await page.locator('#fig-people_trained').getAttribute('data-value');
    expect(Number(trained)).toBeGreaterThanOrEqual(20);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Download as Word (DOCX)'),
    ]);
    const text = (await mammoth.extractRawText({ path: (await download.path())! })).value;
    expect(text).toContain('Country profile: Uganda');
    expect(text).toContain(`People trained: ${Number(trained).toLocaleString('en')}`);
    expect(text).toContain('Train first responders in seizing devices.');
  });
});
