/** Review of legislation over HTTP: suggestions, mappings, the review queue. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import {
  createMapping,
  deleteMapping,
  getMapping,
  listMappings,
  mappingInput,
  mappingPatch,
  mappingQuery,
  updateMapping,
} from '../../domains/analysis/mappings.js';
import { coverageRoutes } from './coverage-routes.js';
import { reviewRoutes } from './review-routes.js';
import { suggesterRoutes } from './suggester-routes.js';
import { mappingSheetRoutes } from './mapping-sheet-routes.js';
import { suggestForWork } from '../../domains/analysis/suggest.js';
import { RETRAIN_JOB } from '../../domains/analysis/learn/store.js';
import { eid, recordId } from '../../core/codes.js';

const secured = { tags: ['review'], security: [{ token: [] }] };
/** Routes that accept, reject, change or delete mappings, or complete a review. */
const DECISIONS =
  /^\/(api\/v1\/mappings|review\/:iso3\/:instrument\/(accept|reject|mapping|status|accept-strong)|api\/v1\/reviews\/:iso3\/:instrument)/;
const RETRAIN_AFTER_SECONDS = 60;
const idParam = z.object({ id: recordId });

export async function analysisRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  // Every review decision teaches the suggester: retrain in the background, once a burst of decisions is over.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || reply.statusCode >= 400 || !DECISIONS.test(req.routeOptions.url ?? ''))
      return;
    await app.jobs
      .send(RETRAIN_JOB, {}, { debounceSeconds: RETRAIN_AFTER_SECONDS })
      .catch((err) => req.log.error({ err }, 'could not queue the suggester retraining'));
  });
  await app.register(reviewRoutes);
  await app.register(coverageRoutes);
  await app.register(suggesterRoutes);
  await app.register(mappingSheetRoutes);

  app.get(
    '/api/v1/works/:id/suggestions',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary:
          'Suggested articles of an instrument for each provision of a work, best first, with the evidence',
        description:
          'Deterministic; nothing is accepted. `strong` marks a suggestion worth accepting after reading it.',
        params: z.object({ id: z.string() }),
        querystring: z.object({
          instrument: z
            .string()
            .regex(/^[A-Z0-9]+$/)
            .default('ETS185'),
          language: z
            .string()
            .regex(/^[a-z]{3}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100).describe('provisions per page'),
          after: eid.optional().describe('the `next_after` of the previous page'),
        }),
      },
    },
    async (req) =>
      suggestForWork(database.orm, req.viewer, req.params.id, req.query.instrument, req.query.language, {
        after: req.query.after,
        limit: req.query.limit,
      }),
  );

  app.get(
    '/api/v1/mappings',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary: 'Mappings of provisions to articles (accepted; suggested and rejected for editors)',
        querystring: mappingQuery,
      },
    },
    async (req) => ({
      items: await listMappings(database.orm, req.viewer, req.query),
    }),
  );
  app.get(
    '/api/v1/mappings/:id',
    { ...policy('public'), schema: { tags: ['review'], summary: 'A mapping', params: idParam } },
    async (req) => getMapping(database.orm, req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/mappings',
    {
      ...policy('contribute'),
      schema: { ...secured, summary: 'Map a provision to an article (accepted)', body: mappingInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createMapping(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/mappings/:id',
    {
      ...policy('contribute'),
      schema: {
        ...secured,
        summary: 'Accept, reject or change a mapping',
        params: idParam,
        body: mappingPatch,
      },
    },
    async (req) => inTransaction(database, (tx) => updateMapping(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/mappings/:id',
    { ...policy('contribute'), schema: { ...secured, summary: 'Delete a mapping', params: idParam } },
    async (req, reply) => {
      await inTransaction(database, (tx) => deleteMapping(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
}
