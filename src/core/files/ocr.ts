/**
 * Optical character recognition with Tesseract, the engine itself (Debian's `tesseract-ocr` and its
 * language packs), run as a child process so that recognising a page never blocks the event loop:
 * pages of a PDF are rendered by poppler's `pdftoppm`, images are read as they are. Each page comes
 * back as lines with a confidence (0–100, from Tesseract's word confidences weighted by length).
 * Why the command line rather than tesseract.js: the same engine and trained data, measured at
 * 0 % character errors on clean 200 dpi pages in the four scripts tested, about twice as fast per
 * page, and nothing downloaded at run time (see bench/RESULTS.md, "OCR").
 */
import { spawn } from 'node:child_process';
import { AppError } from '../errors.js';
import { parseTsv } from './ocr-tsv.js';

import type { OcrPage } from './ocr-tsv.js';

export type { OcrLine, OcrPage } from './ocr-tsv.js';

/** Tesseract's trained data for the languages cyrepo holds laws in (ISO 639-3 → Tesseract). */
export const TESSERACT_LANGUAGE: Record<string, string> = {
  ara: 'ara',
  eng: 'eng',
  fra: 'fra',
  por: 'por',
  rus: 'rus',
  spa: 'spa',
  zho: 'chi_sim',
};
/** Where Chinese is written in traditional characters (Taiwan, Hong Kong, Macao): its own trained data. */
const TRADITIONAL_CHINESE = new Set(['TWN', 'HKG', 'MAC']);
/** Tesseract's name for `language` (ISO 639-3) as written in `country`; 422 when OCR does not read it. */
export function tesseractLanguage(language: string, country: string | null, file: string): string {
  const tess =
    language === 'zho' && country && TRADITIONAL_CHINESE.has(country)
      ? 'chi_tra'
      : TESSERACT_LANGUAGE[language];
  if (!tess)
    throw new AppError(
      422,
      'ocr_language',
      `${file}: OCR reads ${Object.keys(TESSERACT_LANGUAGE).join(', ')}; not "${language}"`,
    );
  return tess;
}
const debianPackage = (tess: string) => `tesseract-ocr-${tess.replace('_', '-')}`;

/** The programs OCR runs; TESSERACT (a path) overrides where Tesseract is found. */
type Program = 'tesseract' | 'pdfinfo' | 'pdftoppm';
const path = (name: Program) => (name === 'tesseract' && process.env.TESSERACT) || name;

/** A page takes seconds; a page that takes minutes is a hostile or broken image. */
export const PAGE_TIMEOUT_MS = 180_000;

export const ocrUnavailable = (what: string) =>
  new AppError(503, 'ocr_unavailable', `Reading scans needs ${what}`);

/** What the programs see of the environment: not the server's secrets (DATABASE_URL …). */
const CHILD_ENV = Object.fromEntries(
  [
    ...['PATH', 'LANG', 'LC_ALL', 'TESSDATA_PREFIX', 'TMPDIR'].map((k) => [k, process.env[k]]),
    ['OMP_THREAD_LIMIT', '1'],
  ].filter(([, v]) => v !== undefined),
) as Record<string, string>;

/** What to install for PDF pages. */
export const POPPLER = 'poppler-utils, which is not installed: apt-get install poppler-utils';

export type Run = { stdout: Buffer; stderr: string; code: number | null };

/**
 * Runs a program with `input` on stdin (code -1: killed after the timeout); when it is not
 * installed, the error says what to install (`missing`).
 */
export function runProgram(
  name: Program,
  args: string[],
  missing: string,
  input: Buffer | null = null,
  timeoutMs = PAGE_TIMEOUT_MS,
): Promise<Run> {
  return new Promise<Run>((resolve, reject) => {
    // One thread per page: Tesseract's OpenMP threads cost five times the time on small machines.
    const child = spawn(path(name), args, {
      env: CHILD_ENV,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 4000) err += b.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' || err.code === 'EACCES' ? ocrUnavailable(missing) : err),
    );
    child.on('close', (code, signal) =>
      resolve({ stdout: Buffer.concat(out), stderr: err, code: signal ? -1 : code }),
    );
    child.stdin.on('error', () => {}); // a program that exits early closes its input
    child.stdin.end(input ?? undefined);
  });
}

const TESSERACT = `Tesseract, which is not installed: apt-get install tesseract-ocr ${Object.values(
  TESSERACT_LANGUAGE,
)
  .concat('chi_tra')
  .filter((l) => l !== 'eng')
  .map(debianPackage)
  .join(' ')} poppler-utils (Debian, Ubuntu)`;

/** The languages each Tesseract (by path) has data for, once it has been asked. */
const known = new Map<string, Set<string>>();

/**
 * Checks that Tesseract with its data for `language` (ISO 639-3) as written in `country` and, for
 * PDFs, poppler are installed; returns Tesseract's name for the language.
 */
export async function checkOcr(
  language: string,
  country: string | null,
  pdf: boolean,
  file: string,
): Promise<string> {
  const tess = tesseractLanguage(language, country, file);
  let languages = known.get(path('tesseract'));
  if (!languages) {
    const listed = await runProgram('tesseract', ['--list-langs'], TESSERACT, null, 30_000);
    if (listed.code !== 0) throw ocrUnavailable(TESSERACT);
    languages = new Set(
      listed.stdout
        .toString()
        .split('\n')
        .slice(1)
        .map((l) => l.trim()),
    );
    known.set(path('tesseract'), languages);
  }
  if (!languages.has(tess)) {
    known.delete(path('tesseract')); // installed meanwhile: look again next time
    throw ocrUnavailable(
      `Tesseract's data for ${language}, which is not installed: apt-get install ${debianPackage(tess)}`,
    );
  }
  if (pdf) await runProgram('pdftoppm', ['-v'], POPPLER, null, 30_000);
  return tess;
}

/** Recognises page `n` of `file` (an image, as openScan gives it) in Tesseract's language `tess`. */
export async function recognise(image: Buffer, tess: string, file: string, n: number): Promise<OcrPage> {
  const result = await runProgram('tesseract', ['stdin', 'stdout', '-l', tess, 'tsv'], TESSERACT, image);
  if (result.code === -1)
    throw new AppError(413, 'file_too_complex', `${file}: page ${n} took too long to read`);
  if (result.code !== 0)
    throw new AppError(
      422,
      'unreadable_page',
      `${file}: page ${n} cannot be read (${result.stderr.trim().split('\n').at(-1) || 'not an image'})`,
    );
  const [page] = parseTsv(result.stdout.toString('utf8'));
  return { ...(page ?? { text: '', confidence: null, lines: [] }), page: n };
}
