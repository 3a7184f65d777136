/** Document routes: API and pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachments } from '../../domains/attachments/service.js';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { sendPage } from '../shell/ui.js';
import {
  createDocument,
  deleteDocument,
  documentInput,
  documentListQuery,
  documentPatch,
  getDocument,
  listDocuments,
  updateDocument,
} from '../../domains/documents/service.js';
import { documentEditRoutes } from './edit-routes.js';
import { DocumentPage, DocumentsPage } from './views.js';

const idParam = z.object({ id: z.string() });
const secured = { tags: ['documents'], security: [{ token: [] }] };

export async function documentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(documentEditRoutes);
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/documents',
    {
      ...policy('public'),
      schema: { tags: ['documents'], summary: 'List documents', querystring: documentListQuery },
    },
    async (req) => listDocuments(db(), req.viewer, req.query),
  );
  app.get(
    '/api/v1/documents/:id',
    { ...policy('public'), schema: { tags: ['documents'], summary: 'Get a document', params: idParam } },
    async (req) => getDocument(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/documents',
    { ...policy('contribute'), schema: { ...secured, summary: 'Create a document', body: documentInput } },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(app.deps.db, (tx) => createDocument(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/documents/:id',
    {
      ...policy('contribute'),
      schema: { ...secured, summary: 'Update a document', params: idParam, body: documentPatch },
    },
    async (req) =>
      inTransaction(app.deps.db, (tx) => updateDocument(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/documents/:id',
    { ...policy('contribute'), schema: { ...secured, summary: 'Delete a document', params: idParam } },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteDocument(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    '/documents',
    { ...policy('public'), schema: { hide: true, querystring: documentListQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        DocumentsPage({
          ui: req.ui,
          result: await listDocuments(db(), req.viewer, req.query),
          filters: req.query,
        }),
      ),
  );
  app.get(
    '/documents/:id',
    { ...policy('public'), schema: { hide: true, params: idParam } },
    async (req, reply) => {
      const [doc, attachments] = await Promise.all([
        getDocument(db(), req.viewer, req.params.id),
        listAttachments(db(), req.viewer, 'document', req.params.id),
      ]);
      return sendPage(reply, DocumentPage({ ui: req.ui, doc, attachments }));
    },
  );
}
