/**
 * The pages of a scan as images ready for OCR: a PDF's pages rendered by poppler (`pdfinfo`,
 * `pdftoppm`), an image's pages (PNG, JPEG, or the pages of a TIFF) decoded by sharp (libvips),
 * within a bound on pixels (a decompression bomb is refused before it is decoded). Each page is
 * turned grey and straightened: a page skewed on the scanner's glass by a degree or two makes
 * Tesseract's layout analysis take paragraphs for pictures and drop them, so the skew is measured
 * (the angle at which the rows of dark pixels line up best) and undone before recognition. A page
 * sprinkled with specks (dust, a photocopy's grain: many dark pixels with no dark neighbour) is
 * cleaned with a median filter first; a clean page is left as it is, since the filter thins fine strokes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppError, tooComplex } from '../errors.js';
import { POPPLER, runProgram } from './ocr.js';

/** A page at 300 dpi on A3 is 17.4 million pixels; a poster-sized scan at 600 dpi is not a page. */
export const MAX_PAGE_PIXELS = 40_000_000;
/** Resolution a PDF page is rendered at: what scanners produce and Tesseract reads well. */
export const OCR_DPI = 250;
/** A page so large that it would render below this within the pixel bound (about A0) is not a scanned page. */
const MIN_DPI = 100;

export type ScanSource = { kind: 'pdf'; path: string; sizes: number[][] } | { kind: 'image'; bytes: Buffer };
export type ScanPages = { count: number; page(n: number): Promise<Buffer>; close(): Promise<void> };

const unreadable = (file: string, why: string) =>
  new AppError(422, 'unreadable_image', `${file}: the scan cannot be read (${why})`);

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'tiff']);

/** Opens a scan (PDF or image, at most `maxPages` pages) and returns its pages, one at a time, straightened and grey. */
export async function openScan(
  bytes: Buffer,
  file: string,
  pdf: boolean,
  maxPages: number,
): Promise<ScanPages> {
  if (pdf) return openPdf(bytes, file, maxPages);
  const meta = await sharp(bytes, { limitInputPixels: MAX_PAGE_PIXELS })
    .metadata()
    .catch((err: Error) => {
      throw unreadable(file, err.message);
    });
  if (!meta.width || !meta.height) throw unreadable(file, 'no image');
  if (!meta.format || !IMAGE_FORMATS.has(meta.format))
    throw unreadable(file, `a ${meta.format ?? 'file'} is not a scan: send PNG, JPEG, TIFF or PDF`);
  if ((meta.pages ?? 1) > maxPages)
    throw tooComplex(file, `${meta.pages} pages; at most ${maxPages.toLocaleString('en')}`);
  if (meta.width * meta.height > MAX_PAGE_PIXELS)
    throw new AppError(
      413,
      'file_too_complex',
      `${file}: the image is ${meta.width} × ${meta.height} pixels; at most ${MAX_PAGE_PIXELS / 1e6} million per page`,
    );
  return {
    count: meta.pages ?? 1,
    page: (n) => straighten(sharp(bytes, { page: n - 1, limitInputPixels: MAX_PAGE_PIXELS }), file, n),
    close: async () => {},
  };
}

