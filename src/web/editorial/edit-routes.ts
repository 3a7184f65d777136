/** The back-office dashboard, workflow buttons and file uploads shared by the edit pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { addAttachment, deleteAttachment } from '../../domains/attachments/service.js';
import { listCases } from '../../domains/caselaw/service.js';
import { inTransaction } from '../../core/db/tx.js';
import { listDocuments } from '../../domains/documents/service.js';
import { badRequest } from '../../core/errors.js';
import { fileBytes } from '../../core/files/upload.js';
import { queueSummaries } from '../../domains/analysis/review.js';
import { listWorks, recentWorks } from '../../domains/legislation/service.js';
import { sendPage } from '../shell/ui.js';
import { DashboardPage } from './edit-views.js';
import { transition, transitionInput } from '../../domains/editorial/workflow.js';
import { ITEM_KINDS } from '../../domains/editorial/content-kinds.js';
import { recordId } from '../../core/codes.js';

const params = z.object({ kind: z.enum(ITEM_KINDS), id: z.string() });
const OPEN = ['draft', 'in_review', 'unpublished'] as const;

export async function editRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get('/edit', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) => {
    const v = req.viewer;
    const lists = await Promise.all(
      OPEN.map(async (status) => {
        const [works, cases, documents] = await Promise.all([
          listWorks(db(), v, { editorial_status: status, limit: 200, sort: '-created_at' }),
          listCases(db(), v, { editorial_status: status, limit: 200, sort: '-created_at' }),
          listDocuments(db(), v, { editorial_status: status, limit: 200, sort: '-created_at' }),
        ]);
        return [
          ...works.items.map((w) => ({
            kind: 'work' as const,
            id: w.id,
            title: w.title.eng ?? Object.values(w.title)[0],
            country: w.country,
            editorial_status: w.editorial_status,
            tier: w.tier,
            href: w.uri,
          })),
          ...cases.items.map((c) => ({
            kind: 'case' as const,
            id: c.id,
            title: c.title,
            country: c.country,
            editorial_status: c.editorial_status,
            tier: c.tier,
            href: `/cases/${c.id}`,
          })),
          ...documents.items.map((d) => ({
            kind: 'document' as const,
            id: d.id,
            title: d.title,
            country: d.country,
            editorial_status: d.editorial_status,
            tier: d.tier,
            href: `/documents/${d.id}`,
          })),
        ];
      }),
    );
    // Recent laws of every status the viewer may see (published ones too), and the review queues.
    const [laws, queues] = await Promise.all([recentWorks(db(), v), queueSummaries(db(), v)]);
    return sendPage(reply, DashboardPage({ ui: req.ui, items: lists.flat(), laws, queues }));
  });

  app.post(
    '/edit/:kind/:id/transition',
    {
      ...policy('contribute'),
      schema: { hide: true, params, body: z.object({ to: transitionInput.shape.to }) },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) =>
        transition(tx, req.viewer, req.params.kind, req.params.id, req.body.to),
      );
      return reply.redirect(`/edit/${req.params.kind}/${req.params.id}`, 303);
    },
  );

  app.post(
    '/edit/:kind/:id/attachments',
    { ...policy('contribute'), schema: { hide: true, params } },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('Choose a file to upload');
      const file = await req.file();
      if (!file) throw badRequest('Choose a file to upload');
      const bytes = await fileBytes(file);
      await inTransaction(database, (tx) =>
        addAttachment(tx, req.viewer, {
          ownerType: req.params.kind,
          ownerId: req.params.id,
          filename: file.filename,
          mediaType: file.mimetype,
          bytes,
        }),
      );
      return reply.redirect(`/edit/${req.params.kind}/${req.params.id}#files`, 303);
    },
  );
  app.post(
    '/edit/:kind/:id/attachments/:file/delete',
    { ...policy('contribute'), schema: { hide: true, params: params.extend({ file: recordId }) } },
    async (req, reply) => {
      await inTransaction(database, (tx) => deleteAttachment(tx, req.viewer, req.params.file));
      return reply.redirect(`/edit/${req.params.kind}/${req.params.id}#files`, 303);
    },
  );
}
