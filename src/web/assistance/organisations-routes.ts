/** Organisations over HTTP (donors, partners, beneficiaries): the API (list, read, record) and their pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { sendPage } from '../shell/ui.js';
import { getOrganisation, listOrganisationSummaries } from '../../domains/assistance/organisations.js';
import {
  createOrganisation,
  listOrganisations,
  organisationInput,
} from '../../domains/assistance/funding.js';
import { OrganisationPage, OrganisationsPage } from './organisation-views.js';
import { idParam, secured } from './route-support.js';

export async function organisationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/organisations',
    {
      ...policy('signed_in'),
      schema: { tags: ['assistance'], summary: 'Organisations: donors, partners, beneficiaries' },
    },
    async () => ({ items: await listOrganisations(db()) }),
  );
  app.get(
    '/api/v1/organisations/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'An organisation with its contributions and the activities it took part in, by role',
        params: idParam,
      },
    },
    async (req) => getOrganisation(db(), req.viewer, req.params.id),
  );
  app.get(
    '/assistance/organisations',
    { ...policy('signed_in'), schema: { hide: true } },
    async (req, reply) =>
      sendPage(
        reply,
        OrganisationsPage({ ui: req.ui, list: await listOrganisationSummaries(db(), req.viewer) }),
      ),
  );
  app.get(
    '/assistance/organisations/:id',
    { ...policy('signed_in'), schema: { hide: true, params: idParam } },
    async (req, reply) =>
      sendPage(
        reply,
        OrganisationPage({ ui: req.ui, org: await getOrganisation(db(), req.viewer, req.params.id) }),
      ),
  );
  app.post(
    '/api/v1/organisations',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record an organisation', body: organisationInput },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createOrganisation(tx, req.viewer, req.body))),
  );
}
