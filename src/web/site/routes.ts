/** Site-wide routes: home, stylesheet, OpenAPI document and API reference page, health check. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { HomePage } from './views/home.js';
import { ApiDocsPage, type OpenApiDoc } from './views/api-docs.js';
import { latestAdditions, repositoryStats } from '../../domains/repository/holdings.js';

const css = readFileSync(new URL('../shell/assets/app.css', import.meta.url));
const favicon = readFileSync(new URL('../shell/assets/favicon.svg', import.meta.url));
const HEALTH_TIMEOUT_MS = 2000;
const script = readFileSync(new URL('../shell/assets/copy.js', import.meta.url));
const cssTag = `"${createHash('sha256').update(css).digest('hex').slice(0, 16)}"`;

export async function webRoutes(app: FastifyInstance) {
  const db = () => app.deps.db.orm;
  app.get('/', { ...policy('public'), schema: { hide: true } }, async (req, reply) => {
    const [stats, latest] = await Promise.all([
      repositoryStats(db(), req.viewer),
      latestAdditions(db(), req.viewer),
    ]);
    return sendPage(reply, HomePage({ ui: req.ui, stats, latest }));
  });
  app.get('/assets/app.css', { ...policy('public'), schema: { hide: true } }, async (req, reply) => {
    if (req.headers['if-none-match'] === cssTag) return reply.code(304).send();
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', cssTag)
      .send(css);
  });
  app.get('/assets/copy.js', { ...policy('public'), schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );
  app.get('/favicon.svg', { ...policy('public'), schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
  // Browsers and feed readers that do not read <link rel=icon> ask for /favicon.ico.
  app.get('/favicon.ico', { ...policy('public'), schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/favicon.svg', 301),
  );
  app.get('/api/openapi.json', { ...policy('public'), schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, ApiDocsPage({ ui: req.ui, doc: app.swagger() as unknown as OpenApiDoc })),
  );
  // 200 when the database answers; 503 at once while an embedded server is being restarted, and
  // within HEALTH_TIMEOUT_MS when the database is out of reach or does not answer.
  app.get('/health', { ...policy('public'), schema: { hide: true } }, async (_req, reply) => {
    const { pool, embedded } = app.deps.db;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('no answer in time')), HEALTH_TIMEOUT_MS)),
    );
    try {
      if (embedded && !embedded.up) throw new Error('the embedded PostgreSQL is restarting');
      await Promise.race([pool.query('SELECT 1'), timeout]);
      return { status: 'ok' };
    } catch {
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable', message: 'The database is not available at the moment' });
    } finally {
      clearTimeout(timer);
    }
  });
}
