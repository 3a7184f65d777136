/** Assessment pages and their forms: list and start, score, status, findings, recommendations and their requests, a country's progress. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { policy } from '../shell/auth.js';
import { listAttachmentsWithin } from '../../domains/attachments/service.js';
import { countryOptions, formBody } from '../editorial/form-support.js';
import { runForm } from '../shell/form-post.js';
import { sendPage } from '../shell/ui.js';
import { badRequest } from '../../core/errors.js';
import {
  draftVersion,
  getFramework,
  listFrameworks,
  publishFramework,
  updateDraft,
  type Definition,
} from '../../domains/assessments/frameworks.js';
import { FrameworkPage, FrameworksPage } from './framework-views.js';
import { countryProgress } from '../../domains/assessments/progress.js';
import { ProgressPage } from './progress-views.js';
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
  assessmentOf,
} from '../../domains/assessments/service.js';
import { AssessmentPage, AssessmentsPage } from './views.js';
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

const idParam = z.object({ id: recordId });
const errorQuery = z.object({ error: z.string().max(500).optional() });
const page = { hide: true };
const today = () => new Date().toISOString().slice(0, 10);

/** The page of the assessment a finding or recommendation belongs to, where a problem with it is shown. */
const assessmentPage = async (db: Orm, part: 'finding' | 'recommendation', id: number) => {
  const assessment = await assessmentOf(db, part, id);
  return assessment ? `/assessments/${assessment}` : '/assessments';
};

/** A framework's definition as sent in the form (JSON). */
const definitionOf = (f: Record<string, string>) => {
  try {
    return JSON.parse(f.definition ?? '') as Definition;
  } catch (err) {
    throw badRequest(`The definition is not valid JSON: ${(err as Error).message}`);
  }
};

