/** The request writer and log over HTTP: API, DOCX, the writer's form, a request's page and the statistics. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordId } from '../../core/codes.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { requestDocument, requestDocx } from '../../domains/cooperation/request-document.js';
import {
  createRequest,
  deleteRequest,
  getRequest,
  listRequests,
  requestInput,
  requestPatch,
  requestQuery,
  updateRequest,
} from '../../domains/cooperation/requests.js';
import { requestStatistics, statisticsQuery } from '../../domains/cooperation/statistics.js';
import { formBody } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { type FieldErrors, fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { fromForm, writerChoices } from './request-form.js';
import { RequestPage, RequestsPage, StatisticsPage, WriterPage } from './request-views.js';

const tags = ['cooperation'];
const secured = { tags, security: [{ token: [] }] };
const idParam = z.object({ id: recordId });

/** A request's problem as messages at its fields (zod issues, or an AppError naming body fields). */
function errorsOf(err: unknown): FieldErrors | null {
  // the form's fields are flat: data_sought.date_to is date_to, identifiers.2 is identifiers
  const flat = (e: FieldErrors) =>
    Object.fromEntries(
      Object.entries(e).map(([k, v]) => [k.replace(/^data_sought\./, '').replace(/\.\d+$/, ''), v]),
    );
  if (err instanceof z.ZodError) return flat(fieldErrors(err.issues));
  if (err instanceof AppError && err.status === 400) {
    const fields =
      (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
    return flat(Object.fromEntries(fields.map((f) => [f.field.replace(/^body\./, ''), f.message])));
  }
  return null;
}

export async function requestRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/cooperation/requests',
    {
      ...policy('cooperation'),
      schema: {
        ...secured,
        summary: 'Your organisation’s requests for cooperation',
        querystring: requestQuery,
      },
    },
    async (req) => ({ items: await listRequests(db(), req.viewer, req.query) }),
  );
  app.post(
    '/api/v1/cooperation/requests',
    {
      ...policy('cooperation'),
      schema: { ...secured, summary: 'Draft or log a request for cooperation', body: requestInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(app.deps.db, (tx) => createRequest(tx, req.viewer, req.body))),
  );
  app.get(
    '/api/v1/cooperation/requests/:id',
    {
      ...policy('cooperation'),
      schema: {
        ...secured,
        summary: 'A request, with the checklist of what it still lacks',
        params: idParam,
      },
    },
    async (req) => {
      const r = await getRequest(db(), req.viewer, req.params.id);
      return { ...r, checklist: (await requestDocument(db(), req.viewer, r)).checklist };
    },
  );
  app.patch(
    '/api/v1/cooperation/requests/:id',
    {
      ...policy('cooperation'),
      schema: {
        ...secured,
        summary: 'Change a request (its status and dates too)',
        params: idParam,
        body: requestPatch,
      },
    },
    async (req) => inTransaction(app.deps.db, (tx) => updateRequest(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/cooperation/requests/:id',
    { ...policy('cooperation'), schema: { ...secured, summary: 'Delete a request', params: idParam } },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteRequest(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/cooperation/requests/:id/docx',
    {
      ...policy('cooperation'),
      schema: {
        ...secured,
        summary: 'The request as a Word document, in the requested authority’s language',
        params: idParam,
      },
    },
    async (req, reply) => sendDocx(req, reply, req.params.id),
  );
  app.get(
    '/api/v1/cooperation/statistics',
    {
      ...policy('signed_in'),
      schema: {
        ...secured,
        summary:
          'Counts and median turnaround of requests sent, per requested state, legal basis, kind and offence (no request itself)',
        querystring: statisticsQuery,
      },
    },
    async (req) => requestStatistics(db(), req.query),
  );

  const sendDocx = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const doc = await requestDocument(db(), req.viewer, await getRequest(db(), req.viewer, id));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="request-${id}-${doc.language}.docx"`)
      .send(await requestDocx(doc));
  };
  pageRoutes(app, sendDocx);
}

function pageRoutes(
  app: FastifyInstance & { withTypeProvider: FastifyInstance['withTypeProvider'] },
  sendDocx: (req: FastifyRequest, reply: FastifyReply, id: number) => Promise<unknown>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = () => typed.deps.db.orm;
  const page = { ...policy('cooperation'), schema: { hide: true } };

  typed.get('/cooperation/requests', page, async (req, reply) =>
    sendPage(
      reply,
      RequestsPage({
        ui: req.ui,
        list: await listRequests(db(), req.viewer),
        choices: await writerChoices(db(), req, {}),
      }),
    ),
  );
  typed.get(
    '/cooperation/requests/new',
    { ...page, schema: { hide: true, querystring: z.record(z.string(), z.string()) } },
    async (req, reply) => {
      const values = { kind: 'preservation', confidential: 'on', ...req.query };
      return sendPage(
        reply,
        WriterPage({ ui: req.ui, values, errors: {}, choices: await writerChoices(db(), req, values) }),
      );
    },
  );
  typed.post(
    '/cooperation/requests',
    { ...page, schema: { hide: true, body: formBody } },
    async (req, reply) => {
      try {
        const created = await inTransaction(typed.deps.db, (tx) =>
          createRequest(tx, req.viewer, fromForm(req.body)),
        );
        return reply.redirect(`/cooperation/requests/${created.id}`, 303);
      } catch (err) {
        const errors = errorsOf(err);
        if (!errors) throw err;
        const choices = await writerChoices(db(), req, req.body);
        return sendPage(reply, WriterPage({ ui: req.ui, values: req.body, errors, choices }), 400);
      }
    },
  );
  typed.get(
    '/cooperation/requests/:id',
    { ...page, schema: { hide: true, params: idParam } },
    async (req, reply) => {
      const r = await getRequest(db(), req.viewer, req.params.id);
      const values = toForm(r);
      return sendPage(
        reply,
        RequestPage({
          ui: req.ui,
          request: r,
          document: await requestDocument(db(), req.viewer, r),
          values,
          errors: {},
          choices: await writerChoices(db(), req, values),
        }),
      );
    },
  );
  typed.post(
    '/cooperation/requests/:id',
    { ...page, schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      try {
        await inTransaction(typed.deps.db, (tx) =>
          updateRequest(tx, req.viewer, req.params.id, fromForm(req.body)),
        );
        return reply.redirect(`/cooperation/requests/${req.params.id}`, 303);
      } catch (err) {
        const errors = errorsOf(err);
        if (!errors) throw err;
        const r = await getRequest(db(), req.viewer, req.params.id);
        const choices = await writerChoices(db(), req, req.body);
        const document = await requestDocument(db(), req.viewer, r);
        return sendPage(
          reply,
          RequestPage({ ui: req.ui, request: r, document, values: req.body, errors, choices }),
          400,
        );
      }
    },
  );
  typed.get(
    '/cooperation/requests/:id/docx',
    { ...page, schema: { hide: true, params: idParam } },
    async (req, reply) => sendDocx(req, reply, req.params.id),
  );
  typed.get(
    '/cooperation/statistics',
    { ...policy('signed_in'), schema: { hide: true, querystring: statisticsQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        StatisticsPage({
          ui: req.ui,
          stats: await requestStatistics(db(), req.query),
          choices: await writerChoices(db(), req, {}),
        }),
      ),
  );
}

/** A request as the writer's form holds it. */
function toForm(r: Awaited<ReturnType<typeof getRequest>>): Record<string, string> {
  return {
    direction: r.direction,
    requesting: r.requesting,
    requested: r.requested,
    kind: r.kind,
    legal_basis: r.legal_basis,
    authority_id: r.authority_id === null ? '' : String(r.authority_id),
    requesting_authority: r.requesting_authority,
    reference: r.reference,
    offences: r.offences.join(','),
    facts: r.facts,
    provider: r.data_sought.provider,
    identifiers: r.data_sought.identifiers.join('\n'),
    date_from: r.data_sought.date_from ?? '',
    date_to: r.data_sought.date_to ?? '',
    time_zone: r.data_sought.time_zone,
    description: r.data_sought.description,
    urgency: r.urgency,
    confidential: r.confidential ? 'on' : '',
    language: r.language ?? '',
    status: r.status,
    sent_on: r.sent_on ?? '',
    answered_on: r.answered_on ?? '',
  };
}
