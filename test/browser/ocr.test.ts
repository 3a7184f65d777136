/**
 * OCR with the real engine (Debian's Tesseract) on scans the test makes itself: a page of legal text
 * in English, Spanish, Arabic and Chinese rendered by Chromium at 200 dpi, a noisy page and skewed
 * ones. The provisions are found by their numbers and few characters are wrong; then an editor sends
 * a scanned PDF from the import page, follows it page by page, checks the marked lines in the law
 * editor and saves the law with its scan. Characters wrong per language and time per page on real
 * laws are measured by `npm run bench:ocr` (bench/RESULTS.md).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/domains/imports/run.js';
import { readScan, UNCERTAIN_BELOW } from '../../src/domains/intake/scan.js';
import { segmentText } from '../../src/domains/intake/text/segment.js';
import type { ProvisionInput } from '../../src/domains/legislation/input.js';
import { multipart } from '../intake-files.js';
import { tokenAs } from '../helpers.js';
import { characterErrorRate, scanPdf, scanPng, type ScanOptions } from './scans.js';
import { startBrowser, type BrowserRun } from './setup.js';

let run: BrowserRun;
beforeAll(async () => {
  run = await startBrowser();
});
afterAll(() => run?.close());

const fixture = (lang: string) =>
  readFileSync(new URL(`../fixtures/scans/${lang}.txt`, import.meta.url), 'utf8');
const numbers = (list: ProvisionInput[]): string[] =>
  list.flatMap((p) => [p.number ?? '', ...numbers(p.children ?? [])]);
const PAGES = {
  eng: { country: 'KEN', html: 'en', expect: ['4', '5', '6', '7', '8'] },
  spa: { country: 'COL', html: 'es', expect: ['10', '11', '12', '13', '14'] },
  ara: { country: 'JOR', html: 'ar', expect: ['3', '4', '5', '6', '7'] },
  zho: { country: 'CHN', html: 'zh', expect: ['12', '13', '14', '15', '16'] },
} as const;
type Lang = keyof typeof PAGES;

async function read(lang: Lang, options: ScanOptions = {}) {
  const text = fixture(lang);
  const png = await scanPng(run.browser, text, {
    dpi: 200,
    lang: PAGES[lang].html,
    direction: lang === 'ara' ? 'rtl' : 'ltr',
    ...options,
  });
  const { pages } = await readScan(
    { file: `${lang}.png`, bytes: png, pdf: false },
    lang,
    PAGES[lang].country,
  );
  const read = pages.map((p) => p.text).join('\n');
  return {
    cer: characterErrorRate(read, text),
    found: numbers(segmentText(read).provisions),
    page: pages[0],
  };
}

describe('OCR of scans made by the test', () => {
  for (const lang of Object.keys(PAGES) as Lang[])
    it(`${lang}: a clean page at 200 dpi — its provisions found by number, at most 3 % of characters wrong`, async () => {
      const { cer, found, page } = await read(lang);
      expect(found).toEqual(expect.arrayContaining([...PAGES[lang].expect]));
      expect(cer).toBeLessThanOrEqual(0.03);
      expect(page.confidence).toBeGreaterThan(80);
    });

  it('a page turned 2° on the glass is straightened and read as well as a straight one', async () => {
    for (const lang of ['eng', 'ara'] as const) {
      const { cer, found } = await read(lang, { skew: lang === 'eng' ? 2 : -1.5 });
      expect(found).toEqual(expect.arrayContaining([...PAGES[lang].expect]));
      expect(cer, lang).toBeLessThanOrEqual(0.03);
    }
  });

  it('a page speckled with dust is cleaned before it is read: its provisions found, few characters wrong', async () => {
    for (const lang of ['eng', 'zho'] as const) {
      const { cer, found } = await read(lang, { noise: 0.02 });
      expect(found).toEqual(expect.arrayContaining([...PAGES[lang].expect]));
      expect(cer, lang).toBeLessThanOrEqual(0.03);
    }
  });

  it('a poor page (100 dpi, grainy) is read with less confidence, and its doubtful lines are told', async () => {
    const { page } = await read('eng', { dpi: 100, noise: 0.015 });
    const clean = (await read('eng')).page;
    expect(page.confidence!).toBeLessThan(clean.confidence!);
    expect(page.lines.filter((l) => l.confidence < UNCERTAIN_BELOW).length).toBeGreaterThan(0);
    expect(clean.lines.filter((l) => l.confidence < UNCERTAIN_BELOW)).toEqual([]);
  });
});

describe('a scanned law, from the import page to the repository', () => {
  it('sent, read page by page in the background, checked in the law editor with its doubtful lines marked, saved with its scan', async () => {
    const pages = [
      await scanPng(run.browser, fixture('eng').split('\nSection 7.')[0], { dpi: 200 }),
      await scanPng(run.browser, `Section 7.${fixture('eng').split('\nSection 7.')[1]}`, {
        dpi: 200,
        noise: 0.04,
      }),
    ];
    const pdf = await scanPdf(run.browser, pages);
    // an editor sends the scan from the import page
    const page = await (await run.context({ role: 'editor' })).newPage();
    await page.goto(`${run.base}/edit/import`);
    await page.setInputFiles('#f-file', {
      name: 'gazette-2021-05.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.selectOption('#f-country', 'KEN');
    await page.selectOption('#f-language', 'eng');
    await page.fill('#f-date', '2021-05-04');
    await page.fill('#f-title', 'Cybercrime Act, 2021');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    const id = Number(page.url().split('/').pop());
    expect(await page.locator('[role=status]').textContent()).toContain('waiting');
    // the server's worker is another process in production; here the test runs the job
    await runImport(run.t.db, run.t.app.jobs, id);
    await page.reload();
    expect(await page.locator('[role=status]').textContent()).toMatch(
      /imported · 2 pages read, \d+ % confidence, \d+ lines? to check/,
    );
    expect(await page.locator('#pages tbody tr').count()).toBe(2);

    await page.getByRole('link', { name: 'Check and save in the law editor' }).click();
    expect(await page.locator('.notice[role=status]').textContent()).toMatch(
      /Read by OCR from gazette-2021-05\.pdf: 2 pages/,
    );
    const numbersShown = await page
      .locator('input[name$=".number"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(numbersShown).toEqual(expect.arrayContaining(['4', '5', '6']));
    // the noisy second page's doubtful lines are marked under their provisions
    const marked = page.locator('.prov-row.uncertain');
    expect(await marked.count()).toBeGreaterThan(0);
    const first = marked.first();
    const line = (await first.locator('.ocr-check .ocr-line').first().textContent()) ?? '';
    const fields = await first
      .locator('input[type=text], textarea')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const text = fields.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(line.replace(/\s+/g, ' ').trim().slice(-15));
    // correcting a marked line removes its mark (the marks travel with the editor's operations)
    const before = await page.locator('.ocr-check li').count();
    await first.locator('input[name$=".heading"]').fill('System interference');
    await first.locator('textarea').fill('Corrected by the editor against the scan.');
    await first.getByRole('button', { name: 'Add below' }).click();
    expect(await page.locator('.ocr-check li').count()).toBeLessThan(before);

    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/edit\/work\/[^/]+$/);
    const workId = decodeURIComponent(page.url().split('/').pop()!);
    const token = await tokenAs(run.t, 'editor');
    const files = (
      await run.t.app.inject({
        url: `/api/v1/attachments?owner_type=work&owner_id=${workId}`,
        headers: token,
      })
    ).json().items as { filename: string; media_type: string; pages: number }[];
    expect(files).toEqual([
      expect.objectContaining({ filename: 'gazette-2021-05.pdf', media_type: 'application/pdf' }),
    ]);
    // the scan now lives with the law: its preview cannot be saved a second time
    const again = await page.goto(`${run.base}/edit/import/scan/${id}`);
    expect(again?.status()).toBe(410);
  });

  it('a job stopped mid-way resumes after the pages it kept; a blank or broken image fails naming the file', async () => {
    const token = await tokenAs(run.t, 'editor');
    const send = async (name: string, bytes: Buffer, type = 'image/png') => {
      const body = multipart({ country: 'KEN', language: 'eng', date: '2021-05-04', title: 'Act' }, [
        { name, type, bytes },
      ]);
      const res = await run.t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/scans',
        payload: body.payload,
        headers: { ...token, ...body.headers },
      });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().items[0].id as number;
    };
    const job = async (id: number) =>
      (await run.t.app.inject({ url: `/api/v1/imports/${id}`, headers: token })).json();

    const two = await scanPdf(run.browser, [
      await scanPng(run.browser, fixture('eng'), { dpi: 200 }),
      await scanPng(run.browser, fixture('eng'), { dpi: 200 }),
    ]);
    const id = await send('two.pdf', two, 'application/pdf');
    // as if killed (kill -9) after keeping its first page: the retry reads only the second
    const kept = {
      page: 1,
      text: 'KEPT FROM THE FIRST RUN',
      confidence: 99,
      lines: [{ text: 'KEPT FROM THE FIRST RUN', confidence: 99 }],
    };
    await run.t.db.pool.query(`UPDATE import_job SET status = 'running', pages_done = 1 WHERE id = $1`, [id]);
    await run.t.db.pool.query('INSERT INTO import_page (job_id, page, content) VALUES ($1, 1, $2)', [
      id,
      JSON.stringify(kept),
    ]);
    await runImport(run.t.db, run.t.app.jobs, id);
    const resumed = await job(id);
    expect(resumed).toMatchObject({ status: 'done', pages_done: 2, pages_total: 2 });
    expect(resumed.pages[0].text).toBe('KEPT FROM THE FIRST RUN');
    expect(resumed.pages[1].text).toContain('Section 4. Unauthorised access');

    const blank = await scanPng(run.browser, ' ', { dpi: 100 });
    const empty = await send('blank.png', blank);
    await runImport(run.t.db, run.t.app.jobs, empty);
    expect(await job(empty)).toMatchObject({
      status: 'failed',
      error: 'blank.png: no text was found on the scan (1 page)',
    });

    const broken = await send('broken.png', Buffer.concat([blank.subarray(0, 200), Buffer.alloc(500)]));
    await runImport(run.t.db, run.t.app.jobs, broken);
    expect(await job(broken)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^broken\.png: page 1 cannot be read \(/),
    });
    // nothing of them is in the repository
    const works = await run.t.db.pool.query(
      `SELECT count(*)::int AS n FROM legal_work WHERE title->>'eng' = 'Act'`,
    );
    expect(works.rows[0].n).toBe(0);
  });
});
