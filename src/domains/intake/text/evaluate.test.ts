/** The benchmark's score of a segmentation against the numbers of a hand-made truth. */
import { describe, expect, it } from 'vitest';
import { normaliseNumber, segmentationScore } from './evaluate.js';

describe('segmentationScore', () => {
  it('counts units found by their own number, merged and spurious, numbers normalised on both sides', () => {
    const text = [
      'المادة الأولى- التعريفات',
      'نص.',
      'المادة 2- الاختراق',
      'نص.',
      'المادة 4- الاعتراض',
      'نص.',
      'المادة 9- الشروع',
      'نص.',
    ].join('\n');
    const score = segmentationScore(text, ['الأولى', '2', '3', '4']);
    expect(score).toMatchObject({ truth: 4, found: 3, merged: 1, spurious: 1 });
    expect(score.warnings.some((w) => w.includes('article 3 is missing'))).toBe(true);
  });

  it('normalises numbers as printed', () => {
    expect(['1°', '1º', 'Artículo 1º', 'premier', 'الأولى', '١'].map(normaliseNumber)).toEqual([
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
    ]);
    expect(['8A', '323-3-1', '5 bis', '339-3', 'I'].map(normaliseNumber)).toEqual([
      '8a',
      '323-3-1',
      '5bis',
      '339-3',
      'i',
    ]);
  });
});
