/**
 * What the learned model sees of a provision. Two kinds of features:
 * - the language's own: words and parts of words (character n-grams, so that "accede", "accès" and
 *   "accediere" share cues and a typo still counts) of the heading, the text and the enclosing
 *   headings, learnt from the laws reviewers mapped in that language;
 * - language-independent ones: the lexicon concepts named (where), the definitions pattern, the kind
 *   of part it sits in and the rule scores of each article, so that what reviewers decided in one
 *   language also teaches the model about laws in another.
 */
import { words, type LexConcept } from '../../reference/lexicon.js';
import { conceptHits, isDefinitions, ruleScore, type RuleScores } from './rules.js';
import type { Unit } from './types.js';

export type Features = Map<string, number>;

const UNSPACED = new Set(['tha', 'zho', 'jpn']);
/** The text read for words and n-grams: long provisions say what they are about early. */
const MAX_WORDS = 300;
const GROUP_WEIGHT = { h: 1.0, b: 1.0, c: 0.5 };

function ngrams(tokens: string[], unspaced: boolean, into: Map<string, number>, prefix: string) {
  const add = (f: string) => into.set(f, (into.get(f) ?? 0) + 1);
  if (unspaced) {
    const s = tokens.join('');
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= s.length; i++) add(`${prefix}${s.slice(i, i + n)}`);
    return;
  }
  for (const w of tokens) {
    if (/^\d+$/.test(w)) continue;
    add(`${prefix}w:${w}`);
    if (w.length < 4) continue;
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++)
      for (let i = 0; i + n <= padded.length; i++) add(`${prefix}${padded.slice(i, i + n)}`);
  }
}

/** Counts as 1 + log(count), scaled to length `weight`. */
function normalised(counts: Map<string, number>, weight: number, into: Features) {
  let norm = 0;
  for (const [f, n] of counts) {
    const v = 1 + Math.log(n);
    counts.set(f, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, v] of counts) into.set(f, (weight * v) / norm);
}

/** The features of a provision, given the lexicon and its rule scores. */
export function features(unit: Unit, lexicon: LexConcept[], rules: RuleScores): Features {
  const out: Features = new Map();
  const unspaced = UNSPACED.has(unit.language);
  const groups: [keyof typeof GROUP_WEIGHT, string][] = [
    ['h', unit.heading],
    ['b', unit.text],
    ['c', unit.context.map((c) => c.heading).join(' ')],
  ];
  for (const [g, text] of groups) {
    if (!text.trim()) continue;
    const counts = new Map<string, number>();
    ngrams(words(text, unit.language).slice(0, MAX_WORDS), unspaced, counts, `${g}:`);
    normalised(counts, GROUP_WEIGHT[g], out);
  }
  for (const hit of conceptHits(unit, lexicon)) {
    if (hit.heading) out.set(`k:${hit.c.code}:h`, 1);
    if (hit.text) out.set(`k:${hit.c.code}:t`, Math.min(1, 0.5 + 0.25 * hit.textCount));
    if (hit.context) out.set(`k:${hit.c.code}:c`, 1);
  }
  if (isDefinitions(unit).yes) out.set('s:definitions', 1);
  const category = unit.context.findLast((c) => c.category)?.category;
  if (category) out.set(`s:part:${category}`, 1);
  if (!unit.heading.trim()) out.set('s:no-heading', 1);
  for (const [article, { value }] of rules) out.set(`r:${article}`, ruleScore(value));
  return out;
}

/** A feature as a reader would understand it, or null for parts of words. */
export function readable(feature: string, lexicon: Map<string, string>): string | null {
  const word = /^[hbc]:w:(.+)$/.exec(feature);
  if (word) return word[1];
  const concept = /^k:(.+):([htc])$/.exec(feature);
  if (concept)
    return `${lexicon.get(concept[1]) ?? concept[1]} (${{ h: 'heading', t: 'text', c: 'part heading' }[concept[2]]})`;
  if (feature === 's:definitions') return 'reads as definitions';
  const part = /^s:part:(.+)$/.exec(feature);
  if (part) return `in a ${part[1].replace(/_/g, ' ')} part`;
  return null;
}
