/**
 * Intake over HTTP: `POST /api/v1/imports` (multipart: files and what they do not say; returns the
 * import report), `GET /api/v1/works/{id}/akn` (Akoma Ntoso export), and the editors' upload page,
 * whose preview is the law editor filled with the proposed provisions.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { countryOptions } from '../editorial/form-support.js';
import { AppError } from '../../core/errors.js';
import { sendPage } from '../shell/ui.js';
import { exportAkn } from '../../domains/intake/akn/export.js';
import { isoDate } from '../../core/codes.js';
import { keepUpload } from '../../domains/intake/pending.js';
import { importFiles, needsOcr, propose, save } from '../../domains/intake/service.js';
import { queueScans } from '../../domains/imports/scan-job.js';
import { previewPage } from './preview.js';
import { metaOf, readUpload } from './upload.js';
import { scanRoutes } from './scan-routes.js';
import { UploadPage } from './views.js';
import { getWorkRow } from '../../domains/legislation/service.js';
import { textFieldsOf } from '../legislation/edit-form.js';

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
  scanRoutes(base);
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
          'Each file is imported in its own transaction, while the request waits. 201 when every file was imported, 422 when any was not; the report says which. Many or large files: POST /api/v1/imports/laws imports them in the background.',
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

  app.get(
    '/edit/import',
    {
      ...policy('contribute'),
      schema: { hide: true, querystring: z.object({ work: z.string().optional() }) },
    },
    async (req, reply) => {
      // ?work=: the text of a law whose text is still to come, its metadata filled in
      const awaited = req.query.work ? await getWorkRow(database.orm, req.viewer, req.query.work) : undefined;
      return sendPage(
        reply,
        UploadPage({
          ui: req.ui,
          countries: await countryOptions(database.orm, req),
          fields: awaited ? textFieldsOf(awaited) : { country: req.viewer.countries[0] ?? '' },
        }),
      );
    },
  );

  app.post('/edit/import', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) => {
    const countries = await countryOptions(database.orm, req);
    let fields: Record<string, string> = {};
    try {
      const upload = await readUpload(req, 1);
      fields = upload.fields;
      const [file] = upload.files;
      const proposal = await propose(database.orm, file.format, file.bytes, file.file, metaOf(fields)).catch(
        async (err: unknown) => {
          if (!needsOcr(err)) throw err;
          return null; // a scan: read by OCR in the background
        },
      );
      if (!proposal) {
        const [job] = await queueScans(database.orm, app.jobs, req.viewer, [file], metaOf(fields));
        return reply.redirect(`/imports/${job.id}`, 303);
      }
      if (proposal.kind === 'case') {
        // A judgment has no provisions to check: it is saved as a draft case, to be edited there.
        const saved = await inTransaction(database, (tx) => save(tx, req.viewer, proposal, file));
        return reply.redirect(`/edit/case/${saved.case!.split('/').pop()}`, 303);
      }
      const kept = await keepUpload(database.orm, req.viewer, file, proposal);
      return sendPage(
        reply,
        await previewPage(database.orm, req, proposal, kept, [
          req.ui.t('import.preview_notice', { file: file.file }),
        ]),
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
