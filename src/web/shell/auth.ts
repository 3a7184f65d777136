/**
 * Authentication and route access for the whole app:
 * - who is asking: a bearer API token, or the session cookie, or nobody;
 * - every route declares `config.policy`; a route without one stops the app from starting;
 * - the policy's roles are checked before anything else runs (401 / 403, or the sign-in page);
 * - an API token's scope is checked next, the same way for every route: a read token may only GET
 *   and HEAD; administration (users, reset links) and managing tokens need an admin-scoped token;
 * - every state-changing request made with a session cookie (or anonymously, e.g. the sign-in
 *   form) must carry the CSRF token, else 403 before the body is validated or anything changes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Env } from '../../core/env.js';
import type { Orm } from '../../core/db/connect.js';
import { ANONYMOUS, type Role, type Viewer } from '../../core/access.js';
import { activeSession, SESSION_COOKIE } from '../../domains/accounts/sessions.js';
import { viewerForToken } from '../../domains/accounts/tokens.js';

export const ROUTE_POLICIES = {
  /** anyone, signed in or not */
  public: ['anonymous', 'reader', 'practitioner', 'contributor', 'editor', 'programme_officer', 'admin'],
  /** any signed-in user, vetted practitioners included: their account, tokens and saved searches */
  account: ['reader', 'practitioner', 'contributor', 'editor', 'programme_officer', 'admin'],
  /** those who draft and log requests for cooperation: vetted practitioners and programme staff */
  cooperation: ['practitioner', 'programme_officer', 'admin'],
  /** the programme's people: readers and staff (programme data; not outside practitioners) */
  signed_in: ['reader', 'contributor', 'editor', 'programme_officer', 'admin'],
  /** people who add to the repository: contributors (own countries), editors, programme officers, admins */
  contribute: ['contributor', 'editor', 'programme_officer', 'admin'],
  /** staff who see every draft and publish */
  edit: ['editor', 'programme_officer', 'admin'],
  /** staff who run technical assistance: programme officers, admins */
  programme: ['programme_officer', 'admin'],
  /** administrators */
  admin: ['admin'],
} as const satisfies Record<string, readonly (Role | 'anonymous')[]>;
export type RoutePolicy = keyof typeof ROUTE_POLICIES;

export const ANON_CSRF_COOKIE = 'cyrepo_csrf';

export type RouteEntry = { method: string; url: string; policy: RoutePolicy; credentials: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its policy, for the access tests. */
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** The route makes or ends credentials (API tokens): with a token, only an admin-scoped one. */
    credentials?: boolean;
  }
  interface FastifyRequest {
    viewer: Viewer;
    /** The token forms must send back: the session's, or the anonymous cookie's. */
    csrf: string;
    sessionToken: string | null;
  }
}

const isApi = (url: string) => url.startsWith('/api/');
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function secureCookies(env: Env): boolean {
  return env.PUBLIC_URL.startsWith('https://');
}

