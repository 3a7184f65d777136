/** The directory imported from CSV or XLSX: the API (preview, or write with confirm=true) and the upload, preview and confirm pages. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../core/errors.js';
import { fileBytes } from '../../core/files/upload.js';
import { inTransaction } from '../../core/db/tx.js';
import { previewImport, runImport, sheetRecords } from '../../domains/cooperation/authority-import.js';
import { formBody } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { ImportPage } from './authority-import-view.js';

const secured = { tags: ['cooperation'], security: [{ token: [] }] };

/** The uploaded file's rows. */
async function uploadedRows(req: FastifyRequest) {
  if (!req.isMultipart()) throw badRequest('Send the file as multipart/form-data (field "file")');
  const file = await req.file();
  if (!file)
    throw badRequest('Choose a CSV or XLSX file', { fields: [{ field: 'file', message: 'no file' }] });
  return sheetRecords(await fileBytes(file), file.filename);
}

export async function authorityImportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.post(
    '/api/v1/authorities/import',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Import authorities from CSV or XLSX (the columns of the CSV export): each row checked; written only with confirm=true and when every row is right',
        querystring: z.object({ confirm: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req) => {
      const records = await uploadedRows(req);
      if (req.query.confirm === 'false')
        return { written: false, rows: await previewImport(database.orm, records) };
      return {
        written: true,
        ...(await inTransaction(database, (tx) => runImport(tx, req.viewer, records))),
      };
    },
  );

  app.get('/authorities/import', { ...policy('programme'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, ImportPage({ ui: req.ui })),
  );
  app.post('/authorities/import', { ...policy('programme'), schema: { hide: true } }, async (req, reply) => {
    const records = await uploadedRows(req);
    return sendPage(
      reply,
      ImportPage({ ui: req.ui, records, rows: await previewImport(database.orm, records) }),
    );
  });
  app.post(
    '/authorities/import/confirm',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const records = z.array(z.record(z.string(), z.string())).parse(JSON.parse(req.body.records ?? '[]'));
      await inTransaction(database, (tx) => runImport(tx, req.viewer, records));
      return reply.redirect('/authorities', 303);
    },
  );
}
