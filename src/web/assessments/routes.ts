/** Assessments over HTTP: frameworks (versions, publishing), assessments, scores, recommendations and their requests. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import {
  definitionSchema,
  draftVersion,
  getFramework,
  listFrameworks,
  publishFramework,
  updateDraft,
} from '../../domains/assessments/frameworks.js';
import {
  addRecommendation,
  assessmentInput,
  createAssessment,
  getAssessment,
  listAssessments,
  recommendationInput,
  recommendationToRequest,
  scoreIndicator,
  scoreInput,
  toRequestInput,
} from '../../domains/assessments/service.js';
import { assessmentPages } from './pages.js';
import { countryProgress } from '../../domains/assessments/progress.js';
import {
  addFinding,
  assessmentCoverage,
  assessmentPatch,
  findingInput,
  recommendationStatusInput,
  removeFinding,
  removeRecommendation,
  setRecommendationStatus,
  transitionAssessment,
  transitionInput,
  updateAssessment,
} from '../../domains/assessments/workflow.js';
import { recordId, iso3 } from '../../core/codes.js';

/** The API gives the framework version by id (GET /api/v1/frameworks/{id}), not inside each assessment. */
const withoutFramework = <T extends { framework_definition: unknown }>({
  framework_definition: _f,
  ...a
}: T) => a;
const idParam = z.object({ id: recordId });
const secured = { tags: ['assessments'], security: [{ token: [] }] };

/** The frameworks: their versions, a draft edited, a version published. */
async function frameworkApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/frameworks',
    {
      ...policy('signed_in'),
      schema: { tags: ['assessments'], summary: 'Assessment frameworks and their versions' },
    },
    async () => ({ items: await listFrameworks(db()) }),
  );
  app.get(
    '/api/v1/frameworks/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assessments'],
        summary: 'A framework version: dimensions, indicators, rubrics, weights',
        params: idParam,
      },
    },
    async (req) => getFramework(db(), req.params.id),
  );
  app.post(
    '/api/v1/frameworks/:id/versions',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'A new draft version of a framework with an edited definition',
        params: idParam,
        body: definitionSchema,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => draftVersion(tx, req.viewer, req.params.id, req.body))),
  );
  app.put(
    '/api/v1/frameworks/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Change the definition of a draft version (409 for a published one)',
        params: idParam,
        body: definitionSchema,
      },
    },
    async (req) => inTransaction(database, (tx) => updateDraft(tx, req.viewer, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/frameworks/:id/publish',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Publish a draft version (it is then frozen)', params: idParam },
    },
    async (req) => inTransaction(database, (tx) => publishFramework(tx, req.viewer, req.params.id)),
  );
}

/** The assessments: listed, read (with the coverage of the law), started, scored, recommended, a recommendation turned into a request. */
async function assessmentApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/assessments',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assessments'],
        summary: 'Assessments',
        querystring: z.object({
          country: iso3.optional(),
        }),
      },
    },
    async (req) => ({
      items: await listAssessments(db(), req.viewer, req.query.country),
    }),
  );
  app.get(
    '/api/v1/assessments/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assessments'],
        summary:
          "An assessment with its scores, dimension and overall scores, findings, recommendations, and the coverage of the law feeding the legal indicators (the law as in force on the assessment's start date: laws_in_force, empty when none was)",
        params: idParam,
      },
    },
    async (req) => {
      const full = await getAssessment(db(), req.viewer, req.params.id);
      const { framework_definition: _f, ...a } = full;
      const law = await assessmentCoverage(db(), req.viewer, full);
      return { ...a, coverage: law.feed, coverage_on: law.on, laws_in_force: law.laws };
    },
  );
  app.post(
    '/api/v1/assessments',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Start an assessment of a country against a published framework version',
        body: assessmentInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          withoutFramework(await inTransaction(database, (tx) => createAssessment(tx, req.viewer, req.body))),
        ),
  );
  app.put(
    '/api/v1/assessments/:id/scores',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Score an indicator (a stage of its rubric) with its evidence',
        params: idParam,
        body: scoreInput,
      },
    },
    async (req) =>
      withoutFramework(
        await inTransaction(database, (tx) => scoreIndicator(tx, req.viewer, req.params.id, req.body)),
      ),
  );
  app.post(
    '/api/v1/assessments/:id/recommendations',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Add a recommendation', params: idParam, body: recommendationInput },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(database, (tx) => addRecommendation(tx, req.viewer, req.params.id, req.body)),
        ),
  );
  app.post(
    '/api/v1/recommendations/:id/request',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Turn a recommendation into a request for assistance (or link a request of the same country)',
        params: idParam,
        body: toRequestInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(database, (tx) =>
            recommendationToRequest(tx, req.viewer, req.params.id, req.body),
          ),
        ),
  );
}

/** An assessment's workflow: its status, findings, details corrected, findings and recommendations removed, a recommendation's status. */
async function workflowApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.post(
    '/api/v1/assessments/:id/status',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Move an assessment along planned → in_progress → validated → published (a validated one can go back to in_progress)',
        params: idParam,
        body: transitionInput,
      },
    },
    async (req) =>
      withoutFramework(
        await inTransaction(database, (tx) =>
          transitionAssessment(tx, req.viewer, req.params.id, req.body.to),
        ),
      ),
  );
  app.post(
    '/api/v1/assessments/:id/findings',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Add a finding (overall or for a dimension)',
        params: idParam,
        body: findingInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          withoutFramework(
            await inTransaction(database, (tx) => addFinding(tx, req.viewer, req.params.id, req.body)),
          ),
        ),
  );
  app.patch(
    '/api/v1/assessments/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Correct the dates, team or summary of an assessment (until it is published)',
        params: idParam,
        body: assessmentPatch,
      },
    },
    async (req) =>
      withoutFramework(
        await inTransaction(database, (tx) => updateAssessment(tx, req.viewer, req.params.id, req.body)),
      ),
  );
  app.delete(
    '/api/v1/findings/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Remove a finding of an assessment that is not validated or published',
        params: idParam,
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => removeFinding(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
  app.delete(
    '/api/v1/recommendations/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Remove a recommendation (409 once a request was made from it: drop it instead)',
        params: idParam,
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => removeRecommendation(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/recommendations/:id/status',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Set the status of a recommendation (open, in_progress, implemented, dropped)',
        params: idParam,
        body: recommendationStatusInput,
      },
    },
    async (req) =>
      inTransaction(database, (tx) =>
        setRecommendationStatus(tx, req.viewer, req.params.id, req.body.status),
      ),
  );
}

/** A country's progress across its assessments. */
async function progressApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/countries/:iso3/progress',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assessments'],
        summary:
          "A country's assessments, the change between two (from, to: assessment ids; default the last two), recommendations with their requests and activities, and the coverage of its law",
        params: z.object({ iso3: iso3 }),
        querystring: z.object({ from: recordId.optional(), to: recordId.optional() }),
      },
    },
    async (req) => countryProgress(db(), req.viewer, req.params.iso3, req.query),
  );
}

/** The parts in the order they always had: the OpenAPI document and the route table follow it, so keep it. */
export async function assessmentRoutes(base: FastifyInstance) {
  await base.register(frameworkApi);
  await base.register(assessmentApi);
  await base.register(workflowApi);
  await base.register(progressApi);
  await base.register(assessmentPages);
}
