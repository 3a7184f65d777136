/**
 * Text out of PDF (pdfjs-dist, page by page, lines rebuilt from positions), DOCX (mammoth) and
 * plain text. Files without text — scanned PDFs, encrypted or corrupt files — are refused with a
 * message saying what to do. Bounded (TEXT_LIMITS): a DOCX is checked as a ZIP archive before it
 * is unpacked, a PDF of too many pages is refused before its pages are read; uploads are read in
 * the file reader's worker (../read.ts), which bounds memory and time.
 */
import mammoth from 'mammoth';
import { tooComplex } from '../../../core/errors.js';
import { checkZip, type ZipLimits } from '../../../core/files/zip.js';
import { IntakeError } from '../errors.js';

/** A long code runs to a few thousand pages; a DOCX of a law to a few MB of XML. */
export type TextLimits = { pdfPages: number; docx: ZipLimits };
export const TEXT_LIMITS: TextLimits = { pdfPages: 3_000, docx: { entries: 2_000, bytes: 64 * 2 ** 20 } };

export type Extracted = { text: string; pages: number | null };

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function extractText(
  format: 'pdf' | 'docx' | 'text',
  bytes: Buffer,
  file: string,
  limits: TextLimits = TEXT_LIMITS,
): Promise<Extracted> {
  if (!bytes.length) throw new IntakeError('empty_file', `${file}: the file is empty`);
  if (format === 'text') return { text: decodeText(bytes, file), pages: null };
  if (format === 'docx') return { text: await docxText(bytes, file, limits.docx), pages: null };
  return pdfText(bytes, file, limits.pdfPages);
}

function decodeText(bytes: Buffer, file: string): string {
  if (bytes.includes(0))
    throw new IntakeError('not_text', `${file}: this is not a text file (it holds binary data)`);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

async function docxText(bytes: Buffer, file: string, limits: ZipLimits): Promise<string> {
  if (bytes.subarray(0, 4).equals(OLE))
    throw new IntakeError(
      'encrypted_or_old_format',
      `${file}: the file is password-protected or an old .doc; save it as .docx without a password`,
    );
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    throw new IntakeError('not_docx', `${file}: this is not a DOCX file`);
  await checkZip(bytes, file, limits);
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    if (!value.trim()) throw new IntakeError('no_text', `${file}: the document holds no text`);
    return value;
  } catch (err) {
    if (err instanceof IntakeError) throw err;
    throw new IntakeError(
      'corrupt_file',
      `${file}: the DOCX file cannot be read (${(err as Error).message.split('\n')[0]})`,
    );
  }
}

type TextItem = { str: string; dir: string; hasEOL: boolean; transform: number[] };

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/** Presentation forms (shaped Arabic glyphs, Latin ligatures) back to plain letters. */
const unshape = (s: string) =>
  s.replace(/[\uFB00-\uFB06\uFB50-\uFDFF\uFE70-\uFEFF]/g, (c) => c.normalize('NFKC'));

/**
 * The text of one line. PDF draws right-to-left lines in visual order, each piece (already in
 * logical order) left to right: such a line is read from its right end, keeping runs of
 * left-to-right pieces (numbers, Latin words) in their order.
 */
function lineText(items: TextItem[]): string {
  const rtl =
    items.filter((i) => RTL.test(i.str)).length >
    items.filter((i) => /\p{L}/u.test(i.str) && !RTL.test(i.str)).length;
  if (!rtl) return unshape(items.map((i) => i.str).join(''));
  const runs: { ltr: boolean; text: string }[] = [];
  for (const item of [...items].sort((a, b) => a.transform[4] - b.transform[4])) {
    const ltr = /\S/.test(item.str) && !RTL.test(item.str);
    const last = runs.at(-1);
    if (last?.ltr && ltr) last.text += item.str;
    else runs.push({ ltr, text: item.str });
  }
  return unshape(
    runs
      .reverse()
      .map((r) => r.text)
      .join(''),
  );
}

/** Items on the same baseline form a line; a new baseline or an end-of-line mark starts the next. */
function linesOf(items: TextItem[]): string {
  const lines: string[] = [];
  let line: TextItem[] = [];
  let y: number | null = null;
  const flush = () => {
    if (line.some((i) => i.str.trim())) lines.push(lineText(line));
    line = [];
  };
  for (const item of items) {
    const baseline = item.transform[5];
    if (y !== null && Math.abs(baseline - y) > 2) flush();
    if (item.str) line.push(item);
    y = baseline;
    if (item.hasEOL) {
      flush();
      y = null;
    }
  }
  flush();
  return lines.join('\n');
}

async function pdfText(bytes: Buffer, file: string, maxPages: number): Promise<Extracted> {
  if (!bytes.subarray(0, 1024).includes('%PDF-'))
    throw new IntakeError('not_pdf', `${file}: this is not a PDF file`);
  const { getDocument, PasswordResponses } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    pdf = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const e = err as { name?: string; code?: number; message: string };
    if (e.name === 'PasswordException' || e.code === PasswordResponses.NEED_PASSWORD)
      throw new IntakeError(
        'encrypted_file',
        `${file}: the PDF is password-protected; remove the password and try again`,
      );
    throw new IntakeError('corrupt_file', `${file}: the PDF cannot be read (${e.message})`);
  }
  const pages: string[] = [];
  try {
    if (pdf.numPages > maxPages)
      throw tooComplex(
        file,
        `${pdf.numPages.toLocaleString('en')} pages; at most ${maxPages.toLocaleString('en')}`,
      );
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.filter((i): i is TextItem & typeof i => 'str' in i)));
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  const text = pages.join('\n');
  if (!text.replace(/\s/g, ''))
    throw new IntakeError(
      'no_text_layer',
      `${file}: no text layer: OCR needed (the pages are images, as in a scan)`,
    );
  return { text, pages: pages.length };
}
