/** Numbers written as words, in the languages drafters number provisions and groupings in. */
import { describe, expect, it } from 'vitest';
import { readNumber } from './markers.js';
import { chineseNumber, readArabicOrdinal, readWordNumber } from './ordinals.js';

const arabic = (s: string) => readArabicOrdinal(s)?.value;
const word = (s: string) => readWordNumber(s)?.value;

describe('ordinals', () => {
  it('reads Arabic ordinals in both genders, compound and past one hundred', () => {
    expect(['الأول', 'الأولى', 'الاولى', 'الثانية', 'العاشر', 'العاشرة'].map(arabic)).toEqual([
      1, 1, 1, 2, 10, 10,
    ]);
    expect(['الحادي عشر', 'الحادية عشرة', 'الثاني عشر', 'الثانية عشرة', 'التاسع عشر'].map(arabic)).toEqual([
      11, 11, 12, 12, 19,
    ]);
    expect(['العشرون', 'الحادي والعشرون', 'الخامسة والثلاثون', 'التسعون', 'المائة'].map(arabic)).toEqual([
      20, 21, 35, 90, 100,
    ]);
    expect(arabic('العاشرة بعد المائة')).toBe(110);
    expect(arabic('الثانية عشرة - الاعتراض')).toBe(12);
    expect(readArabicOrdinal('الأولى- التعريفات')).toEqual({ value: 1, length: 6 });
    expect(arabic('التعريفات')).toBeUndefined();
  });

  it('reads ordinals in Spanish, Portuguese, French, Italian, English, German, Russian, Indonesian, Swahili', () => {
    expect(
      ['primero', 'Segunda', 'DÉCIMO TERCERO', 'decimotercero', 'vigésimo primero', 'undécimo'].map(word),
    ).toEqual([1, 2, 13, 13, 21, 11]);
    expect(
      ['primeiro', 'décimo primeiro', 'premier', 'première', 'vingt et unième', 'dix-septième'].map(word),
    ).toEqual([1, 11, 1, 1, 21, 17]);
    expect(['quindicesimo', 'ONE', 'twenty-first', 'Fünfzehnter', 'siebenundzwanzigster'].map(word)).toEqual([
      15, 1, 21, 15, 27,
    ]);
    expect(
      ['первая', 'Двадцать первая', 'четвёртый', 'Kedua', 'kedua belas', 'kumi na moja', 'único'].map(word),
    ).toEqual([1, 21, 4, 2, 12, 11, 1]);
    expect(word('Definiciones')).toBeUndefined();
    expect(readWordNumber('primero.- Objeto')).toEqual({ value: 1, length: 7 });
  });

  it('reads Chinese numerals', () => {
    expect(['三', '十', '十二', '二百八十五', '三百三十九', '一千零五'].map(chineseNumber)).toEqual([
      3, 10, 12, 285, 339, 1005,
    ]);
  });

  it('reads numbers as printed after a keyword', () => {
    const n = (s: string) => readNumber(s)?.number;
    expect(
      ['1º', '1°.', '1.º', '1er', '3º-A', '154-A.', '272.1.', '323-3-1', '8A.', '202a Aus'].map(n),
    ).toEqual(['1', '1', '1', '1', '3-A', '154-A', '272.1', '323-3-1', '8A', '202a']);
    expect(
      ['5 bis.', '615-ter', 'VII BIS', '(٥)', '١٢', 'الثانية عشرة', 'premier', 'preliminar'].map(n),
    ).toEqual(['5 bis', '615 ter', 'VII bis', '5', '12', '12', '1', 'preliminary']);
    expect(readNumber('IX. Преступления')).toMatchObject({ number: 'IX', roman: true });
  });
});
