import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload } from './factories.js';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

async function page(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; doc: HTMLElement; html: string; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ url, headers });
  return { status: res.statusCode, doc: parse(res.body), html: res.body, headers: res.headers };
}
const texts = (doc: HTMLElement, selector: string) =>
  doc.querySelectorAll(selector).map((e) => e.text.trim());

describe('public pages', () => {
  it('home shows what the repository holds and links to the latest additions', async () => {
    const { status, doc } = await page('/');
    expect(status).toBe(200);
    const figures = texts(doc, '.figures li');
    expect(figures.some((f) => /^14\s+countries/.test(f))).toBe(true);
    expect(doc.querySelectorAll('.results a').length).toBe(8);
    expect(doc.querySelector('.notice')?.text).toMatch(/fictional demo content/);
  });

  it('countries index has a world map with a link per country holding content', async () => {
    const { doc } = await page('/countries');
    const links = doc.querySelectorAll('.map svg a').map((a) => a.getAttribute('href'));
    expect(links).toContain('/countries/KEN');
    expect(links).toContain('/countries/THA');
    expect(doc.querySelectorAll('.map svg path').length).toBeGreaterThan(150);
  });

  it('country page shows instrument status, laws, cases and documents', async () => {
    const { doc } = await page('/countries/CRI');
    expect(doc.querySelector('h1')?.text).toBe('Costa Rica');
    expect(texts(doc, 'table td a')).toContain('Budapest Convention');
    const laws = doc.querySelectorAll('section ul li a').map((a) => a.getAttribute('href'));
    expect(laws.some((h) => h?.startsWith('/akn/cr/act/'))).toBe(true);
    expect(laws.filter((h) => h?.startsWith('/cases/')).length).toBe(3);
  });

  it('work page has a table of contents, permalinks, mapped articles, a citation and Legislation JSON-LD', async () => {
    const { doc } = await page('/akn/ke/act/2019/14');
    expect(doc.querySelectorAll('.toc a').length).toBeGreaterThan(15);
    const permalink = doc.querySelector('.provision .permalink')!.getAttribute('href')!;
    expect(permalink).toMatch(/^\/akn\/ke\/act\/2019\/14\/eng@\d{4}-\d{2}-\d{2}\/~/);
    expect(
      doc.querySelectorAll('.mapped-to a[href^="/instruments/ETS185/articles/"]').length,
    ).toBeGreaterThan(5);
    expect(doc.querySelector('.cite')?.text).toContain('https://cyrepo.test/akn/ke/act/2019/14/eng@');
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.text);
    expect(ld).toMatchObject({
      '@type': 'Legislation',
      legislationIdentifier: '/akn/ke/act/2019/14',
      inLanguage: 'en',
    });
  });

  it('provision page shows its text, the articles it implements and the cases citing it', async () => {
    const work = await page('/akn/cr/act/2019/9735?lang=es');
    const mappedHref = work.doc
      .querySelector('.mapped-to')!
      .parentNode!.querySelector('.permalink')!
      .getAttribute('href')!;
    const { status, doc } = await page(mappedHref);
    expect(status).toBe(200);
    expect(doc.querySelector('.body')!.getAttribute('lang')).toBe('es');
    expect(doc.querySelectorAll('section ul li a[href^="/instruments/"]').length).toBeGreaterThan(0);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.text);
    expect(ld.isPartOf['@id']).toBe('https://cyrepo.test/akn/cr/act/2019/9735');
    // Costa Rica's law has an English translation: the switcher offers it for this provision.
    expect(doc.querySelectorAll('.versions a').map((a) => a.getAttribute('hreflang'))).toEqual(
      expect.arrayContaining(['es', 'en']),
    );
  });

  it('instrument page lists chapters and, per article, the countries mapped to it; the article page lists their provisions', async () => {
    const { doc } = await page('/instruments/UNCC2024');
    expect(texts(doc, 'h2')).toContain('II Criminalization');
    const row = doc.querySelector('#art_7')!;
    expect(row.querySelectorAll('a[href*="#"]').length).toBeGreaterThanOrEqual(10);
    const article = await page('/instruments/UNCC2024/articles/7');
    expect(article.doc.querySelectorAll('article.mapped').length).toBeGreaterThanOrEqual(10);
    expect(article.doc.querySelector('article.mapped#KEN a[href^="/akn/ke/"]')).not.toBeNull();
  });

  it('serves works whose number contains a slash (percent-encoded in the URI)', async () => {
    const { status, doc } = await page('/akn/cv/act/2022/14%2FX%2F2022');
    expect(status).toBe(200);
    const href = doc.querySelector('.provision .permalink')!.getAttribute('href')!;
    expect(href).toMatch(/^\/akn\/cv\/act\/2022\/14%2FX%2F2022\/por@/);
    expect((await page(href)).status).toBe(200);
  });

  it('crosswalk page pairs Budapest and UN articles', async () => {
    const { doc } = await page('/crosswalk');
    const pairs = doc.querySelectorAll('table.crosswalk tbody tr').map((tr) =>
      tr
        .querySelectorAll('a[href^="/instruments/"]')
        .map((a) => a.getAttribute('href'))
        .join(' '),
    );
    expect(pairs).toContain('/instruments/ETS185/articles/2 /instruments/UNCC2024/articles/7');
    expect(pairs).toContain('/instruments/ETS185/articles/35 /instruments/UNCC2024/articles/41');
    const unmatched = doc.querySelectorAll('table.unmatched tbody tr').map((tr) => tr.text);
    expect(unmatched.some((r) => r.includes('Non-consensual dissemination of intimate images'))).toBe(true);
  });

  it('case and document pages render their structured content', async () => {
    const cases = await page('/cases?country=KEN');
    const href = cases.doc.querySelector('.results a')!.getAttribute('href')!;
    const c = await page(href);
    expect(texts(c.doc, 'h2')).toEqual(expect.arrayContaining(['Facts', 'Decision']));
    const docs = await page('/documents?type=strategy');
    const d = await page(docs.doc.querySelector('.results a')!.getAttribute('href')!);
    expect(d.status).toBe(200);
    expect(texts(d.doc, 'h2')).toContain('Summary');
  });

  it('escapes text everywhere', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${t.token}` },
      payload: casePayload({ id: 'escape-test', title: evil, case_number: 'ESC-1', brief: { facts: evil } }),
    });
    const { html } = await page('/cases/escape-test', { authorization: `Bearer ${t.token}` });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
  });

  it('unknown pages get a 404 page, unknown API paths JSON', async () => {
    const missing = await page('/countries/ZZZ');
    expect(missing.status).toBe(404);
    expect(missing.doc.querySelector('h1')?.text).toBe('Page not found');
    const work = await page('/akn/ke/act/1900/1');
    expect(work.status).toBe(404);
    const api = await t.app.inject('/api/v1/nothing');
    expect(api.json().error.code).toBe('not_found');
  });
});

describe('languages', () => {
  it('switches language with ?lang=, remembers it in a cookie, and lays Arabic out right-to-left', async () => {
    const res = await t.app.inject('/countries/KEN?lang=ar');
    const doc = parse(res.body);
    expect(doc.querySelector('html')!.getAttribute('dir')).toBe('rtl');
    expect(doc.querySelector('html')!.getAttribute('lang')).toBe('ar');
    expect(doc.querySelector('h1')!.text).toBe('كينيا');
    const cookie = res.cookies.find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('ar');
    const next = await page('/', { cookie: 'lang=ar' });
    expect(next.doc.querySelector('html')!.getAttribute('dir')).toBe('rtl');
  });

  it('shows French UI strings and marks content that is not in the reader language', async () => {
    const { doc } = await page('/akn/th/act/2021/14?lang=fr');
    expect(doc.querySelector('nav a[href="/countries"]')!.text).toBe('Pays');
    expect(doc.querySelector('h1 .lang-tag')).not.toBeNull();
  });

  it('picks the language from Accept-Language when nothing else says', async () => {
    const { doc } = await page('/', { 'accept-language': 'es-ES,es;q=0.9' });
    expect(doc.querySelector('html')!.getAttribute('lang')).toBe('es');
  });
});
