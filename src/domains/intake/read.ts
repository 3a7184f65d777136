/**
 * Reading a file into what it holds — an Akoma Ntoso document, or the text of a PDF, DOCX or text
 * file split into provisions. Uploads are read in the file reader's worker (src/core/files/isolate.ts)
 * within AKN_LIMITS and TEXT_LIMITS, so that parsing never blocks the event loop and a hostile file
 * costs bounded memory and time. The operator's command line (`cyrepo import`) reads in-process,
 * without the size bounds (nesting depth still bounded): there is no server to protect and the
 * operator chose the file. This module is also the worker's job: its default export runs there.
 */
import { Readable } from 'node:stream';
import { AppError } from '../../core/errors.js';
import { DEFAULT_LIMITS, Isolate } from '../../core/files/isolate.js';
import type { ProvisionInput } from '../legislation/input.js';
import { AKN_LIMITS, readAkn, type AknDocument, type AknLimits } from './akn/parse.js';
import { extractText, TEXT_LIMITS, type TextLimits } from './text/extract.js';
import { segmentText } from './text/segment.js';
import { cleanDeep } from '../../core/text.js';
import { IntakeError } from './errors.js';

/** image: a scanned page (PNG, JPEG, TIFF), read only by OCR (./scan.ts). */
export type Format = 'akn' | 'pdf' | 'docx' | 'text' | 'image';
export type Content =
  | { kind: 'akn'; doc: AknDocument }
  | { kind: 'text'; text: string; pages: number | null; provisions: ProvisionInput[]; warnings: string[] };
/** upload: from the web, bounded and in the worker; operator: from the command line. */
export type Reader = 'upload' | 'operator';

type Limits = { akn: AknLimits; text: TextLimits };
type Input = { format: Format; bytes: Uint8Array; file: string; limits: Limits };
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** The process's file reader (pdfjs and its worker half loaded as plain JavaScript: see isolate-entry.mjs). */
export const fileReader = new Isolate({
  ...DEFAULT_LIMITS,
  preload: ['pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs'],
});
const OPERATOR: Limits = {
  akn: { ...AKN_LIMITS, elements: UNBOUNDED, provisions: UNBOUNDED },
  text: { pdfPages: UNBOUNDED, docx: { entries: 65_535, bytes: 2 ** 32 } },
};

/** What the file holds; refusals are AppErrors naming the file (422 unreadable, 413 too complex). */
export async function readContent(
  format: Format,
  bytes: Buffer,
  file: string,
  reader: Reader = 'upload',
): Promise<Content> {
  try {
    if (reader === 'operator') return await read({ format, bytes, file, limits: OPERATOR });
    return await fileReader.run<Content>(
      new URL(import.meta.url),
      { format, bytes, file, limits: { akn: AKN_LIMITS, text: TEXT_LIMITS } } satisfies Input,
      file,
    );
  } catch (err) {
    if (err instanceof AppError && !err.message.startsWith(`${file}:`))
      throw new AppError(err.status, err.code, `${file}: ${err.message}`, err.details);
    throw err;
  }
}

/** Splits a buffer so that the streaming reader is fed as from a file. */
function* chunks(bytes: Buffer, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The job (in the worker for uploads). */
export default async function read({ format, bytes: raw, file, limits }: Input): Promise<Content> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // Text as cyrepo stores it (text.ts): a stray control character in a file is dropped, not an error.
  if (format === 'akn')
    return cleanDeep({ kind: 'akn', doc: await readAkn(Readable.from(chunks(bytes)), limits.akn) });
  if (format === 'image')
    throw new IntakeError('no_text_layer', `${file}: an image has no text layer: OCR needed (a scan)`);
  const { text, pages } = await extractText(format, bytes, file, limits.text);
  const { provisions, warnings } = segmentText(text);
  return cleanDeep({ kind: 'text', text, pages, provisions, warnings });
}
