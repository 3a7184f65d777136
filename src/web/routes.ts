/** Site-wide routes: home, stylesheet, OpenAPI document and API reference page, health check. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { policy } from '../accounts/auth.js';
import { sendPage } from './ui.js';
import { HomePage } from './views/home.js';
import { ApiDocsPage, type OpenApiDoc } from './views/api-docs.js';
import { latestAdditions, repositoryStats } from './stats.js';

const css = readFileSync(new URL('./assets/app.css', import.meta.url));
const cssTag = `"${createHash('sha256').update(css).digest('hex').slice(0, 16)}"`;

export async function webRoutes(app: FastifyInstance) {
  const db = () => app.deps.db.orm;
  app.get('/', { ...policy('public'), schema: { hide: true } }, async (req, reply) => {
    const [stats, latest] = await Promise.all([repositoryStats(db(), req.viewer), latestAdditions(db(), req.viewer)]);
    return sendPage(reply, HomePage({ ui: req.ui, stats, latest }));
  });
  app.get('/assets/app.css', { ...policy('public'), schema: { hide: true } }, async (req, reply) => {
    if (req.headers['if-none-match'] === cssTag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('etag', cssTag).send(css);
  });
  app.get('/api/openapi.json', { ...policy('public'), schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { ...policy('public'), schema: { hide: true } }, async (req, reply) => sendPage(reply, ApiDocsPage({ ui: req.ui, doc: app.swagger() as unknown as OpenApiDoc })));
  app.get('/health', { ...policy('public'), schema: { hide: true } }, async () => {
    await db().execute(sql`SELECT 1`);
    return { status: 'ok' };
  });
}
