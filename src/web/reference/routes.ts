/** Reference data routes: countries, instruments, articles, concepts, crosswalk — API and pages. */
import { coverage } from '../../domains/analysis/coverage.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCases } from '../../domains/caselaw/service.js';
import { policy } from '../shell/auth.js';
import { pageArray } from '../../core/db/query.js';
import { listDocuments } from '../../domains/documents/service.js';
import { countriesPerArticle, provisionsMappedTo } from '../../domains/legislation/provisions.js';
import { listWorks } from '../../domains/legislation/service.js';
import { sendPage } from '../shell/ui.js';
import {
  articleListQuery,
  conceptListQuery,
  countryListQuery,
  countryNames,
  crosswalk,
  getArticle,
  getConcept,
  getCountry,
  getInstrument,
  listArticles,
  listConcepts,
  listCountries,
  listInstruments,
  partiesOf,
  unmatchedArticles,
} from '../../domains/reference/service.js';
import { ArticlePage, CrosswalkPage, InstrumentPage, InstrumentsPage } from './views/instruments.js';
import { ConceptsPage, CountriesPage, CountryPage } from './views/countries.js';
import { listReservations } from '../../domains/reference/reservations.js';
import { reservationRoutes } from './reservation-routes.js';
import { pageCursor } from '../../core/codes.js';

const paging = { cursor: pageCursor.optional(), limit: z.coerce.number().int().min(1).max(500).default(500) };
const iso3Param = z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code') });
const articleParams = z.object({ code: z.string(), number: z.string() });
const tags = (t: string) => ({ tags: [t] });

export async function referenceRoutes(base: FastifyInstance) {
  await base.register(reservationRoutes);
  countryApiRoutes(base);
  instrumentApiRoutes(base);
  conceptApiRoutes(base);
  referencePageRoutes(base);
}

/** The countries API: list them, and one with its instrument status. */
function countryApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/countries',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'List countries',
        querystring: countryListQuery.extend(paging),
      },
    },
    async (req) => {
      const { cursor, limit, ...filters } = req.query;
      return pageArray(await listCountries(db(), req.viewer, filters), (c) => c.iso3, cursor, limit);
    },
  );
  app.get(
    '/api/v1/countries/:iso3',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'Get a country with its instrument status',
        params: iso3Param,
      },
    },
    async (req) => {
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      return { ...country, instruments: await partiesOf(db(), country.iso3) };
    },
  );
}

/** The instruments API: the instruments, their articles, one article with its mapped provisions. */
function instrumentApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/instruments',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'List international instruments',
        querystring: z.object(paging),
      },
    },
    async (req) => pageArray(await listInstruments(db()), (i) => i.code, req.query.cursor, req.query.limit),
  );
  app.get(
    '/api/v1/instruments/:code',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'Get an instrument with its articles',
        params: z.object({ code: z.string() }),
      },
    },
    async (req) => {
      const instrument = await getInstrument(db(), req.params.code);
      return {
        ...instrument,
        article_list: await listArticles(db(), req.viewer, { instrument: instrument.code }),
      };
    },
  );
  app.get(
    '/api/v1/articles',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'List instrument articles',
        querystring: articleListQuery.extend(paging),
      },
    },
    async (req) => {
      const { cursor, limit, ...filters } = req.query;
      return pageArray(
        await listArticles(db(), req.viewer, filters),
        (a) => `${a.instrument}:${a.number}`,
        cursor,
        limit,
      );
    },
  );
  app.get(
    '/api/v1/instruments/:code/articles/:number',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'Get an article with its crosswalk, concepts and mapped national provisions',
        params: articleParams,
      },
    },
    async (req) => {
      const article = await getArticle(db(), req.viewer, req.params.code, req.params.number);
      return {
        ...article,
        provisions: await provisionsMappedTo(db(), req.viewer, article.instrument, article.number),
      };
    },
  );
}

