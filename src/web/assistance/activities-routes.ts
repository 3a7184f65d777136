/** Technical assistance activities over HTTP: the API (list, read, record, update) and the pages with their form. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import type { Orm } from '../../core/db/connect.js';
import { listAttachments } from '../../domains/attachments/service.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import type { FieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import {
  activityInput,
  activityQuery,
  createActivity,
  getActivity,
  listActivities,
  updateActivity,
  type Activity,
} from '../../domains/assistance/activities.js';
import { attendees } from '../../domains/assistance/people.js';
import { ActivitiesPage, ActivityPage } from './activity-views.js';
import { activityChoices, formOf, readActivity, serviceRefusal } from './activity-form.js';
import { idParam, secured, type Form } from './route-support.js';

export async function activityApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/activities',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Technical assistance activities',
        querystring: activityQuery,
      },
    },
    async (req) => ({ items: await listActivities(db(), req.viewer, req.query) }),
  );
  app.get(
    '/api/v1/activities/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'An activity with its requests and participants',
        params: idParam,
      },
    },
    async (req) => getActivity(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/activities',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Record an activity (countries, dates, requests answered, participants by role and sex)',
        body: activityInput,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createActivity(tx, req.viewer, req.body))),
  );
  app.put(
    '/api/v1/activities/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Update an activity (e.g. delivered, with its participants)',
        params: idParam,
        body: activityInput,
      },
    },
    async (req) => inTransaction(database, (tx) => updateActivity(tx, req.viewer, req.params.id, req.body)),
  );
}

/** The list of activities with the form to plan one (again with its problems, when it had some). */
const activitiesPage = async (
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  state: { form?: Form; errors?: Record<string, string> } = {},
  status = 200,
) =>
  sendPage(
    reply,
    ActivitiesPage({
      ui: req.ui,
      list: await listActivities(db, req.viewer, activityQuery.parse(req.query ?? {})),
      ...(await activityChoices(db, req)),
      ...state,
    }),
    status,
  );

/** An activity with its named participants, files and form (the activity's own fields unless the form is sent back). */
const activityPage = async (
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  activity: Activity,
  state: { form?: Form; errors?: FieldErrors; saved?: boolean },
  status = 200,
) => {
  const [people, files] = [
    await attendees(db, req.viewer, activity.id),
    await listAttachments(db, req.viewer, 'activity', String(activity.id)),
  ];
  return sendPage(
    reply,
    ActivityPage({
      ui: req.ui,
      activity,
      ...(await activityChoices(db, req)),
      form: state.form ?? formOf(activity),
      errors: state.errors,
      saved: state.saved,
      attendees: people,
      files,
    }),
    status,
  );
};

export async function activityPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/assistance/activities',
    { ...policy('signed_in'), schema: { hide: true, querystring: activityQuery } },
    async (req, reply) => activitiesPage(db(), req, reply),
  );
  app.post(
    '/assistance/activities',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const read = readActivity(req, form, await activityChoices(db(), req));
      if (!read.ok) return activitiesPage(db(), req, reply, { form, errors: read.errors }, 400);
      try {
        const created = await inTransaction(database, (tx) => createActivity(tx, req.viewer, read.value));
        return reply.redirect(`/assistance/activities/${created.id}?saved=1`, 303);
      } catch (err) {
        const errors = serviceRefusal(err);
        if (!errors) throw err;
        return activitiesPage(db(), req, reply, { form, errors }, 400);
      }
    },
  );
  app.get(
    '/assistance/activities/:id',
    {
      ...policy('signed_in'),
      schema: { hide: true, params: idParam, querystring: z.object({ saved: z.string().optional() }) },
    },
    async (req, reply) =>
      activityPage(db(), req, reply, await getActivity(db(), req.viewer, req.params.id), {
        saved: !!req.query.saved,
      }),
  );
  app.post(
    '/assistance/activities/:id',
    { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const activity = await getActivity(db(), req.viewer, req.params.id);
      const read = readActivity(req, form, await activityChoices(db(), req), activity);
      if (!read.ok) return activityPage(db(), req, reply, activity, { form, errors: read.errors }, 400);
      try {
        await inTransaction(database, (tx) => updateActivity(tx, req.viewer, req.params.id, read.value));
      } catch (err) {
        const errors = serviceRefusal(err);
        if (!errors) throw err;
        return activityPage(db(), req, reply, activity, { form, errors }, 400);
      }
      return reply.redirect(`/assistance/activities/${req.params.id}?saved=1`, 303);
    },
  );
}
