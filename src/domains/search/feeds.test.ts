/** Saved searches and Atom feeds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload } from '../../../test/factories.js';
import { sessionAs, testApp, type Session, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let reader: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  reader = await sessionAs(t, 'reader');
});
afterAll(() => t.close());

describe('feeds', () => {
  it('gives an Atom feed for a search, newest first, with absolute links', async () => {
    const res = await t.app.inject('/feeds/search.atom?q=ransomware');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    const updated = [...res.body.matchAll(/<entry>[\s\S]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1]);
    expect(updated.length).toBeGreaterThan(2);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(res.body).toContain('<link href="https://cyrepo.test/');
    expect(res.body).not.toContain('⟦');
  });

  it('gives a feed of new items per country and type, and only public ones', async () => {
    const cases = await t.app.inject('/feeds/KEN/cases.atom');
    expect(cases.statusCode).toBe(200);
    expect((cases.body.match(/<entry>/g) ?? []).length).toBe(4);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${t.token}` },
      payload: casePayload({ case_number: 'F-1', title: 'Draft feed case qwertyfeed' }),
    });
    expect((await t.app.inject('/feeds/KEN/cases.atom')).body).not.toContain('qwertyfeed');
    expect((await t.app.inject('/feeds/search.atom?q=qwertyfeed')).body).not.toContain('<entry>');
    expect((await t.app.inject('/feeds/KEN/tweets.atom')).statusCode).toBe(400);
  });
});

describe('saved searches', () => {
  it('a signed-in user saves a search from the search page and finds it with its feed on the account page', async () => {
    const page = await t.app.inject({
      url: '/search?q=fraud&country=KEN',
      headers: { cookie: reader.cookie },
    });
    expect(page.body).toContain('action="/search/save"');
    const saved = await t.app.inject({
      method: 'POST',
      url: '/search/save',
      headers: { cookie: reader.cookie },
      payload: { name: 'Kenyan fraud', params: 'q=fraud&country=KEN&cursor=abc', _csrf: reader.csrf },
    });
    expect(saved.statusCode).toBe(303);
    const account = await t.app.inject({ url: '/account', headers: { cookie: reader.cookie } });
    expect(account.body).toContain('href="/search?q=fraud&amp;country=KEN"');
    expect(account.body).toContain('href="/feeds/search.atom?q=fraud&amp;country=KEN"');
    const api = await t.app.inject({ url: '/api/v1/saved-searches', headers: { cookie: reader.cookie } });
    expect(api.json().items).toEqual([
      expect.objectContaining({ name: 'Kenyan fraud', params: 'q=fraud&country=KEN' }),
    ]);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/saved-searches',
      headers: { cookie: reader.cookie, 'x-csrf-token': reader.csrf },
      payload: { name: 'Kenyan fraud', params: 'q=x' },
    });
    expect(again.statusCode).toBe(409);
    expect((await t.app.inject('/search?q=fraud')).body).not.toContain('action="/search/save"');
  });
});
