/** Sign in and out, password reset links, one's account and API tokens — pages and API. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { adminRoutes } from './admin-routes.js';
import { policy, secureCookies } from '../shell/auth.js';
import { DEVICE_COOKIE, deviceCookieOptions, login } from '../../domains/accounts/login.js';
import { safeNext } from './next.js';
import { verifyPassword } from '../../domains/accounts/passwords.js';
import { createSession, endSession, SESSION_COOKIE } from '../../domains/accounts/sessions.js';
import { createToken, listTokens, revokeToken } from '../../domains/accounts/tokens.js';
import {
  consumeReset,
  findUserByEmail,
  getUser,
  resetTarget,
  setPassword,
} from '../../domains/accounts/users.js';
import { listSavedSearches } from '../../domains/search/saved.js';
import { SCOPES, type Viewer } from '../../core/access.js';
import { AccountPage, LoginPage, ResetPage } from './views.js';
import { recordId } from '../../core/codes.js';

const loginForm = z.object({
  email: z.string().default(''),
  password: z.string().default(''),
  next: z.string().default(''),
});
const passwordForm = z.object({
  current: z.string().default(''),
  password: z.string().default(''),
  confirm: z.string().default(''),
});
const tokenForm = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(80),
  scope: z.enum(SCOPES).default('read'),
});
const resetForm = z.object({ password: z.string().default(''), confirm: z.string().default('') });

export async function accountRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  signInRoutes(app);
  passwordResetRoutes(app);
  accountPageRoutes(app);
  accountApiRoutes(app);
  await app.register(adminRoutes);
}

/** Starts a session for a user (ending the one given, if any) and sets its cookie. */
function sessionStarter({ db: database, env }: FastifyInstance['deps']) {
  const db = () => database.orm;
  const times = { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS };
  return async function startSession(reply: FastifyReply, userId: number, oldToken: string | null) {
    if (oldToken) await endSession(db(), oldToken); // rotate: never reuse a session across sign-ins
    const { token } = await createSession(db(), userId, times);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(env),
      maxAge: env.SESSION_MAX_HOURS * 3600,
    });
  };
}

