/** The directory of competent authorities over HTTP: the API (JSON and CSV), the list and the authority's page. */
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeContacts } from '../../core/access.js';
import { recordId } from '../../core/codes.js';
import { inTransaction } from '../../core/db/tx.js';
import {
  type Authority,
  authorityInput,
  authorityPatch,
  authorityQuery,
  CONTACT_FIELDS,
  createAuthority,
  deleteAuthority,
  getAuthority,
  listAuthorities,
  updateAuthority,
} from '../../domains/cooperation/authorities.js';
import { allCountryOptions } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { authorityImportRoutes } from './authority-import-routes.js';
import { AuthoritiesPage, AuthorityPage } from './authority-views.js';

const tags = ['cooperation'];
const secured = { tags, security: [{ token: [] }] };
const idParam = z.object({ id: recordId });

/** One row per authority for CSV: lists joined with "; ", the contact columns only when the viewer may see contacts. */
function csvOf(list: Authority[], withContacts: boolean): string {
  const columns = [
    ...[
      'id',
      'country',
      'kind',
      'name',
      'designations',
      'languages',
      'channels',
      'legal_bases',
      'requirements',
    ],
    ...['urgent_procedure', 'turnaround_days', 'verified_on', 'source', 'fictional'],
    ...(withContacts ? CONTACT_FIELDS.map((f) => `contact_${f}`) : []),
  ];
  return stringify(
    list.map((a) => ({
      ...a,
      designations: a.designations.map((d) => `${d.instrument} ${d.article}`).join('; '),
      languages: a.languages.join('; '),
      channels: a.channels.join('; '),
      legal_bases: a.legal_bases.join('; '),
      fictional: a.fictional ? 'yes' : 'no',
      ...Object.fromEntries(CONTACT_FIELDS.map((f) => [`contact_${f}`, a.contact?.[f] ?? ''])),
    })),
    { header: true, columns },
  );
}

export async function authorityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  await authorityImportRoutes(base);

  app.get(
    '/api/v1/authorities',
    {
      ...policy('public'),
      schema: {
        tags,
        summary:
          'Competent national authorities (JSON or CSV): their requirements, languages and channels for everyone; contacts only for vetted practitioners and programme staff',
        querystring: authorityQuery.extend({ format: z.enum(['json', 'csv']).default('json') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const list = await listAuthorities(db(), req.viewer, q);
      if (format === 'json') return { items: list };
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="authorities${q.country ? `-${q.country}` : ''}.csv"`,
        )
        .send(csvOf(list, canSeeContacts(req.viewer)));
    },
  );
  app.get(
    '/api/v1/authorities/:id',
    { ...policy('public'), schema: { tags, summary: 'A competent authority', params: idParam } },
    async (req) => getAuthority(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/authorities',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Add a competent authority', body: authorityInput },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(app.deps.db, (tx) => createAuthority(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/authorities/:id',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Change a competent authority', params: idParam, body: authorityPatch },
    },
    async (req) =>
      inTransaction(app.deps.db, (tx) => updateAuthority(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/authorities/:id',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Remove a competent authority', params: idParam },
    },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteAuthority(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    '/authorities',
    { ...policy('public'), schema: { hide: true, querystring: authorityQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        AuthoritiesPage({
          ui: req.ui,
          list: await listAuthorities(db(), req.viewer, req.query),
          countries: await allCountryOptions(db(), req),
          query: req.query,
        }),
      ),
  );
  app.get(
    '/authorities/:id',
    { ...policy('public'), schema: { hide: true, params: idParam } },
    async (req, reply) =>
      sendPage(
        reply,
        AuthorityPage({
          ui: req.ui,
          authority: await getAuthority(db(), req.viewer, req.params.id),
          countries: await allCountryOptions(db(), req),
        }),
      ),
  );
}
