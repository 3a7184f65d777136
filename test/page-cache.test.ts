/**
 * Answers kept for anonymous readers (src/web/shell/page-cache.ts) are served again only while the
 * database is unchanged: a write through the API or from another process shows at once; signed-in
 * readers, tokens and pages with forms never get a kept answer; the compressed versions are the
 * same page; searches answered from the cache are still counted.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding } from '../src/web/shell/page-cache.js';
import { isNewerState } from '../src/core/db/connect.js';
import { PageStore } from '../src/web/shell/page-store.js';
import { workPayload } from './factories.js';
import { sessionAs, testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const auth = () => ({ authorization: `Bearer ${t.token}` });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const PAGE = '/countries/KEN';

describe('answers kept for anonymous readers', () => {
  it('are served again until something is written, then rebuilt', async () => {
    const first = await get(PAGE);
    const second = await get(PAGE);
    expect(first.headers['x-cyrepo-cache']).toBe('miss');
    expect(second.headers['x-cyrepo-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/ke-act-2019-14',
      headers: auth(),
      payload: { title: { eng: 'Computer Misuse and Cybercrimes Act (kept-answer test)' } },
    });
    expect(patched.statusCode).toBe(200);
    const after = await get(PAGE);
    expect(after.headers['x-cyrepo-cache']).toBe('miss');
    expect(after.body).toContain('kept-answer test');
  });

  it('show a write made by another process (another worker, the CLI) at once', async () => {
    await get('/api/v1/works/ke-act-2019-14');
    expect((await get('/api/v1/works/ke-act-2019-14')).headers['x-cyrepo-cache']).toBe('hit');
    const other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query(
        `UPDATE legal_work SET short_title = 'Written elsewhere' WHERE uri = '/akn/ke/act/2019/14'`,
      );
    } finally {
      await other.end();
    }
    const after = await get('/api/v1/works/ke-act-2019-14');
    expect(after.headers['x-cyrepo-cache']).toBe('miss');
    expect(after.json().short_title).toBe('Written elsewhere');
  });

  it('are never given to a signed-in reader or a token, nor taken from their answers', async () => {
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: auth(),
      payload: workPayload({ number: '77', status: 'draft', title: { eng: 'Draft Qzxv Bill' } }),
    });
    expect(draft.statusCode).toBe(201);
    await get('/countries/KEN');
    expect((await get('/countries/KEN')).body).not.toContain('Draft Qzxv Bill');

    const asToken = await get('/countries/KEN', auth());
    expect(asToken.headers['x-cyrepo-cache']).toBeUndefined();
    expect(asToken.body).toContain('Draft Qzxv Bill');
    const editor = await sessionAs(t, 'editor');
    const asEditor = await get('/countries/KEN', { cookie: editor.cookie });
    expect(asEditor.headers['x-cyrepo-cache']).toBeUndefined();
    expect(asEditor.body).toContain('Draft Qzxv Bill');
    expect((await get('/countries/KEN')).body).not.toContain('Draft Qzxv Bill');
  });

  it('leave out pages with a form (each visitor has their own CSRF token)', async () => {
    const a = await get('/login');
    const b = await get('/login');
    expect(a.statusCode).toBe(200);
    expect(a.headers['x-cyrepo-cache']).toBeUndefined();
    expect(b.headers['x-cyrepo-cache']).toBeUndefined();
    const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    expect(token(a.body)).toBeTruthy();
    expect(token(a.body)).not.toBe(token(b.body));
  });

  it('keep each language apart', async () => {
    await get('/countries?lang=fr');
    const fr = await get('/countries?lang=fr');
    const en = await get('/countries', { 'accept-language': 'en' });
    expect(fr.headers['x-cyrepo-cache']).toBe('hit');
    expect(fr.body).toContain('lang="fr"');
    expect(en.body).toContain('lang="en"');
  });

  it('come compressed as the browser asks, and decode to the same page', async () => {
    const plain = await get('/cases');
    const br = await get('/cases', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get('/cases', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(br.headers['x-cyrepo-cache']).toBe('hit');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('count every search, also those answered from the cache', async () => {
    for (let i = 0; i < 3; i++) await get('/api/v1/search?q=qzxvcounted');
    const usage = (await get('/api/v1/usage', auth())).json();
    const counted = usage.zero_results.find((z: { term: string }) => z.term === 'qzxvcounted');
    expect(counted?.searches).toBe(3);
  });
});

describe('preferredEncoding', () => {
  it('takes brotli, then gzip, and honours q=0 and *', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip, br;q=0')).toBe('gzip');
    expect(preferredEncoding('deflate')).toBeUndefined();
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding(undefined)).toBeUndefined();
  });
});

describe('the store', () => {
  const entry = (state: string, day = '2026-12-06') => ({ state, day, born: Date.now(), bytes: 10 });
  it('orders database states: a higher xmax, or fewer transactions in progress, is newer', () => {
    expect(isNewerState('10:20:', '10:19:')).toBe(true);
    expect(isNewerState('10:20:', '10:20:12,15')).toBe(true);
    expect(isNewerState('10:20:12,15', '10:20:')).toBe(false);
    expect(isNewerState('10:20: 5:9:', '10:20: 5:8:')).toBe(true);
    expect(isNewerState('10:20:', '10:20:')).toBe(false);
  });

  it('lets the requests that come while an answer is built wait for it, and keeps nothing from an older state', async () => {
    const store = new PageStore<ReturnType<typeof entry>>(1_000_000);
    const first = store.lookup('/a', '1:5:', '2026-12-06');
    expect('build' in first && first.build).toBeTruthy();
    const second = store.lookup('/a', '1:5:', '2026-12-06');
    expect('wait' in second).toBe(true);
    const built = entry('1:5:');
    store.keep('/a', built, 'build' in first ? first.build : undefined);
    expect(await ('wait' in second ? second.wait : undefined)).toBe(built);
    expect(store.lookup('/a', '1:5:', '2026-12-06')).toEqual({ entry: built });
    // a newer state: the entry is stale; a request still on the older state builds and keeps nothing
    expect('build' in store.lookup('/a', '1:6:', '2026-12-06')).toBe(true);
    expect(store.lookup('/b', '1:5:', '2026-12-06')).toEqual({});
    store.keep('/b', entry('1:5:'));
    expect('build' in store.lookup('/b', '1:6:', '2026-12-06')).toBe(true);
    // another day: rebuilt
    const kept = entry('1:6:');
    store.keep('/c', kept);
    expect(store.lookup('/c', '1:6:', '2026-12-06')).toEqual({ entry: kept });
    expect('build' in store.lookup('/c', '1:6:', '2026-12-07')).toBe(true);
  });

  it('does not make anyone wait for an answer that cannot be kept', async () => {
    const store = new PageStore<ReturnType<typeof entry>>(1_000_000);
    const first = store.lookup('/login', '1:5:', '2026-12-06');
    const waiting = store.lookup('/login', '1:5:', '2026-12-06');
    store.drop('/login', 'build' in first ? first.build : undefined);
    expect(await ('wait' in waiting ? waiting.wait : 'no wait')).toBeUndefined();
    expect(store.lookup('/login', '1:5:', '2026-12-06')).toEqual({});
  });
});
