/**
 * The search benchmark's query set: 240 queries of the kinds users type, each tagged with its kind,
 * drawn deterministically from the lexicon and from the real text the realistic corpus learned from
 * (search-real-corpus.ts): concept names in the six UN languages, two–three words and quoted phrases
 * that real laws use, the same with a country (and years), broad terms that match a large share of
 * the corpus, rare words (the low-frequency tail of the real text) and browsing (a type and a
 * country, no text). 'mixed' is all of them; 'broad' is a labelled subset.
 */
import { readFileSync } from 'node:fs';
import { rng } from './search-corpus.js';
import { type CorpusModel, corpusModel, type LanguageModel, tokens } from './search-real-corpus.js';

export const QUERY_KINDS = ['concept', 'words', 'phrase', 'country', 'broad', 'rare', 'browse'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
/** A search as the API takes it (a subset of the service's SearchQuery). */
export type BenchSearch = {
  q?: string;
  type?: string;
  country?: string;
  year_from?: number;
  year_to?: number;
};
export type BenchQuery = { kind: QueryKind; query: BenchSearch };
export const KIND_LABELS: Record<QueryKind, string> = {
  concept: 'concept named (six UN languages)',
  words: 'two–three words, ranked',
  phrase: '"quoted phrase"',
  country: 'words + country (+ years)',
  broad: 'broad terms (large share of the corpus)',
  rare: 'rare word (few documents)',
  browse: 'browse: type + country, no text',
};
const HOW_MANY: Record<QueryKind, number> = {
  ...{ concept: 60, words: 50, phrase: 30, country: 30 },
  ...{ broad: 20, rare: 30, browse: 20 },
};
/** Broad terms in several languages; the most frequent content words of the larger languages are added. */
const BROAD = ['computer data', 'données informatiques', 'datos informáticos', 'dados informáticos'];
BROAD.push('penalty', 'imprisonment', 'computer system', 'système informatique');
const EXAMPLES = [
  'illegal access',
  'acceso ilícito',
  'accès illégal',
  'неправомерный доступ',
  'الدخول غير المشروع',
  '非法访问',
];
const UN_LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'];

type Counts = { words: [string, number][]; phrases: [string, number][]; stop: Set<string> };
const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** Words (lower case, letters only) and adjacent two- and three-word phrases of a language's real sentences. */
function counts(lm: LanguageModel): Counts {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  const joiner = lm.law.joiner;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const s of lm.sentences) {
    let run: string[] = [];
    for (const raw of tokens(s, lm.language)) {
      if (raw === ' ') continue;
      const w = raw.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, '');
      if (w.length < 2 || !/^\p{L}[\p{L}\p{M}'’-]*$/u.test(w)) {
        run = [];
        continue;
      }
      add(words, w);
      run = [...run.slice(-2), w];
      if (run.length >= 2) add(phrases, run.slice(-2).join(joiner));
      if (run.length === 3) add(phrases, run.join(joiner));
      if (/[^\p{L}\p{M}]$/u.test(raw)) run = [];
    }
  }
  const sorted = [...words].sort(byCount);
  // The most frequent words are function words (the, of, de, la, و, в): not what a user types alone.
  const stop = new Set(sorted.slice(0, 60).map(([w]) => w));
  return { words: sorted, phrases: [...phrases].sort(byCount), stop };
}

/** Content phrases (no function word, words of 4+ letters except in Chinese and Thai) among the most frequent. */
function contentPhrases(lm: LanguageModel, c: Counts, top: number): string[] {
  const spaced = lm.law.joiner === ' ';
  const ok = (p: string) =>
    spaced ? p.split(' ').every((w) => w.length >= 4 && !c.stop.has(w)) : p.length >= 3 && p.length <= 8;
  return c.phrases
    .filter(([p, n]) => n >= 2 && ok(p))
    .slice(0, top)
    .map(([p]) => p);
}

