/**
 * How close a broad query's counts from samples (src/domains/search/sample.ts) come to the exact
 * ones, and whether its first results are the exact search's: each text query of the set once
 * through `search()` as cyrepo runs it, and each that was counted from samples again with every
 * match read.
 */
import { ANONYMOUS } from '../src/core/access.js';
import type { Orm } from '../src/core/db/connect.js';
import { setSearchCacheSize } from '../src/domains/search/cache.js';
import { parseSearch, type SearchResult } from '../src/domains/search/params.js';
import { SAMPLING, setSampling } from '../src/domains/search/sample.js';
import { search } from '../src/domains/search/service.js';
import type { BenchQuery } from './search-queries.js';

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const off = (estimate: number, exact: number) => Math.abs(estimate - exact) / Math.max(1, exact);

export async function samplingQuality(db: Orm, queries: BenchQuery[]): Promise<string> {
  setSearchCacheSize(0);
  const totals: number[] = [];
  const facets: number[] = [];
  const overlaps: number[] = [];
  let text = 0;
  for (const q of queries.filter((x) => x.query.q)) {
    text++;
    const params = parseSearch(q.query);
    const sampled = await search(db, ANONYMOUS, params);
    if (!sampled.approximate) continue;
    const sizes = setSampling({ exactUpTo: Number.MAX_SAFE_INTEGER, sampleSize: Number.MAX_SAFE_INTEGER });
    let exact: SearchResult;
    try {
      exact = await search(db, ANONYMOUS, params);
    } finally {
      setSampling(sizes);
    }
    totals.push(off(sampled.total, exact.total));
    const estimated = new Map((sampled.facets.country ?? []).map((f) => [f.value, f.count]));
    for (const f of (exact.facets.country ?? []).slice(0, 5))
      facets.push(off(estimated.get(f.value) ?? 0, f.count));
    const first = new Set(sampled.items.slice(0, 10).map((i) => `${i.type}:${i.id}`));
    const wanted = exact.items.slice(0, 10);
    overlaps.push(wanted.filter((i) => first.has(`${i.type}:${i.id}`)).length / Math.max(1, wanted.length));
  }
  if (!totals.length)
    return `No text query of ${text} had more than about ${SAMPLING.exactUpTo.toLocaleString('en')} matches: every one was counted exactly.`;
  return `Counted from samples: ${totals.length} of ${text} text queries (the others were counted exactly). Their total was off by a median of ${pct(median(totals))} (at most ${pct(Math.max(...totals))}); the 5 largest country counts by a median of ${pct(median(facets))} (at most ${pct(Math.max(...facets))}); of the exact search's first 10 results, a median of ${pct(median(overlaps))} (at least ${pct(Math.min(...overlaps))}) were among the first 10 shown.`;
}
