/**
 * Tesseract's TSV output (a row per page, block, paragraph, line and word, with the word's box and
 * confidence) as pages of lines with a confidence each (0–100, word confidences weighted by length).
 * Words come in reading order (right to left for Arabic, so the text is in logical order); no space
 * is put beside a Chinese or Japanese character. Tesseract sometimes reads a short line — "المادة 3"
 * alone on a line of a paragraph — as running the paragraph's whole width and "reads" marks in the
 * empty rest (a neighbouring line's ascenders, a speck): such marks lie far from the line's text, so
 * a short run beyond a gap of several line heights, read with low confidence, is dropped (a longer
 * one — a table's column — is kept, its low confidence marking the line for checking).
 */
export type OcrLine = { text: string; confidence: number };
export type OcrPage = {
  page: number;
  text: string;
  confidence: number | null;
  lines: OcrLine[];
  /** why the page could not be read (it is then left blank, the others read) */
  problem?: string;
};

type Word = { text: string; confidence: number; left: number; right: number; height: number };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** A gap wider than this many line heights separates runs of words on a line. */
const GAP_HEIGHTS = 4;
/** A detached run this short, read with less confidence than this, is taken for marks, not words. */
const DETACHED_BELOW = 70;
const DETACHED_CHARS = 6;

export function parseTsv(tsv: string): OcrPage[] {
  const pages = new Map<number, Map<string, Word[]>>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    if (!text || !(confidence >= 0)) continue;
    const page = Number(cells[1]);
    const lines = pages.get(page) ?? pages.set(page, new Map()).get(page)!;
    const key = `${cells[2]}.${cells[3]}.${cells[4]}`;
    const words = lines.get(key) ?? lines.set(key, []).get(key)!;
    const left = Number(cells[6]);
    words.push({ text, confidence, left, right: left + Number(cells[8]), height: Number(cells[9]) });
  }
  return [...pages].map(([page, lines]) => {
    const list = [...lines.values()]
      .map(withoutDetachedMarks)
      .filter((w) => w.length)
      .map(line);
    const weight = list.reduce((n, l) => n + l.weight, 0);
    return {
      page,
      text: list.map((l) => l.text).join('\n'),
      confidence: weight ? round(list.reduce((n, l) => n + l.confidence * l.weight, 0) / weight) : null,
      lines: list.map(({ text, confidence }) => ({ text, confidence })),
    };
  });
}

/** The line's words less runs that lie far from its text and were read with low confidence. */
function withoutDetachedMarks(words: Word[]): Word[] {
  const heights = words.map((w) => w.height).sort((a, b) => a - b);
  const gap = GAP_HEIGHTS * heights[Math.floor(heights.length / 2)];
  const runs: Word[][] = [];
  for (const w of words) {
    const last = runs.at(-1)?.at(-1);
    const apart = last && Math.max(w.left, last.left) - Math.min(w.right, last.right) > gap;
    if (!last || apart) runs.push([w]);
    else runs.at(-1)!.push(w);
  }
  if (runs.length === 1) return words;
  const size = (run: Word[]) => run.reduce((n, w) => n + w.text.length, 0);
  const main = runs.reduce((a, b) => (size(b) > size(a) ? b : a));
  return runs
    .filter((run) => run === main || mean(run) >= DETACHED_BELOW || size(run) > DETACHED_CHARS)
    .flat();
}

const mean = (words: Word[]) => {
  const weight = words.reduce((n, w) => n + w.text.length, 0);
  return words.reduce((n, w) => n + w.confidence * w.text.length, 0) / weight;
};

function line(words: Word[]) {
  return {
    text: words.reduce(
      (s, { text: w }) =>
        s && !CJK.test([...s].at(-1)!) && !CJK.test(String.fromCodePoint(w.codePointAt(0)!))
          ? `${s} ${w}`
          : s + w,
      '',
    ),
    confidence: round(mean(words)),
    weight: words.reduce((n, w) => n + w.text.length, 0),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The confidence of several pages: their lines' confidence weighted by length (null without text). */
export function pagesConfidence(pages: OcrPage[]): number | null {
  let weight = 0;
  let sum = 0;
  for (const { lines } of pages)
    for (const l of lines) {
      weight += l.text.length;
      sum += l.confidence * l.text.length;
    }
  return weight ? round(sum / weight) : null;
}
