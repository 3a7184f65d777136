/**
 * Concept expansion: which concepts a query names (by a label or synonym, in any language), and
 * the tsquery that finds their labels and synonyms in every language's text.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { configFor, normalise, UNSPACED } from './text.js';
import { toContentLanguage } from '../../core/languages.js';

export type ConceptTerms = {
  code: string;
  label: string;
  terms: { language: string; text: string; normalised: string }[];
};

let cache: { at: number; list: ConceptTerms[] } | undefined;

/** Every concept with its labels and synonyms (cached for a minute). */
async function concepts(db: Orm): Promise<ConceptTerms[]> {
  if (cache && Date.now() - cache.at < 60_000) return cache.list;
  const list = await rows<{
    code: string;
    labels: Record<string, string>;
    synonyms: Record<string, string[]>;
  }>(db, sql`SELECT code, labels, synonyms FROM concept`);
  cache = {
    at: Date.now(),
    list: list.map((c) => ({
      code: c.code,
      label: c.labels.en ?? c.code,
      terms: [
        ...Object.entries(c.labels).map(([l, text]) => ({
          language: toContentLanguage(l) ?? l,
          text,
          normalised: normalise(text),
        })),
        ...Object.entries(c.synonyms).flatMap(([l, list2]) =>
          list2.map((text) => ({ language: toContentLanguage(l) ?? l, text, normalised: normalise(text) })),
        ),
      ],
    })),
  };
  return cache.list;
}

/** A concept a query names: by which term, and the languages that term belongs to. */
export type Expansion = { code: string; label: string; matched: string; languages: string[] };

/**
 * Concepts whose label or a synonym (any language) the query contains as a phrase — in scripts
 * written without spaces (Chinese, Japanese, Thai), anywhere in the query.
 */
export async function conceptsNamedIn(db: Orm, q: string): Promise<Expansion[]> {
  const query = ` ${normalise(q)} `;
  if (query.trim().length < 2) return [];
  const unspaced = UNSPACED.test(q) ? normalise(q).replace(/\s+/g, '') : '';
  const found: Expansion[] = [];
  for (const c of await concepts(db)) {
    const hits = c.terms.filter((t) =>
      UNSPACED.test(t.text)
        ? unspaced && t.normalised.length >= 2 && unspaced.includes(t.normalised.replace(/\s+/g, ''))
        : t.normalised.length >= 3 && query.includes(` ${t.normalised} `),
    );
    const longest = hits.sort((a, b) => b.normalised.length - a.normalised.length)[0];
    if (longest)
      found.push({
        code: c.code,
        label: c.label,
        matched: longest.text,
        languages: [
          ...new Set(hits.filter((h) => h.normalised === longest.normalised).map((h) => h.language)),
        ],
      });
  }
  return found;
}

let stems:
  | {
      /** the concepts read (a new list each minute), and their text (compared only when the list is new) */
      read: ConceptTerms[];
      source: string;
      list: {
        code: string;
        label: string;
        text: string;
        language: string;
        config: string;
        lexemes: string[];
      }[];
    }
  | undefined;

/** Every concept term with its words as its language's configuration stems them (again when a term changed). */
async function stemmedTerms(db: Orm) {
  const list = await concepts(db);
  if (stems?.read === list) return stems.list;
  const source = JSON.stringify(list);
  if (stems?.source === source) {
    stems.read = list;
    return stems.list;
  }
  const terms = list.flatMap((c) =>
    c.terms
      .filter((t) => configFor(t.language) !== 'simple')
      .map((t) => ({
        code: c.code,
        label: c.label,
        text: t.text,
        language: t.language,
        config: configFor(t.language),
      })),
  );
  const lexemes = await rows<{ lexemes: string[] }>(
    db,
    sql`SELECT tsvector_to_array(to_tsvector(x.config::regconfig, x.text)) AS lexemes
        FROM unnest(${sql.param(terms.map((t) => t.text))}::text[], ${sql.param(terms.map((t) => t.config))}::text[]) WITH ORDINALITY AS x(text, config, n) ORDER BY n`,
  );
  stems = { read: list, source, list: terms.map((t, i) => ({ ...t, lexemes: lexemes[i].lexemes })) };
  return stems.list;
}

/**
 * Concepts a query names in an inflected form ("interceptaciones ilícitas", "accès illégaux"): every
 * word of a label or synonym, stemmed in its language, is among the query's words stemmed the same way.
 */
export async function namedByLexemes(db: Orm, query: Record<string, string[]>): Promise<Expansion[]> {
  const found = new Map<string, Expansion>();
  const words = new Map(Object.entries(query).map(([config, list]) => [config, new Set(list)]));
  for (const t of await stemmedTerms(db)) {
    const said = words.get(t.config);
    if (!said?.size || !t.lexemes.length || found.has(t.code)) continue;
    if (t.lexemes.every((l) => said.has(l)))
      found.set(t.code, { code: t.code, label: t.label, matched: t.text, languages: [t.language] });
  }
  return [...found.values()];
}

/**
 * A function telling which concepts a text in a given language uses (by a label or synonym in
 * that language, as a phrase) — run when indexing, so that searching for a concept in any
 * language finds texts in every language by a simple array lookup.
 */
export async function termMatcher(db: Orm): Promise<(text: string, language: string) => string[]> {
  const list = await concepts(db);
  if (matcher?.source !== list) matcher = { source: list, match: matcherOf(list) };
  return matcher.match;
}

let matcher: { source: ConceptTerms[]; match: (text: string, language: string) => string[] } | undefined;

/** Arabic words without the article and the proclitics written onto them (والاعتراض → اعتراض). */
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\S{3,})/u;
const wordsOf = (text: string, language: string) => {
  const words = normalise(text).split(' ');
  return language === 'ara' ? words.map((w) => w.replace(ARABIC_PREFIX, '')) : words;
};

function matcherOf(list: ConceptTerms[]): (text: string, language: string) => string[] {
  const unspaced = (language: string) => language === 'tha' || language === 'zho';
  // Spaced languages: the terms by their first word, checked at each word of the text; unspaced
  // scripts: each term looked for in the text with its spaces removed.
  const byFirstWord = new Map<string, Map<string, { code: string; words: string[] }[]>>();
  const whole = new Map<string, { code: string; term: string }[]>();
  for (const c of list)
    for (const t of c.terms) {
      const term = normalise(unspaced(t.language) ? t.text.replace(/\s+/g, '') : t.text);
      if (term.length < 3) continue;
      if (unspaced(t.language)) {
        if (!whole.has(t.language)) whole.set(t.language, []);
        whole.get(t.language)!.push({ code: c.code, term });
        continue;
      }
      const words = wordsOf(t.text, t.language);
      if (!byFirstWord.has(t.language)) byFirstWord.set(t.language, new Map());
      const first = byFirstWord.get(t.language)!;
      if (!first.has(words[0])) first.set(words[0], []);
      first.get(words[0])!.push({ code: c.code, words });
    }
  return (text, language) => {
    const found = new Set<string>();
    if (unspaced(language)) {
      const joined = normalise(text).replace(/\s+/g, '');
      for (const { code, term } of whole.get(language) ?? []) if (joined.includes(term)) found.add(code);
      return [...found];
    }
    const first = byFirstWord.get(language);
    if (!first) return [];
    const words = wordsOf(text, language);
    for (let i = 0; i < words.length; i++)
      for (const { code, words: term } of first.get(words[i]) ?? [])
        if (!found.has(code) && term.every((w, k) => words[i + k] === w)) found.add(code);
    return [...found];
  };
}
