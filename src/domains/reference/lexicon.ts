/**
 * The multilingual concept lexicon as the suggester and search use it: each concept's labels and synonyms
 * per language, tokenised, and the articles of an instrument each concept corresponds to. Texts
 * are matched term by term as word prefixes (case, accents and Arabic letter forms and proclitics
 * ignored; in German also as the last part of a compound), or as substrings in scripts written
 * without spaces (Thai, Chinese, Japanese). Chinese is matched in simplified characters and
 * mainland wording, so that laws of Taiwan, Hong Kong and Macao written in traditional characters
 * (電腦, 網路, 資料) meet the same terms.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { toContentLanguage } from '../../core/languages.js';
import { toSimplified } from '../../core/chinese.js';

const UNSPACED = new Set(['tha', 'zho', 'jpn']);
/** Languages that write compounds as one word: a term word also matches inside one (Computerdaten, Telekommunikationsüberwachung). */
const COMPOUNDING = new Set(['deu']);
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\S{3,})/u;

/** Lower case, accents and marks removed, ß as ss; Chinese in simplified characters. */
function fold(text: string, language: string): string {
  if (ASCII.test(text)) return text.toLowerCase(); // the same, in a fraction of the time
  const t = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
  return language === 'zho' ? toSimplified(t) : t;
}
const ASCII = /^[\x00-\x7f]*$/;

/** Words of a text for matching. */
export function words(text: string, language: string): string[] {
  let t = fold(text, language);
  if (language === 'ara') t = t.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  const list = t.split(ASCII.test(t) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter(Boolean);
  return language === 'ara' ? list.map((w) => w.replace(ARABIC_PREFIX, '')) : list;
}

const compact = (text: string, language: string) => fold(text, language).replace(/[\s\p{P}]+/gu, '');

export type Term = { text: string; words: string[]; compact: string };
export type LexConcept = {
  code: string;
  kind: string;
  label: string;
  terms: Map<string, Term[]>;
  articles: string[];
};
/** A concept as stored (concepts.json, the concept table), with the articles of one instrument. */
export type ConceptRow = {
  code: string;
  kind: string;
  labels: Record<string, string>;
  synonyms: Record<string, string[]>;
  articles: string[];
};

/** The lexicon of some concepts: their terms keyed by content language (two-letter keys in the data). */
export function lexiconFrom(list: ConceptRow[]): LexConcept[] {
  return list.map((c) => {
    const terms = new Map<string, Term[]>();
    for (const key of new Set([...Object.keys(c.labels), ...Object.keys(c.synonyms)])) {
      const lang = toContentLanguage(key);
      if (!lang) continue;
      const texts = [c.labels[key], ...(c.synonyms[key] ?? [])].filter((x): x is string => !!x);
      const seen = new Set<string>();
      const list2: Term[] = [];
      for (const text of texts) {
        const term = { text, words: words(text, lang), compact: compact(text, lang) };
        // One term per form: 沒收 and 没收 are the same term once folded.
        const key2 = UNSPACED.has(lang) ? term.compact : term.words.join(' ');
        if (!term.words.length || seen.has(key2)) continue;
        seen.add(key2);
        list2.push(term);
      }
      terms.set(lang, list2);
    }
    return { code: c.code, kind: c.kind, label: c.labels.en ?? c.code, terms, articles: c.articles };
  });
}

/** The concepts with their terms, and the articles of `instrument` each stands for. */
export async function loadLexicon(db: Orm, instrument: string): Promise<LexConcept[]> {
  return lexiconFrom(
    await rows<ConceptRow>(
      db,
      sql`SELECT c.code, c.kind, c.labels, c.synonyms,
            coalesce((SELECT array_agg(ca.article ORDER BY ca.article) FROM concept_article ca WHERE ca.concept = c.code AND ca.instrument = ${instrument}), '{}') AS articles
          FROM concept c ORDER BY c.position`,
    ),
  );
}

/**
 * A word of a term matches a word of the text when it is a prefix of it (short words must be
 * equal); in a compounding language a word of five letters or more also matches a later part of
 * the word (daten in Computerdaten), never its first three letters.
 */
const wordMatches = (term: string, word: string, compounds: boolean) =>
  term.length >= 4
    ? word.startsWith(term) || (compounds && term.length >= 5 && word.indexOf(term, 3) > 0)
    : word === term;

/** How often a term occurs in a text (given as its words, and compacted for unspaced scripts). */
export function occurrences(term: Term, text: Prepared, language: string): number {
  if (UNSPACED.has(language)) {
    if (term.compact.length < 2) return 0;
    let n = 0;
    for (
      let at = text.compact.indexOf(term.compact);
      at >= 0;
      at = text.compact.indexOf(term.compact, at + 1)
    )
      n++;
    return n;
  }
  const compounds = COMPOUNDING.has(language);
  if (!compounds && text.index && !mayOccur(term.words[0], text.index)) return 0;
  let n = 0;
  for (let i = 0; i < text.words.length; i++) if (startsAt(term, text.words, i, compounds)) n++;
  return n;
}

/**
 * Whether a term starts at a word of a text: its words in order, with at most two other words
 * between them ("accès et maintien frauduleux").
 */
export function startsAt(term: Term, words: string[], i: number, compounds = false): boolean {
  if (!wordMatches(term.words[0], words[i], compounds)) return false;
  let at = i;
  for (let k = 1; k < term.words.length; k++) {
    const w = term.words[k];
    let next = -1;
    for (let j = at + 1; j <= at + 3 && j < words.length; j++)
      if (wordMatches(w, words[j], compounds)) {
        next = j;
        break;
      }
    if (next < 0) return false;
    at = next;
  }
  return true;
}

/** The words of a text, and its word starts, to rule out most terms at once. */
export type Prepared = { words: string[]; compact: string; index?: WordIndex };
type WordIndex = { words: Set<string>; starts: Set<string> };
const START = [4, 6] as const;

/** Whether a term's first word can match a word of the text (a word equal to it, or starting with it). */
const mayOccur = (first: string, index: WordIndex) =>
  first.length < START[0] ? index.words.has(first) : index.starts.has(first.slice(0, START[1]));

export const prepared = (text: string, language: string): Prepared => {
  const list = words(text, language);
  const starts = new Set<string>();
  for (const w of list)
    for (let n = START[0]; n <= Math.min(START[1], w.length); n++) starts.add(w.slice(0, n));
  return { ...read(text, language, list), index: { words: new Set(list), starts } };
};

/** A text's words, and in scripts written without spaces its letters run together (what `occurrences` reads). */
export const read = (text: string, language: string, list = words(text, language)): Prepared => ({
  words: list,
  compact: UNSPACED.has(language) ? compact(text, language) : '',
});

/** Whether a language is written without spaces, or compounds words (its terms are looked for everywhere then). */
export const searchedWhole = (language: string) => UNSPACED.has(language) || COMPOUNDING.has(language);
