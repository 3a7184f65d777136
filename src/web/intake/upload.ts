/** A multipart request to import files: the files, and what they do not say about themselves. */
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../core/errors.js';
import { readUploads } from '../../core/files/upload.js';
import { IntakeError } from '../../domains/intake/errors.js';
import { FORMATS, formatOf, type Format, type Meta, type Upload } from '../../domains/intake/service.js';

const META_FIELDS = ['country', 'language', 'date', 'title', 'type', 'number', 'year', 'format'] as const;

/** Reads a multipart request: the files (at most `maxFiles`, MAX_UPLOAD_MB in all) and the fields. */
export async function readUpload(
  req: FastifyRequest,
  maxFiles: number,
): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw badRequest('Send the files as multipart/form-data in fields named "file"');
  // DOCX files are checked as ZIP archives by the file reader (src/domains/intake/read.ts), with tighter bounds.
  const upload = await readUploads(req, {
    files: maxFiles,
    bytes: Math.floor(req.server.deps.env.MAX_UPLOAD_MB * 2 ** 20),
    zip: false,
  });
  const fields: Record<string, string> = {};
  for (const name of META_FIELDS) if (upload.fields[name]?.trim()) fields[name] = upload.fields[name].trim();
  const files = upload.files.map(({ filename, bytes }) => {
    const format = (fields.format as Format | undefined) ?? formatOf(filename);
    if (!format || !(FORMATS as readonly string[]).includes(format))
      throw new IntakeError(
        'unknown_format',
        `${filename}: say the format (akn, pdf, docx, text or image); the file name does not tell`,
      );
    return { file: filename, format, bytes };
  });
  if (!files.length) throw badRequest('No file in the request; send it in a field named "file"');
  return { files, fields };
}

export const metaOf = (fields: Record<string, string>): Meta => ({
  country: fields.country?.toUpperCase(),
  language: fields.language,
  date: fields.date,
  title: fields.title,
  type: fields.type as Meta['type'],
  number: fields.number,
  year: fields.year,
});
