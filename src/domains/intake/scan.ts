/**
 * Scanned laws and judgments: a PDF without a text layer, or an image (PNG, JPEG, TIFF), read page
 * by page by OCR (src/core/files/ocr.ts). The pages read so far can be handed back in, so that a job
 * stopped mid-way resumes where it stopped. What was read becomes the same content as a text file's
 * — provisions found by their numbers — with the confidence of each page and the lines read with
 * low confidence, for the editor to check before saving.
 */
import { checkOcr, recognise, type OcrPage } from '../../core/files/ocr.js';
import { openScan, type ScanPages } from '../../core/files/page-images.js';
import { AppError } from '../../core/errors.js';
import { IntakeError } from './errors.js';
import type { Content } from './read.js';
import { TEXT_LIMITS } from './text/extract.js';
import { segmentText } from './text/segment.js';

/** A line read with less confidence than this (of 100) is marked for the editor to check. */
export const UNCERTAIN_BELOW = 80;

export type UncertainLine = { page: number; confidence: number; text: string };
export type ScanReading = { pages: OcrPage[]; uncertain: UncertainLine[] };

type ReadOptions = {
  /** pages read already (a job resuming) */
  done?: OcrPage[];
  onPage?: (page: OcrPage, total: number) => Promise<void> | void;
  /** stop after the page that ends past this time (ms since the epoch): a job reads a long scan in parts */
  until?: number;
};

/**
 * Reads the pages of a scan not yet read, calling `onPage` after each; returns the pages read (all
 * of them unless `until` stopped it) and how many the scan has.
 */
export async function readScan(
  scan: { file: string; bytes: Buffer; pdf: boolean },
  language: string,
  country: string | null,
  options: ReadOptions = {},
): Promise<{ pages: OcrPage[]; total: number }> {
  const tess = await checkOcr(language, country, scan.pdf, scan.file);
  const pages = await openScan(scan.bytes, scan.file, scan.pdf, TEXT_LIMITS.pdfPages);
  const read = [...(options.done ?? [])];
  try {
    for (let n = read.length + 1; n <= pages.count; n++) {
      const page = await readPage(pages, tess, scan.file, n);
      read.push(page);
      await options.onPage?.(page, pages.count);
      if (options.until && Date.now() > options.until) break;
    }
  } finally {
    await pages.close();
  }
  return { pages: read, total: pages.count };
}

/** A page read; one that cannot be rendered or read in time is left blank, saying why, and the others are read. */
async function readPage(pages: ScanPages, tess: string, file: string, n: number): Promise<OcrPage> {
  try {
    return await recognise(await pages.page(n), tess, file, n);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return { page: n, text: '', confidence: null, lines: [], problem: err.message };
  }
}

/** What the pages say, as a text file's content, and the lines to check; refuses a scan with no text. */
export function scanContent(pages: OcrPage[], file: string): { content: Content; reading: ScanReading } {
  const text = pages
    .map((p) => p.text)
    .filter((t) => t.trim())
    .join('\n');
  const unread = pages.filter((p) => p.problem);
  if (!text.trim() && unread.length === pages.length && unread.length)
    throw new IntakeError('unreadable_page', unread[0].problem!);
  if (!text.trim())
    throw new IntakeError(
      'no_text',
      `${file}: no text was found on the scan (${pages.length} ${pages.length === 1 ? 'page' : 'pages'})`,
    );
  const { provisions, warnings } = segmentText(text);
  const blank = pages.filter((p) => !p.text.trim() && !p.problem).map((p) => p.page);
  const weak = pages.filter((p) => p.confidence !== null && p.confidence < UNCERTAIN_BELOW);
  return {
    content: {
      kind: 'text',
      text,
      pages: pages.length,
      provisions,
      warnings: [
        ...pages.flatMap((p) => (p.problem ? [p.problem] : [])),
        ...(blank.length ? [`OCR found no text on page ${blank.join(', ')}`] : []),
        ...weak.map(
          (p) =>
            `OCR read page ${p.page} with ${Math.round(p.confidence!)} % confidence: check it against the scan`,
        ),
        ...warnings,
      ],
    },
    reading: {
      pages,
      uncertain: pages.flatMap((p) =>
        p.lines
          .filter((l) => l.confidence < UNCERTAIN_BELOW)
          .map((l) => ({ page: p.page, confidence: Math.round(l.confidence), text: l.text })),
      ),
    },
  };
}
