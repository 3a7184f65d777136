/** Named participants over HTTP: people and their history, an activity's attendees (API), a person's page and certificates. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { sendPage } from '../shell/ui.js';
import { getActivity } from '../../domains/assistance/activities.js';
import {
  addParticipation,
  attendees,
  createPerson,
  getPerson,
  participationInput,
  personInput,
} from '../../domains/assistance/people.js';
import { CertificatePage, PersonPage } from './people-views.js';
import { recordId } from '../../core/codes.js';
import { idParam, secured } from './route-support.js';

export async function peopleRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.post(
    '/api/v1/people',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record a named participant (with their consent)', body: personInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createPerson(tx, req.viewer, req.body))),
  );
  app.get(
    '/api/v1/people/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'A named participant and their history across activities',
        params: idParam,
      },
    },
    async (req) => getPerson(db(), req.viewer, req.params.id),
  );
  app.get(
    '/api/v1/activities/:id/attendees',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Named participants of an activity, with scores and certificates',
        params: idParam,
      },
    },
    async (req) => ({
      items: await attendees(db(), req.viewer, req.params.id),
    }),
  );
  app.put(
    '/api/v1/activities/:id/attendees',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Add or update a named participant of an activity (trainer or trainee, certificate, pre/post scores)',
        params: idParam,
        body: participationInput,
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => addParticipation(tx, req.viewer, req.params.id, req.body));
      return reply.code(204).send();
    },
  );
  app.get(
    '/assistance/people/:id',
    { ...policy('signed_in'), schema: { hide: true, params: idParam } },
    async (req, reply) =>
      sendPage(reply, PersonPage({ ui: req.ui, person: await getPerson(db(), req.viewer, req.params.id) })),
  );
  app.get(
    '/assistance/activities/:id/certificates/:person',
    { ...policy('signed_in'), schema: { hide: true, params: idParam.extend({ person: recordId }) } },
    async (req, reply) => {
      const [activity, person] = [
        await getActivity(db(), req.viewer, req.params.id),
        await getPerson(db(), req.viewer, req.params.person),
      ];
      if (!person.history.some((h) => h.activity === activity.id && h.certificate))
        throw new AppError(404, 'not_found', 'No certificate for this person and activity');
      return sendPage(reply, CertificatePage({ ui: req.ui, person, activity }));
    },
  );
}
