/** Search on the demo data: relevance in many languages, concept expansion, safety, filters, access. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/helpers.js';
import type { SearchResult } from './params.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const run = async (params: Record<string, string>) => {
  const res = await t.app.inject({ url: `/api/v1/search?${new URLSearchParams(params)}` });
  return {
    status: res.statusCode,
    body: res.json() as SearchResult & { error?: { code: string; message: string } },
  };
};

/** [query, a part of the URL of the item a user expects among the first three results] */
const RELEVANCE: [string, string][] = [
  ['unauthorised access', '/akn/ke/act/2019/14/eng@2023-01-12/~sec_3'],
  ['unauthorised interception', '/akn/ke/act/2019/14/eng@2023-01-12/~sec_4'],
  ['computer forgery', '/akn/ke/act/2019/14/eng@2023-01-12/~sec_8'],
  ['electronic fraud', '/akn/ug/act/2020/9/eng@'],
  ['online harassment and stalking', '/akn/ph/act/2021/11604/eng@'],
  ['acceso ilícito', '~art_3'],
  ['sabotaje informático', '~art_6'],
  ['acceso indebido', '/akn/pa/act/2021/214/spa@'],
  ['accès et maintien frauduleux', '~art_3'],
  ['escroquerie informatique', '/akn/sn/act/2022/2022-14/fra@'],
  ['interception frauduleuse', '~art_4'],
  ['acesso ilegítimo', '~art_3'],
  ['burla informática', '~art_9'],
  ['sabotagem informática', '~art_6'],
  ['اعترض تنصت', '/akn/jo/act/2022/21/ara@'],
  ['الابتزاز', '/cases/jo-2023-bid-2871'],
  ['الذم والقدح', '/cases/jo-2023-cass-1543'],
  ['เข้าถึงโดยมิชอบ', '/akn/th/act/2021/14/tha@'],
  ['ดักรับ', '/akn/th/act/2021/14/tha@'],
  ['intersepsi', '/akn/id/act/2022/9/ind@'],
  ['xâm nhập trái phép', '/akn/vn/act/2023/47'],
  ['"Budapest" illegal access', '/instruments/ETS185/articles/2'],
];

describe('relevance', () => {
  it.each(RELEVANCE)('“%s” finds %s in the top 3', async (q, expected) => {
    const { status, body } = await run({ q, limit: '3' });
    expect(status).toBe(200);
    expect(
      body.items.map((i) => i.url).some((u) => u.includes(expected)),
      body.items.map((i) => i.url).join('\n'),
    ).toBe(true);
  });
});

describe('concept expansion', () => {
  it('an English query finds Spanish and French provisions on the same concept, with the reason', async () => {
    const { body } = await run({ q: 'unauthorised access', type: 'provision', limit: '50' });
    expect(body.expansions.map((e) => e.code)).toContain('illegal-access');
    const spanish = body.items.find((i) => i.language === 'spa');
    const french = body.items.find((i) => i.language === 'fra');
    expect(spanish?.reason?.concepts).toContain('illegal-access');
    expect(french?.reason?.concepts).toContain('illegal-access');
  });

  it('a Spanish query finds English and French provisions, and the reverse from French', async () => {
    const es = await run({ q: 'acceso ilícito', type: 'provision', language: 'eng', limit: '10' });
    expect(es.body.items.some((i) => i.url.includes('/akn/ke/act/2019/14/eng@2023-01-12/~sec_3'))).toBe(true);
    const fr = await run({ q: 'accès illégal', type: 'provision', language: 'spa', limit: '10' });
    expect(fr.body.items.some((i) => i.url.includes('~art_3'))).toBe(true);
  });
});

