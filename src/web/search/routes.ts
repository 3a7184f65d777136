/** Search: the API and the search page. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { listConcepts, listCountries, listRegions } from '../../domains/reference/service.js';
import { sendPage } from '../shell/ui.js';
import { badRequest } from '../../core/errors.js';
import { atomFeed } from '../../domains/search/feeds.js';
import {
  cleanParams,
  deleteSavedSearch,
  listSavedSearches,
  saveSearch,
  savedSearchInput,
} from '../../domains/search/saved.js';
import { snippetHtml } from '../../domains/search/results.js';
import { parseSearch, searchQuery } from '../../domains/search/params.js';
import { search } from '../../domains/search/service.js';
import { SearchPage } from './views.js';
import { iso3AnyCase, recordId } from '../../core/codes.js';
import { reader } from '../../core/db/connect.js';

/** The search page and the feed keep the query string as typed, to fill the form and the feed's link. */
const rawQuery = z.record(z.string(), z.string());

export async function searchRoutes(base: FastifyInstance) {
  searchApiRoutes(base);
  searchFeedRoutes(base);
  savedSearchRoutes(base);
  searchPageRoutes(base);
}

/** The search API: one query, its results with HTML snippets. */
function searchApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => reader(app.deps.db);

  app.get(
    '/api/v1/search',
    {
      ...policy('public'),
      schema: {
        tags: ['search'],
        summary: 'Search provisions, works, cases, documents and instrument articles',
        description:
          'q takes words, "exact phrases", -exclusions and OR. Snippets are HTML with the matches in <mark>. A query naming a concept (label or synonym, any language) also finds items tagged with, mapped to or using the terms of that concept; their `reason` says so. A broad query (more than about 5,000 matches) is counted from a sample: `approximate` is then true, `total` and the facet counts are estimates, and the items are the best of the sample and of the items whose heading has the words.',
        querystring: searchQuery,
      },
    },
    async (req) => {
      const result = await search(db(), req.viewer, req.query);
      if (!req.query.cursor) req.searchUsage = { q: req.query.q, total: result.total };
      return { ...result, items: result.items.map((i) => ({ ...i, snippet: snippetHtml(i.snippet) })) };
    },
  );
}

/** The Atom feeds: of a search, and of a country's new items of one kind. */
function searchFeedRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => reader(app.deps.db);

  app.get(
    '/feeds/search.atom',
    { ...policy('public'), schema: { hide: true, querystring: rawQuery } },
    async (req, reply) => {
      const query = req.query as Record<string, string>;
      const self = `/feeds/search.atom?${new URLSearchParams(cleanParams(new URLSearchParams(query).toString()))}`;
      const feed = await atomFeed(
        db(),
        app.deps.env.PUBLIC_URL,
        self,
        `cyrepo: ${query.q ? `“${query.q}”` : 'new items'}`,
        query,
      );
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    },
  );
  app.get(
    '/feeds/:country/:kind.atom',
    {
      ...policy('public'),
      schema: {
        hide: true,
        params: z.object({
          country: iso3AnyCase,
          kind: z.enum(['provisions', 'works', 'cases', 'documents']),
        }),
      },
    },
    async (req, reply) => {
      const country = req.params.country;
      const type = req.params.kind.replace(/s$/, '');
      const feed = await atomFeed(
        db(),
        app.deps.env.PUBLIC_URL,
        `/feeds/${country}/${req.params.kind}.atom`,
        `cyrepo: new ${req.params.kind} — ${country}`,
        { country, type },
      );
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    },
  );
}

/** Saved searches: the page's save and delete forms, and the API to list, save and delete them. */
function savedSearchRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.post(
    '/search/save',
    {
      ...policy('account'),
      schema: {
        hide: true,
        body: z.object({ name: z.string().default(''), params: z.string().default('') }),
      },
    },
    async (req, reply) => {
      const parsed = savedSearchInput.safeParse(req.body);
      if (!parsed.success) throw badRequest(parsed.error.issues[0].message, { field: 'name' });
      await saveSearch(db(), req.viewer, parsed.data);
      return reply.redirect(`/search?${cleanParams(req.body.params)}&saved=1`, 303);
    },
  );
  app.post(
    '/search/saved/:id/delete',
    { ...policy('account'), schema: { hide: true, params: z.object({ id: recordId }) } },
    async (req, reply) => {
      await deleteSavedSearch(db(), req.viewer, req.params.id);
      return reply.redirect('/account#searches', 303);
    },
  );
  app.get(
    '/api/v1/saved-searches',
    { ...policy('account'), schema: { tags: ['search'], summary: 'Your saved searches' } },
    async (req) => ({ items: await listSavedSearches(db(), req.viewer) }),
  );
  app.post(
    '/api/v1/saved-searches',
    {
      ...policy('account'),
      schema: {
        tags: ['search'],
        summary: 'Save a search (params as a query string, e.g. q=fraud&country=KEN)',
        body: savedSearchInput,
      },
    },
    async (req, reply) => reply.code(201).send(await saveSearch(db(), req.viewer, req.body)),
  );
  app.delete(
    '/api/v1/saved-searches/:id',
    {
      ...policy('account'),
      schema: { tags: ['search'], summary: 'Delete a saved search', params: z.object({ id: recordId }) },
    },
    async (req, reply) => {
      await deleteSavedSearch(db(), req.viewer, req.params.id);
      return reply.code(204).send();
    },
  );
}

/** The search page. */
function searchPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => reader(app.deps.db);

  app.get(
    '/search',
    { ...policy('public'), schema: { hide: true, querystring: rawQuery } },
    async (req, reply) => {
      const query = req.query as Record<string, string>;
      const [result, countries, concepts, regions] = await Promise.all([
        search(db(), req.viewer, parseSearch(query)),
        listCountries(db(), req.viewer),
        listConcepts(db()),
        listRegions(db()),
      ]);
      if (!query.cursor) req.searchUsage = { q: query.q ?? '', total: result.total };
      const vocabularies = { countries, concepts, regions };
      return sendPage(reply, SearchPage({ ui: req.ui, query, result, vocabularies }));
    },
  );
}
