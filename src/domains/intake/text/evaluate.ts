/**
 * How well the segmenter finds a law's own units, against the numbers of a hand-made truth: a
 * deterministic score for benchmarks. Numbers are compared as stored ("1°", "1º", "1.º", "Article
 * premier", "الأولى" and "1" are the same number).
 */
import type { ProvisionInput } from '../../legislation/input.js';
import { classify, readNumber } from './markers.js';
import { segmentText } from './segment.js';

/** Kinds that group provisions rather than being one. */
const GROUPINGS = new Set([
  'preamble',
  'book',
  'part',
  'title',
  'chapter',
  'division',
  'subdivision',
  'subpart',
  'subchapter',
  'subtitle',
  'tome',
  'hcontainer',
  'schedule',
]);

/** A unit's number as compared: read as the segmenter reads it, lower case, without spaces. */
export function normaliseNumber(n: string): string {
  const marker = classify(n.trim());
  if (marker?.number && !marker.reference && marker.family !== 'container')
    return marker.number.toLowerCase().replace(/\s+/g, '');
  const s = n.trim();
  const read = readNumber(s);
  const number = read && read.length >= s.replace(/[.:\s]+$/u, '').length ? read.number : s;
  return number.toLowerCase().replace(/\s+/g, '');
}

/** The units a segmentation finds: provisions that are not groupings, under groupings only. */
export function topUnits(provisions: ProvisionInput[]): ProvisionInput[] {
  return provisions.flatMap((p) => (GROUPINGS.has(p.kind ?? '') ? topUnits(p.children ?? []) : [p]));
}

export function segmentationScore(
  text: string,
  truthNumbers: string[],
): { truth: number; found: number; merged: number; spurious: number; warnings: string[] } {
  const { provisions, warnings } = segmentText(text);
  const left = new Map<string, number>();
  for (const t of truthNumbers) left.set(normaliseNumber(t), (left.get(normaliseNumber(t)) ?? 0) + 1);
  let found = 0;
  let spurious = 0;
  for (const unit of topUnits(provisions)) {
    const key = normaliseNumber(unit.number ?? '');
    if (left.get(key)) {
      left.set(key, left.get(key)! - 1);
      found++;
    } else spurious++;
  }
  return { truth: truthNumbers.length, found, merged: truthNumbers.length - found, spurious, warnings };
}
