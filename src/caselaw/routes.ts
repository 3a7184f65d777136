/** Case law routes: API and pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachments } from '../attachments/service.js';
import { inTransaction } from '../db/tx.js';
import { getCountry, listCountries } from '../reference/service.js';
import { sendPage } from '../web/ui.js';
import { caseInput, caseListQuery, casePatch, createCase, deleteCase, getCase, listCases, updateCase } from './service.js';
import { CasePage, CasesPage } from './views.js';

const idParam = z.object({ id: z.string() });
const secured = { tags: ['case law'], security: [{ token: [] }] };

export async function caseRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  const write = { preHandler: app.requireToken };

  app.get('/api/v1/cases', { schema: { tags: ['case law'], summary: 'List cases', querystring: caseListQuery } }, async (req) => listCases(db(), req.query));
  app.get('/api/v1/cases/:id', { schema: { tags: ['case law'], summary: 'Get a case with its brief, parties and citations', params: idParam } }, async (req) => getCase(db(), req.params.id));
  app.post('/api/v1/cases', { ...write, schema: { ...secured, summary: 'Create a case', body: caseInput } }, async (req, reply) =>
    reply.code(201).send(await inTransaction(app.deps.db, (tx) => createCase(tx, req.actor, req.body))),
  );
  app.patch('/api/v1/cases/:id', { ...write, schema: { ...secured, summary: 'Update a case', params: idParam, body: casePatch } }, async (req) =>
    inTransaction(app.deps.db, (tx) => updateCase(tx, req.actor, req.params.id, req.body)),
  );
  app.delete('/api/v1/cases/:id', { ...write, schema: { ...secured, summary: 'Delete a case', params: idParam } }, async (req, reply) => {
    await inTransaction(app.deps.db, (tx) => deleteCase(tx, req.actor, req.params.id));
    return reply.code(204).send();
  });

  app.get('/cases', { schema: { hide: true, querystring: caseListQuery } }, async (req, reply) => {
    const [result, countries] = await Promise.all([listCases(db(), req.query), listCountries(db(), { has_content: 'true' })]);
    return sendPage(reply, CasesPage({ ui: req.ui, result, countries, filters: req.query }));
  });
  app.get('/cases/:id', { schema: { hide: true, params: idParam } }, async (req, reply) => {
    const record = await getCase(db(), req.params.id);
    const [country, attachments] = await Promise.all([getCountry(db(), record.country), listAttachments(db(), 'case', record.id)]);
    return sendPage(reply, CasePage({ ui: req.ui, record, country, attachments }));
  });
}
