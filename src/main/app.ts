/**
 * Builds the Fastify application: plugins, error handling, language and auth hooks, and the
 * routes of every feature. Used by the server, the tests and the OpenAPI generator.
 */
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { installAuth, secureCookies } from '../web/shell/auth.js';
import { accountRoutes } from '../web/accounts/routes.js';
import { editorialRoutes } from '../web/editorial/routes.js';
import { attachmentRoutes } from '../web/attachments/routes.js';
import { intakeRoutes } from '../web/intake/routes.js';
import { analysisRoutes } from '../web/analysis/routes.js';
import { assistanceRoutes } from '../web/assistance/routes.js';
import { importRoutes } from '../web/imports/routes.js';
import { assessmentRoutes } from '../web/assessments/routes.js';
import { caseRoutes } from '../web/caselaw/routes.js';
import { cooperationRoutes } from '../web/cooperation/routes.js';
import type { Database } from '../core/db/connect.js';
import { demoFlag } from '../domains/demo/flag.js';
import { documentRoutes } from '../web/documents/routes.js';
import type { Env } from '../core/env.js';
import { AppError, fromPgError } from '../core/errors.js';
import { legislationRoutes } from '../web/legislation/routes.js';
import { referenceRoutes } from '../web/reference/routes.js';
import { searchRoutes } from '../web/search/routes.js';
import { setSearchCacheSize } from '../domains/search/cache.js';
import { webRoutes } from '../web/site/routes.js';
import { installInputCheck } from '../web/shell/input.js';
import { UsageCounter } from '../domains/usage/counter.js';
import { usageRoutes } from '../web/usage/routes.js';
import { reportRoutes } from '../web/reports/routes.js';
import { ErrorPage } from '../web/site/views/error.js';
import { sendPage, uiFor } from '../web/shell/ui.js';
import { ensureReferenceNames } from '../domains/reference/names.js';
import { installIdentityFilter } from '../web/shell/identities.js';
import { installPageCache } from '../web/shell/page-cache.js';
import { createJobs, type Jobs } from '../core/jobs.js';

/** `jobs`: the background job queue (by default one on the app's database, sending only). */
export type AppDeps = { db: Database; env: Env; log: Logger; jobs?: Jobs };
export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    jobs: Jobs;
    usage: UsageCounter;
  }
}

/** JSON endpoints (errors as JSON); every other path is a page. */
const isApi = (url: string) => url.startsWith('/api/v1/') || url.startsWith('/api/openapi');

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = createServer(deps);
  app.decorate('deps', deps);
  const jobs = deps.jobs ?? createJobs(deps.db, deps.log);
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  app.decorate('usage', new UsageCounter(() => deps.db.orm));
  countPageViews(app);
  app.decorateRequest('ui', null as never);
  await registerPlugins(app, deps);
  installRequestHooks(app, deps);
  installErrorHandlers(app, deps);
  await registerRoutes(app);
  return app;
}

