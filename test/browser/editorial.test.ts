/**
 * The editorial flow in a real browser: a Kenyan contributor drafts a law and submits it; the
 * public cannot see it; an editor publishes it; the public finds it; the contributor cannot edit a
 * Ghanaian law; the history shows both steps and restores the earlier text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../src/core/access.js';
import { createUser, setPassword } from '../../src/domains/accounts/users.js';
import { workInput } from '../../src/domains/legislation/input.js';
import { createWork } from '../../src/domains/legislation/write.js';
import { workPayload } from '../factories.js';
import { startBrowser, type BrowserRun } from './setup.js';

const PASSWORD = 'a long enough passphrase';
let run: BrowserRun;
let base: string;

beforeAll(async () => {
  run = await startBrowser({ demo: true, env: { PUBLIC_URL: 'http://127.0.0.1' } }, async (app) => {
    for (const [email, role, countries] of [
      ['focal@ke.example', 'contributor', ['KEN']],
      ['editor@example.org', 'editor', []],
    ] as const) {
      const u = await createUser(app.db.orm, system('test'), {
        email,
        display_name: email,
        role,
        countries: [...countries],
      });
      await setPassword(app.db.orm, u.id, PASSWORD, 16384);
    }
    await createWork(
      app.db.orm,
      system('test'),
      workInput.parse(
        workPayload({ country: 'GHA', number: '772', title: { eng: 'Ghana Cybersecurity Act' } }),
      ),
      { status: 'published' },
    );
  });
  base = run.base;
});
afterAll(() => run?.close());

async function signedIn(email: string): Promise<Page> {
  const page = await run.page();
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForURL(/\/account$/);
  return page;
}

describe('editorial flow in the browser', () => {
  it('draft → review → published, visible to the public only when published, history and restore', async () => {
    const focal = await signedIn('focal@ke.example');
    await focal.click('nav.user a[href="/edit"]');
    await focal.click('a[href="/edit/work/new"]');
    await focal.fill('input[name="number"]', '77');
    await focal.fill('input[name="year"]', '2025');
    // the country is picked by name (a Kenyan focal point is offered Kenya only), the title in a language row
    expect(
      (await focal.locator('select[name="country"] option').allTextContents()).map((x) => x.trim()),
    ).toEqual(['Kenya']);
    expect(await focal.locator('select[name="title.0.lang"]').inputValue()).toBe('eng');
    await focal.fill('input[name="title.0.text"]', 'Computer Crimes (Amendment) Act');
    await focal.click('fieldset.concepts summary:has-text("Offences")');
    await focal.check('input[name="concepts"][value="illegal-access"]');
    await focal.fill('input[name="date"]', '2025-03-01');
    await focal.fill('input[name="expression_title"]', 'Computer Crimes (Amendment) Act, 2025');
    await focal.fill('input[name="p.0.number"]', '1');
    await focal.fill('textarea[name="p.0.text"]', 'Original text of section one.');
    await focal.click('button[value="add:0"]');
    await focal.fill('input[name="p.1.number"]', '2');
    await focal.fill('textarea[name="p.1.text"]', 'Unauthorised access to a computer system is an offence.');
    await focal.click('button[value="save"]');
    await focal.waitForURL(/\/edit\/work\/ke-act-2025-77$/);
    await focal.fill('textarea[name="p.0.text"]', 'Amended text of section one.');
    await focal.click('form[action*="/provisions"] button[value="save"]');
    await focal.waitForSelector('.message.ok');
    await focal.click('.workflow button:has-text("Submit for review")');
    await focal.waitForSelector('.status-in_review');

    const visitor = await (await run.browser.newContext()).newPage();
    expect((await visitor.goto(`${base}/akn/ke/act/2025/77`))!.status()).toBe(404);
    await visitor.goto(`${base}/countries/KEN`);
    expect(await visitor.locator('a[href="/akn/ke/act/2025/77"]').count()).toBe(0);

    const editor = await signedIn('editor@example.org');
    await editor.goto(`${base}/edit`);
    await editor.click('a[href="/edit/work/ke-act-2025-77"]');
    await editor.click('.workflow button:has-text("Publish")');
    await editor.waitForSelector('.status-published');

    await visitor.goto(`${base}/countries/KEN`);
    await visitor.click('a[href="/akn/ke/act/2025/77"]');
    expect(await visitor.locator('#sec_1 .text').textContent()).toBe('Amended text of section one.');

    const ghana = await focal.goto(`${base}/edit/work/gh-act-2024-772`);
    expect(ghana!.status()).toBe(403);

    await editor.goto(`${base}/history/work/ke-act-2025-77`);
    const steps = await editor.locator('.history > li p strong').allTextContents();
    expect(steps.filter((s) => s === 'Workflow step')).toHaveLength(2);
    expect(await editor.locator('.history').textContent()).toContain('Amended text of section one.');
    // Restore the version the first save (creation) left behind.
    await editor.locator('.history > li').last().locator('button:has-text("Restore this version")').click();
    await editor.waitForSelector('.history > li:first-child strong:has-text("Restored an earlier version")');
    await visitor.goto(`${base}/akn/ke/act/2025/77`);
    expect(await visitor.locator('#sec_1 .text').textContent()).toBe('Original text of section one.');
  }, 60_000);
});
