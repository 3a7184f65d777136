/** Case law routes: API and pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachments } from '../../domains/attachments/service.js';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { getCountry, listCountries } from '../../domains/reference/service.js';
import { sendPage } from '../shell/ui.js';
import {
  caseInput,
  caseListQuery,
  casePatch,
  createCase,
  deleteCase,
  getCase,
  listCases,
  updateCase,
} from '../../domains/caselaw/service.js';
import { caseEditRoutes } from './edit-routes.js';
import { CasePage, CasesPage } from './views.js';

const idParam = z.object({ id: z.string() });
const secured = { tags: ['case law'], security: [{ token: [] }] };

export async function caseRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(caseEditRoutes);
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/cases',
    {
      ...policy('public'),
      schema: { tags: ['case law'], summary: 'List cases', querystring: caseListQuery },
    },
    async (req) => listCases(db(), req.viewer, req.query),
  );
  app.get(
    '/api/v1/cases/:id',
    {
      ...policy('public'),
      schema: {
        tags: ['case law'],
        summary: 'Get a case with its brief, parties and citations',
        params: idParam,
      },
    },
    async (req) => getCase(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/cases',
    { ...policy('contribute'), schema: { ...secured, summary: 'Create a case', body: caseInput } },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(app.deps.db, (tx) => createCase(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/cases/:id',
    {
      ...policy('contribute'),
      schema: { ...secured, summary: 'Update a case', params: idParam, body: casePatch },
    },
    async (req) => inTransaction(app.deps.db, (tx) => updateCase(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/cases/:id',
    { ...policy('contribute'), schema: { ...secured, summary: 'Delete a case', params: idParam } },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteCase(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    '/cases',
    { ...policy('public'), schema: { hide: true, querystring: caseListQuery } },
    async (req, reply) => {
      const [result, countries] = await Promise.all([
        listCases(db(), req.viewer, req.query),
        listCountries(db(), req.viewer, { has_content: 'true' }),
      ]);
      return sendPage(reply, CasesPage({ ui: req.ui, result, countries, filters: req.query }));
    },
  );
  app.get(
    '/cases/:id',
    { ...policy('public'), schema: { hide: true, params: idParam } },
    async (req, reply) => {
      const record = await getCase(db(), req.viewer, req.params.id);
      const [country, attachments] = await Promise.all([
        getCountry(db(), req.viewer, record.country),
        listAttachments(db(), req.viewer, 'case', record.id),
      ]);
      return sendPage(reply, CasePage({ ui: req.ui, record, country, attachments }));
    },
  );
}
