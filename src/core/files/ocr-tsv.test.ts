import { describe, expect, it } from 'vitest';
import { pagesConfidence, parseTsv } from './ocr-tsv.js';

const HEAD = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
/** A word row: page, line (block 1, paragraph 1), left, width, confidence, text (height 30). */
const word = (page: number, line: number, left: number, width: number, conf: number, text: string) =>
  `5\t${page}\t1\t1\t${line}\t1\t${left}\t${line * 40}\t${width}\t30\t${conf}\t${text}`;

describe("Tesseract's TSV", () => {
  it('gives lines in reading order with a confidence weighted by length; pages apart', () => {
    const tsv = [
      HEAD,
      '1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t',
      word(1, 1, 100, 90, 96, 'Section'),
      word(1, 1, 200, 20, 90, '4.'),
      word(1, 2, 100, 40, 50, 'Tlie'),
      word(1, 2, 150, 80, 90, 'person'),
      word(2, 1, 100, 90, 93, 'Article'),
    ].join('\n');
    const [one, two] = parseTsv(tsv);
    expect(one.lines).toEqual([
      { text: 'Section 4.', confidence: 94.7 },
      { text: 'Tlie person', confidence: 74 },
    ]);
    expect(one).toMatchObject({ page: 1, text: 'Section 4.\nTlie person', confidence: 83.8 });
    expect(two).toMatchObject({ page: 2, text: 'Article', confidence: 93 });
  });

  it('joins Chinese without spaces, keeps Arabic words in the order read (logical), and drops marks read in the empty rest of a line', () => {
    const tsv = [
      HEAD,
      word(1, 1, 100, 30, 95, '第'),
      word(1, 1, 130, 30, 95, '十二'),
      word(1, 1, 190, 30, 95, '条'),
      // right to left: the first word read is the rightmost
      word(1, 2, 1400, 70, 90, 'المادة'),
      word(1, 2, 1380, 12, 93, '3'),
      word(1, 2, 700, 6, 60, '١'),
      word(1, 2, 300, 75, 50, '00'),
    ].join('\n');
    expect(parseTsv(tsv)[0].text).toBe('第十二条\nالمادة 3');
  });

  it('keeps text far along a line when it was read with confidence (a table, a signature)', () => {
    const tsv = [HEAD, word(1, 1, 100, 90, 95, 'Done'), word(1, 1, 1200, 120, 92, 'President')].join('\n');
    expect(parseTsv(tsv)[0].text).toBe('Done President');
  });

  it('a page without words gives no page (the reader counts it blank)', () => {
    expect(parseTsv(`${HEAD}\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t`)).toEqual([]);
  });

  it('the confidence of a scan weighs its pages by their text; a scan without text has none', () => {
    const page = (n: number, lines: [string, number][]) => ({
      page: n,
      text: lines.map(([t]) => t).join('\n'),
      confidence: null,
      lines: lines.map(([text, confidence]) => ({ text, confidence })),
    });
    expect(pagesConfidence([page(1, [['Section 4.', 90]]), page(2, [['x', 10]])])).toBe(82.7);
    expect(pagesConfidence([page(1, [])])).toBeNull();
  });
});
