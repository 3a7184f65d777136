/**
 * Intake over HTTP: `POST /api/v1/imports` (multipart: files and what they do not say; returns the
 * import report), `GET /api/v1/works/{id}/akn` (Akoma Ntoso export), and the editors' upload page,
 * whose preview is the law editor filled with the proposed provisions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { conceptOptions, countryOptions } from '../editorial/form-support.js';
import { AppError, badRequest } from '../../core/errors.js';
import { readUploads } from '../../core/files/upload.js';
import { rowsFromTree } from '../../domains/legislation/provisions-editor.js';
import { NewWorkPage } from '../legislation/edit-views.js';
import { titleFields } from '../shell/titles.js';
import { findWork } from '../../domains/legislation/service.js';
import { sendPage } from '../shell/ui.js';
import { exportAkn } from '../../domains/intake/akn/export.js';
import { IntakeError } from '../../domains/intake/errors.js';
import { isoDate } from '../../core/codes.js';
import { keepUpload } from '../../domains/intake/pending.js';
import {
  FORMATS,
  formatOf,
  importFiles,
  propose,
  save,
  type Format,
  type Meta,
} from '../../domains/intake/service.js';
import { UploadPage } from './views.js';

const META_FIELDS = ['country', 'language', 'date', 'title', 'type', 'number', 'format'] as const;
type Upload = { file: string; format: Format; bytes: Buffer };

/** Reads a multipart request: the files (at most `maxFiles`, MAX_UPLOAD_MB in all) and the fields. */
async function readUpload(
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
        `${filename}: say the format (akn, pdf, docx or text); the file name does not tell`,
      );
    return { file: filename, format, bytes };
  });
  if (!files.length) throw badRequest('No file in the request; send it in a field named "file"');
  return { files, fields };
}

const metaOf = (fields: Record<string, string>): Meta => ({
  country: fields.country?.toUpperCase(),
  language: fields.language,
  date: fields.date,
  title: fields.title,
  type: fields.type as Meta['type'],
  number: fields.number,
});

const report = z.object({
  file: z.string(),
  ok: z.boolean(),
  work: z.string().nullable(),
  expression: z.string().nullable(),
  case: z.string().nullable(),
  provisions: z.number(),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
  code: z.string().nullable(),
});

const failure = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export async function intakeRoutes(base: FastifyInstance) {
  intakeApiRoutes(base);
  importPageRoutes(base);
}

/** The intake API: import files, and export a work as Akoma Ntoso. */
function intakeApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.post(
    '/api/v1/imports',
    {
      ...policy('contribute'),
      schema: {
        tags: ['intake'],
        summary:
          'Import laws and judgments: Akoma Ntoso, PDF, DOCX or text (multipart: fields "file", and country, language, date, title, type, number for PDF, DOCX and text)',
        description:
          'Each file is imported in its own transaction. 201 when every file was imported, 422 when any was not; the report says which.',
        security: [{ token: [] }],
        // 422: the report, or (a request that cannot be read at all) the usual error
        response: {
          201: z.object({ files: z.array(report) }),
          422: z.union([z.object({ files: z.array(report) }), failure]),
        },
      },
    },
    async (req, reply) => {
      const { files, fields } = await readUpload(req, 20);
      const reports = await importFiles(database, req.viewer, files, metaOf(fields));
      return reply.code(reports.every((r) => r.ok) ? 201 : 422).send({ files: reports });
    },
  );

  app.get(
    '/api/v1/works/:id/akn',
    {
      ...policy('public'),
      schema: {
        tags: ['intake'],
        summary: 'An expression of a work as Akoma Ntoso 3.0 XML',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          language: z
            .string()
            .regex(/^[a-z]{3}$/)
            .optional(),
          date: isoDate.optional(),
        }),
      },
    },
    async (req, reply) => {
      const { xml, filename } = await exportAkn(database.orm, req.viewer, req.params.id, req.query);
      return reply
        .header('content-type', 'application/akn+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(xml);
    },
  );
}

/** The editors' upload page, and its preview: the law editor filled with the proposed provisions. */
function importPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.get('/edit/import', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) =>
    sendPage(
      reply,
      UploadPage({
        ui: req.ui,
        countries: await countryOptions(database.orm, req),
        fields: { country: req.viewer.countries[0] ?? '' },
      }),
    ),
  );

  app.post('/edit/import', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) => {
    const countries = await countryOptions(database.orm, req);
    let fields: Record<string, string> = {};
    try {
      const upload = await readUpload(req, 1);
      fields = upload.fields;
      const [file] = upload.files;
      const proposal = await propose(database.orm, file.format, file.bytes, file.file, metaOf(fields));
      if (proposal.kind === 'case') {
        // A judgment has no provisions to check: it is saved as a draft case, to be edited there.
        const saved = await inTransaction(database, (tx) => save(tx, req.viewer, proposal, file));
        return reply.redirect(`/edit/case/${saved.case!.split('/').pop()}`, 303);
      }
      const upload_id = await keepUpload(database.orm, req.viewer, file, proposal);
      const w = proposal.work;
      const e = w.expressions[0];
      const form = {
        country: w.country,
        type: w.type,
        number: w.number,
        year: String(w.year),
        ...titleFields(w.title),
        date_adopted: w.date_adopted ?? '',
        status: w.status,
        tier: 'public',
        source: w.source ?? '',
        language: e.language,
        date: e.date,
        expression_title: e.title,
        authoritative: 'on',
        upload: upload_id,
      };
      const existing = await findWork(database.orm, w);
      const notices = [
        req.ui.t('import.preview_notice', { file: file.file }),
        ...(existing ? [req.ui.t('import.new_version', { uri: existing.uri })] : []),
        ...proposal.warnings,
      ];
      return sendPage(
        reply,
        NewWorkPage({
          ui: req.ui,
          form,
          rows: rowsFromTree(e.provisions),
          errors: {},
          countries,
          concepts: await conceptOptions(database.orm, req),
          warnings: notices,
        }),
      );
    } catch (err) {
      // The file's problems (unreadable 422, too large or too complex 413) are shown on the form.
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'csrf') throw err;
      return sendPage(
        reply,
        UploadPage({ ui: req.ui, countries, fields, error: err.message }),
        err.status === 413 ? 413 : 422,
      );
    }
  });
}