/** The concepts of the taxonomy and the crosswalk between the two conventions, over the API. */
function conceptApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/concepts',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'List concepts of the taxonomy',
        querystring: conceptListQuery.extend(paging),
      },
    },
    async (req) => {
      const { cursor, limit, ...filters } = req.query;
      return pageArray(await listConcepts(db(), filters), (c) => c.code, cursor, limit);
    },
  );
  app.get(
    '/api/v1/concepts/:code',
    {
      ...policy('public'),
      schema: { ...tags('reference'), summary: 'Get a concept', params: z.object({ code: z.string() }) },
    },
    async (req) => getConcept(db(), req.params.code),
  );
  app.get(
    '/api/v1/crosswalk',
    {
      ...policy('public'),
      schema: {
        ...tags('reference'),
        summary: 'Budapest Convention ↔ UN Convention crosswalk, and the articles without a counterpart',
      },
    },
    async () => ({
      items: await crosswalk(db()),
      unmatched: await unmatchedArticles(db()),
    }),
  );
}

/** The reference pages: countries, instruments and their articles, the crosswalk, concepts. */
function referencePageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get('/countries', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, CountriesPage({ ui: req.ui, countries: await listCountries(db(), req.viewer) })),
  );
  app.get(
    '/countries/:iso3',
    { ...policy('public'), schema: { hide: true, params: iso3Param } },
    async (req, reply) => {
      if (req.params.iso3 !== req.params.iso3.toUpperCase())
        return reply.redirect(`/countries/${req.params.iso3.toUpperCase()}`, 301);
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      const [parties, works, cases, documents, instruments, reservations] = await Promise.all([
        partiesOf(db(), country.iso3),
        listWorks(db(), req.viewer, { country: country.iso3, sort: '-year', limit: 200 }),
        listCases(db(), req.viewer, { country: country.iso3, sort: '-date', limit: 200 }),
        listDocuments(db(), req.viewer, { country: country.iso3, sort: '-date', limit: 200 }),
        listInstruments(db()),
        listReservations(db(), { country: country.iso3 }),
      ]);
      return sendPage(
        reply,
        CountryPage({
          reservations,
          ui: req.ui,
          country,
          parties,
          works: works.items,
          cases: cases.items,
          documents: documents.items,
          instruments,
        }),
      );
    },
  );
  app.get('/instruments', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, InstrumentsPage({ ui: req.ui, instruments: await listInstruments(db()) })),
  );
  app.get(
    '/instruments/:code',
    { ...policy('public'), schema: { hide: true, params: z.object({ code: z.string() }) } },
    async (req, reply) => {
      const instrument = await getInstrument(db(), req.params.code);
      const [articles, countries] = await Promise.all([
        listArticles(db(), req.viewer, { instrument: instrument.code }),
        countriesPerArticle(db(), req.viewer, instrument.code),
      ]);
      return sendPage(reply, InstrumentPage({ ui: req.ui, instrument, articles, countries }));
    },
  );
  app.get(
    '/instruments/:code/articles/:number',
    { ...policy('public'), schema: { hide: true, params: articleParams } },
    async (req, reply) => {
      const [instrument, article] = await Promise.all([
        getInstrument(db(), req.params.code),
        getArticle(db(), req.viewer, req.params.code, req.params.number),
      ]);
      const [provisions, reservations, countries] = await Promise.all([
        provisionsMappedTo(db(), req.viewer, article.instrument, article.number),
        listReservations(db(), { instrument: article.instrument, article: article.number }),
        countryNames(db()),
      ]);
      return sendPage(
        reply,
        ArticlePage({ ui: req.ui, instrument, article, provisions, reservations, countries }),
      );
    },
  );
  app.get('/crosswalk', { ...policy('public'), schema: { hide: true } }, async (req, reply) => {
    const [rows, unmatched, ets, uncc] = await Promise.all([
      crosswalk(db()),
      unmatchedArticles(db()),
      coverage(db(), req.viewer, { instrument: 'ETS185' }),
      coverage(db(), req.viewer, { instrument: 'UNCC2024' }),
    ]);
    // Each country's coverage of both articles of a pair.
    const countries = ets.countries.map((c) => ({
      iso3: c.iso3,
      names: c.names,
      from: c.statuses,
      to: uncc.countries.find((u) => u.iso3 === c.iso3)?.statuses ?? {},
    }));
    return sendPage(reply, CrosswalkPage({ ui: req.ui, rows, unmatched, countries }));
  });
  app.get('/concepts', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, ConceptsPage({ ui: req.ui, concepts: await listConcepts(db()) })),
  );
}
