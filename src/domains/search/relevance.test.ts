/**
 * Search as a lawyer expects it, on the demo data: each provision once (its current version, saying
 * in how many other versions and translations it exists), the provision that is about the query
 * above one that mentions it, the same provision reached from other languages through its mapping,
 * "did you mean" only for queries that find something, and laws not found by every word they contain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/helpers.js';
import type { SearchResult } from './params.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const run = async (params: Record<string, string>) =>
  (await t.app.inject({ url: `/api/v1/search?${new URLSearchParams(params)}` })).json() as SearchResult;
/** Provisions by their law and eId, whatever the version or language (…/eng@2023-01-12/~sec_3 → /akn/ke/act/2019/14~sec_3). */
const provision = (url: string) => url.replace(/\/[a-z]{3}@[^/]*\/~/, '~');

describe('one hit per provision', () => {
  it('shows the current version of a provision once, with its other versions and translations counted', async () => {
    const { items } = await run({ q: 'unauthorised access', type: 'provision', limit: '50' });
    const keys = items.map((i) => provision(i.url));
    expect(new Set(keys).size).toBe(keys.length);
    const kenya = items.find((i) => i.url.startsWith('/akn/ke/act/2019/14/'))!;
    // the act as amended on 12 January 2023, not the 2019 text; also in the 2019 English and Swahili texts
    expect(kenya.url).toBe('/akn/ke/act/2019/14/eng@2023-01-12/~sec_3');
    expect(kenya.other_versions).toBe(2);
  });

  it('counts each provision once in the total', async () => {
    const all = await run({ q: 'computer', type: 'provision', limit: '50' });
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const params: Record<string, string> = { q: 'computer', type: 'provision', limit: '50' };
      if (cursor) params.cursor = cursor;
      const res = await t.app.inject({ url: `/api/v1/search?${new URLSearchParams(params)}` });
      const body = res.json() as SearchResult & { next_cursor: string | null };
      for (const i of body.items) seen.add(provision(i.url));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen.size).toBe(all.total);
  });
});

describe('ranking', () => {
  it('ranks the section on illegal access above the misuse-of-devices section that mentions it', async () => {
    const { items } = await run({ q: 'illegal access', type: 'provision', country: 'KEN', limit: '10' });
    const urls = items.map((i) => i.url);
    const access = urls.findIndex((u) => u.endsWith('~sec_3'));
    expect(access).toBeGreaterThanOrEqual(0);
    const devices = urls.findIndex((u) => u.endsWith('~sec_7'));
    if (devices >= 0) expect(access).toBeLessThan(devices);
  });

  it.each([
    ['interceptación ilícita', 'illegal-interception'],
    ['ordonnance de production', 'production-order'],
    ['accès illégaux', 'illegal-access'], // inflected
  ])('“%s” names the concept %s and reaches English provisions mapped to it', async (q, concept) => {
    const body = await run({ q, type: 'provision', language: 'eng', limit: '5' });
    expect(body.expansions.map((e) => e.code)).toContain(concept);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it.each([
    ['шкідливі програмні засоби', 'misuse-of-devices'], // Ukrainian, inflected: the lexicon's word stems
    ['неправомерного доступа', 'illegal-access'], // Russian, with no Russian text in the index
    ['التنصت على الاتصالات', 'illegal-interception'], // Arabic, the article written onto the word
    ['入侵他人電腦', 'illegal-access'], // Chinese, traditional, a word between the term's (入侵電腦)
  ])('“%s” names the concept %s though no term is written as in the query', async (q, concept) => {
    const body = await run({ q, limit: '5' });
    expect(body.expansions.map((e) => e.code)).toContain(concept);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.suggestion).toBeNull(); // not "did you mean" a term's stem (шкідлив)
  });

  it('weighs each word by how rare it is: a text about the rarer word of the query comes first', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    const create = (case_number: string, title: string, facts: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: admin,
        payload: casePayload({ case_number, title, brief: { facts } }),
      });
    // "computer" is in most texts; "quokka" in none but these two
    const common = 'the computer, the computer system and the computer data of the computer owner';
    expect((await create('IDF-1', 'Case about many computers', `${common} and a quokka.`)).statusCode).toBe(
      201,
    );
    expect(
      (await create('IDF-2', 'Case about many quokkas', 'a quokka, quokka after quokka, near a computer.'))
        .statusCode,
    ).toBe(201);
    await t.db.pool.query('ANALYZE search_entry'); // the statistics telling how common each word is
    const { items } = (await (
      await t.app.inject({ url: '/api/v1/search?q=computer+quokka&type=case', headers: admin })
    ).json()) as SearchResult;
    expect(items.map((i) => i.title).slice(0, 2)).toEqual([
      'Case about many quokkas',
      'Case about many computers',
    ]);
  });

  it('matches Chinese in traditional and simplified characters alike', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: admin,
      payload: casePayload({
        case_number: 'TW-1',
        language: 'zho',
        title: '電腦詐欺案',
        brief: { facts: '被告以不正方法將虛偽資料輸入電腦，取得他人財產。' },
      }),
    });
    expect(created.statusCode).toBe(201);
    const find = async (q: string) =>
      (
        (
          await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers: admin })
        ).json() as SearchResult
      ).items;
    for (const q of ['電腦詐欺', '电脑诈欺', '虚伪资料'])
      expect(
        (await find(q)).map((i) => i.title),
        q,
      ).toContain('電腦詐欺案');
  });

  it('does not find a law by every word of its text, only its provisions', async () => {
    const { facets } = await run({ q: 'intentionally' });
    const works = facets.type.find((f) => f.value === 'work')?.count ?? 0;
    const provisions = facets.type.find((f) => f.value === 'provision')?.count ?? 0;
    expect(provisions).toBeGreaterThan(0);
    expect(works).toBe(0);
  });
});