/** The queries, in a fixed order; the same model and seed give the same list. */
export function benchQueries(model: CorpusModel = corpusModel(), seed = 17): BenchQuery[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const total = model.languages.reduce((s, l) => s + l.weight, 0);
  const language = () => {
    let x = r() * total;
    for (const l of model.languages) if ((x -= l.weight) < 0) return l;
    return model.languages[0];
  };
  const stats = new Map(model.languages.map((l) => [l.language, counts(l)]));
  const phrases = new Map(
    model.languages.map((l) => [l.language, contentPhrases(l, stats.get(l.language)!, 150)]),
  );
  const phraseOf = (lm: LanguageModel) =>
    pick(phrases.get(lm.language)!.length ? phrases.get(lm.language)! : ['law']);
  const out: BenchQuery[] = [];
  const add = (kind: QueryKind, make: () => BenchSearch) => {
    for (let i = 0; i < HOW_MANY[kind]; i++) out.push({ kind, query: make() });
  };
  const concepts = conceptNames(r);
  add('concept', () => ({ q: concepts.shift()! }));
  add('words', () => ({ q: phraseOf(language()) }));
  add('phrase', () => ({ q: `"${phraseOf(language())}"` }));
  add('country', () => {
    const lm = language();
    const years = r() < 0.35 ? { year_from: 2005 + Math.floor(r() * 10), year_to: 2025 } : {};
    return { q: phraseOf(lm), country: lm.countries[Math.floor(lm.countries.length * r() ** 1.5)], ...years };
  });
  const broad = [...BROAD, ...frequentWords(model, stats)];
  add('broad', () => ({ q: broad.shift()! }));
  const rare = rareWords(model, stats, r);
  add('rare', () => ({ q: rare.shift()! }));
  add('browse', () => {
    const lm = language();
    return {
      type: r() < 0.5 ? 'case' : 'work',
      country: lm.countries[Math.floor(lm.countries.length * r() ** 1.5)],
    };
  });
  return out.filter((x) => x.query.q !== undefined || x.kind === 'browse');
}

/** Six examples, then the labels of concepts in a shuffled order, in each of the six UN languages. */
function conceptNames(r: () => number): string[] {
  const file = new URL('../src/domains/reference/data/concepts.json', import.meta.url);
  const concepts = JSON.parse(readFileSync(file, 'utf8')) as { labels: Record<string, string> }[];
  const order = concepts.map((c) => ({ c, k: r() })).sort((a, b) => a.k - b.k);
  const names = [...EXAMPLES];
  for (const { c } of order)
    for (const l of UN_LANGUAGES) {
      const label = c.labels[l];
      if (label) names.push(/^\p{Script=Latin}/u.test(label) ? label.toLowerCase() : label);
    }
  return [...new Set(names)];
}

/** The most frequent content words of the six largest languages, two each (after the fixed broad terms). */
function frequentWords(model: CorpusModel, stats: Map<string, Counts>): string[] {
  const big = [...model.languages].sort((a, b) => b.weight - a.weight).slice(0, 6);
  return big.flatMap((lm) => {
    const c = stats.get(lm.language)!;
    const spaced = lm.law.joiner === ' ';
    return c.words
      .filter(([w]) => !c.stop.has(w) && (spaced ? w.length >= 6 : w.length >= 2))
      .slice(0, 2)
      .map(([w]) => w);
  });
}

/** Words seen once in a language's real text (7+ letters, not Chinese or Thai segments), drawn at random. */
function rareWords(model: CorpusModel, stats: Map<string, Counts>, r: () => number): string[] {
  const pool = model.languages
    .filter((lm) => lm.law.joiner === ' ')
    .map((lm) => ({ lm, words: stats.get(lm.language)!.words.filter(([w, n]) => n === 1 && w.length >= 7) }))
    .filter((x) => x.words.length);
  const out: string[] = [];
  for (let i = 0; i < HOW_MANY.rare * 3 && out.length < HOW_MANY.rare; i++) {
    let x = r() * pool.reduce((s, p) => s + p.lm.weight, 0);
    const p = pool.find((q) => (x -= q.lm.weight) < 0) ?? pool[0];
    const [w] = p.words[Math.floor(r() * p.words.length)];
    if (!out.includes(w)) out.push(w);
  }
  return out;
}
