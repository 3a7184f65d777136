/**
 * What a drafter, a prosecutor and a researcher check first on a law, a case, a comparison and a gap
 * report: names rather than codes, a citation a lawyer writes, downloads that open, gaps first.
 */
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const page = async (url: string) => {
  const res = await t.app.inject(url);
  expect(res.statusCode, url).toBe(200);
  return parse(res.body);
};

describe('a law page', () => {
  it('numbers its contents once, names the articles a provision implements and links to a comparison', async () => {
    const doc = await page('/akn/ke/act/2019/14?lang=en');
    const toc = doc.querySelector('nav.toc ol')!;
    expect(toc.classList.contains('plain')).toBe(true);
    expect(toc.querySelector('a')!.text).toMatch(/^I PRELIMINARY|^1 /);
    const chip = doc.querySelector('#sec_3 .mapped-to .mapping')!;
    expect(chip.querySelector('a.badge')!.text).toBe('Budapest Convention Art. 2 — Illegal access');
    expect(chip.querySelector('a.meta')!.getAttribute('href')).toBe(
      '/compare?article=ETS185%3A2&country=KEN',
    );
  });

  it('cites the law as a lawyer would, with a copy button, and names amended provisions', async () => {
    const doc = await page('/akn/ke/act/2019/14/eng@2023-01-12?lang=en');
    const cite = doc.querySelector('.cite .cite-text')!.text;
    expect(cite).toMatch(
      /^The Computer Misuse and Cybercrimes Act, 2019.* \(Kenya\), version of 12 January 2023\. https:\/\/cyrepo\.test\/akn\/ke\/act\/2019\/14\/eng@2023-01-12$/,
    );
    expect(doc.querySelector('.cite button.copy')!.getAttribute('data-copy')).toBe(cite);
    const affected = doc.querySelectorAll('.timeline a[href^="#"]').map((a) => a.text);
    expect(affected).toContain('3 Unauthorised access');
    expect(affected.some((a) => /^sec_/.test(a))).toBe(false);
    const provision = await page('/akn/ke/act/2019/14/eng@2023-01-12/~sec_3?lang=en');
    expect(provision.querySelector('.cite .cite-text')!.text).toMatch(
      /\(Kenya\), s\. 3, version of 12 January 2023\. .*\/~sec_3$/,
    );
  });

  it('downloads as Akoma Ntoso and as Word, with its provisions', async () => {
    const doc = await page('/akn/ke/act/2019/14?lang=en');
    const links = doc.querySelectorAll('a[download]').map((a) => a.getAttribute('href')!);
    const akn = await t.app.inject(links.find((l) => l.includes('/akn?'))!);
    expect(akn.statusCode).toBe(200);
    expect(akn.body).toContain('<akomaNtoso');
    const word = await t.app.inject(links.find((l) => l.includes('/docx?'))!);
    expect(word.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: word.rawPayload })).value;
    expect(text).toContain('Unauthorised access');
    expect(text).toContain('The Computer Misuse and Cybercrimes Act');
  });
});

describe('a case page', () => {
  it('has a citation line', async () => {
    const list = (await t.app.inject('/api/v1/cases?country=KEN&limit=1')).json().items;
    const doc = await page(`/cases/${list[0].id}?lang=en`);
    const cite = doc.querySelector('.cite .cite-text')!.text;
    expect(cite).toContain(list[0].title);
    expect(cite).toContain(list[0].case_number);
    expect(cite).toMatch(new RegExp(`https://cyrepo.test/cases/${list[0].id}$`));
  });
});

