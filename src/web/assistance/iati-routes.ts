/** The programme's IATI 2.03 files over HTTP: its activities (as the caller may see them) and its organisation file. */
import type { FastifyInstance } from 'fastify';
import { exportIati } from '../../domains/assistance/iati-import.js';
import { exportIatiOrganisation } from '../../domains/assistance/iati-organisation.js';
import { policy } from '../shell/auth.js';

export async function iatiRoutes(app: FastifyInstance) {
  const database = app.deps.db;
  const org = () => ({ ref: app.deps.env.IATI_ORG_REF, name: app.deps.env.IATI_ORG_NAME });

  app.get(
    '/api/v1/iati/activities.xml',
    {
      ...policy('public'),
      schema: {
        tags: ['assistance'],
        summary:
          "The programme's activities as an IATI 2.03 activity file (valid against the official schema), as the caller may see them (restricted ones never); activities without any date are left out",
      },
    },
    async (req, reply) => {
      const { xml } = await exportIati(database.orm, req.viewer, org());
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="iati-activities.xml"')
        .send(xml);
    },
  );
  app.get(
    '/api/v1/iati/organisation.xml',
    {
      ...policy('public'),
      schema: {
        tags: ['assistance'],
        summary:
          "The programme's IATI 2.03 organisation file: its budget per year and per region (the money received, as the caller may see it; restricted records never)",
      },
    },
    async (req, reply) =>
      reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="iati-organisation.xml"')
        .send(await exportIatiOrganisation(database.orm, req.viewer, org())),
  );
}
