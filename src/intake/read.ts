/**
 * Reading an uploaded file into what it holds — an Akoma Ntoso document, or the text of a PDF,
 * DOCX or text file split into provisions — in the file reader's worker (src/files/isolate.ts),
 * so that parsing never blocks the event loop and a hostile file costs bounded memory and time.
 * This module is also the worker's job: its default export runs there.
 */
import { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fileReader } from '../files/isolate.js';
import { cleanDeep } from '../text.js';
import type { ProvisionInput } from '../legislation/input.js';
import { readAkn, type AknDocument } from './akn/parse.js';
import { extractText } from './text/extract.js';
import { segmentText } from './text/segment.js';

export type Format = 'akn' | 'pdf' | 'docx' | 'text';
export type Content =
  | { kind: 'akn'; doc: AknDocument }
  | { kind: 'text'; text: string; pages: number | null; provisions: ProvisionInput[]; warnings: string[] };

type Input = { format: Format; bytes: Uint8Array; file: string };

/** What the file holds, read in the worker; refusals are AppErrors (422 unreadable, 413 too complex). */
export async function readContent(format: Format, bytes: Buffer, file: string): Promise<Content> {
  try {
    // Text as cyrepo stores it (text.ts): a stray control character in a file is dropped, not an error.
    return cleanDeep(await fileReader.run<Content>(new URL(import.meta.url), { format, bytes, file } satisfies Input, file));
  } catch (err) {
    // Every refusal names the file.
    if (err instanceof AppError && !err.message.startsWith(`${file}:`)) throw new AppError(err.status, err.code, `${file}: ${err.message}`, err.details);
    throw err;
  }
}

/** Splits a buffer so that the streaming reader is fed as from a file. */
function* chunks(bytes: Buffer, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The job, in the worker. */
export default async function read({ format, bytes: raw, file }: Input): Promise<Content> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (format === 'akn') return { kind: 'akn', doc: await readAkn(Readable.from(chunks(bytes))) };
  const { text, pages } = await extractText(format, bytes, file);
  const { provisions, warnings } = segmentText(text);
  return { kind: 'text', text, pages, provisions, warnings };
}
