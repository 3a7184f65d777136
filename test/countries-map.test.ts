/**
 * The countries page and its map say what they count: a sequential colour by the items held, a
 * legend naming the measure, tooltips with plurals, small states as dots, UN short names, regions
 * in name order with "Other" last, and links from a country to its coverage and gap reports.
 */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t?.close());

describe('the countries map', () => {
  it('colours countries by what the repository holds and says what it counts', async () => {
    const doc = parse((await t.app.inject('/countries')).body);
    const svg = doc.querySelector('figure.map svg')!;
    expect(svg.getAttribute('role')).toBe('group'); // links inside: not an image
    expect(doc.querySelector('figure.map figcaption .measure')!.text).toBe(
      'Laws, cases and documents in the repository:',
    );
    const kenya = svg.querySelector('a[href="/countries/KEN"]')!;
    expect(kenya.getAttribute('aria-label')).toMatch(/^Kenya: 1 law · \d+ cases · \d+ documents?$/);
    expect(kenya.querySelector('path')!.getAttribute('fill')).not.toBe('#e8edf2');
    // Cabo Verde has no shape at 110m: a dot, named and linked.
    const cabo = svg.querySelector('a.dot[href="/countries/CPV"]')!;
    expect(cabo.getAttribute('aria-label')).toMatch(/^Cabo Verde: 1 law · /);
    expect(cabo.querySelector('circle')).not.toBeNull();
    // Shapes of countries with no link are hidden from assistive technology.
    const bare = svg.childNodes.filter(
      (n) => 'tagName' in n && (n as { tagName: string }).tagName === 'PATH',
    );
    expect(bare.length).toBeGreaterThan(0);
    for (const p of bare)
      expect((p as unknown as { getAttribute(a: string): string }).getAttribute('aria-hidden')).toBe('true');
    const regions = doc.querySelectorAll('main section > h2').map((h) => h.text);
    expect(regions).toEqual(['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Other']);
    expect(doc.querySelector('main h1 + p')!.text).toContain('for 14 countries');
  });

  it('uses plurals from the catalogs in every language', async () => {
    const fr = parse((await t.app.inject('/countries?lang=fr')).body);
    expect(fr.querySelector('a[href="/countries/KEN"]')!.getAttribute('aria-label')).toMatch(
      /^Kenya : 1 loi · \d+ affaires · \d+ documents?$|^Kenya: 1 loi · /,
    );
    const ru = parse((await t.app.inject('/countries?lang=ru')).body);
    expect(ru.querySelector('svg a[href="/countries/KEN"]')!.getAttribute('aria-label')).toMatch(
      /1 закон · \d+ дела? · \d+ документ/,
    );
  });

  it('names countries as the UN does, on every page and in the API', async () => {
    const items = (await t.app.inject('/api/v1/countries')).json().items as {
      iso3: string;
      names: Record<string, string>;
    }[];
    const en = Object.fromEntries(items.map((c) => [c.iso3, c.names.en]));
    expect(en).toMatchObject({
      CPV: 'Cabo Verde',
      CIV: "Côte d'Ivoire",
      PRK: "Democratic People's Republic of Korea",
      KOR: 'Republic of Korea',
      TUR: 'Türkiye',
      VNM: 'Viet Nam',
      BOL: 'Bolivia (Plurinational State of)',
      NLD: 'Netherlands',
    });
    expect(Object.fromEntries(items.map((c) => [c.iso3, c.names.fr]))).toMatchObject({
      CPV: 'Cabo Verde',
      KEN: 'Kenya',
      NLD: 'Pays-Bas',
    });
    expect(parse((await t.app.inject('/countries/CPV')).body).querySelector('h1')!.text).toBe('Cabo Verde');
  });

  it('links a country to its coverage and gap reports', async () => {
    const doc = parse((await t.app.inject('/countries/KEN')).body);
    const links = doc.querySelectorAll('section.analysis a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining([
        '/coverage/KEN?instrument=ETS185',
        '/coverage/KEN/gap-report?instrument=ETS185',
        '/coverage/KEN/gap-report?instrument=UNCC2024',
      ]),
    );
    for (const href of links.slice(0, 2)) expect((await t.app.inject(href!)).statusCode).toBe(200);
  });
});

describe('the favicon', () => {
  it('is an SVG every page links to', async () => {
    const res = await t.app.inject('/favicon.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await t.app.inject('/favicon.ico')).headers.location).toBe('/favicon.svg');
    expect(
      parse((await t.app.inject('/')).body)
        .querySelector('link[rel=icon]')!
        .getAttribute('href'),
    ).toBe('/favicon.svg');
  });
});
