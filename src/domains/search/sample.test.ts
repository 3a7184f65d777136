/** A broad query counted from a sample of its matches: spread, estimates, what comes first, what the page says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/helpers.js';
import { setSearchCacheSize } from './cache.js';
import type { SearchResult } from './params.js';
import { SAMPLES, sampleOf, samplesToRead, setSampling } from './sample.js';

describe('samples', () => {
  it('spread keys evenly, and a provision’s translations share one', () => {
    const counts = new Array(SAMPLES).fill(0);
    for (let i = 0; i < 64_000; i++) counts[sampleOf(`provision:ken-act-2018-5/sec_${i}`)]++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
    expect(sampleOf('akn/ke/act/2018/5#sec_3')).toBe(sampleOf('akn/ke/act/2018/5#sec_3'));
  });

  it('every match is read up to about 5,000; beyond, enough samples for about 2,000', () => {
    expect(samplesToRead(0)).toBe(SAMPLES);
    expect(samplesToRead(78)).toBe(SAMPLES); // about 5,000
    expect(samplesToRead(200)).toBe(10); // about 12,800: 10 samples, 2,000 matches
    expect(samplesToRead(5_000)).toBe(1); // about 320,000: the first sample is enough
  });
});

describe('a broad query on the demo, counted from samples', () => {
  let t: TestApp;
  let sizes: ReturnType<typeof setSampling>;
  beforeAll(async () => {
    // every answer computed: neither the page cache nor the search cache answers a query asked again
    t = await testApp({ demo: true, env: { PAGE_CACHE_MB: '0' } });
    setSearchCacheSize(0);
  });
  afterAll(async () => {
    setSampling(sizes);
    setSearchCacheSize(1000);
    await t.close();
  });

  const search = async (params: Record<string, string>, sampled: boolean) => {
    // on the demo's few hundred entries, "broad" begins at a handful of matches
    sizes = setSampling(sampled ? { exactUpTo: 0, sampleSize: 40 } : { exactUpTo: 1e9, sampleSize: 1e9 });
    const res = await t.app.inject({ url: `/api/v1/search?${new URLSearchParams(params)}` });
    setSampling(sizes);
    expect(res.statusCode).toBe(200);
    return res.json() as SearchResult;
  };

  it('says it estimated, estimates near the count, and keeps what comes first', async () => {
    const q = { q: 'computer', limit: '5' };
    const exact = await search(q, false);
    const sampled = await search(q, true);
    expect(exact.approximate).toBe(false);
    expect(sampled.approximate).toBe(true);
    expect(exact.total).toBeGreaterThan(100);
    expect(sampled.total).toBeGreaterThan(exact.total / 2);
    expect(sampled.total).toBeLessThan(exact.total * 2);
    // the facet counts are estimated the same way: the kinds add up to about the total
    const kinds = (sampled.facets.type ?? []).reduce((sum, f) => sum + f.count, 0);
    expect(Math.abs(kinds - sampled.total)).toBeLessThan(sampled.total * 0.1 + SAMPLES);
    // items whose heading has the word come first in both
    expect(sampled.items[0].title).toBe(exact.items[0].title);
  });

  it('a query naming a concept: what the concept finds is sampled too, and the best still come first', async () => {
    const q = { q: 'illegal access', limit: '5' };
    const exact = await search(q, false);
    const sampled = await search(q, true);
    expect(exact.expansions.map((e) => e.code)).toContain('illegal-access');
    expect(sampled.approximate).toBe(true);
    expect(sampled.total).toBeGreaterThan(exact.total / 2);
    expect(sampled.total).toBeLessThan(exact.total * 2);
    expect(sampled.items[0].title).toBe(exact.items[0].title);
  });

  it('shows only items the reader may see: the first page is among every match of the exact search', async () => {
    const q = { q: 'computer', limit: '50' };
    const visible = new Set<string>();
    for (let page = await search(q, false); ; ) {
      for (const item of page.items) visible.add(`${item.type}:${item.id}`);
      if (!page.next_cursor) break;
      page = await search({ ...q, cursor: page.next_cursor }, false);
    }
    const sampled = await search(q, true);
    expect(sampled.items.length).toBe(50);
    for (const item of sampled.items) expect(visible.has(`${item.type}:${item.id}`)).toBe(true);
  });

  it('the page says "about" and how to see every match', async () => {
    sizes = setSampling({ exactUpTo: 0, sampleSize: 40 });
    const res = await t.app.inject({ url: '/search?q=computer&limit=50' });
    setSampling(sizes);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/About [\d,]+ results/);
    expect(res.body).toContain('Add words or filters to see every match');
  });
});
