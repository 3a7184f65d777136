/** Assessments over HTTP: frameworks (versions, publishing), assessments, scores, recommendations and their requests. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../accounts/auth.js';
import { inTransaction } from '../db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { AppError } from '../errors.js';
import { sendPage } from '../web/ui.js';
import { definitionSchema, draftVersion, getFramework, listFrameworks, publishFramework } from './frameworks.js';
import { addRecommendation, assessmentInput, createAssessment, getAssessment, listAssessments, recommendationInput, recommendationToRequest, scoreIndicator, scoreInput, toRequestInput } from './service.js';
import { AssessmentPage } from './views.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const secured = { tags: ['assessments'], security: [{ token: [] }] };

export async function assessmentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get('/api/v1/frameworks', { ...policy('signed_in'), schema: { tags: ['assessments'], summary: 'Assessment frameworks and their versions' } }, async () => ({ items: await listFrameworks(db()) }));
  app.get('/api/v1/frameworks/:id', { ...policy('signed_in'), schema: { tags: ['assessments'], summary: 'A framework version: dimensions, indicators, rubrics, weights', params: idParam } }, async (req) => getFramework(db(), req.params.id));
  app.post('/api/v1/frameworks/:id/versions', { ...policy('programme'), schema: { ...secured, summary: 'A new draft version of a framework with an edited definition', params: idParam, body: definitionSchema } }, async (req, reply) =>
    reply.code(201).send(await inTransaction(database, (tx) => draftVersion(tx, req.viewer, req.params.id, req.body))),
  );
  app.post('/api/v1/frameworks/:id/publish', { ...policy('programme'), schema: { ...secured, summary: 'Publish a draft version (it is then frozen)', params: idParam } }, async (req) => inTransaction(database, (tx) => publishFramework(tx, req.viewer, req.params.id)));

  app.get('/api/v1/assessments', { ...policy('signed_in'), schema: { tags: ['assessments'], summary: 'Assessments', querystring: z.object({ country: z.string().regex(/^[A-Z]{3}$/).optional() }) } }, async (req) => ({
    items: await listAssessments(db(), req.viewer, req.query.country),
  }));
  app.get('/api/v1/assessments/:id', { ...policy('signed_in'), schema: { tags: ['assessments'], summary: 'An assessment with its scores, dimension scores and recommendations', params: idParam } }, async (req) => {
    const { framework_definition: _f, ...a } = await getAssessment(db(), req.viewer, req.params.id);
    return a;
  });
  app.post('/api/v1/assessments', { ...policy('programme'), schema: { ...secured, summary: 'Start an assessment of a country against a published framework version', body: assessmentInput } }, async (req, reply) => {
    const { framework_definition: _f, ...a } = await inTransaction(database, (tx) => createAssessment(tx, req.viewer, req.body));
    return reply.code(201).send(a);
  });
  app.put('/api/v1/assessments/:id/scores', { ...policy('programme'), schema: { ...secured, summary: 'Score an indicator (a stage of its rubric) with its evidence', params: idParam, body: scoreInput } }, async (req) => {
    const { framework_definition: _f, ...a } = await inTransaction(database, (tx) => scoreIndicator(tx, req.viewer, req.params.id, req.body));
    return a;
  });
  app.post('/api/v1/assessments/:id/recommendations', { ...policy('programme'), schema: { ...secured, summary: 'Add a recommendation', params: idParam, body: recommendationInput } }, async (req, reply) =>
    reply.code(201).send(await inTransaction(database, (tx) => addRecommendation(tx, req.viewer, req.params.id, req.body))),
  );
  app.post('/api/v1/recommendations/:id/request', { ...policy('programme'), schema: { ...secured, summary: 'Turn a recommendation into a request for assistance (or link a request of the same country)', params: idParam, body: toRequestInput } }, async (req, reply) =>
    reply.code(201).send(await inTransaction(database, (tx) => recommendationToRequest(tx, req.viewer, req.params.id, req.body))),
  );

  app.get('/assessments/:id', { ...policy('signed_in'), schema: { hide: true, params: idParam, querystring: z.object({ error: z.string().max(500).optional() }) } }, async (req, reply) =>
    sendPage(reply, AssessmentPage({ ui: req.ui, assessment: await getAssessment(db(), req.viewer, req.params.id), error: req.query.error })),
  );
  app.post('/assessments/:id/scores', { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } }, async (req, reply) => {
    const form = req.body as Record<string, string>;
    try {
      await inTransaction(database, async (tx) => {
        for (const [key, value] of Object.entries(form)) if (key.startsWith('score.') && value) await scoreIndicator(tx, req.viewer, req.params.id, { indicator: key.slice(6), score: Number(value), evidence: form[`evidence.${key.slice(6)}`] || undefined });
      });
      return reply.redirect(`/assessments/${req.params.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return reply.redirect(`/assessments/${req.params.id}?error=${encodeURIComponent(err.message)}`, 303);
      throw err;
    }
  });
}
