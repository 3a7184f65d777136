/** The suggester's model over HTTP: its page and status, and retraining on demand (in the background). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RETRAIN_JOB, modelStatus } from '../../domains/analysis/learn/store.js';
import { listInstruments } from '../../domains/reference/service.js';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { SuggesterPage } from './views/suggester.js';

const instrumentQuery = z.object({
  instrument: z
    .string()
    .regex(/^[A-Z0-9]+$/, 'an instrument code such as ETS185')
    .default('ETS185'),
});

export async function suggesterRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/suggester',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary:
          "The suggester's model: version, what it learnt from, its figures on laws it had not learnt from",
        querystring: instrumentQuery,
      },
    },
    async (req) => modelStatus(db(), req.query.instrument),
  );
  app.post(
    '/api/v1/suggester/retrain',
    {
      ...policy('edit'),
      schema: {
        tags: ['review'],
        security: [{ token: [] }],
        summary:
          "Retrain the suggester's models in the background (on the shipped data and every review decision)",
      },
    },
    async (_req, reply) => {
      await app.jobs.send(RETRAIN_JOB, {});
      return reply.code(202).send({ queued: true });
    },
  );
  app.get(
    '/suggester',
    {
      ...policy('edit'),
      schema: { hide: true, querystring: instrumentQuery.extend({ queued: z.literal('1').optional() }) },
    },
    async (req, reply) => {
      const instruments = (await listInstruments(db())).map((i) => ({ code: i.code, name: i.short_name }));
      return sendPage(
        reply,
        SuggesterPage({
          ui: req.ui,
          status: await modelStatus(db(), req.query.instrument),
          instruments,
          queued: !!req.query.queued,
        }),
      );
    },
  );
  app.post(
    '/suggester/retrain',
    { ...policy('edit'), schema: { hide: true, querystring: instrumentQuery } },
    async (req, reply) => {
      await app.jobs.send(RETRAIN_JOB, {});
      return reply.redirect(`/suggester?instrument=${req.query.instrument}&queued=1`, 303);
    },
  );
}
