/** Workflow transitions, history and restore for works, cases and documents — API and pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSee, type Viewer } from '../../core/access.js';
import { policy } from '../shell/auth.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { notFound } from '../../core/errors.js';
import { sendPage } from '../shell/ui.js';
import { history, restoreVersion } from '../../domains/editorial/history.js';
import { assertCanEdit } from '../../core/policy.js';
import { editRoutes } from './edit-routes.js';
import { HistoryPage } from './views.js';
import { editorialItem, itemTitle, transition, transitionInput } from '../../domains/editorial/workflow.js';
import { ITEM_KINDS, registerContentKinds, type ItemKind } from '../../domains/editorial/content-kinds.js';
import { caseKind } from '../../domains/caselaw/content-kind.js';
import { documentKind } from '../../domains/documents/content-kind.js';
import { workKind } from '../../domains/legislation/content-kind.js';
import { recordId, jsonId } from '../../core/codes.js';

const PLURAL: Record<ItemKind, string> = { work: 'works', case: 'cases', document: 'documents' };
const params = z.object({ kind: z.enum(ITEM_KINDS), id: z.string() });

/** The item, if the viewer may see it, with its title and public address. */
async function visibleItem(db: Orm, viewer: Viewer, kind: ItemKind, id: string) {
  const item = await editorialItem(db, kind, id);
  if (!canSee(viewer, item)) throw notFound(`${kind} ${id}`);
  return { ...item, ...(await itemTitle(db, kind, id)) };
}

export async function editorialRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  registerContentKinds([workKind, caseKind, documentKind]);

  for (const kind of ITEM_KINDS) {
    const tags = [
      PLURAL[kind] === 'works' ? 'legislation' : PLURAL[kind] === 'cases' ? 'case law' : 'documents',
    ];
    app.post(
      `/api/v1/${PLURAL[kind]}/:id/transition`,
      {
        ...policy('contribute'),
        schema: {
          tags,
          summary: `Move the ${kind} through the workflow (draft → in_review → published ⇄ unpublished)`,
          params: z.object({ id: z.string() }),
          body: transitionInput,
        },
      },
      async (req) =>
        inTransaction(database, (tx) =>
          transition(tx, req.viewer, kind, req.params.id, req.body.to, req.body.note),
        ),
    );
    app.get(
      `/api/v1/${PLURAL[kind]}/:id/history`,
      {
        ...policy('contribute'),
        schema: {
          tags,
          summary: `The ${kind}'s history with field-level changes`,
          params: z.object({ id: z.string() }),
        },
      },
      async (req) => {
        await visibleItem(db(), req.viewer, kind, req.params.id);
        return { items: await history(db(), req.viewer, kind, req.params.id) };
      },
    );
    app.post(
      `/api/v1/${PLURAL[kind]}/:id/restore`,
      {
        ...policy('contribute'),
        schema: {
          tags,
          summary: `Restore the ${kind} as it was after a history event`,
          params: z.object({ id: z.string() }),
          body: z.object({ event: jsonId }),
        },
      },
      async (req) => {
        await inTransaction(database, (tx) =>
          restoreVersion(tx, req.viewer, kind, req.params.id, req.body.event),
        );
        return { restored: req.body.event };
      },
    );
  }

  app.get(
    '/history/:kind/:id',
    { ...policy('contribute'), schema: { hide: true, params } },
    async (req, reply) => {
      const item = await visibleItem(db(), req.viewer, req.params.kind, req.params.id);
      let canRestore = true;
      try {
        assertCanEdit(req.viewer, item);
      } catch {
        canRestore = false;
      }
      const events = await history(db(), req.viewer, req.params.kind, req.params.id);
      return sendPage(
        reply,
        HistoryPage({
          ui: req.ui,
          kind: req.params.kind,
          id: req.params.id,
          title: item.title,
          href: item.href,
          status: item.editorial_status,
          events,
          canRestore,
        }),
      );
    },
  );
  app.post(
    '/history/:kind/:id/restore',
    { ...policy('contribute'), schema: { hide: true, params, body: z.object({ event: recordId }) } },
    async (req, reply) => {
      await inTransaction(database, (tx) =>
        restoreVersion(tx, req.viewer, req.params.kind, req.params.id, req.body.event),
      );
      return reply.redirect(`/history/${req.params.kind}/${req.params.id}`, 303);
    },
  );
  await app.register(editRoutes);
}