export function installAuth(app: FastifyInstance, deps: { db: { orm: Orm }; env: Env }) {
  const times = { idleMinutes: deps.env.SESSION_IDLE_MINUTES, maxHours: deps.env.SESSION_MAX_HOURS };
  app.decorateRequest('viewer', null as never);
  app.decorateRequest('csrf', '');
  app.decorateRequest('sessionToken', null);

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    if (!route.config?.policy)
      throw new Error(`route ${String(route.method)} ${route.url} declares no access policy (config.policy)`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        app.routeTable.push({
          method,
          url: route.url,
          policy: route.config.policy,
          credentials: !!route.config.credentials,
        });
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    req.viewer = ANONYMOUS;
    const header = req.headers.authorization;
    if (header) {
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const viewer = token ? await viewerForToken(deps.db.orm, token) : undefined;
      if (!viewer)
        throw new AppError(401, 'unauthorized', 'The API token is not valid (Authorization: Bearer …)');
      req.viewer = viewer;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const session = cookie ? await activeSession(deps.db.orm, cookie, times) : undefined;
      if (session) {
        req.viewer = session.viewer;
        req.csrf = session.csrf;
        req.sessionToken = cookie!;
      } else {
        if (cookie) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        req.csrf = req.cookies[ANON_CSRF_COOKIE] ?? '';
        if (!req.csrf && !isApi(req.url)) {
          req.csrf = randomBytes(24).toString('base64url');
          reply.setCookie(ANON_CSRF_COOKIE, req.csrf, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: secureCookies(deps.env),
          });
        }
      }
    }
    const policy = req.routeOptions.config?.policy;
    if (!policy) return; // 404s: no route matched
    const allowed = ROUTE_POLICIES[policy] as readonly string[];
    if (allowed.includes(req.viewer.role)) {
      const refusal = scopeRefusal(req.viewer, req.method, policy, !!req.routeOptions.config.credentials);
      if (!refusal) return;
      reply.header('x-cyrepo-denied', 'scope');
      throw refusal;
    }
    reply.header('x-cyrepo-denied', policy); // lets tests tell a policy refusal from other 4xx
    if (req.viewer.role !== 'anonymous')
      throw new AppError(403, 'forbidden', 'Your role does not allow this');
    if (!isApi(req.url) && SAFE.has(req.method)) {
      reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      return reply;
    }
    throw new AppError(401, 'unauthorized', 'Sign in, or send an API token (Authorization: Bearer …)');
  });

  // The token comes in the form body (_csrf) or the X-CSRF-Token header, never in the address (it
  // would land in history, logs and Referer headers). A file upload form's body is read as a
  // stream by its route: there the token must be the form's first field, checked before any file.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (SAFE.has(req.method) || req.viewer.via === 'token') return;
    const body = req.body as Record<string, unknown> | undefined;
    const sent =
      (typeof body?._csrf === 'string' && body._csrf) ||
      (req.headers['x-csrf-token'] as string | undefined) ||
      '';
    if (!sent && req.isMultipart?.() && UPLOAD_FORMS.has(req.routeOptions.url ?? '')) return tokenFirst(req);
    if (!req.csrf || !sent || !same(String(sent), req.csrf)) throw csrfRefusal();
  });
}

const csrfRefusal = () =>
  new AppError(
    403,
    'csrf',
    'The form has expired or did not come from this site; reload the page and try again',
  );

/** Upload forms (multipart) whose routes read the body as a stream: the token is their first field. */
const UPLOAD_FORMS = new Set([
  '/edit/import',
  '/edit/:kind/:id/attachments',
  '/files/:owner_type/:owner_id',
  '/imports/iati',
]);

/** Declares a page's route an upload form (before the route is registered), e.g. every spreadsheet import page. */
export function uploadForm(url: string): string {
  UPLOAD_FORMS.add(url);
  return url;
}

/**
 * Makes the request's multipart readers (parts, file, files) take the first part as the CSRF token
 * and refuse the request (403 csrf) unless it is a `_csrf` field holding the session's token.
 */
function tokenFirst(req: FastifyRequest): void {
  const parts = req.parts.bind(req);
  let checked = false;
  req.parts = async function* (options) {
    const iterator = parts(options);
    if (!checked) {
      const first = await iterator.next();
      const part = first.done ? undefined : first.value;
      const token = part?.type === 'field' && part.fieldname === '_csrf' ? String(part.value) : '';
      if (!req.csrf || !token || !same(token, req.csrf)) throw csrfRefusal();
      checked = true;
    }
    yield* iterator;
  };
  req.file = async (options) => {
    for await (const part of req.parts(options)) if (part.type === 'file') return part;
    return undefined;
  };
  req.files = async function* (options) {
    for await (const part of req.parts(options)) if (part.type === 'file') yield part;
  };
}

/** Why a token's scope does not allow this request, if it does not (sessions act with their role's reach). */
export function scopeRefusal(
  viewer: Viewer,
  method: string,
  policy: RoutePolicy,
  credentials: boolean,
): AppError | undefined {
  if (viewer.via !== 'token' || viewer.scope === 'admin') return undefined;
  if (!SAFE.has(method) && viewer.scope === 'read')
    return new AppError(
      403,
      'token_read_only',
      'This token may only read (GET); use a token with the write scope',
    );
  if (policy === 'admin' || (credentials && !SAFE.has(method)))
    return new AppError(
      403,
      'token_scope',
      "Managing users, tokens and reset links needs an administrator's token with the admin scope",
    );
  return undefined;
}

/** Route options naming the route's access policy: `{ ...policy('public'), schema: … }`. */
export const policy = (name: RoutePolicy, options: { credentials?: boolean } = {}) => ({
  config: { policy: name, ...options },
});