/** The list with the form to start one; an assessment's page with its forms for scores, status and details. */
async function assessmentListAndPage(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const post = { ...policy('programme'), schema: { ...page, body: formBody } };
  const postId = { ...policy('programme'), schema: { ...page, params: idParam, body: formBody } };

  app.get(
    '/assessments',
    {
      ...policy('signed_in'),
      schema: {
        ...page,
        querystring: errorQuery.extend({
          country: iso3.optional(),
        }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        AssessmentsPage({
          ui: req.ui,
          list: await listAssessments(db(), req.viewer, req.query.country),
          frameworks: await listFrameworks(db()),
          countries: await countryOptions(db(), req),
          error: req.query.error,
        }),
      ),
  );
  app.post('/assessments', post, (req, reply) =>
    runForm(database, req, reply, '/assessments', async (tx, f) => {
      const input = assessmentInput.parse({
        country: f.country,
        framework: Number(f.framework),
        started: f.started,
        ended: f.ended || undefined,
        team: (f.team ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      return `/assessments/${(await createAssessment(tx, req.viewer, input)).id}`;
    }),
  );
  app.get(
    '/assessments/:id',
    { ...policy('signed_in'), schema: { ...page, params: idParam, querystring: errorQuery } },
    async (req, reply) => {
      const assessment = await getAssessment(db(), req.viewer, req.params.id);
      const law = await assessmentCoverage(db(), req.viewer, assessment);
      const files = await listAttachmentsWithin(db(), req.viewer, 'assessment', String(assessment.id));
      return sendPage(reply, AssessmentPage({ ui: req.ui, assessment, law, files, error: req.query.error }));
    },
  );
  app.post('/assessments/:id/scores', postId, (req, reply) =>
    runForm(database, req, reply, `/assessments/${req.params.id}`, async (tx, f) => {
      for (const [key, value] of Object.entries(f))
        if (key.startsWith('score.') && value) {
          const indicator = key.slice(6);
          await scoreIndicator(
            tx,
            req.viewer,
            req.params.id,
            scoreInput.parse({
              indicator,
              score: Number(value),
              evidence: f[`evidence.${indicator}`] || undefined,
              notes: f[`notes.${indicator}`] || undefined,
            }),
          );
        }
    }),
  );
  app.post('/assessments/:id/status', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/assessments/${req.params.id}`,
      async (tx, f) =>
        void (await transitionAssessment(tx, req.viewer, req.params.id, transitionInput.parse(f).to)),
    ),
  );
  app.post('/assessments/:id/details', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/assessments/${req.params.id}`,
      async (tx, f) =>
        void (await updateAssessment(
          tx,
          req.viewer,
          req.params.id,
          assessmentPatch.parse({
            started: f.started,
            ended: f.ended || null,
            team: (f.team ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            summary: f.summary || null,
          }),
        )),
    ),
  );
}

/** The forms on findings and recommendations: add, remove, turn into a request, set the status. */
async function findingAndRecommendationForms(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const postId = { ...policy('programme'), schema: { ...page, params: idParam, body: formBody } };

  app.post('/findings/:id/delete', postId, async (req, reply) =>
    runForm(
      database,
      req,
      reply,
      await assessmentPage(db(), 'finding', req.params.id),
      async (tx) => `/assessments/${await removeFinding(tx, req.viewer, req.params.id)}`,
    ),
  );
  app.post('/recommendations/:id/delete', postId, async (req, reply) =>
    runForm(
      database,
      req,
      reply,
      await assessmentPage(db(), 'recommendation', req.params.id),
      async (tx) => `/assessments/${await removeRecommendation(tx, req.viewer, req.params.id)}`,
    ),
  );
  app.post('/assessments/:id/findings', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/assessments/${req.params.id}`,
      async (tx, f) =>
        void (await addFinding(
          tx,
          req.viewer,
          req.params.id,
          findingInput.parse({ text: f.text, dimension: f.dimension || undefined }),
        )),
    ),
  );
  app.post('/assessments/:id/recommendations', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/assessments/${req.params.id}`,
      async (tx, f) =>
        void (await addRecommendation(
          tx,
          req.viewer,
          req.params.id,
          recommendationInput.parse({
            text: f.text,
            dimension: f.dimension || undefined,
            priority: f.priority,
            institution: f.institution || undefined,
          }),
        )),
    ),
  );
  app.post('/recommendations/:id/request', postId, async (req, reply) =>
    runForm(
      database,
      req,
      reply,
      await assessmentPage(db(), 'recommendation', req.params.id),
      async (tx) =>
        `/assistance/requests/${(await recommendationToRequest(tx, req.viewer, req.params.id, { kind: 'training', received: today() })).request}`,
    ),
  );
  app.post('/recommendations/:id/status', postId, async (req, reply) =>
    runForm(
      database,
      req,
      reply,
      await assessmentPage(db(), 'recommendation', req.params.id),
      async (tx, f) => {
        const r = await setRecommendationStatus(
          tx,
          req.viewer,
          req.params.id,
          recommendationStatusInput.parse(f).status,
        );
        return `/assessments/${r.assessment_id}#rec-${r.id}`;
      },
    ),
  );
}

/** The frameworks' pages and forms: a draft edited, a new version, a version published. */
async function frameworkPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const postId = { ...policy('programme'), schema: { ...page, params: idParam, body: formBody } };

  app.get('/frameworks', { ...policy('signed_in'), schema: page }, async (req, reply) =>
    sendPage(reply, FrameworksPage({ ui: req.ui, list: await listFrameworks(db()) })),
  );
  app.get(
    '/frameworks/:id',
    { ...policy('signed_in'), schema: { ...page, params: idParam, querystring: errorQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        FrameworkPage({
          ui: req.ui,
          framework: await getFramework(db(), req.params.id),
          error: req.query.error,
        }),
      ),
  );
  app.post('/frameworks/:id', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/frameworks/${req.params.id}`,
      async (tx, f) => void (await updateDraft(tx, req.viewer, req.params.id, definitionOf(f))),
    ),
  );
  app.post('/frameworks/:id/versions', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/frameworks/${req.params.id}`,
      async (tx, f) =>
        `/frameworks/${(await draftVersion(tx, req.viewer, req.params.id, definitionOf(f))).id}`,
    ),
  );
  app.post('/frameworks/:id/publish', postId, (req, reply) =>
    runForm(
      database,
      req,
      reply,
      `/frameworks/${req.params.id}`,
      async (tx) => void (await publishFramework(tx, req.viewer, req.params.id)),
    ),
  );
}

/** A country's progress across its assessments. */
async function progressPage(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/countries/:iso3/progress',
    {
      ...policy('signed_in'),
      schema: {
        ...page,
        params: z.object({ iso3: iso3 }),
        querystring: z.object({ from: recordId.optional(), to: recordId.optional() }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        ProgressPage({
          ui: req.ui,
          data: await countryProgress(db(), req.viewer, req.params.iso3, req.query),
        }),
      ),
  );
}

/** The pages in the order they always had (the route table follows it). */
export async function assessmentPages(base: FastifyInstance) {
  await base.register(assessmentListAndPage);
  await base.register(findingAndRecommendationForms);
  await base.register(frameworkPages);
  await base.register(progressPage);
}
