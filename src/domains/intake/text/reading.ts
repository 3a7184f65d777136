/**
 * How lines of a law read, whatever its language: a heading rather than a sentence, a line that
 * announces text to insert ("por el siguiente:", "the following:", "ainsi rédigé :"), quote marks
 * that open and close quoted text, and whether a number goes on with another's numbering.
 */
import type { Marker } from './markers.js';
import { compareKeys, type Node, numberKey } from './tree.js';

/** A heading is short and does not read as a sentence. */
export const looksLikeHeading = (s: string) =>
  s.length > 0 &&
  s.length <= 100 &&
  s.split(/\s+/).length <= 14 &&
  !/[;,:—–\-。；：，]$/.test(s) &&
  !/^\p{Ll}/u.test(s) &&
  (!/\.$/.test(s) || s.split(/\s+/).length <= 8);
/** "Acceso abusivo. El que…": a short first sentence before the text is the heading. */
/**
 * Whether the line before a provision's marker is its heading: "Unauthorised access" before
 * "14. (1) A person who…", or "Territorialidade" before "Art. 5º - Aplica-se…" (an article whose own
 * line starts its text) — a short capitalised line, and before an article one with no sentence in it
 * (notes in brackets aside) and no quote.
 */
export function headingAbove(line: string, m: Marker): boolean {
  const textAfterNumber = m.family === 'article' && m.rest.split(/\s+/).length > 8;
  if (!(m.family === 'numbered' && m.sep) && !textAfterNumber) return false;
  if (textAfterNumber && /[.:;"”»]/u.test(line.replace(/\([^)]*\)/g, ''))) return false;
  return looksLikeHeading(line) && !/\.$/.test(line) && /^\p{Lu}/u.test(line);
}

export const HEADING_THEN_TEXT = /^([^.;:]{3,90}?)\s*[.:](?:\s+|\s*[-—–]\s*)(\p{Lu}.*)$/u;
/** The end of a line that introduces text to be inserted or substituted. */
export const ANNOUNCES =
  /(?:[:：]\s*[-—–]?|(?:the following|as follows|follows|siguientes?|sigue|tenor|así|suivante?s?|rédigée?s?|ainsi|seguintes?|reda[çc][ãa]o|содержания|редакции|folgt|folgenden?|eingefügt|gefasst|ersetzt|berikut|الآتي|التالي|يلي|ifuatavyo|如下)\s*[:：]?\s*[-—–]?)$/iu;
export const OPENING_QUOTE = /^[“«„"‘‹]/u;
/** “computer” means…: a defined term in quotes opens the line, not quoted text. */
export const QUOTED_TERM = /^.[^”»"“]{1,100}[”»"“]\s*\S/u;
export const CLOSING_QUOTE = /[”»"’›“]\s*[.;,]?\s*$/u;

/** `m` goes on with the numbering of `n` (2 or 4 after 1, 8A after 8), rather than 269A after 1. */
export function follows(n: Node, m: Marker): boolean {
  const [a, b] = [numberKey(n.number, n.roman), numberKey(m.number, m.roman)];
  const lead = (k: (number | string)[]) => (typeof k[0] === 'number' ? k[0] : Number.NaN);
  return !!a && !!b && compareKeys(b, a) > 0 && lead(b) - lead(a) <= 3;
}

/** The last line of a provision, in its last subdivision if it has some. */
export const lastLine = (n: Node): string =>
  n.children.length ? lastLine(n.children.at(-1)!) : (n.lines.at(-1) ?? '');
