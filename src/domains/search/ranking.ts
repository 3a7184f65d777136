/**
 * Ranking, grouping and counting a search's matches, from the columns held in memory (columns.ts):
 * plain functions over plain data, in microseconds per thousand matches.
 *
 * What a lawyer expects first is an item whose heading says what was asked, or that is mapped to
 * (or tagged with) the concept the query names, in any language; then items using the words, by how
 * densely (ts_rank, computed by PostgreSQL for the best candidates only); then items using another
 * language's term for the concept. Items in the query's script rank a little higher.
 */
import { type Entry, facetOf, facetValueCount } from './columns.js';

/** What the query named, as ranking needs it. */
export type RankSpec = {
  /** Codes of the concepts named, by the term naming them: an item covers each group (or any code, with OR). */
  conceptGroups: string[][];
  /** Languages of the terms the query named its concepts with. */
  languages: string[];
  /** Languages written in the query's script, when that script says much (Arabic, Cyrillic, Thai, Han). */
  script: string[];
};

/** What a match is worth beyond its words' density (ts_rank with normalisation 32 is below 1, mostly below 0.2). */
export const WEIGHTS = {
  tagged: 0.4,
  heading: 0.3,
  headingTerm: 0.2,
  term: 0.05,
  sameLanguage: 0.15,
  sameScript: 0.02,
};

/** A match with its cheap signals; `k`, its sort key, is the signals plus density (relevance) or its date. */
export type Hit = {
  id: number;
  e: Entry;
  direct: boolean;
  pre: number;
  preferred: boolean;
  k: number | string;
  /** How many matches it stands for in the counts: 1, or more for a match read in a sample of them (sample.ts), 0 for one outside it. */
  weight: number;
};

const overlaps = (list: readonly string[], codes: string[]) => codes.some((c) => list.includes(c));

/** Whether an item's concepts (or terms) cover what the query names. */
export function covers(list: readonly string[], spec: RankSpec): boolean {
  return spec.conceptGroups.length > 0 && spec.conceptGroups.every((g) => overlaps(list, g));
}

/**
 * What naming an item's concept is worth: a provision mapped to it implements it, whatever else it
 * is mapped to; a case, document or article tagged with several concepts is less about each one;
 * a whole law using it is only a little closer.
 */
function taggedWeight(e: Entry, spec: RankSpec): number {
  if (e.kind === 'work') return WEIGHTS.term;
  if (e.kind === 'provision') return WEIGHTS.tagged;
  return WEIGHTS.tagged / Math.sqrt(Math.max(1, e.concepts.length - spec.conceptGroups.length + 1));
}

/** The signals of a match: heading, concepts, language. */
export function signals(e: Entry, direct: boolean, heading: boolean, spec: RankSpec): number {
  let pre = heading ? WEIGHTS.heading : 0;
  if (spec.conceptGroups.length) {
    if (covers(e.concepts, spec)) pre += taggedWeight(e, spec);
    if (spec.conceptGroups.some((g) => overlaps(e.headConcepts, g))) pre += WEIGHTS.headingTerm;
    if (covers(e.termConcepts, spec)) pre += WEIGHTS.term;
  }
  if (spec.languages.length) {
    if (direct && spec.languages.includes(e.language)) pre += WEIGHTS.sameLanguage;
  } else if (spec.script.includes(e.language)) pre += WEIGHTS.sameScript;
  return pre;
}

/** Candidates for density ranking first: by signals, then shorter texts, then id. */
export const bySignals = (a: Hit, b: Hit) => b.pre - a.pre || a.e.size - b.e.size || a.id - b.id;

/**
 * A provision in several languages is one hit: the best of its translations (by signals, then in
 * the reader's language, then the shorter, then the first). It stands for as many matches as the
 * surest of them: the least weight above 0 (a translation's sample is its provision's).
 */
export function collapse(hits: Hit[]): Hit[] {
  const best = new Map<string, Hit>();
  const out: Hit[] = [];
  for (const h of hits) {
    if (h.e.group === null) {
      out.push(h);
      continue;
    }
    const known = best.get(h.e.group);
    if (!known) best.set(h.e.group, h);
    else {
      const weight = surest(known.weight, h.weight);
      const kept = betterTranslation(h, known) ? h : known;
      kept.weight = weight;
      best.set(h.e.group, kept);
    }
  }
  for (const h of best.values()) out.push(h);
  return out;
}

const surest = (a: number, b: number) => (a > 0 && b > 0 ? Math.min(a, b) : Math.max(a, b));

const betterTranslation = (a: Hit, b: Hit) =>
  a.pre !== b.pre
    ? a.pre > b.pre
    : a.preferred !== b.preferred
      ? a.preferred
      : a.e.size !== b.e.size
        ? a.e.size < b.e.size
        : a.id < b.id;

/** Order by `k` then id, descending or ascending (keys of one kind: numbers or dates as text). */
export function order(desc: boolean) {
  const sign = desc ? -1 : 1;
  return (a: Hit, b: Hit) => sign * (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id - b.id);
}

/** Whether a hit comes after the cursor's (k, id) in that order. */
export function afterCursor(
  h: Hit,
  cursor: { k: string | number | null; id: string | number },
  desc: boolean,
) {
  const id = Number(cursor.id);
  const k = cursor.k ?? '';
  const cmp = h.k < k ? -1 : h.k > k ? 1 : h.id - id;
  return desc ? cmp < 0 : cmp > 0;
}

export type FacetCount = { facet: string; value: string; count: number };

/**
 * Every facet's counts over the hits (each as many matches as it stands for): type, country,
 * region, language, year, court, status, concept, article.
 */
export function facetCounts(hits: Hit[]): FacetCount[] {
  const counts = new Float64Array(facetValueCount());
  const seen = new Uint8Array(counts.length);
  const touched: number[] = [];
  for (const { e, weight } of hits)
    for (const code of e.facets) {
      if (!seen[code]) touched.push(code);
      seen[code] = 1;
      counts[code] += weight;
    }
  return touched.flatMap((code) => {
    const count = Math.round(counts[code]);
    return count > 0 ? [{ ...facetOf(code), count }] : [];
  });
}

/** How many matches the hits stand for: at least as many as they are. */
export const countOf = (hits: Hit[]) =>
  Math.max(hits.length, Math.round(hits.reduce((sum, h) => sum + h.weight, 0)));

/** The first `k` of a list in an order, without sorting the whole list. */
export function firstOf<T>(list: Iterable<T>, k: number, cmp: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const x of list) {
    if (top.length === k && cmp(x, top[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}
