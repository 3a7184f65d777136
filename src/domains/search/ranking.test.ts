/** Ranking, grouping and counting in memory: what a search's order and facets are made of. */
import { describe, expect, it } from 'vitest';
import type { Entry } from './columns.js';
import {
  afterCursor,
  collapse,
  countOf,
  firstOf,
  type Hit,
  order,
  type RankSpec,
  signals,
  WEIGHTS,
} from './ranking.js';

const entry = (over: Partial<Entry> = {}): Entry => ({
  version: 1,
  kind: 'provision',
  country: 'KEN',
  language: 'eng',
  year: 2018,
  court: null,
  status: 'in_force',
  group: null,
  sample: 0,
  size: 100,
  date: '2018-05-16',
  concepts: [],
  articles: [],
  headConcepts: [],
  termConcepts: [],
  facets: new Int32Array(),
  seen: 0,
  ...over,
});
const hit = (id: number, e: Entry, pre = 0, preferred = false, weight = 1): Hit => ({
  id,
  e,
  direct: true,
  pre,
  preferred,
  k: pre,
  weight,
});
const spec = (over: Partial<RankSpec> = {}): RankSpec => ({
  conceptGroups: [],
  languages: [],
  script: [],
  ...over,
});

describe('signals', () => {
  it('a heading with the words, a mapped concept and the reader’s language add up', () => {
    const s = spec({ conceptGroups: [['illegal-access']], languages: ['spa'] });
    const mapped = entry({ concepts: ['illegal-access'], language: 'spa' });
    expect(signals(mapped, true, true, s)).toBeCloseTo(
      WEIGHTS.heading + WEIGHTS.tagged + WEIGHTS.sameLanguage,
    );
    // found through the concept only: not "the query's own words in its language"
    expect(signals(mapped, false, false, s)).toBeCloseTo(WEIGHTS.tagged);
    expect(signals(entry(), true, false, s)).toBe(0);
  });

  it('a law as a whole, tagged with all its provisions’ concepts, weighs less than a provision', () => {
    const s = spec({ conceptGroups: [['illegal-access']] });
    const tagged = { concepts: ['illegal-access'] };
    expect(signals(entry({ ...tagged, kind: 'work' }), true, false, s)).toBeLessThan(
      signals(entry(tagged), true, false, s),
    );
  });

  it('a case tagged with many concepts is less about the one named than a provision mapped to it', () => {
    const s = spec({ conceptGroups: [['computer-fraud']] });
    const many = ['computer-fraud', 'identity-theft', 'laundering-proceeds', 'electronic-evidence'];
    const provision = signals(entry({ concepts: many }), false, false, s);
    expect(provision).toBeCloseTo(WEIGHTS.tagged); // mapped: it implements the concept
    const broadCase = signals(entry({ kind: 'case', concepts: many }), false, false, s);
    const focusedCase = signals(entry({ kind: 'case', concepts: ['computer-fraud'] }), false, false, s);
    expect(focusedCase).toBeCloseTo(WEIGHTS.tagged);
    expect(broadCase).toBeLessThan(focusedCase);
    expect(broadCase).toBeGreaterThan(0);
  });

  it('two concepts named: an item covering one of them is not tagged with the query', () => {
    const s = spec({ conceptGroups: [['illegal-access'], ['data-interference']] });
    expect(signals(entry({ concepts: ['illegal-access'] }), true, false, s)).toBe(0);
    expect(signals(entry({ concepts: ['illegal-access', 'data-interference'] }), true, false, s)).toBeCloseTo(
      WEIGHTS.tagged,
    );
  });
});

describe('grouping and order', () => {
  it('a provision in three languages is one hit: the best, then the reader’s language, then the shorter', () => {
    const g = (id: number, pre: number, preferred: boolean, size: number) =>
      hit(id, entry({ group: 'w:sec_3', size }), pre, preferred);
    const other = hit(9, entry());
    expect(
      collapse([g(1, 0.3, false, 50), g(2, 0.3, true, 900), g(3, 0.1, true, 10), other]).map((h) => h.id),
    ).toEqual([9, 2]);
  });

  it('a provision read in a sample stands for its sample’s share; found through a concept, for itself', () => {
    const g = (id: number, weight: number) => hit(id, entry({ group: 'w:sec_3' }), 0, false, weight);
    // its English text matched the words in a sample (16), its French one a concept (1): it is known, once
    expect(collapse([g(1, 16), g(2, 1)]).map((h) => h.weight)).toEqual([1]);
    // outside the samples read (0) yet also in one: it stands for the sample
    expect(collapse([g(1, 0), g(2, 16)]).map((h) => h.weight)).toEqual([16]);
    const sampled = [
      hit(1, entry(), 0, false, 16),
      hit(2, entry(), 0, false, 16),
      hit(3, entry(), 0, false, 0),
    ];
    expect(countOf(sampled)).toBe(32);
    // never fewer than the items found
    expect(countOf([hit(1, entry(), 0, false, 0), hit(2, entry(), 0, false, 0)])).toBe(2);
  });

  it('the first k in an order are those of a full sort, and a cursor continues where a page ended', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const hits = Array.from({ length: 2000 }, (_, i) => {
      const h = hit(i + 1, entry(), Math.round(random() * 10) / 10);
      h.k = h.pre + (random() < 0.5 ? 0 : random());
      return h;
    });
    const sorted = [...hits].sort(order(true));
    expect(firstOf(hits, 21, order(true)).map((h) => h.id)).toEqual(sorted.slice(0, 21).map((h) => h.id));
    const last = sorted[19];
    const next = firstOf(
      hits.filter((h) => afterCursor(h, { k: last.k, id: last.id }, true)),
      20,
      order(true),
    );
    expect(next.map((h) => h.id)).toEqual(sorted.slice(20, 40).map((h) => h.id));
  });

  it('by date, oldest first: dates as text, then ids', () => {
    const a = { ...hit(1, entry()), k: '2020-01-01' };
    const b = { ...hit(2, entry()), k: '2019-06-30' };
    const c = { ...hit(3, entry()), k: '2020-01-01' };
    expect([a, b, c].sort(order(false)).map((h) => h.id)).toEqual([2, 1, 3]);
    expect(afterCursor(c, { k: '2020-01-01', id: 1 }, false)).toBe(true);
    expect(afterCursor(b, { k: '2020-01-01', id: 1 }, false)).toBe(false);
  });
});
