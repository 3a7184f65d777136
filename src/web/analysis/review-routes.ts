/**
 * The review queue pages: a country's provisions against an instrument, each suggestion accepted
 * (fully or partly) or rejected in one click, another article mapped, a mapping removed, and the
 * review marked complete. Forms post back and return to the provision.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { AppError } from '../../core/errors.js';
import { coverage as coverageValue, recordId } from '../../core/codes.js';
import { getCountry, listArticles, listInstruments } from '../../domains/reference/service.js';
import { sendPage } from '../shell/ui.js';
import { createMapping, deleteMapping, updateMapping } from '../../domains/analysis/mappings.js';
import { acceptStrong, reviewPatch, reviewQueue, saveReview } from '../../domains/analysis/review.js';
import { ReviewQueuePage } from './views/queue.js';

const params = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  instrument: z.string().regex(/^[A-Z0-9]+$/),
});
const apiParams = z.object({
  iso3: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO alpha-3 code'),
  instrument: z
    .string()
    .regex(/^[A-Z0-9]+$/)
    .describe('instrument code, e.g. ETS185'),
});
const decision = z.object({
  work: z.string(),
  eid: z.string(),
  article: z.string().min(1),
  coverage: coverageValue.default('full'),
  rationale: z.string().optional(),
  score: z.coerce.number().optional(),
  model: z.coerce.number().int().positive().optional(),
});

/** Back to the queue as it was shown (all provisions or the open ones), at the provision, with the refusal if any. */
const back = (
  reply: FastifyReply,
  p: z.infer<typeof params>,
  form: Record<string, string>,
  anchor = '',
  error?: string,
  accepted?: number,
) => {
  const query = new URLSearchParams({
    ...(form.show === 'all' ? { show: 'all' } : {}),
    ...(error ? { error } : {}),
    ...(accepted !== undefined ? { accepted: String(accepted) } : {}),
  }).toString();
  return reply.redirect(
    `/review/${p.iso3}/${p.instrument}${query ? `?${query}` : ''}${anchor ? `#${anchor}` : ''}`,
    303,
  );
};

/** Runs a decision; a refusal (duplicate, unknown article, no right) goes back to the queue with its message. */
async function decide(
  reply: FastifyReply,
  p: z.infer<typeof params>,
  form: Record<string, string>,
  anchor: string,
  fn: () => Promise<unknown>,
) {
  try {
    await fn();
    return back(reply, p, form, anchor);
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 401)
      return back(reply, p, form, anchor, err.message);
    throw err;
  }
}

export async function reviewRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(acceptStrongRoutes);
  reviewQueuePageRoutes(app);
  reviewDecisionRoutes(app);
}

