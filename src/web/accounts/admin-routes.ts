/** Administration: users (pages and API) and the audit log. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { iso3, recordId } from '../../core/codes.js';
import { fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { ROLES } from '../../core/access.js';
import { AuditPage, UsersPage } from './admin-views.js';
import { listOrganisations } from '../../domains/assistance/funding.js';
import { auditActors, auditQuery, listAudit } from '../../domains/accounts/audit.js';
import { policy } from '../shell/auth.js';
import {
  createUser,
  getUser,
  issueReset,
  listUsers,
  setDisabled,
  setOrganisation,
  setRole,
  userInput,
} from '../../domains/accounts/users.js';

const idParam = z.object({ id: recordId });
const countryList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  )
  .pipe(z.array(iso3));
const roleForm = z.object({
  role: z.enum(ROLES),
  countries: countryList,
  organisation: z
    .string()
    .regex(/^\d*$/)
    .transform((v) => (v ? Number(v) : null))
    .optional(),
});
const userPatch = z.object({
  role: z.enum(ROLES).optional(),
  countries: z.array(iso3).optional(),
  organisation_id: z.number().int().positive().nullable().optional(),
  disabled: z.boolean().optional(),
});

export async function adminRoutes(base: FastifyInstance) {
  adminPageRoutes(base);
  adminApiRoutes(base);
}

/** The administration pages: users (add, change role, disable, reset link) and the audit log. */
function adminPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db: database, env } = app.deps;
  const db = () => database.orm;

  app.get('/admin/users', { ...policy('admin'), schema: { hide: true } }, async (req, reply) =>
    sendPage(
      reply,
      UsersPage({ ui: req.ui, users: await listUsers(db()), organisations: await listOrganisations(db()) }),
    ),
  );
  app.post(
    '/admin/users',
    { ...policy('admin'), schema: { hide: true, body: z.record(z.string(), z.unknown()) } },
    async (req, reply) => {
      const values = req.body as Record<string, string>;
      const parsed = userInput.extend({ countries: countryList }).safeParse(values);
      const page = async (errors: Record<string, string>, status: number) =>
        sendPage(
          reply,
          UsersPage({
            ui: req.ui,
            users: await listUsers(db()),
            organisations: await listOrganisations(db()),
            values,
            errors,
          }),
          status,
        );
      if (!parsed.success) return page(fieldErrors(parsed.error.issues), 400);
      try {
        const user = await inTransaction(database, (tx) => createUser(tx, req.viewer, parsed.data));
        return sendPage(
          reply,
          UsersPage({
            ui: req.ui,
            users: await listUsers(db()),
            organisations: await listOrganisations(db()),
            notice: req.ui.t('users.added', { email: user.email }),
          }),
        );
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return page({ [(err.details as { field?: string })?.field ?? 'email']: err.message }, err.status);
        throw err;
      }
    },
  );
  app.post(
    '/admin/users/:id',
    { ...policy('admin'), schema: { hide: true, params: idParam, body: roleForm } },
    async (req, reply) => {
      await inTransaction(database, async (tx) => {
        await setRole(tx, req.viewer, req.params.id, req.body.role, req.body.countries);
        if (req.body.organisation !== undefined)
          await setOrganisation(tx, req.viewer, req.params.id, req.body.organisation);
      });
      return reply.redirect(`/admin/users#user-${req.params.id}`, 303);
    },
  );
  app.post(
    '/admin/users/:id/:change',
    {
      ...policy('admin'),
      schema: { hide: true, params: idParam.extend({ change: z.enum(['disable', 'enable', 'reset']) }) },
    },
    async (req, reply) => {
      const { id, change } = req.params;
      if (change !== 'reset') {
        await inTransaction(database, (tx) => setDisabled(tx, req.viewer, id, change === 'disable'));
        return reply.redirect('/admin/users', 303);
      }
      const user = await getUser(db(), id);
      const token = await inTransaction(database, (tx) => issueReset(tx, req.viewer, user.email));
      return sendPage(
        reply,
        UsersPage({
          ui: req.ui,
          users: await listUsers(db()),
          organisations: await listOrganisations(db()),
          notice: req.ui.t('users.reset_made', {
            email: user.email,
            link: `${env.PUBLIC_URL}/reset/${token}`,
          }),
        }),
      );
    },
  );
  app.get(
    '/admin/audit',
    { ...policy('edit'), schema: { hide: true, querystring: auditQuery } },
    async (req, reply) => {
      const [result, actors] = await Promise.all([
        listAudit(db(), req.viewer, req.query),
        auditActors(db(), req.viewer),
      ]);
      return sendPage(
        reply,
        AuditPage({ ui: req.ui, result, actors: actors.map((a) => a.actor), query: req.query }),
      );
    },
  );
}

/** Administration over the API: users and the audit log. */
function adminApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db: database, env } = app.deps;
  const db = () => database.orm;

  app.get(
    '/api/v1/users',
    { ...policy('admin'), schema: { tags: ['accounts'], summary: 'List users' } },
    async () => ({ items: await listUsers(db()) }),
  );
  app.post(
    '/api/v1/users',
    {
      ...policy('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Create a user (no password: issue a reset link)',
        body: userInput,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createUser(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      ...policy('admin'),
      schema: {
        tags: ['accounts'],
        summary: "Change a user's role, countries or disable them",
        params: idParam,
        body: userPatch,
      },
    },
    async (req) =>
      inTransaction(database, async (tx) => {
        const current = await getUser(tx, req.params.id);
        if (req.body.role || req.body.countries)
          await setRole(
            tx,
            req.viewer,
            current.id,
            req.body.role ?? current.role,
            req.body.countries ?? current.countries,
          );
        if (req.body.organisation_id !== undefined)
          await setOrganisation(tx, req.viewer, current.id, req.body.organisation_id);
        if (req.body.disabled !== undefined) await setDisabled(tx, req.viewer, current.id, req.body.disabled);
        return getUser(tx, current.id);
      }),
  );
  app.post(
    '/api/v1/users/:id/reset',
    {
      ...policy('admin'),
      schema: { tags: ['accounts'], summary: 'Issue a one-time password reset link', params: idParam },
    },
    async (req) => {
      const user = await getUser(db(), req.params.id);
      const token = await inTransaction(database, (tx) => issueReset(tx, req.viewer, user.email));
      return { url: `${env.PUBLIC_URL}/reset/${token}` };
    },
  );
  app.get(
    '/api/v1/audit',
    {
      ...policy('edit'),
      schema: { tags: ['accounts'], summary: 'The audit log, newest first', querystring: auditQuery },
    },
    async (req) => listAudit(db(), req.viewer, req.query),
  );
}
