/** Versions over HTTP: the diff and side-by-side pages and API, and the work's events (amendments, commencements, repeals). */
import { notFound } from '../../core/errors.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { sendPage } from '../shell/ui.js';
import { eventInput } from '../../domains/legislation/input.js';
import { expressionsOf, getWorkRow } from '../../domains/legislation/service.js';
import {
  addEvent,
  deleteEvent,
  diffExpressions,
  expressionByRef,
  listEvents,
  sideBySide,
} from '../../domains/legislation/versions.js';
import { DiffPage, ParallelPage } from './views/compare.js';
import { isoDate, recordId } from '../../core/codes.js';

const idParam = z.object({ id: z.string() });
const ref = z
  .string()
  .regex(/^[a-z]{3}@\d{4}-\d{2}-\d{2}$/, 'an expression such as eng@2020-01-01')
  .refine(
    (r) => isoDate.safeParse(r.slice(4)).success,
    'an expression such as eng@2020-01-01, on a date that exists',
  );
const secured = { tags: ['legislation'], security: [{ token: [] }] };

export async function versionRoutes(base: FastifyInstance) {
  compareRoutes(base);
  eventApiRoutes(base);
  eventFormRoutes(base);
}

/** Two expressions of a work compared: the diff over the API, the diff and side-by-side pages. */
function compareRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  /** The work and two of its expressions; by default the two newest of the first one's language. */
  async function pair(viewer: Parameters<typeof getWorkRow>[1], id: string, a?: string, b?: string) {
    const work = await getWorkRow(db(), viewer, id);
    const expressions = await expressionsOf(db(), work);
    const newest = expressions[0];
    if (!newest) throw notFound(`A text of ${work.uri} (it is still to come)`);
    const to = b ? expressionByRef(expressions, b) : newest;
    const from = a
      ? expressionByRef(expressions, a)
      : (expressions.find((e) => e.language === to.language && e.date < to.date) ?? to);
    return { work, expressions, from, to };
  }

  app.get(
    '/api/v1/works/:id/diff',
    {
      ...policy('public'),
      schema: {
        tags: ['legislation'],
        summary: 'What changed between two expressions, provision by provision, word by word',
        params: idParam,
        querystring: z.object({ from: ref.optional(), to: ref.optional() }),
      },
    },
    async (req) => {
      const { from, to } = await pair(req.viewer, req.params.id, req.query.from, req.query.to);
      const { rows, summary } = await diffExpressions(db(), from, to);
      return { from, to, summary, provisions: rows };
    },
  );

  app.get(
    '/works/:id/compare',
    {
      ...policy('public'),
      schema: {
        hide: true,
        params: idParam,
        querystring: z.object({
          a: ref.optional(),
          b: ref.optional(),
          view: z.enum(['diff', 'parallel']).optional(),
          all: z.string().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { work, expressions, from, to } = await pair(req.viewer, req.params.id, req.query.a, req.query.b);
      const view = req.query.view ?? (from.language === to.language ? 'diff' : 'parallel');
      if (view === 'parallel') {
        const columns = from.id === to.id ? [from] : [from, to];
        return sendPage(
          reply,
          ParallelPage({
            ui: req.ui,
            work,
            expressions,
            a: from,
            b: to,
            columns,
            rows: await sideBySide(db(), columns),
          }),
        );
      }
      const { rows, summary } = await diffExpressions(db(), from, to);
      return sendPage(
        reply,
        DiffPage({ ui: req.ui, work, expressions, a: from, b: to, rows, summary, all: !!req.query.all }),
      );
    },
  );
}

/** A work's events over the API: list, record and delete amendments, commencements and repeals. */
function eventApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/works/:id/events',
    {
      ...policy('public'),
      schema: {
        tags: ['legislation'],
        summary: 'Amendments, commencements and repeals of a work',
        params: idParam,
      },
    },
    async (req) => ({
      items: await listEvents(db(), req.viewer, await getWorkRow(db(), req.viewer, req.params.id)),
    }),
  );
  app.post(
    '/api/v1/works/:id/events',
    {
      ...policy('contribute'),
      schema: {
        ...secured,
        summary: 'Record an amendment, commencement or repeal',
        params: idParam,
        body: eventInput,
      },
    },
    async (req, reply) => {
      const event = await inTransaction(database, async (tx) =>
        addEvent(tx, req.viewer, await getWorkRow(tx, req.viewer, req.params.id), req.body),
      );
      return reply.code(201).send(event);
    },
  );
  app.delete(
    '/api/v1/works/:id/events/:event',
    {
      ...policy('contribute'),
      schema: {
        ...secured,
        summary: 'Delete an event of a work',
        params: idParam.extend({ event: recordId }),
      },
    },
    async (req, reply) => {
      await inTransaction(database, async (tx) =>
        deleteEvent(tx, req.viewer, await getWorkRow(tx, req.viewer, req.params.id), req.params.event),
      );
      return reply.code(204).send();
    },
  );
}

/** The law editor's forms for events: record one, delete one. */
function eventFormRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;

  app.post(
    '/edit/work/:id/events',
    { ...policy('contribute'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const parsed = eventInput.safeParse({
        kind: form.kind,
        date: form.date,
        amending_title: form.amending_title || undefined,
        provisions: (form.provisions ?? '').split(/[\s,]+/).filter(Boolean),
        note: form.note || undefined,
      });
      if (!parsed.success)
        return reply.redirect(
          `/edit/work/${req.params.id}?event_error=${encodeURIComponent(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))}#events`,
          303,
        );
      await inTransaction(database, async (tx) =>
        addEvent(tx, req.viewer, await getWorkRow(tx, req.viewer, req.params.id), parsed.data),
      );
      return reply.redirect(`/edit/work/${req.params.id}#events`, 303);
    },
  );
  app.post(
    '/edit/work/:id/events/:event/delete',
    {
      ...policy('contribute'),
      schema: { hide: true, params: idParam.extend({ event: recordId }), body: formBody },
    },
    async (req, reply) => {
      await inTransaction(database, async (tx) =>
        deleteEvent(tx, req.viewer, await getWorkRow(tx, req.viewer, req.params.id), req.params.event),
      );
      return reply.redirect(`/edit/work/${req.params.id}#events`, 303);
    },
  );
}
