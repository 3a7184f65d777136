/** Reservations and declarations: the API (public to read; staff editors record them) and the instrument's page with its form. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStaffEditor } from '../../core/access.js';
import { recordId } from '../../core/codes.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import {
  createReservation,
  deleteReservation,
  getReservation,
  listReservations,
  reservationInput,
  reservationQuery,
  updateReservation,
} from '../../domains/reference/reservations.js';
import { countryNames, getInstrument, listArticles } from '../../domains/reference/service.js';
import { allCountryOptions, formBody } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { type FieldErrors, fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { ReservationsPage } from './views/reservations.js';

const tags = ['reference'];
const secured = { tags, security: [{ token: [] }] };
const idParam = z.object({ id: recordId });

export async function reservationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/reservations',
    {
      ...policy('public'),
      schema: {
        tags,
        summary:
          "Reservations and declarations made by parties to an instrument, per article (a reservation in effect makes the article 'reserved' in coverage and the gap report)",
        querystring: reservationQuery,
      },
    },
    async (req) => ({ items: await listReservations(db(), req.query) }),
  );
  app.get(
    '/api/v1/reservations/:id',
    { ...policy('public'), schema: { tags, summary: 'A reservation or declaration', params: idParam } },
    async (req) => getReservation(db(), req.params.id),
  );
  app.post(
    '/api/v1/reservations',
    {
      ...policy('edit'),
      schema: { ...secured, summary: 'Record a reservation or declaration', body: reservationInput },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createReservation(tx, req.viewer, req.body))),
  );
  app.put(
    '/api/v1/reservations/:id',
    {
      ...policy('edit'),
      schema: {
        ...secured,
        summary: 'Change a reservation or declaration',
        params: idParam,
        body: reservationInput,
      },
    },
    async (req) =>
      inTransaction(database, (tx) => updateReservation(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/reservations/:id',
    {
      ...policy('edit'),
      schema: { ...secured, summary: 'Delete a reservation or declaration', params: idParam },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => deleteReservation(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );

  reservationPageRoutes(base);
}

/** The instrument's page of reservations, with the form staff editors record one with, and their delete buttons. */
function reservationPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  /** The page, with the form (and what was wrong with it) for staff editors. */
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    state: { form?: Record<string, string>; errors?: FieldErrors } = {},
    status = 200,
  ) {
    const instrument = await getInstrument(db(), code);
    const [articles, list, countries, options] = await Promise.all([
      listArticles(db(), req.viewer, { instrument: instrument.code }),
      listReservations(db(), { instrument: instrument.code }),
      countryNames(db()),
      allCountryOptions(db(), req),
    ]);
    const canEdit = isStaffEditor(req.viewer) && req.viewer.canWrite;
    return sendPage(
      reply,
      ReservationsPage({
        ui: req.ui,
        instrument,
        articles: articles.filter((a) => a.category !== 'final'),
        list,
        countries,
        countryOptions: options,
        canEdit,
        ...state,
      }),
      status,
    );
  }
  const codeParam = z.object({ code: z.string() });
  app.get(
    '/instruments/:code/reservations',
    { ...policy('public'), schema: { hide: true, params: codeParam } },
    async (req, reply) => page(req, reply, req.params.code),
  );
  app.post(
    '/instruments/:code/reservations',
    { ...policy('edit'), schema: { hide: true, params: codeParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const code = (await getInstrument(db(), req.params.code)).code;
      const parsed = reservationInput.safeParse({
        ...form,
        instrument: code,
        made_on: form.made_on || null,
        withdrawn_on: form.withdrawn_on || null,
      });
      if (!parsed.success)
        return page(req, reply, code, { form, errors: fieldErrors(parsed.error.issues) }, 400);
      try {
        await inTransaction(database, (tx) => createReservation(tx, req.viewer, parsed.data));
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err;
        const fields =
          (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
        return page(
          req,
          reply,
          code,
          { form, errors: Object.fromEntries(fields.map((f) => [f.field, f.message])) },
          400,
        );
      }
      return reply.redirect(`/instruments/${code}/reservations`, 303);
    },
  );
  app.post(
    '/reservations/:id/delete',
    { ...policy('edit'), schema: { hide: true, params: idParam } },
    async (req, reply) => {
      const { instrument } = await getReservation(db(), req.params.id);
      await inTransaction(database, (tx) => deleteReservation(tx, req.viewer, req.params.id));
      return reply.redirect(`/instruments/${instrument}/reservations`, 303);
    },
  );
}
