/** Requests for technical assistance over HTTP: the API (list, read, record, correct, move along) and the pages. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { countryOptions, formBody } from '../editorial/form-support.js';
import { AppError } from '../../core/errors.js';
import { fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import {
  createRequest,
  getRequest,
  listRequests,
  requestInput,
  requestPatch,
  requestQuery,
  transitionInput,
  transitionRequest,
  updateRequest,
} from '../../domains/assistance/requests.js';
import { RequestPage, RequestsPage } from './request-views.js';
import { idParam, secured, type Form } from './route-support.js';

export async function requestApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/requests',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Requests for technical assistance',
        querystring: requestQuery,
      },
    },
    async (req) => ({ items: await listRequests(db(), req.viewer, req.query) }),
  );
  app.get(
    '/api/v1/requests/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'A request with its status history and activities',
        params: idParam,
      },
    },
    async (req) => getRequest(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/requests',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record a request received', body: requestInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createRequest(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/requests/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: "Correct a request's details (agency, date, kind, description, priority, tier)",
        params: idParam,
        body: requestPatch,
      },
    },
    async (req) => inTransaction(database, (tx) => updateRequest(tx, req.viewer, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/requests/:id/transitions',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Move a request along received → under_review → accepted → in_progress → completed, or decline (with a reason) or withdraw',
        params: idParam,
        body: transitionInput,
      },
    },
    async (req) =>
      inTransaction(database, (tx) => transitionRequest(tx, req.viewer, req.params.id, req.body)),
  );
}

/** The list of requests with the form to record one (again with its problems, when it had some). */
const requestsPage = async (
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  state: { form?: Form; errors?: Record<string, string> } = {},
  status = 200,
) =>
  sendPage(
    reply,
    RequestsPage({
      ui: req.ui,
      list: await listRequests(db, req.viewer, requestQuery.parse(req.query ?? {})),
      countries: await countryOptions(db, req),
      ...state,
    }),
    status,
  );

export async function requestPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/assistance/requests',
    { ...policy('signed_in'), schema: { hide: true, querystring: requestQuery } },
    async (req, reply) => requestsPage(db(), req, reply),
  );
  app.post(
    '/assistance/requests',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const parsed = requestInput.safeParse(form);
      if (!parsed.success)
        return requestsPage(db(), req, reply, { form, errors: fieldErrors(parsed.error.issues) }, 400);
      const created = await inTransaction(database, (tx) => createRequest(tx, req.viewer, parsed.data));
      return reply.redirect(`/assistance/requests/${created.id}`, 303);
    },
  );
  app.get(
    '/assistance/requests/:id',
    {
      ...policy('signed_in'),
      schema: {
        hide: true,
        params: idParam,
        querystring: z.object({ error: z.string().max(500).optional() }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        RequestPage({
          ui: req.ui,
          request: await getRequest(db(), req.viewer, req.params.id),
          error: req.query.error,
        }),
      ),
  );
  app.post(
    '/assistance/requests/:id/transition',
    { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const parsed = transitionInput.safeParse({ to: form.to, reason: form.reason || undefined });
      const back = (error?: string) =>
        reply.redirect(
          `/assistance/requests/${req.params.id}${error ? `?error=${encodeURIComponent(error)}` : ''}`,
          303,
        );
      if (!parsed.success) return back(parsed.error.issues.map((i) => i.message).join('; '));
      try {
        await inTransaction(database, (tx) => transitionRequest(tx, req.viewer, req.params.id, parsed.data));
        return back();
      } catch (err) {
        if (err instanceof AppError && err.status === 409) return back(err.message);
        throw err;
      }
    },
  );
}