describe('query syntax and bad input', () => {
  it('supports phrases, exclusions and OR', async () => {
    const phrase = await run({ q: '"electronic evidence"', limit: '50' });
    const excluded = await run({ q: '"electronic evidence" -certificate', limit: '50' });
    expect(excluded.body.total).toBeLessThan(phrase.body.total);
    const either = await run({ q: 'ransomware OR grooming', limit: '50' });
    const one = await run({ q: 'ransomware', limit: '50' });
    expect(either.body.total).toBeGreaterThan(one.body.total);
  });

  it.each([
    '&|!:*()',
    '"unbalanced',
    '((((',
    'x'.repeat(1000),
    "'; DROP TABLE legal_work; --",
    '-',
    'OR OR OR',
  ])('never fails on %s', async (q) => {
    const { status, body } = await run({ q });
    expect(status).toBe(200);
    expect(Array.isArray(body.items)).toBe(true);
  });

  it('answers 400 naming unknown filter values and caps the limit', async () => {
    const bad = await run({ q: 'fraud', country: 'ZZZ', concept: 'no-such-thing' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toBe('Unknown filter value: country=ZZZ, concept=no-such-thing');
    expect((await run({ q: 'x'.repeat(1001) })).status).toBe(400);
    expect((await run({ q: 'fraud', limit: '500' })).status).toBe(400);
    expect((await run({ q: 'fraud', type: 'tweet' })).status).toBe(400);
  });

  it('browses with filters only when the query is empty, newest first', async () => {
    const { body } = await run({ type: 'case', country: 'KEN' });
    expect(body.total).toBe(4);
    const dates = body.items.map((i) => (i as unknown as { date: string }).date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('suggests a spelling for a misspelt word', async () => {
    expect((await run({ q: 'unauthorzed' })).body.suggestion).toBe('unauthorized');
    expect(['kenya', 'kenia']).toContain((await run({ q: 'Keyna' })).body.suggestion); // the English or Spanish name
    expect((await run({ q: 'cybercrimez' })).body.suggestion).toBe('cybercrime');
  });
});

describe('filters, facets, pages', () => {
  it('counts facets and filters by them', async () => {
    const { body } = await run({ q: 'fraud' });
    const types = Object.fromEntries(body.facets.type.map((f) => [f.value, f.count]));
    expect(types.provision).toBeGreaterThan(0);
    expect(types.case).toBeGreaterThan(0);
    const cases = await run({ q: 'fraud', type: 'case' });
    expect(cases.body.total).toBe(types.case);
    const kenya = await run({ q: 'fraud', country: 'KEN', year_from: '2019', year_to: '2030' });
    expect(
      kenya.body.items.every(
        (i) => i.url.includes('/ke/') || i.url.startsWith('/cases/ke') || i.url.startsWith('/documents/'),
      ),
    ).toBe(true);
    const region = await run({ q: 'fraud', region: '014' });
    expect(
      region.body.facets.country.map((f) => f.value).every((c) => ['KEN', 'UGA', 'DJI', 'MOZ'].includes(c)),
    ).toBe(true);
  });

  it('walks through every page with the cursor', async () => {
    const all = await run({ q: 'computer', limit: '50' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { q: 'computer', limit: '7' };
      if (cursor) params.cursor = cursor;
      const { body } = await run(params);
      seen.push(...body.items.map((i) => `${i.type}:${i.id}`));
      cursor = body.next_cursor;
    } while (cursor && seen.length < 500);
    expect(seen.length).toBe(all.body.total);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('highlights matches in snippets as escaped HTML', async () => {
    const { body } = await run({ q: 'ransomware', limit: '5' });
    expect(body.items[0].snippet).toMatch(/<mark>ransomware<\/mark>/i);
  });

  it('the search page works without JavaScript and shows facets as links', async () => {
    const res = await t.app.inject('/search?q=fraud');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<a href="\/search\?q=fraud&amp;type=case"/);
    expect(res.body).toContain('<mark>');
  });
});

describe('access', () => {
  it('drafts and restricted items are not found by the public, nor counted in facets', async () => {
    const admin = { authorization: `Bearer ${t.token}` };
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: admin,
      payload: casePayload({
        case_number: 'S-1',
        title: 'Zyxwvut secret ransomware case',
        brief: { facts: 'zyxwvut' },
      }),
    });
    expect((await run({ q: 'zyxwvut' })).body.total).toBe(0);
    const asAdmin = await t.app.inject({ url: '/api/v1/search?q=zyxwvut', headers: admin });
    expect(asAdmin.json().total).toBe(1);
  });
});
