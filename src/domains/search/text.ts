/**
 * Language handling for search: the PostgreSQL text search configuration of each content
 * language, word segmentation for scripts written without spaces (Chinese, Japanese, Thai), and
 * normalisation for matching concept labels.
 */
import { toSimplified } from '../../core/chinese.js';

/** ISO 639-2/T → PostgreSQL text search configuration (present in PostgreSQL 15 and later). */
const CONFIGS: Record<string, string> = {
  eng: 'english',
  fra: 'french',
  spa: 'spanish',
  por: 'portuguese',
  rus: 'russian',
  ara: 'arabic',
  ind: 'indonesian',
  deu: 'german',
  ita: 'italian',
  nld: 'dutch',
  tur: 'turkish',
  ron: 'romanian',
  hun: 'hungarian',
  ell: 'greek',
  swe: 'swedish',
  dan: 'danish',
  nor: 'norwegian',
  fin: 'finnish',
  cat: 'catalan',
  srp: 'serbian',
  lit: 'lithuanian',
  hin: 'hindi',
  nep: 'nepali',
  tam: 'tamil',
};
export const configFor = (language: string) => CONFIGS[language] ?? 'simple';
/** Every configuration a document can be indexed with; a query is matched in each. */
export const ALL_CONFIGS = [...new Set([...Object.values(CONFIGS), 'simple'])];

const SEGMENT_LOCALE: Record<string, string> = { zho: 'zh', jpn: 'ja', tha: 'th' };
/** Scripts written without spaces between words. */
export const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  if (!segmenters.has(locale)) segmenters.set(locale, new Intl.Segmenter(locale, { granularity: 'word' }));
  return segmenters.get(locale)!;
}

/** Puts spaces between the words of Chinese, Japanese and Thai text so that PostgreSQL sees words. */
export function segment(text: string, locale = 'zh'): string {
  if (!UNSPACED.test(text)) return text;
  const out: string[] = [];
  for (const part of segmenter(locale).segment(text)) {
    if (part.isWordLike) out.push(part.segment);
    else if (/\S/.test(part.segment)) out.push(part.segment.trim());
    else out.push(' ');
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** Text as the index and queries read it: Chinese in one form (core/chinese.ts), then segmented. */
export const searchable = (text: string, language: string) =>
  segmentFor(/\p{Script=Han}/u.test(text) ? toSimplified(text) : text, language);

/**
 * Text as shown (segmented where words are not spaced) and, when it differs, as searched (Chinese in
 * traditional characters) — each segmented once: segmentation is most of the cost of indexing.
 */
export function shownAndSearched(text: string, language: string): { shown: string; searched: string | null } {
  const shown = segmentFor(text, language);
  const simplified = /\p{Script=Han}/u.test(text) ? toSimplified(text) : text;
  if (simplified === text) return { shown, searched: null };
  const searched = segmentFor(simplified, language);
  return { shown, searched: searched === shown ? null : searched };
}

export const segmentFor = (text: string, language: string) =>
  SEGMENT_LOCALE[language] || UNSPACED.test(text)
    ? segment(text, SEGMENT_LOCALE[language] ?? (/\p{Script=Thai}/u.test(text) ? 'th' : 'zh'))
    : text;

/**
 * A query as the user typed it, made safe for websearch_to_tsquery (which accepts any text):
 * capped in length, unspaced scripts segmented inside quoted phrases and words alike.
 */
export function prepareQuery(q: string): string {
  const capped = q.slice(0, 500).replace(/[\u0000-\u001f]/g, ' ');
  return capped
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') ? `"${searchable(part.slice(1, -1), '')}"` : searchable(part, '')))
    .join('');
}

/** Lower case, accents removed, punctuation to spaces, Chinese in one form: for comparing labels with queries. */
export const normalise = (s: string) =>
  ASCII.test(s)
    ? s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim() // the same, in a fraction of the time
    : (/\p{Script=Han}/u.test(s) ? toSimplified(s) : s)
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
const ASCII = /^[\x00-\x7f]*$/;

/** The excluded words and phrases of a query (-word, -"a phrase"). */
export const queryExclusions = (q: string) =>
  [...q.matchAll(/(?:^|\s)-("([^"]+)"|[^\s"]+)/g)].map((m) => (m[2] ?? m[1]).trim()).filter(Boolean);

/** The plain words of a query (no operators, quotes or exclusions), for spelling suggestions. */
export const queryWords = (q: string) =>
  q
    .replace(/"[^"]*"/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && w.toUpperCase() !== 'OR')
    .map((w) => normalise(w))
    .filter((w) => w.length >= 3);
