/** Potential duplicate activities over HTTP: the API (list, mark reviewed) and the page to review them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { sendPage } from '../shell/ui.js';
import { overlapReview, overlaps, reviewOverlap } from '../../domains/assistance/overlaps.js';
import { OverlapsPage } from './dashboard-views.js';
import { secured, type Form } from './route-support.js';

export async function overlapApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/activities/overlaps',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          'Potential duplicates: activities of different implementers, same country, overlapping dates, shared concept or kind',
        querystring: z.object({ reviewed: z.enum(['yes', 'no']).optional() }),
      },
    },
    async (req) => ({
      items: await overlaps(db(), req.viewer, {
        reviewed: req.query.reviewed === undefined ? undefined : req.query.reviewed === 'yes',
      }),
    }),
  );
  app.post(
    '/api/v1/activities/overlaps/reviews',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Mark a potential duplicate reviewed', body: overlapReview },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => reviewOverlap(tx, req.viewer, req.body));
      return reply.code(204).send();
    },
  );
}

export async function overlapPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get('/assistance/overlaps', { ...policy('signed_in'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, OverlapsPage({ ui: req.ui, list: await overlaps(db(), req.viewer) })),
  );
  app.post(
    '/assistance/overlaps',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      await inTransaction(database, (tx) =>
        reviewOverlap(
          tx,
          req.viewer,
          overlapReview.parse({
            a: Number(form.a),
            b: Number(form.b),
            verdict: form.verdict,
            note: form.note || undefined,
          }),
        ),
      );
      return reply.redirect('/assistance/overlaps', 303);
    },
  );
}
