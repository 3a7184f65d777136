/**
 * Files out of a multipart request, bounded: the size of each file (the multipart settings), the
 * size of all files together and their number (refused with 413 as soon as passed, never buffered
 * whole), and ZIP archives (DOCX, XLSX) checked so that a ZIP bomb is refused before it is stored.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { checkInput } from '../text.js';
import { checkZip, STORED_ZIP, ZIP_MAGIC } from './zip.js';

export type Uploaded = { filename: string; mimetype: string; bytes: Buffer };

const mb = (n: number) => `${Math.round((n / 2 ** 20) * 10) / 10} MB`;
const tooLarge = (message: string) => new AppError(413, 'payload_too_large', message);

/** The multipart plugin's own limit errors, with cyrepo's codes and words. */
function limitError(err: unknown, maxFiles: number): unknown {
  const code = (err as { code?: string })?.code;
  if (code === 'FST_FILES_LIMIT')
    return new AppError(
      413,
      'too_many_files',
      `Send at most ${maxFiles} file${maxFiles === 1 ? '' : 's'} in one request`,
    );
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError(413, 'too_many_fields', 'The form has too many fields');
  // A body cut short or malformed is the client's (busboy's errors carry no status).
  if (err instanceof Error && !(err instanceof AppError) && !('statusCode' in err))
    return new AppError(400, 'invalid_multipart', `The multipart body cannot be read (${err.message})`);
  return err;
}

/**
 * Reads one uploaded file (413 past the multipart file size, or past `budget.left` bytes of the
 * request's `budget.total`) and, unless `zip` is false, checks it if it is a ZIP archive.
 */
export async function fileBytes(
  part: MultipartFile,
  budget = { left: Infinity, total: Infinity },
  zip = true,
): Promise<Buffer> {
  // The file's name and the form's other fields follow the rule for every text cyrepo stores.
  checkInput(part.filename, `${part.fieldname}.filename`);
  for (const [name, field] of Object.entries(part.fields ?? {}))
    if (field && 'value' in field) checkInput(field.value, name);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (part.file.truncated) throw tooLarge(`${part.filename} is larger than the upload limit`);
      if (size > budget.left) {
        part.file.destroy();
        throw tooLarge(`The files together are larger than ${mb(budget.total)}`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw limitError(err, 1);
  }
  if (part.file.truncated) throw tooLarge(`${part.filename} is larger than the upload limit`);
  const bytes = Buffer.concat(chunks);
  if (zip && bytes.subarray(0, 4).equals(ZIP_MAGIC)) await checkZip(bytes, part.filename, STORED_ZIP);
  return bytes;
}

/**
 * Reads the files and the text fields of a multipart request: at most `files` files and `bytes`
 * bytes in all (a declared length above that is refused before anything is read). `zip: false`
 * leaves ZIP archives to a reader that checks them itself (intake, with tighter bounds).
 */
export async function readUploads(
  req: FastifyRequest,
  limits: { files: number; bytes: number; zip?: boolean },
): Promise<{ files: Uploaded[]; fields: Record<string, string> }> {
  const declared = Number(req.headers['content-length']);
  // The form's other fields and the part headers come on top of the files.
  if (declared > limits.bytes + 2 ** 20)
    throw tooLarge(`The request (${mb(declared)}) is larger than ${mb(limits.bytes)}`);
  const files: Uploaded[] = [];
  const fields: Record<string, string> = {};
  let left = limits.bytes;
  try {
    for await (const part of req.parts({ limits: { files: limits.files } })) {
      if (part.type === 'file') {
        const bytes = await fileBytes(part, { left, total: limits.bytes }, limits.zip ?? true);
        left -= bytes.length;
        if (part.filename) files.push({ filename: part.filename, mimetype: part.mimetype, bytes });
      } else if (typeof part.value === 'string') {
        checkInput(part.value, part.fieldname);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw limitError(err, limits.files);
  }
  return { files, fields };
}