describe('the comparison', () => {
  it('without a subject offers the articles, concepts and countries to choose', async () => {
    const doc = await page('/compare?lang=en');
    expect(doc.querySelector('select[name="article"] option[value="ETS185:2"]')!.text).toContain(
      'Illegal access',
    );
    expect(doc.querySelector('select[name="concept"]')!.querySelectorAll('option').length).toBeGreaterThan(
      20,
    );
    expect(doc.querySelectorAll('input[name="country"]').map((i) => i.getAttribute('value'))).toContain(
      'KEN',
    );
    const bad = await t.app.inject('/compare?article=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('CODE:NUMBER');
  });

  it('shows a law in the reader’s language where a translation is stored, marked as one, with its subsections apart', async () => {
    const data = (await t.app.inject('/api/v1/compare?article=ETS185:2&countries=CRI&language=eng')).json();
    const [provision] = data.columns[0].provisions;
    expect(provision).toMatchObject({ language: 'eng', authoritative: false });
    const spanish = (
      await t.app.inject('/api/v1/compare?article=ETS185:2&countries=CRI&language=spa')
    ).json();
    expect(spanish.columns[0].provisions[0]).toMatchObject({ language: 'spa', authoritative: true });
    const doc = await page('/compare?article=ETS185:2&country=KEN&lang=en');
    expect(doc.querySelectorAll('#KEN p.text').length).toBeGreaterThan(1);
  });
});

describe('the gap report', () => {
  it('lists gaps before covered articles, folds the quotes of covered ones and leaves final clauses out', async () => {
    const report = (await t.app.inject('/api/v1/coverage/KEN/gap-report')).json();
    const order = report.articles.map((a: { status: string }) => a.status);
    expect(order.indexOf('covered')).toBeGreaterThan(order.lastIndexOf('partial'));
    expect(report.articles.some((a: { category: string }) => a.category === 'final')).toBe(false);
    expect(report.articles.map((a: { number: string }) => a.number)).not.toContain('36');
    const doc = await page('/coverage/KEN/gap-report?lang=en');
    expect(doc.querySelector('.gap-covered details.quotes')).not.toBeNull();
    expect(doc.querySelector('.gap-partial details.quotes')).toBeNull();
    expect(doc.querySelector('.gap-not_reviewed')!.text).not.toContain('No national provision implements');
  });
});

describe('reference names in the reader’s language', () => {
  it('names the convention and its articles in French on the gap report, with plurals', async () => {
    const doc = await page('/coverage/KEN/gap-report?lang=fr');
    expect(doc.querySelector('h1')!.text).toBe(
      'Rapport sur les lacunes : Kenya au regard de la Convention de Budapest',
    );
    expect(doc.querySelector('#art-2 h3')!.text).toContain('Accès illégal');
    expect(doc.text).toMatch(/\d+ articles couverts, 1 partiellement couvert,/);
  });
});

describe('the editor’s home', () => {
  it('lists the review queues with their laws, the provisions mapped so far and the review’s stage', async () => {
    const editor = await sessionAs(t, 'editor');
    const doc = parse((await t.app.inject({ url: '/edit?lang=en', headers: editor.headers })).body);
    const kenya = doc.querySelector('#queue-KEN-ETS185')!;
    expect(kenya.querySelector('a')!.getAttribute('href')).toBe('/review/KEN/ETS185');
    const cells = kenya.querySelectorAll('td').map((td) => td.text);
    expect(cells[0]).toBe('Budapest Convention');
    const mapped = (await t.app.inject('/api/v1/mappings?country=KEN&instrument=ETS185')).json().items as {
      work: string;
      eid: string;
    }[];
    expect(Number(cells[2].replace(/\D/g, ''))).toBe(new Set(mapped.map((m) => `${m.work} ${m.eid}`)).size);
    expect(cells[3]).toBe('not started');
  });
});

describe('text in another script’s direction', () => {
  it('keeps a Portuguese or English provision left to right on an Arabic page', async () => {
    const compare = await page('/compare?article=ETS185:2&country=CPV&country=KEN&lang=ar');
    expect(compare.querySelector('#CPV article')!.getAttribute('dir')).toBe('ltr');
    const gap = await page('/coverage/KEN/gap-report?lang=ar');
    expect(gap.querySelector('.gap blockquote')!.getAttribute('dir')).toBe('ltr');
    const law = await page('/akn/ke/act/2019/14?lang=ar');
    expect(law.querySelector('.body')!.getAttribute('dir')).toBe('ltr');
  });
});