/** The Fastify server with its logger, limits and proxy trust, validating and serialising with Zod. */
function createServer(deps: AppDeps) {
  const app = Fastify({
    // Request/response lines only at debug: they would drown the log at info.
    loggerInstance: (deps.log.levelVal < 40 && !['debug', 'trace'].includes(deps.env.LOG_LEVEL)
      ? deps.log.child({}, { level: 'warn' })
      : deps.log) as FastifyBaseLogger,
    bodyLimit: Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024),
    routerOptions: { ignoreTrailingSlash: true },
    // A number of hops becomes "trust the nearest N" (proxy-addr's index counts from the socket).
    trustProxy:
      typeof deps.env.TRUST_PROXY === 'number'
        ? (
            (hops: number) => (_: string, i: number) =>
              i < hops
          )(deps.env.TRUST_PROXY)
        : deps.env.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}

/** Counts the pages served and the searches made (flushing the counts on close). */
function countPageViews(app: App) {
  app.addHook('onClose', async () => app.usage.close());
  // Repository use: pages served, by section (counts only; nothing about the visitor).
  app.addHook('onResponse', async (req, reply) => {
    if (
      req.method === 'GET' &&
      req.ui &&
      reply.statusCode === 200 &&
      String(reply.getHeader('content-type') ?? '').startsWith('text/html')
    )
      app.usage.pageView(req.url);
    if (req.searchUsage && reply.statusCode === 200)
      app.usage.search(req.searchUsage.q, req.searchUsage.total);
  });
}

/** Security headers, compression, cookies, form and multipart bodies, rate limits, the OpenAPI document. */
async function registerPlugins(app: App, deps: AppDeps) {
  // HSTS only where the site is served over https: sent over plain http it would be ignored at best.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
    strictTransportSecurity: secureCookies(deps.env) ? { maxAge: 31536000 } : false,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(formbody);
  // One file per request unless a route asks for more (imports: 20, MAX_UPLOAD_MB in all; src/core/files/upload.ts); few, short fields.
  await app.register(multipart, {
    limits: {
      fileSize: Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024),
      files: 1,
      fields: 50,
      fieldSize: 64 * 1024,
      parts: 100,
      headerPairs: 100,
    },
  });
  await app.register(rateLimit, { max: deps.env.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cyrepo API',
        version: '1',
        description:
          'Repository of cybercrime legislation, case law and documents, mapped to the international instruments.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
}

/** The request hooks, in order: the page's language, auth, identities, input check, no-store, the viewer, the page cache. */
function installRequestHooks(app: App, deps: AppDeps) {
  // Pages get their language, translator and the signed-in user before auth runs, so that
  // even an error from the auth hook renders as a page.
  const demoLoaded = demoFlag(() => deps.db.orm);
  app.addHook('onRequest', async (req, reply) => {
    if (isApi(req.url) || req.url.startsWith('/assets/') || req.routeOptions.url === '/health') return;
    // With the database out of reach the error (503) still renders as a page.
    const demo = await Promise.all([demoLoaded(), ensureReferenceNames(deps.db.orm)]).then(
      ([flag]) => Boolean(flag),
      (err) => {
        req.ui = uiFor(req, reply, deps.env.PUBLIC_URL, false);
        throw err;
      },
    );
    req.ui = uiFor(req, reply, deps.env.PUBLIC_URL, demo);
  });
  installAuth(app, deps);
  installIdentityFilter(app);
  installInputCheck(app);
  // What a signed-in user (or a token) is shown is theirs: never kept by a browser or shared cache.
  app.addHook('onSend', async (req, reply) => {
    if (req.viewer && req.viewer.role !== 'anonymous' && !req.url.startsWith('/assets/'))
      reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', async (req) => {
    if (req.ui) req.ui = { ...req.ui, viewer: req.viewer, csrf: req.csrf };
  });
  installPageCache(app, deps.db, deps.env.PAGE_CACHE_MB);
  setSearchCacheSize(deps.env.SEARCH_CACHE_ENTRIES);
}

/** Errors and unknown paths: JSON for the API, an error page otherwise. */
function installErrorHandlers(app: App, deps: AppDeps) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (hasZodFastifySchemaValidationErrors(err))
      e = new AppError(400, 'invalid_request', 'The request is not valid', {
        fields: err.validation.map((v) => ({
          field: `${err.validationContext ?? ''}${v.instancePath.replace(/\//g, '.')}`,
          message: v.message,
        })),
      });
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE')
      e = new AppError(
        413,
        'payload_too_large',
        `The request body is larger than ${deps.env.MAX_UPLOAD_MB} MB`,
      );
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      e = new AppError(err.statusCode, (err.code ?? 'bad_request').toLowerCase(), err.message);
    else {
      const pg = fromPgError(err);
      if (pg) e = pg;
      else {
        req.log.error({ err }, 'unhandled error');
        e = new AppError(500, 'internal_error', 'Something went wrong on our side');
      }
    }
    if (e.status === 503) reply.header('retry-after', '5');
    // A body refused part-way is not read to its end: the connection ends with the answer, rather
    // than stay open (unread) and hold up the server's shutdown.
    if (e.status === 413) reply.header('connection', 'close');
    if (isApi(req.url) || !req.ui)
      return reply.code(e.status).send({ error: { code: e.code, message: e.message, details: e.details } });
    return sendPage(reply, ErrorPage({ ui: req.ui, status: e.status, message: e.message }), e.status);
  });
  app.setNotFoundHandler((req, reply) => {
    if (isApi(req.url) || !req.ui)
      return reply.code(404).send({
        error: { code: 'not_found', message: `No route for ${req.method} ${req.url.split('?')[0]}` },
      });
    return sendPage(reply, ErrorPage({ ui: req.ui, status: 404, message: req.ui.t('error.not_found') }), 404);
  });
}

/** The routes of every feature. */
async function registerRoutes(app: App) {
  await app.register(referenceRoutes);
  await app.register(legislationRoutes);
  await app.register(caseRoutes);
  await app.register(documentRoutes);
  await app.register(attachmentRoutes);
  await app.register(intakeRoutes);
  await app.register(analysisRoutes);
  await app.register(cooperationRoutes);
  await app.register(assistanceRoutes);
  await app.register(assessmentRoutes);
  await app.register(webRoutes);
  await app.register(accountRoutes);
  await app.register(editorialRoutes);
  await app.register(searchRoutes);
  await app.register(usageRoutes);
  await app.register(reportRoutes);
  await app.register(importRoutes);
}