/** Sign in (the page and its form) and sign out. */
function signInRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db: database, env } = app.deps;
  const db = () => database.orm;
  const startSession = sessionStarter(app.deps);

  app.get(
    '/login',
    {
      ...policy('public'),
      schema: {
        hide: true,
        querystring: z.object({ next: z.string().optional(), done: z.string().optional() }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        LoginPage({
          ui: req.ui,
          next: req.query.next,
          notice: req.query.done === 'reset' ? req.ui.t('reset.done') : undefined,
        }),
      ),
  );
  app.post('/login', { ...policy('public'), schema: { hide: true, body: loginForm } }, async (req, reply) => {
    try {
      const { user, device } = await login(db(), env, {
        email: req.body.email,
        password: req.body.password,
        address: req.ip,
        device: req.cookies[DEVICE_COOKIE],
      });
      await startSession(reply, user.id, req.sessionToken);
      if (device) reply.setCookie(DEVICE_COOKIE, device, deviceCookieOptions(secureCookies(env)));
      return reply.redirect(safeNext(req.body.next), 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendPage(
        reply,
        LoginPage({ ui: req.ui, email: req.body.email, next: req.body.next, error: err.message }),
        err.status,
      );
    }
  });
  app.post('/logout', { ...policy('account'), schema: { hide: true } }, async (req, reply) => {
    if (req.sessionToken) await endSession(db(), req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
}

/** A password reset link: its page and the new password's form. */
function passwordResetRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db: database, env } = app.deps;
  const db = () => database.orm;

  app.get(
    '/reset/:token',
    { ...policy('public'), schema: { hide: true, params: z.object({ token: z.string() }) } },
    async (req, reply) => {
      const user = await resetTarget(db(), req.params.token);
      if (!user) throw new AppError(410, 'reset_link_invalid', req.ui.t('reset.invalid'));
      return sendPage(reply, ResetPage({ ui: req.ui, token: req.params.token, email: user.email }));
    },
  );
  app.post(
    '/reset/:token',
    { ...policy('public'), schema: { hide: true, params: z.object({ token: z.string() }), body: resetForm } },
    async (req, reply) => {
      const user = await resetTarget(db(), req.params.token);
      if (!user) throw new AppError(410, 'reset_link_invalid', req.ui.t('reset.invalid'));
      if (req.body.password !== req.body.confirm)
        return sendPage(
          reply,
          ResetPage({
            ui: req.ui,
            token: req.params.token,
            email: user.email,
            errors: { confirm: req.ui.t('account.mismatch') },
          }),
          400,
        );
      try {
        await inTransaction(database, (tx) =>
          consumeReset(tx, req.params.token, req.body.password, env.SCRYPT_N),
        );
      } catch (err) {
        if (err instanceof AppError && err.status === 400)
          return sendPage(
            reply,
            ResetPage({
              ui: req.ui,
              token: req.params.token,
              email: user.email,
              errors: { password: err.message },
            }),
            400,
          );
        throw err;
      }
      return reply.redirect('/login?done=reset', 303);
    },
  );
}

/** One's account page and its forms: change the password, make or revoke a token. */
function accountPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db: database, env } = app.deps;
  const db = () => database.orm;
  const startSession = sessionStarter(app.deps);

  const accountPage = async (
    req: { ui: Parameters<typeof AccountPage>[0]['ui']; viewer: Viewer },
    extra: Partial<Parameters<typeof AccountPage>[0]> = {},
  ) => {
    const user = await getUser(db(), req.viewer.userId!);
    return AccountPage({
      ui: req.ui,
      user,
      tokens: await listTokens(db(), user.id),
      searches: await listSavedSearches(db(), req.viewer as Viewer),
      ...extra,
    });
  };
  app.get('/account', { ...policy('account'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, await accountPage(req)),
  );
  app.post(
    '/account/password',
    { ...policy('account', { credentials: true }), schema: { hide: true, body: passwordForm } },
    async (req, reply) => {
      const user = await findUserByEmail(db(), (await getUser(db(), req.viewer.userId!)).email);
      const t = req.ui.t;
      if (!user?.password_hash || !(await verifyPassword(req.body.current, user.password_hash)))
        return sendPage(
          reply,
          await accountPage(req, { errors: { current: t('account.wrong_password') } }),
          400,
        );
      if (req.body.password !== req.body.confirm)
        return sendPage(reply, await accountPage(req, { errors: { confirm: t('account.mismatch') } }), 400);
      try {
        await setPassword(db(), user.id, req.body.password, env.SCRYPT_N);
      } catch (err) {
        if (err instanceof AppError && err.status === 400)
          return sendPage(reply, await accountPage(req, { errors: { password: err.message } }), 400);
        throw err;
      }
      await startSession(reply, user.id, null); // other sessions ended by setPassword; this one continues under a new id
      return sendPage(reply, await accountPage(req, { notice: t('account.password_changed') }));
    },
  );
  app.post(
    '/account/tokens',
    {
      ...policy('account', { credentials: true }),
      schema: { hide: true, body: z.record(z.string(), z.unknown()) },
    },
    async (req, reply) => {
      const parsed = tokenForm.safeParse(req.body);
      if (!parsed.success)
        return sendPage(reply, await accountPage(req, { errors: fieldErrors(parsed.error.issues) }), 400);
      const made = await inTransaction(database, (tx) =>
        createToken(tx, req.viewer, { userId: req.viewer.userId!, ...parsed.data }),
      );
      return sendPage(reply, await accountPage(req, { newToken: made.token }));
    },
  );
  app.post(
    '/account/tokens/:id/revoke',
    {
      ...policy('account', { credentials: true }),
      schema: { hide: true, params: z.object({ id: recordId }) },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => revokeToken(tx, req.viewer, req.params.id, req.viewer.userId!));
      return reply.redirect('/account', 303);
    },
  );
}

/** One's account over the API: who one is, and one's tokens. */
function accountApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/me',
    { ...policy('public'), schema: { tags: ['accounts'], summary: 'Who the request is authenticated as' } },
    async (req) => ({
      role: req.viewer.role,
      user_id: req.viewer.userId,
      name: req.viewer.name,
      countries: req.viewer.countries,
      can_write: req.viewer.canWrite,
      scope: req.viewer.scope,
    }),
  );
  app.get(
    '/api/v1/tokens',
    {
      ...policy('account'),
      schema: { tags: ['accounts'], summary: 'Your API tokens (never their values)' },
    },
    async (req) => ({ items: await listTokens(db(), req.viewer.userId!) }),
  );
  app.post(
    '/api/v1/tokens',
    {
      ...policy('account', { credentials: true }),
      schema: {
        tags: ['accounts'],
        summary: 'Make an API token; its value is in this response only',
        body: tokenForm,
      },
    },
    async (req, reply) => {
      const made = await inTransaction(database, (tx) =>
        createToken(tx, req.viewer, { userId: req.viewer.userId!, ...req.body }),
      );
      return reply.code(201).send(made);
    },
  );
  app.delete(
    '/api/v1/tokens/:id',
    {
      ...policy('account', { credentials: true }),
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one of your tokens',
        params: z.object({ id: recordId }),
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => revokeToken(tx, req.viewer, req.params.id, req.viewer.userId!));
      return reply.code(204).send();
    },
  );
}
