/** Mentored investigations over HTTP (restricted): the API (list, record) and the page with its form. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { countryOptions, formBody } from '../editorial/form-support.js';
import { runForm } from '../shell/form-post.js';
import { sendPage } from '../shell/ui.js';
import {
  createInvestigation,
  investigationInput,
  investigationQuery,
  listInvestigations,
} from '../../domains/assistance/mentoring.js';
import { MentoringPage } from './mentoring-views.js';
import { secured } from './route-support.js';

export async function mentoringRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/mentored-investigations',
    {
      ...policy('programme'),
      schema: {
        tags: ['assistance'],
        summary:
          'Mentored investigations (restricted), those mentored during a period (from, to) or of a country',
        querystring: investigationQuery,
      },
    },
    async (req) => ({ items: await listInvestigations(db(), req.viewer, req.query) }),
  );
  app.get(
    '/assistance/mentoring',
    {
      ...policy('programme'),
      schema: {
        hide: true,
        querystring: investigationQuery.extend({ error: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      const { error, ...query } = req.query;
      return sendPage(
        reply,
        MentoringPage({
          ui: req.ui,
          list: await listInvestigations(db(), req.viewer, query),
          query,
          countries: await countryOptions(db(), req),
          error,
        }),
      );
    },
  );
  app.post(
    '/assistance/mentoring',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    (req, reply) =>
      runForm(database, req, reply, '/assistance/mentoring', async (tx, f) => {
        const input = investigationInput.parse({
          country: f.country,
          opened: f.opened,
          closed: f.closed || undefined,
          status: f.status,
          concept: f.concept || undefined,
          mentor: f.mentor,
        });
        await createInvestigation(tx, req.viewer, input);
      }),
  );
  app.post(
    '/api/v1/mentored-investigations',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Record a mentored investigation (restricted; no personal data)',
        body: investigationInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createInvestigation(tx, req.viewer, req.body))),
  );
}