/** The review queue page of a country against an instrument. */
function reviewQueuePageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.get(
    '/review/:iso3/:instrument',
    {
      ...policy('contribute'),
      schema: {
        hide: true,
        params,
        querystring: z.object({
          show: z.enum(['open', 'all']).default('open'),
          error: z.string().max(500).optional(),
          accepted: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const country = await getCountry(database.orm, req.viewer, req.params.iso3);
      const queue = await reviewQueue(database.orm, req.viewer, req.params.iso3, req.params.instrument);
      const [instruments, articles] = [
        await listInstruments(database.orm),
        await listArticles(database.orm, req.viewer, { instrument: req.params.instrument }),
      ];
      return sendPage(
        reply,
        ReviewQueuePage({
          ui: req.ui,
          country,
          instrument: req.params.instrument,
          instruments,
          articles,
          ...queue,
          show: req.query.show,
          error: req.query.error,
          accepted: req.query.accepted,
        }),
      );
    },
  );
}

/** The queue's decisions: accept or reject a suggestion, change or remove a mapping, set the review's status. */
function reviewDecisionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.post(
    '/review/:iso3/:instrument/accept',
    { ...policy('contribute'), schema: { hide: true, params, body: formBody } },
    async (req, reply) => {
      const d = decision.parse(req.body);
      return decide(reply, req.params, req.body as Record<string, string>, d.eid, () =>
        inTransaction(database, (tx) =>
          createMapping(
            tx,
            req.viewer,
            {
              work: d.work,
              eid: d.eid,
              instrument: req.params.instrument,
              article: d.article,
              coverage: d.coverage,
              rationale: d.rationale,
            },
            { source: 'suggester', score: d.score, modelVersion: d.model },
          ),
        ),
      );
    },
  );
  app.post(
    '/review/:iso3/:instrument/reject',
    { ...policy('contribute'), schema: { hide: true, params, body: formBody } },
    async (req, reply) => {
      const d = decision.parse(req.body);
      return decide(reply, req.params, req.body as Record<string, string>, d.eid, () =>
        inTransaction(database, (tx) =>
          createMapping(
            tx,
            req.viewer,
            {
              work: d.work,
              eid: d.eid,
              instrument: req.params.instrument,
              article: d.article,
              coverage: 'none',
            },
            { status: 'rejected', source: 'suggester', score: d.score, modelVersion: d.model },
          ),
        ),
      );
    },
  );
  app.post(
    '/review/:iso3/:instrument/mapping/:id',
    {
      ...policy('contribute'),
      schema: { hide: true, params: params.extend({ id: recordId }), body: formBody },
    },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      return decide(reply, req.params, form, form.eid ?? '', () =>
        inTransaction(
          database,
          async (tx): Promise<unknown> =>
            form.op === 'delete'
              ? deleteMapping(tx, req.viewer, req.params.id)
              : updateMapping(tx, req.viewer, req.params.id, {
                  coverage: coverageValue.parse(form.coverage),
                  ...(form.article ? { article: form.article } : {}),
                }),
        ),
      );
    },
  );
  app.post(
    '/review/:iso3/:instrument/status',
    { ...policy('contribute'), schema: { hide: true, params, body: formBody } },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      return decide(reply, req.params, form, '', () =>
        inTransaction(database, (tx) =>
          saveReview(
            tx,
            req.viewer,
            req.params.iso3,
            req.params.instrument,
            reviewPatch.parse({ status: form.status }),
          ),
        ),
      );
    },
  );
}

/** "Accept all strong suggestions": a button on the queue page and the same as an API call (a write token, like the other mapping routes). */
export async function acceptStrongRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  app.post(
    '/review/:iso3/:instrument/accept-strong',
    { ...policy('contribute'), schema: { hide: true, params, body: formBody } },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const query = (extra: Record<string, string>) =>
        new URLSearchParams({ ...(form.show === 'all' ? { show: 'all' } : {}), ...extra }).toString();
      try {
        const result = await inTransaction(database, (tx) =>
          acceptStrong(tx, req.viewer, req.params.iso3, req.params.instrument),
        );
        return reply.redirect(
          `/review/${req.params.iso3}/${req.params.instrument}?${query({ accepted: String(result.accepted) })}`,
          303,
        );
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 401)
          return reply.redirect(
            `/review/${req.params.iso3}/${req.params.instrument}?${query({ error: err.message })}`,
            303,
          );
        throw err;
      }
    },
  );
  app.post(
    '/api/v1/reviews/:iso3/:instrument/accept-strong',
    {
      ...policy('contribute'),
      schema: {
        tags: ['review'],
        security: [{ token: [] }],
        summary: 'Accept every strong suggestion of a review queue',
        description:
          "For each provision of the country's laws with no accepted mapping whose top suggestion is strong, accepts that suggestion as full coverage — in one transaction. Laws the caller may not change are named in skipped_works.",
        params: apiParams,
      },
    },
    async (req) =>
      inTransaction(database, (tx) => acceptStrong(tx, req.viewer, req.params.iso3, req.params.instrument)),
  );
}
