/**
 * International cooperation in the browser: a prosecutor in Costa Rica finds the legal basis for a
 * request to Kenya, Kenya's authority and its requirements and the dual-criminality provisions of
 * Kenya's mapped law, then drafts a preservation request and a subscriber-data request whose DOCX
 * files download and read back with them; an anonymous visitor sees Kenya's authority and its
 * requirements, never its contact details.
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

const KENYA_CENTRAL = 'Office of the Attorney-General, Central Authority for Mutual Legal Assistance';
const KENYA_EMAIL = 'central-authority@ke.example.org';

/** Ticks an offence in the concept picker (opening its group first). */
async function tickOffence(page: Page, code: string) {
  const box = page.locator(`input[name=offences][value="${code}"]`);
  if (!(await box.isVisible())) await page.locator('fieldset.concepts summary').first().click();
  await box.check();
}

/** Fills in the writer's form for a request of `kind` to Kenya and saves it; returns the DOCX's text. */
async function draft(page: Page, kind: string, identifiers: string): Promise<string> {
  await page.selectOption('#f-kind', { label: kind });
  await page.selectOption('#f-legal_basis', { label: 'reciprocity' });
  await page.selectOption('#f-authority_id', {
    label: `${KENYA_CENTRAL} (Central authority for mutual legal assistance)`,
  });
  await page.fill('#f-requesting_authority', 'Fiscalía Adjunta de Delitos Informáticos');
  await page.fill('#f-reference', `CR-2026-${kind.length}`);
  await tickOffence(page, 'illegal-access');
  await page.fill(
    '#f-facts',
    'Between 3 and 5 March 2026 the payroll system of a public hospital in San José was accessed without right from an account hosted in Kenya.',
  );
  await page.fill('#f-provider', 'Example Hosting Ltd (Nairobi)');
  await page.fill('#f-identifiers', identifiers);
  await page.fill('#f-date_from', '2026-03-01');
  await page.fill('#f-date_to', '2026-03-06');
  await page.fill('#f-time_zone', 'UTC-6');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/cooperation\/requests\/\d+$/);
  expect(await page.locator('#checklist').textContent()).toContain(
    'Nothing the requested authority asks for is missing',
  );
  const document = (await page.locator('#document').textContent()) ?? '';
  expect(document).toContain(KENYA_CENTRAL);
  expect(document).toContain('Unauthorised access');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByText('Download as Word (DOCX)').click(),
  ]);
  return (await mammoth.extractRawText({ buffer: readFileSync((await download.path())!) })).value;
}

describe('a prosecutor in Costa Rica asking Kenya for electronic evidence', () => {
  it('finds the legal basis, the authority and dual criminality, and drafts two requests that download as DOCX', async () => {
    const context = await run.context({ role: 'practitioner' });
    const page = await context.newPage();
    await page.goto(`${run.base}/cooperation`);
    await page.selectOption('#f-from', { label: 'Costa Rica' });
    await page.selectOption('#f-to', { label: 'Kenya' });
    await tickOffence(page, 'illegal-access');
    await page.getByRole('button', { name: 'Find the legal basis' }).click();

    // The party data: Costa Rica is bound by the Budapest Convention (acceded 22 September 2017, in
    // force 1 January 2018); Kenya is recorded as a party to no instrument, so nothing binds both.
    const basis = (await page.locator('#legal-basis').textContent()) ?? '';
    expect(basis).toContain('No instrument recorded here binds both Costa Rica and Kenya');
    expect(basis).toContain('22 September 2017');
    expect(basis).toContain('1 January 2018');
    const authorities = (await page.locator('#authorities').textContent()) ?? '';
    expect(authorities).toContain(KENYA_CENTRAL);
    expect(authorities).toContain('24/7 point of contact');
    expect(authorities).not.toContain(KENYA_EMAIL);
    const dual = (await page.locator('#dual-criminality').textContent()) ?? '';
    expect(dual).toContain('The Computer Misuse and Cybercrimes Act, 2019');
    expect(dual).toContain('Unauthorised access');
    expect(dual).toContain('Both states criminalise this conduct.');

    await page.getByText('Write a request to Kenya').click();
    expect(await page.locator('#f-requesting option[selected]').textContent()).toBe('Costa Rica');
    const preservation = await draft(page, 'Expedited preservation', '203.0.113.17 at 2026-03-04 02:13:45');
    expect(preservation).toContain('Request for the expedited preservation of stored computer data');
    expect(preservation).toContain(KENYA_CENTRAL);
    expect(preservation).toContain('on the basis of reciprocity');
    expect(preservation).toContain('Unauthorised access');
    expect(preservation).toContain('Acceso ilícito');
    expect(preservation).toContain('203.0.113.17 at 2026-03-04 02:13:45');

    await page.goto(`${run.base}/cooperation/requests/new?requesting=CRI&requested=KEN`);
    const subscriber = await draft(page, 'Subscriber information', 'admin-payroll@example.org');
    expect(subscriber).toContain('Request for subscriber information');
    expect(subscriber).toContain('admin-payroll@example.org');
    expect(subscriber).toContain('Unauthorised access');

    await page.goto(`${run.base}/cooperation/requests`);
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await context.close();
  });

  it('an anonymous visitor sees Kenya’s authority and what a request needs, but no contact details', async () => {
    const page = await run.page();
    await page.goto(`${run.base}/countries/KEN`);
    await page.getByRole('link', { name: 'Competent authorities' }).click();
    await page.getByRole('link', { name: KENYA_CENTRAL }).click();
    const body = (await page.locator('main').textContent()) ?? (await page.content());
    expect(body).toContain('What a request must contain');
    expect(body).toContain('English translation');
    expect(body).toContain('Contact details are shown to vetted practitioners and programme staff.');
    expect(await page.content()).not.toContain(KENYA_EMAIL);
    await page.close();
  });
});
