/** Attachment routes: upload (multipart, size and type checked), list, download with correct headers, delete. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { badRequest } from '../../core/errors.js';
import { fileBytes } from '../../core/files/upload.js';
import {
  addAttachment,
  attachmentBytes,
  deleteAttachment,
  listAttachments,
  OWNER_TYPES,
} from '../../domains/attachments/service.js';
import { recordId } from '../../core/codes.js';

const owner = z.object({ owner_type: z.enum(OWNER_TYPES), owner_id: z.string() });
const idParam = z.object({ id: recordId });

export async function attachmentRoutes(base: FastifyInstance) {
  attachmentApi(base);
  programmeFileRoutes(base);
}

/** The API: list, upload, download and delete the files of works, cases and documents. */
function attachmentApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/attachments',
    {
      ...policy('public'),
      schema: {
        tags: ['attachments'],
        summary: 'List the attachments of a work, case or document',
        querystring: owner,
      },
    },
    async (req) => ({
      items: await listAttachments(db(), req.viewer, req.query.owner_type, req.query.owner_id),
    }),
  );
  app.post(
    '/api/v1/attachments',
    {
      ...policy('contribute'),
      schema: {
        tags: ['attachments'],
        summary: 'Upload a file (multipart/form-data, field "file")',
        security: [{ token: [] }],
        querystring: owner,
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw badRequest('Send the file as multipart/form-data in a field named "file"');
      const file = await req.file();
      if (!file) throw badRequest('No file in the request; send it in a field named "file"');
      const bytes = await fileBytes(file);
      const meta = await inTransaction(app.deps.db, (tx) =>
        addAttachment(tx, req.viewer, {
          ownerType: req.query.owner_type,
          ownerId: req.query.owner_id,
          filename: file.filename,
          mediaType: file.mimetype,
          bytes,
        }),
      );
      return reply.code(201).send(meta);
    },
  );
  app.get(
    '/api/v1/attachments/:id/download',
    {
      ...policy('public'),
      schema: { tags: ['attachments'], summary: 'Download an attachment', params: idParam },
    },
    async (req, reply) => {
      const a = await attachmentBytes(db(), req.viewer, req.params.id);
      return reply
        .header('content-type', a.media_type)
        .header('content-length', a.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${a.sha256}"`)
        .send(a.bytes);
    },
  );
  app.delete(
    '/api/v1/attachments/:id',
    {
      ...policy('contribute'),
      schema: {
        tags: ['attachments'],
        summary: 'Delete an attachment',
        security: [{ token: [] }],
        params: idParam,
      },
    },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteAttachment(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
}

/** Where a programme record's files are shown. */
const PAGE = {
  activity: (id: string) => `/assistance/activities/${id}`,
  assessment: (id: string) => `/assessments/${id}`,
};

/** Files of programme records uploaded from their pages (an activity's agenda, an assessment's evidence). */
function programmeFileRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/files/:owner_type/:owner_id',
    {
      ...policy('programme'),
      schema: {
        hide: true,
        params: z.object({
          owner_type: z.enum(['activity', 'assessment']),
          owner_id: z.string().regex(/^\d+$/),
        }),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('Choose a file to upload');
      const file = await req.file();
      if (!file) throw badRequest('Choose a file to upload');
      // An assessment's file may be the evidence of one indicator (a form field before the file).
      const part = file.fields.indicator;
      const indicator = part && 'value' in part ? String(part.value) : '';
      if (indicator && (req.params.owner_type !== 'assessment' || !/^[a-z_]+\.[a-z_]+$/.test(indicator)))
        throw badRequest(`${indicator} is not an indicator`);
      const ownerId = indicator ? `${req.params.owner_id}:${indicator}` : req.params.owner_id;
      const bytes = await fileBytes(file);
      await inTransaction(app.deps.db, (tx) =>
        addAttachment(tx, req.viewer, {
          ownerType: req.params.owner_type,
          ownerId,
          filename: file.filename,
          mediaType: file.mimetype,
          bytes,
        }),
      );
      return reply.redirect(
        `${PAGE[req.params.owner_type](req.params.owner_id)}${indicator ? `#ind-${indicator}` : '#files'}`,
        303,
      );
    },
  );
}
