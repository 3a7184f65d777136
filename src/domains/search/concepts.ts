/**
 * Concept expansion: which concepts a query names (by a label or synonym, in any language), and
 * the tsquery that finds their labels and synonyms in every language's text.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { keptPerDatabase, rows } from '../../core/db/query.js';
import {
  type ConceptRow,
  type LexConcept,
  lexiconFrom,
  occurrences,
  type Prepared,
  prepared,
  read,
  searchedWhole,
  type Term,
  words as lexiconWords,
  startsAt,
} from '../reference/lexicon.js';
import { configFor, normalise, segment, UNSPACED } from './text.js';

/** Every concept with its labels and synonyms in each content language, as the lexicon words them (read once a minute). */
const concepts = keptPerDatabase(60_000, async (db) =>
  lexiconFrom(
    await rows<ConceptRow>(
      db,
      sql`SELECT code, kind, labels, synonyms, '{}'::text[] AS articles FROM concept ORDER BY position`,
    ),
  ),
);

/** A concept a query names: by which term, and the languages that term belongs to. */
export type Expansion = { code: string; label: string; matched: string; languages: string[] };

/**
 * Concepts whose label or a synonym (any language) the query uses, as the lexicon finds terms in
 * a text (reference/lexicon.ts): word by word as prefixes, a word or two apart at most, Arabic
 * proclitics and the forms of Chinese set aside; in scripts written without spaces, anywhere.
 */
export async function conceptsNamedIn(db: Orm, q: string): Promise<Expansion[]> {
  if (normalise(q).length < 2) return [];
  const byLanguage = new Map<string, Prepared>();
  const asRead = (language: string) => {
    if (!byLanguage.has(language)) byLanguage.set(language, prepared(q, language));
    return byLanguage.get(language)!;
  };
  const segmented = new Map<string, string[]>();
  const found: Expansion[] = [];
  for (const c of await concepts(db)) {
    const hits: { language: string; term: Term }[] = [];
    for (const [language, terms] of c.terms)
      for (const term of terms)
        if (occurrences(term, asRead(language), language) || wordsApart(term, q, language, segmented))
          hits.push({ language, term });
    const size = (t: Term) => t.words.join(' ').length;
    const longest = hits.sort((a, b) => size(b.term) - size(a.term))[0];
    if (longest)
      found.push({
        code: c.code,
        label: c.label,
        matched: longest.term.text,
        languages: [
          ...new Set(hits.filter((h) => size(h.term) === size(longest.term)).map((h) => h.language)),
        ],
      });
  }
  return found;
}

/** Languages written without spaces: their terms are looked for as words too, in the query as segmented. */
const SEGMENTED: Record<string, string> = { zho: 'zh', jpn: 'ja', tha: 'th' };
/** Terms of those languages with their words segmented. */
const spacedOut = new WeakMap<Term, Term>();

/**
 * Whether a query in a script written without spaces uses a term's words in order, a word or two
 * apart (入侵他人電腦 uses 入侵電腦), as the lexicon reads spaced languages.
 */
function wordsApart(term: Term, q: string, language: string, segmented: Map<string, string[]>): boolean {
  const locale = SEGMENTED[language];
  if (!locale || !UNSPACED.test(q)) return false;
  if (!spacedOut.has(term)) spacedOut.set(term, { ...term, words: segment(term.compact, locale).split(' ') });
  const spaced = spacedOut.get(term)!;
  if (spaced.words.length < 2) return false;
  if (!segmented.has(language))
    segmented.set(
      language,
      lexiconWords(q, language).flatMap((w) => segment(w, locale).split(' ')),
    );
  const said = segmented.get(language)!;
  return said.some((_, i) => startsAt(spaced, said, i));
}

let stems:
  | {
      /** the concepts read (a new list each minute), and their terms (compared only when the list is new) */
      from: LexConcept[];
      source: string;
      terms: {
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
  const from = await concepts(db);
  if (stems?.from === from) return stems.terms;
  const terms = from.flatMap((c) =>
    [...c.terms].flatMap(([language, list]) =>
      configFor(language) === 'simple'
        ? []
        : list.map((t) => ({
            code: c.code,
            label: c.label,
            text: t.text,
            language,
            config: configFor(language),
          })),
    ),
  );
  const source = JSON.stringify(terms);
  if (stems?.source === source) {
    stems.from = from;
    return stems.terms;
  }
  const lexemes = await rows<{ lexemes: string[] }>(
    db,
    sql`SELECT tsvector_to_array(to_tsvector(x.config::regconfig, x.text)) AS lexemes
        FROM unnest(${sql.param(terms.map((t) => t.text))}::text[], ${sql.param(terms.map((t) => t.config))}::text[]) WITH ORDINALITY AS x(text, config, n) ORDER BY n`,
  );
  stems = { from, source, terms: terms.map((t, i) => ({ ...t, lexemes: lexemes[i].lexemes })) };
  return stems.terms;
}

/** The text search configurations of the languages the concepts have terms in (a query's words are stemmed in each). */
export async function termConfigs(db: Orm): Promise<string[]> {
  return [...new Set((await stemmedTerms(db)).map((t) => t.config))];
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
 * that language, as the lexicon finds terms) — run when indexing, so that searching for a concept
 * in any language finds texts in every language by a simple array lookup. Terms are looked up by
 * the first letters of their first word, so that a text is checked against the few it may contain.
 */
export async function termMatcher(db: Orm): Promise<(text: string, language: string) => string[]> {
  const list = await concepts(db);
  if (matcher?.source === list) return matcher.match;
  const byKey = new Map<string, Map<string, { code: string; term: Term }[]>>();
  for (const c of list)
    for (const [language, terms] of c.terms) {
      if (!byKey.has(language)) byKey.set(language, new Map());
      const keys = byKey.get(language)!;
      for (const term of terms) {
        const key = searchedWhole(language) ? '' : keyOf(term.words[0]);
        if (!keys.has(key)) keys.set(key, []);
        keys.get(key)!.push({ code: c.code, term });
      }
    }
  const match = (text: string, language: string) => {
    const keys = byKey.get(language);
    if (!keys) return [];
    const words = lexiconWords(text, language);
    const found = new Set<string>();
    if (searchedWhole(language)) {
      const asRead = read(text, language, words);
      const joined = words.join(' ');
      for (const { code, term } of keys.get('') ?? [])
        if (!found.has(code) && joined.includes(term.words[0]) && occurrences(term, asRead, language) > 0)
          found.add(code);
      return [...found];
    }
    for (let i = 0; i < words.length; i++)
      for (const { code, term } of keys.get(keyOf(words[i])) ?? [])
        if (!found.has(code) && startsAt(term, words, i)) found.add(code);
    return [...found];
  };
  matcher = { source: list, match };
  return match;
}

/** A word's first four letters (all of a shorter one): a term's first word matches a word of the text with the same key. */
const keyOf = (word: string) => (word.length < 4 ? word : word.slice(0, 4));

let matcher: { source: LexConcept[]; match: (text: string, language: string) => string[] } | undefined;
