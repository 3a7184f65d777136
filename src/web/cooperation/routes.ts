/** International cooperation over HTTP: the legal basis and dual criminality, as a page and as API. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { iso3, isoDate } from '../../core/codes.js';
import { AppError } from '../../core/errors.js';
import { listAuthorities } from '../../domains/cooperation/authorities.js';
import { dualCriminality, offenceList } from '../../domains/cooperation/dual-criminality.js';
import {
  legalBasis,
  legalBasisMatrix,
  legalBasisQuery,
  matrixQuery,
} from '../../domains/cooperation/legal-basis.js';
import { MatrixPage } from './matrix-view.js';
import { allCountryOptions, conceptOptions } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { type FieldErrors, fieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { authorityRoutes } from './authority-routes.js';
import { requestRoutes } from './request-routes.js';
import { CooperationPage } from './views.js';

const tags = ['cooperation'];

export async function cooperationRoutes(base: FastifyInstance) {
  await authorityRoutes(base);
  await requestRoutes(base);
  apiRoutes(base);
  matrixPageRoute(base);
  cooperationPageRoute(base);
}

/** The legal basis, the matrix and dual criminality as JSON. */
function apiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  app.get(
    '/api/v1/cooperation/legal-basis',
    {
      ...policy('public'),
      schema: {
        tags,
        summary:
          'The instruments binding a requesting and a requested state on a date (from the party data), what each allows, those not (yet) binding both, and whether a request rests on reciprocity',
        querystring: legalBasisQuery,
      },
    },
    async (req) => legalBasis(db(), req.query),
  );

  app.get(
    '/api/v1/cooperation/matrix',
    {
      ...policy('public'),
      schema: {
        tags,
        summary: 'For each pair of the states given (at most 40), the instruments binding both on the date',
        querystring: matrixQuery,
      },
    },
    async (req) => legalBasisMatrix(db(), req.query),
  );
  app.get(
    '/api/v1/cooperation/dual-criminality',
    {
      ...policy('public'),
      schema: {
        tags,
        summary:
          "For each offence (a concept code), the requesting and the requested state's provisions criminalising it, from accepted mappings (covered, partial, reserved, missing or not_reviewed)",
        querystring: z.object({
          from: iso3.describe('the requesting state'),
          to: iso3.describe('the requested state'),
          offences: offenceList.describe(
            'offence concepts, comma-separated, e.g. illegal-access,computer-fraud',
          ),
        }),
      },
    },
    async (req) => {
      // the states are checked as the legal basis checks them (known, not the same)
      await legalBasis(db(), { from: req.query.from, to: req.query.to });
      return { offences: await dualCriminality(db(), req.viewer, req.query, req.query.offences) };
    },
  );
}

/** The matrix of legal bases between the states chosen. */
function matrixPageRoute(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  app.get(
    '/cooperation/matrix',
    {
      ...policy('public'),
      schema: { hide: true, querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])) },
    },
    async (req, reply) => {
      const raw = req.query;
      const parsed = matrixQuery.safeParse({ countries: raw.countries ?? [], on: raw.on || undefined });
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      let matrix: Awaited<ReturnType<typeof legalBasisMatrix>> | undefined;
      if (parsed.success && parsed.data.countries.length > 1)
        try {
          matrix = await legalBasisMatrix(db(), parsed.data);
        } catch (err) {
          if (!(err instanceof AppError) || err.status !== 400) throw err;
          errors.countries = err.message;
        }
      const countries = [raw.countries ?? []].flat().flatMap((c) => c.split(','));
      return sendPage(
        reply,
        MatrixPage({
          ui: req.ui,
          countries: await allCountryOptions(db(), req),
          query: { countries, on: typeof raw.on === 'string' ? raw.on : undefined },
          matrix,
          errors,
        }),
        Object.keys(errors).length ? 400 : 200,
      );
    },
  );
}

/** The cooperation page: the legal basis, the requested state's authorities and dual criminality. */
function cooperationPageRoute(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  app.get(
    '/cooperation',
    {
      ...policy('public'),
      schema: {
        hide: true,
        querystring: z.object({
          from: z.union([iso3, z.literal('')]).optional(),
          to: z.union([iso3, z.literal('')]).optional(),
          on: z.union([isoDate, z.literal('')]).optional(),
          offences: offenceList.optional(),
        }),
      },
    },
    async (req, reply) => {
      const q = {
        from: req.query.from || undefined,
        to: req.query.to || undefined,
        on: req.query.on || undefined,
      };
      const offences = req.query.offences ?? [];
      const [countries, concepts] = await Promise.all([
        allCountryOptions(db(), req),
        conceptOptions(db(), req),
      ]);
      const errors: FieldErrors = {};
      let found: Parameters<typeof CooperationPage>[0]['found'];
      if (q.from && q.to)
        try {
          const basis = await legalBasis(db(), { from: q.from, to: q.to, on: q.on });
          found = {
            basis,
            offences: await dualCriminality(db(), req.viewer, { from: q.from, to: q.to }, offences),
            authorities: await listAuthorities(db(), req.viewer, { country: q.to }),
          };
        } catch (err) {
          if (!(err instanceof AppError) || err.status !== 400) throw err;
          const fields = (err.details as { fields?: { field: string }[] } | undefined)?.fields ?? [];
          for (const f of fields) errors[f.field.replace('querystring.', '')] = err.message;
        }
      return sendPage(
        reply,
        CooperationPage({
          ui: req.ui,
          query: { ...q, offences },
          countries,
          offences: concepts.filter((c) => c.kind === 'offence'),
          errors,
          found,
        }),
        Object.keys(errors).length ? 400 : 200,
      );
    },
  );
}
