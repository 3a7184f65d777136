/**
 * Browser tests in Debian's Chromium: reading the demo Kenyan law as it stood on a date, the changes
 * between its two versions, English and Kiswahili side by side; and an editor importing an Arabic
 * PDF (printed by Chromium itself, so the Arabic is shaped as in real documents) through the preview.
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

describe('a law over time', () => {
  it('shows the law as it stood on a date, then what changed since', async () => {
    const page = await run.page();
    await page.goto(`${run.base}/akn/ke/act/2019/14`);
    expect(await page.locator('#sec_13a').count()).toBe(1); // today's version
    await page.fill('form.point-in-time input[name=at]', '2020-01-01');
    await page.click('form.point-in-time button');
    expect(page.url()).toBe(`${run.base}/akn/ke/act/2019/14/eng@2020-01-01`);
    expect(await page.locator('p.notice[role=status]').textContent()).toContain('2020');
    expect(await page.locator('#sec_3 .text').textContent()).toContain('five million shillings');
    expect(await page.locator('#sec_13a').count()).toBe(0);

    await page.click('.timeline a[href*="/compare?"]');
    expect(await page.locator('h1').textContent()).toContain('Changes to');
    expect(await page.locator('.diff-row').count()).toBe(3);
    expect((await page.locator('#sec_3 ins').first().textContent())?.trim()).toBe('ten');
    expect(await page.locator('#sec_13a .badge').textContent()).toBe('added');
    await page.check('input[name=all]');
    await page.click('form.filters button[type=submit]');
    expect(await page.locator('.diff-row.unchanged').count()).toBeGreaterThan(20);
  });

  it('reads English and Kiswahili side by side', async () => {
    const page = await run.page();
    await page.goto(`${run.base}/akn/ke/act/2019/14/eng@2019-05-21`);
    await page.click('a[href*="view=parallel"]');
    expect(await page.locator('table.parallel th').count()).toBe(2);
    expect(await page.locator('tr#sec_1 td').nth(1).textContent()).toMatch(/Sheria hii/);
  });
});

describe('an editor importing a PDF', () => {
  it('uploads an Arabic PDF, corrects the proposal and saves the law with its file', async () => {
    const editor = await sessionAs(run.t, 'editor');
    const context = await run.browser.newContext({ locale: 'en-GB' });
    await context.addCookies([{ name: SESSION_COOKIE, value: editor.cookie.split('=')[1], url: run.base }]);
    const page = await context.newPage();
    // Chromium prints the law to PDF, as an office suite would.
    await page.setContent(
      `<html lang="ar" dir="rtl"><body style="font-family: 'DejaVu Sans'">${['قانون مكافحة الجرائم المعلوماتية', 'المادة 1', 'يعاقب بالحبس كل من دخل عمدا نظام معلومات دون تصريح.', 'المادة 2 - الاعتراض غير المشروع', 'يعاقب كل من اعترض بيانات إلكترونية.'].map((l) => `<p>${l}</p>`).join('')}</body></html>`,
    );
    const pdf = await page.pdf({ format: 'A4' });

    await page.goto(`${run.base}/edit/import`);
    await page.setInputFiles('input[type=file]', {
      name: 'qanun.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.selectOption('select[name=country]', 'JOR');
    await page.selectOption('select[name=language]', 'ara');
    await page.fill('input[name=date]', '2024-05-01');
    await page.fill('input[name=title]', 'قانون مكافحة الجرائم المعلوماتية');
    await page.fill('input[name=number]', '27');
    await page.click('form button.primary');

    expect(await page.locator('.notice[role=status]').textContent()).toContain('qanun.pdf');
    expect(await page.inputValue('input[name="p.1.eid"]')).toBe('art_1');
    expect(await page.inputValue('textarea[name="p.1.text"]')).toBe(
      'يعاقب بالحبس كل من دخل عمدا نظام معلومات دون تصريح.',
    );
    expect(await page.inputValue('input[name="p.2.heading"]')).toBe('الاعتراض غير المشروع');
    await page.fill('input[name="p.1.heading"]', 'الدخول غير المشروع'); // the editor adds the missing heading
    await page.click('form[action="/edit/work/new"] button[value=save]');
    expect(page.url()).toBe(`${run.base}/edit/work/jo-act-2024-27`);
    expect(await page.locator('#files').textContent()).toContain('qanun.pdf');
    await page.goto(`${run.base}/akn/jo/act/2024/27/ara@2024-05-01`);
    expect(await page.locator('#art_1 h2, #art_1 h3').first().textContent()).toBe('1 الدخول غير المشروع');
  });
});
