/**
 * Imports in the background over HTTP: send IATI files and law files (API and page), and follow imports
 * (list, one; a scan's OCR page by page). Scans are sent from the law import page (../intake/scan-routes.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordId } from '../../core/codes.js';
import { badRequest } from '../../core/errors.js';
import { readUploads } from '../../core/files/upload.js';
import { isProgrammeStaff } from '../../core/access.js';
import { cancelImport, getImport, listImports, queueImports } from '../../domains/imports/jobs.js';
import { queueLaws } from '../../domains/imports/law-job.js';
import { metaOf, readUpload } from '../intake/upload.js';
import { policy, uploadForm } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { ImportPage, ImportsPage } from './views.js';

const MAX_FILES = 20;
const MAX_LAW_FILES = 200;

export async function importRoutes(base: FastifyInstance) {
  lawImportRoutes(base);
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const maxMb = app.deps.env.MAX_UPLOAD_MB;

  /** The request's files, kept with their jobs and queued. */
  const queue = async (req: FastifyRequest) => {
    if (!req.isMultipart()) throw badRequest('Send the files as multipart/form-data in fields named "file"');
    const { files } = await readUploads(req, { files: MAX_FILES, bytes: Math.floor(maxMb * 2 ** 20) });
    if (!files.length)
      throw badRequest('Choose one or more IATI files', { fields: [{ field: 'file', message: 'no file' }] });
    return queueImports(db(), app.jobs, req.viewer, 'iati', files);
  };

  app.post(
    '/api/v1/imports/iati',
    {
      ...policy('programme'),
      schema: {
        tags: ['imports'],
        security: [{ token: [] }],
        summary:
          'Import IATI activity or organisation files in the background (each file all or nothing, 2.03 files validated against the official schema): 202 with the jobs to follow at /api/v1/imports/{id}',
      },
    },
    async (req, reply) => reply.code(202).send({ items: await queue(req) }),
  );
  app.get(
    '/api/v1/imports',
    {
      ...policy('contribute'),
      schema: {
        tags: ['imports'],
        summary:
          "Files imported in the background that the caller follows (their own; IATI files for programme staff, scans for editors), newest first, with their status and report (a scan's pages left out)",
      },
    },
    async (req) => ({ items: await listImports(db(), req.viewer) }),
  );
  app.get(
    '/api/v1/imports/:id',
    {
      ...policy('contribute'),
      schema: {
        tags: ['imports'],
        summary:
          "A background import: queued, running (a scan: pages_done of pages_total), done (its report; a scan's pages with their lines and confidence) or failed (why)",
        params: z.object({ id: recordId }),
      },
    },
    async (req) => getImport(db(), req.viewer, req.params.id),
  );
  app.delete(
    '/api/v1/imports/:id',
    {
      ...policy('contribute'),
      schema: {
        tags: ['imports'],
        security: [{ token: [] }],
        summary:
          'Cancel an import: a scan while it waits or is read, another file while it waits (409 not_cancellable once done, failed or running)',
        params: z.object({ id: recordId }),
      },
    },
    async (req) => cancelImport(db(), req.viewer, req.params.id),
  );
  app.post(
    '/imports/:id/cancel',
    { ...policy('contribute'), schema: { hide: true, params: z.object({ id: recordId }) } },
    async (req, reply) => {
      await cancelImport(db(), req.viewer, req.params.id);
      return reply.redirect(`/imports/${req.params.id}`, 303);
    },
  );
  app.get('/imports', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) =>
    sendPage(
      reply,
      ImportsPage({
        ui: req.ui,
        list: await listImports(db(), req.viewer),
        maxMb,
        iati: isProgrammeStaff(req.viewer),
      }),
    ),
  );
  app.get(
    '/imports/:id',
    { ...policy('contribute'), schema: { hide: true, params: z.object({ id: recordId }) } },
    async (req, reply) =>
      sendPage(reply, ImportPage({ ui: req.ui, job: await getImport(db(), req.viewer, req.params.id) })),
  );
  app.post('/imports/iati', { ...policy('programme'), schema: { hide: true } }, async (req, reply) => {
    await queue(req);
    return reply.redirect('/imports', 303);
  });
}

/** Law files sent to be imported in the background: the API and the imports page's form. */
function lawImportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  app.post(
    '/api/v1/imports/laws',
    {
      ...policy('contribute'),
      schema: {
        tags: ['imports'],
        security: [{ token: [] }],
        summary: `Import laws and judgments in the background (many files, or large ones): Akoma Ntoso, PDF, DOCX or text, as POST /api/v1/imports takes them (at most ${MAX_LAW_FILES} files, MAX_UPLOAD_MB in all); each file imported whole or not at all, as the account that sent it: 202 with the jobs to follow at /api/v1/imports/{id}`,
      },
    },
    async (req, reply) => {
      const { files, fields } = await readUpload(req, MAX_LAW_FILES);
      return reply
        .code(202)
        .send({ items: await queueLaws(db(), app.jobs, req.viewer, files, metaOf(fields)) });
    },
  );
  app.post(
    uploadForm('/imports/laws'),
    { ...policy('contribute'), schema: { hide: true } },
    async (req, reply) => {
      const { files, fields } = await readUpload(req, MAX_LAW_FILES);
      await queueLaws(db(), app.jobs, req.viewer, files, metaOf(fields));
      return reply.redirect('/imports', 303);
    },
  );
}
