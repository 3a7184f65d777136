/** Repository use over a period, for programme staff: API and an internal page. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { z } from 'zod';
import { isoDate } from '../../core/codes.js';
import { defaultPeriod, usage } from '../../domains/usage/service.js';
import { UsagePage } from './views.js';

export async function usageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  const query = z.object({ from: isoDate.optional(), to: isoDate.optional() });
  app.get(
    '/api/v1/usage',
    {
      ...policy('programme'),
      schema: {
        tags: ['reports'],
        security: [{ token: [] }],
        summary:
          'Repository use over a period (default the last 30 days): page views and searches per day, views per section, top searches, searches that found nothing. No personal data is kept.',
        querystring: query,
      },
    },
    async (req) => {
      await app.usage.flush();
      return usage(db(), defaultPeriod(req.query));
    },
  );
  app.get(
    '/usage',
    { ...policy('programme'), schema: { hide: true, querystring: query } },
    async (req, reply) => {
      await app.usage.flush();
      return sendPage(reply, UsagePage({ ui: req.ui, data: await usage(db(), defaultPeriod(req.query)) }));
    },
  );
}
