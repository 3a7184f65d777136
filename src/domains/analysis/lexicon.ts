/**
 * The multilingual concept lexicon as the suggester uses it: each concept's labels and synonyms
 * per language, tokenised, and the articles of an instrument each concept corresponds to. Texts
 * are matched term by term as word prefixes (case, accents and Arabic letter forms and proclitics
 * ignored), or as substrings in scripts written without spaces (Thai, Chinese, Japanese).
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { toContentLanguage } from '../../core/languages.js';

const UNSPACED = new Set(['tha', 'zho', 'jpn']);
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\S{3,})/u;

/** Words of a text for matching. */
export function words(text: string, language: string): string[] {
  let t = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (language === 'ara') t = t.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  const list = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return language === 'ara' ? list.map((w) => w.replace(ARABIC_PREFIX, '')) : list;
}

const compact = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, '');

export type Term = { text: string; words: string[]; compact: string };
export type LexConcept = {
  code: string;
  kind: string;
  label: string;
  terms: Map<string, Term[]>;
  articles: string[];
};

/** The concepts with their terms, and the articles of `instrument` each stands for. */
export async function loadLexicon(db: Orm, instrument: string): Promise<LexConcept[]> {
  const list = await rows<{
    code: string;
    kind: string;
    labels: Record<string, string>;
    synonyms: Record<string, string[]>;
    articles: string[];
  }>(
    db,
    sql`SELECT c.code, c.kind, c.labels, c.synonyms,
          coalesce((SELECT array_agg(ca.article ORDER BY ca.article) FROM concept_article ca WHERE ca.concept = c.code AND ca.instrument = ${instrument}), '{}') AS articles
        FROM concept c ORDER BY c.position`,
  );
  return list.map((c) => {
    const terms = new Map<string, Term[]>();
    for (const key of new Set([...Object.keys(c.labels), ...Object.keys(c.synonyms)])) {
      const lang = toContentLanguage(key); // the lexicon keys its terms by two-letter code
      if (!lang) continue;
      const texts = [c.labels[key], ...(c.synonyms[key] ?? [])].filter((x): x is string => !!x);
      terms.set(
        lang,
        [...new Set(texts)]
          .map((text) => ({ text, words: words(text, lang), compact: compact(text) }))
          .filter((t) => t.words.length > 0),
      );
    }
    return { code: c.code, kind: c.kind, label: c.labels.en ?? c.code, terms, articles: c.articles };
  });
}

/** A word of a term matches a word of the text when it is a prefix of it (short words must be equal). */
const wordMatches = (term: string, word: string) =>
  term.length >= 4 ? word.startsWith(term) : word === term;

/** How often a term occurs in a text (given as its words, and compacted for unspaced scripts). */
export function occurrences(
  term: Term,
  text: { words: string[]; compact: string },
  language: string,
): number {
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
  // The words of a term in order, with at most two other words between them ("accès et maintien frauduleux").
  let n = 0;
  const [first, ...rest] = term.words;
  for (let i = 0; i < text.words.length; i++) {
    if (!wordMatches(first, text.words[i])) continue;
    let at = i;
    const ok = rest.every((w) => {
      for (let j = at + 1; j <= at + 3 && j < text.words.length; j++)
        if (wordMatches(w, text.words[j])) return ((at = j), true);
      return false;
    });
    if (ok) n++;
  }
  return n;
}

export const prepared = (text: string, language: string) => ({
  words: words(text, language),
  compact: compact(text),
});