async function openPdf(bytes: Buffer, file: string, maxPages: number): Promise<ScanPages> {
  const dir = await mkdtemp(join(tmpdir(), 'cyrepo-scan-'));
  const path = join(dir, 'scan.pdf');
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(path, bytes, { mode: 0o600 });
    const info = await runProgram('pdfinfo', [path], POPPLER);
    const count = Number(/^Pages:\s+(\d+)/m.exec(info.stdout.toString())?.[1]);
    if (info.code !== 0 || !count) throw unreadable(file, info.stderr.trim().split('\n')[0] || 'not a PDF');
    if (count > maxPages)
      throw tooComplex(file, `${count.toLocaleString('en')} pages; at most ${maxPages.toLocaleString('en')}`);
    const sizes = await runProgram('pdfinfo', ['-f', '1', '-l', String(count), path], POPPLER);
    const points = [...sizes.stdout.toString().matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)];
    const dpis = Array.from({ length: count }, (_, i) => {
      const [, , w, h] = points[i] ?? [0, 0, '612', '792'];
      const pixels = ((Number(w) * Number(h)) / 72 ** 2) * OCR_DPI ** 2;
      return Math.floor(OCR_DPI * Math.min(1, Math.sqrt(MAX_PAGE_PIXELS / pixels)));
    });
    const poster = dpis.findIndex((d) => d < MIN_DPI);
    if (poster >= 0)
      throw tooComplex(
        file,
        `page ${poster + 1} is larger than a scanner's glass (${points[poster]?.[2]} × ${points[poster]?.[3]} points)`,
      );
    const dpi = (n: number) => dpis[n - 1];
    return {
      count,
      async page(n) {
        const args = ['-f', String(n), '-l', String(n), '-r', String(dpi(n)), '-gray', '-png', path];
        const out = await runProgram('pdftoppm', args, POPPLER);
        if (out.code !== 0 || !out.stdout.length)
          throw new AppError(
            422,
            'unreadable_page',
            `${file}: page ${n} cannot be rendered (${out.stderr.trim().split('\n')[0] || 'empty page'})`,
          );
        return straighten(sharp(out.stdout, { limitInputPixels: MAX_PAGE_PIXELS }), file, n);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Share of a page's dark pixels that are lone specks above which the page is cleaned (clean text: under 0.3 %). */
const SPECKLED = 0.01;

/** The page grey, cleaned of specks if it has many, turned by its measured skew, as PNG. */
async function straighten(image: sharp.Sharp, file: string, n: number): Promise<Buffer> {
  try {
    let grey = await image.greyscale().png({ compressionLevel: 1 }).toBuffer();
    const { skew, specks } = await measure(grey);
    if (specks > SPECKLED) grey = await sharp(grey).median(3).png({ compressionLevel: 1 }).toBuffer();
    if (Math.abs(skew) < 0.1) return grey;
    return await sharp(grey).rotate(-skew, { background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      422,
      'unreadable_page',
      `${file}: page ${n} cannot be read (${(err as Error).message})`,
    );
  }
}

/**
 * The page's skew in degrees (clockwise positive), within ±6°, and the share of its dark pixels
 * that are lone specks, on a reduced black-and-white copy. Skew: the dark pixels are projected on
 * rows at each candidate angle; lines of text make the sharpest profile (the largest sum of
 * squared row counts) when the angle matches theirs.
 */
export async function measure(png: Buffer): Promise<{ skew: number; specks: number }> {
  const { data, info } = await sharp(png)
    .resize({ width: 1000, height: 1000, fit: 'inside', withoutEnlargement: true })
    .threshold(160)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const dark = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && data[(y * width + x) * channels] === 0;
  const xs: number[] = [];
  const ys: number[] = [];
  let lone = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (dark(x, y)) {
        xs.push(x);
        ys.push(y);
        let neighbours = 0;
        for (let j = -1; j <= 1; j++)
          for (let i = -1; i <= 1; i++) if ((i || j) && dark(x + i, y + j)) neighbours++;
        if (!neighbours) lone++;
      }
  if (xs.length < 200) return { skew: 0, specks: 0 };
  return { skew: skewOf(xs, ys), specks: lone / xs.length };
}

function skewOf(xs: number[], ys: number[]): number {
  const score = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    const rows = new Map<number, number>();
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i] - xs[i] * t);
      rows.set(r, (rows.get(r) ?? 0) + 1);
    }
    let s = 0;
    for (const c of rows.values()) s += c * c;
    return s;
  };
  const best = (from: number, to: number, step: number, start: number) => {
    let angle = start;
    let top = score(start);
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = score(a);
      if (s > top) [angle, top] = [a, s];
    }
    return angle;
  };
  const coarse = best(-6, 6, 0.5, 0);
  return Math.round(best(coarse - 0.5, coarse + 0.5, 0.1, coarse) * 10) / 10;
}
