/**
 * ZIP archives (DOCX, XLSX) checked before anything unpacks them: the central directory is read
 * (entry count, methods, declared sizes, where each entry's data lies), then every entry is
 * inflated as a stream and its output counted and thrown away, stopping as soon as the total
 * passes the bound — declared sizes are not trusted, and overlapping entries count each time.
 * Memory stays at one chunk; inflating runs on libuv's thread pool, not the event loop.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../errors.js';
import { tooComplex } from '../errors.js';

export type ZipLimits = { entries: number; bytes: number };
/** Stored files: only a bomb is refused (a 25 MB spreadsheet can hold 300 MB of XML). */
export const STORED_ZIP: ZipLimits = { entries: 20_000, bytes: 512 * 2 ** 20 };

export const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'binary');
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

type Entry = { name: string; method: number; compressed: number; size: number; offset: number };

const corrupt = (what: string, why: string) =>
  new AppError(422, 'corrupt_file', `${what}: the ZIP archive is damaged (${why})`);
const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/** The entries the central directory lists (no data is read). */
export function zipEntries(bytes: Buffer, what: string, limits: ZipLimits): Entry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw corrupt(what, 'no central directory');
  const count = bytes.readUInt16LE(end + 10);
  const dirSize = bytes.readUInt32LE(end + 12);
  const dirOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw tooComplex(what, 'ZIP64 archives are not accepted');
  if (count > limits.entries)
    throw tooComplex(what, `${count} files in the archive; at most ${limits.entries}`);
  if (dirOffset + dirSize > end) throw corrupt(what, 'the central directory lies outside the file');
  const entries: Entry[] = [];
  let declared = 0;
  for (let p = dirOffset, n = 0; n < count; n++) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== CENTRAL)
      throw corrupt(what, `entry ${n + 1} of the central directory is missing`);
    const nameLength = bytes.readUInt16LE(p + 28);
    const entry = {
      method: bytes.readUInt16LE(p + 10),
      compressed: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff)
      throw tooComplex(what, 'ZIP64 archives are not accepted');
    if (entry.method !== 0 && entry.method !== 8)
      throw corrupt(what, `${entry.name} uses compression method ${entry.method}`);
    declared += entry.size;
    if (declared > limits.bytes) throw tooComplex(what, `it unpacks to more than ${mb(limits.bytes)}`);
    entries.push(entry);
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return entries;
}

/** Refuses an archive with too many entries or that unpacks (really, not as declared) to more than the bound. */
export async function checkZip(bytes: Buffer, what: string, limits: ZipLimits): Promise<void> {
  let total = 0;
  for (const e of zipEntries(bytes, what, limits)) {
    if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== LOCAL)
      throw corrupt(what, `${e.name} is not where the directory says`);
    const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
    if (start + e.compressed > bytes.length) throw corrupt(what, `${e.name} runs past the end of the file`);
    const data = bytes.subarray(start, start + e.compressed);
    if (e.method === 0) total += data.length;
    else total = await inflateCounting(data, total, limits.bytes, what);
    if (total > limits.bytes) throw tooComplex(what, `it unpacks to more than ${mb(limits.bytes)}`);
  }
}

/** Inflates `data`, adding its output to `total`; stops (and refuses) once past `max`. */
function inflateCounting(data: Buffer, total: number, max: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let done = false;
    const settle = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        settle(() => reject(tooComplex(what, `it unpacks to more than ${mb(max)}`)));
        inflate.destroy();
      }
    });
    inflate.on('error', (err) => settle(() => reject(corrupt(what, err.message))));
    inflate.on('end', () => settle(() => resolve(total)));
    inflate.end(data);
  });
}
