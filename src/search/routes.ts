/** Search: the API and the search page. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../accounts/auth.js';
import { listConcepts, listCountries } from '../reference/service.js';
import { sendPage } from '../web/ui.js';
import { search, searchQuery, snippetHtml } from './service.js';
import { SearchPage } from './views.js';

/** Query strings arrive as strings; the service parses them (so that its 400s name the fields). */
const rawQuery = z.record(z.string(), z.string());

export async function searchRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/search',
    {
      ...policy('public'),
      schema: {
        tags: ['search'],
        summary: 'Search provisions, works, cases, documents and instrument articles',
        description: 'q takes words, "exact phrases", -exclusions and OR. Snippets are HTML with the matches in <mark>. A query naming a concept (label or synonym, any language) also finds items tagged with, mapped to or using the terms of that concept; their `reason` says so.',
        querystring: searchQuery.partial().extend({ limit: z.string().optional(), year_from: z.string().optional(), year_to: z.string().optional(), type: z.string().optional() }),
      },
    },
    async (req) => {
      const result = await search(db(), req.viewer, req.query as Record<string, string>);
      return { ...result, items: result.items.map((i) => ({ ...i, snippet: snippetHtml(i.snippet) })) };
    },
  );

  app.get('/search', { ...policy('public'), schema: { hide: true, querystring: rawQuery } }, async (req, reply) => {
    const query = req.query as Record<string, string>;
    const [result, countries, concepts] = await Promise.all([search(db(), req.viewer, query), listCountries(db(), req.viewer), listConcepts(db())]);
    return sendPage(reply, SearchPage({ ui: req.ui, query, result, countries, concepts }));
  });
}