describe('when little is found', () => {
  it('shows items with some of the words when none has all of them, and says so', async () => {
    const some = await run({ q: 'telecommunications zyxwvutsr' });
    expect(some.relaxed).toBe(true);
    expect(some.total).toBeGreaterThan(0);
    expect((await run({ q: 'telecommunications' })).relaxed).toBe(false);
  });

  it('when few items have all the words, puts them first and follows with items with some of them', async () => {
    const r = await run({ q: 'bank telecommunications', limit: '50' });
    expect(r.relaxed).toBe(true);
    expect(r.all_words).toBeGreaterThan(0);
    expect(r.all_words).toBeLessThan(10);
    expect(r.total).toBeGreaterThan(r.all_words);
    // those with all the words lead: found by the stricter search, they score above every other signal
    expect(r.items.slice(0, r.all_words).every((h) => h.score >= 1)).toBe(true);
    expect(r.items.slice(r.all_words).every((h) => h.score < 1)).toBe(true);
    const page = await t.app.inject('/search?q=bank+telecommunications');
    expect(page.body).toContain(
      r.all_words === 1
        ? 'Only 1 item has all the words of your search'
        : `Only ${r.all_words} items have all`,
    );
  });

  it('proposes only a correction that finds something', async () => {
    // misspelt words that are words of another language: found by the concept they name, inflected
    const body = await run({ q: 'ilegal acess' });
    expect(
      body.total > 0 || (body.suggestion !== null && (await run({ q: body.suggestion })).total > 0),
    ).toBe(true);
    const misspelt = await run({ q: 'unauthorzed', type: 'provision' });
    expect(misspelt.suggestion).toBe('unauthorized');
    expect((await run({ q: 'unauthorized', type: 'provision' })).total).toBeGreaterThan(0);
    // nothing close enough that finds anything: no suggestion
    expect((await run({ q: 'qzxjw' })).suggestion).toBeNull();
    expect((await run({ q: 'unauthorzed', type: 'article', country: 'KEN' })).suggestion).toBeNull();
  });
});

describe('the search page', () => {
  it('names every filter in the reader’s language and lets each be removed', async () => {
    const res = await t.app.inject('/search?q=fraud&language=eng&status=in_force&region=014&lang=fr');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('anglais'); // the language, not "eng"
    expect(html).toMatch(/en vigueur/i); // the status, not "in_force"
    expect(html).toContain('Afrique orientale'); // the region, not "014"
    // each filter is a link removing it, keeping the others
    expect(html).toContain('href="/search?q=fraud&amp;status=in_force&amp;region=014&amp;lang=fr"');
    for (const facet of ['Région', 'Article de convention'])
      expect((await t.app.inject('/search?q=access&lang=fr')).body).toContain(facet);
    expect((await t.app.inject('/search?q=access&lang=en')).body).toContain('Budapest Convention Art. 2<');
  });

  it('helps when nothing is found', async () => {
    const html = (await t.app.inject('/search?q=unauthorised+zyxwvutsr+qwertyu+plokijuh&type=document')).body;
    expect(html).toContain('Nothing found');
    expect(html).not.toContain('No item has all the words'); // nothing has some of them either
    expect(html).toContain('href="/concepts"');
    expect(html).toMatch(/Search with fewer words/);
  });
});
