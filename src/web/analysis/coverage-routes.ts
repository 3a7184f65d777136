/** Coverage over HTTP: the matrix and country pages, the API, and CSV and Excel exports. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { notFound } from '../../core/errors.js';
import { getCountry, listInstruments } from '../../domains/reference/service.js';
import { sendPage } from '../shell/ui.js';
import {
  coverage,
  coverageQuery,
  coverageRows,
  regionsWithLaws,
  type Coverage,
} from '../../domains/analysis/coverage.js';
import { GAP_ORDER, type GapLabels, gapReport, gapReportDocx } from '../../domains/analysis/gap-report.js';
import { RESERVATION_KINDS } from '../../domains/reference/reservations.js';
import { reviewPatch, saveReview } from '../../domains/analysis/review.js';
import { canReview, reviewFor } from '../../domains/analysis/review-access.js';
import { CountryCoveragePage, MatrixPage } from './views/coverage.js';
import { compareRoutes } from './compare-routes.js';
import { gapMeta, GapReportPage } from './views/gap-report.js';

/** The coverage as an Excel workbook: the matrix (countries × articles) and one row per country and article. */
async function workbook(data: Coverage): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cyrepo';
  const matrix = wb.addWorksheet('Matrix', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  matrix.addRow([
    'Country',
    'Criminalisation covered (%)',
    ...data.articles.map((a) => `Art. ${a.number} ${a.title}`),
  ]).font = { bold: true };
  for (const c of data.countries)
    matrix.addRow([
      c.names.en ?? c.iso3,
      c.criminalisation,
      ...data.articles.map((a) => c.statuses[a.number]),
    ]);
  matrix.getColumn(1).width = 28;
  const list = wb.addWorksheet('Rows');
  const rowsOut = coverageRows(data);
  list.columns = Object.keys(rowsOut[0] ?? { country: '' }).map((key) => ({
    header: key,
    key,
    width: key === 'provisions' ? 60 : 16,
  }));
  list.getRow(1).font = { bold: true };
  list.addRows(rowsOut);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const iso3Param = z.object({ iso3: z.string().regex(/^[A-Z]{3}$/) });
const instrumentQuery = z.object({
  instrument: z
    .string()
    .regex(/^[A-Z0-9]+$/)
    .default('ETS185'),
});

export async function coverageRoutes(base: FastifyInstance) {
  coverageApiRoutes(base);
  coveragePageRoutes(base);
  reviewApiRoutes(base);
  gapReportRoutes(base);
  compareRoutes(base);
}

/** The coverage API: JSON, or the CSV and Excel exports. */
function coverageApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/coverage',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary:
          'Coverage of an instrument per country and article (covered, partial, missing, not_reviewed), as JSON, CSV or XLSX',
        querystring: coverageQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const data = await coverage(db(), req.viewer, query);
      const name = `coverage-${data.instrument}${query.region ? `-${query.region}` : ''}`;
      if (format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(
            stringify(coverageRows(data), {
              header: true,
              columns: [
                'country',
                'country_name',
                'instrument',
                'article',
                'article_title',
                'category',
                'status',
                'provisions',
              ],
            }),
          );
      if (format === 'xlsx')
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await workbook(data));
      return data;
    },
  );
}

/** The coverage pages: the matrix of countries and articles, and one country's coverage. */
function coveragePageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/coverage',
    {
      ...policy('public'),
      schema: {
        hide: true,
        querystring: coverageQuery
          .omit({ country: true })
          .extend({ sort: z.enum(['name', 'share']).default('name') }),
      },
    },
    async (req, reply) => {
      const { sort, ...query } = req.query;
      const data = await coverage(db(), req.viewer, query);
      const regions = await regionsWithLaws(db(), req.viewer);
      return sendPage(
        reply,
        MatrixPage({
          ui: req.ui,
          data,
          instruments: await listInstruments(db()),
          regions,
          query: { region: query.region, category: query.category, sort },
        }),
      );
    },
  );

  app.get(
    '/coverage/:iso3',
    {
      ...policy('public'),
      schema: {
        hide: true,
        params: z.object({ iso3: z.string().regex(/^[A-Z]{3}$/) }),
        querystring: z.object({
          instrument: z
            .string()
            .regex(/^[A-Z0-9]+$/)
            .default('ETS185'),
        }),
      },
    },
    async (req, reply) => {
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      const data = await coverage(db(), req.viewer, {
        instrument: req.query.instrument,
        country: country.iso3,
      });
      const row = data.countries[0] ?? {
        iso3: country.iso3,
        numeric: country.numeric,
        names: country.names,
        region: null,
        reviewed: false,
        statuses: Object.fromEntries(data.articles.map((a) => [a.number, 'not_reviewed' as const])),
        provisions: Object.fromEntries(data.articles.map((a) => [a.number, []])),
        criminalisation: 0,
      };
      return sendPage(
        reply,
        CountryCoveragePage({
          ui: req.ui,
          country,
          data,
          row,
          review: await reviewFor(db(), req.viewer, country.iso3, data.instrument),
          canReview: canReview(req.viewer, country.iso3),
          instruments: await listInstruments(db()),
        }),
      );
    },
  );
}

/** A country's review against an instrument over the API: read it, save it. */
function reviewApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  const reviewParams = iso3Param.extend({ instrument: z.string().regex(/^[A-Z0-9]+$/) });
  app.get(
    '/api/v1/reviews/:iso3/:instrument',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary:
          "A country's review of its legislation against an instrument (complete reviews only, without the reviewer, for those who do not review it)",
        params: reviewParams,
      },
    },
    async (req) => {
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      const review = await reviewFor(db(), req.viewer, country.iso3, req.params.instrument);
      if (!review) throw notFound(`A review of ${country.iso3} against ${req.params.instrument}`);
      return review;
    },
  );
  app.patch(
    '/api/v1/reviews/:iso3/:instrument',
    {
      ...policy('contribute'),
      schema: {
        tags: ['review'],
        security: [{ token: [] }],
        summary: 'Save the summary and recommendations of a review, or mark it complete or in progress',
        params: reviewParams,
        body: reviewPatch,
      },
    },
    async (req) => {
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      await inTransaction(app.deps.db, (tx) =>
        saveReview(tx, req.viewer, country.iso3, req.params.instrument, req.body),
      );
      return (await reviewFor(db(), req.viewer, country.iso3, req.params.instrument))!;
    },
  );
}

/** A country's gap report: the API, the page with its recommendations form, and the Word document. */
function gapReportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/coverage/:iso3/gap-report',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary:
          'The gap report of a country against an instrument: articles covered, partial, missing, with provisions and recommendations',
        params: iso3Param,
        querystring: instrumentQuery,
      },
    },
    async (req) => gapReport(db(), req.viewer, req.params.iso3, req.query.instrument, req.ui?.lang),
  );
  app.get(
    '/coverage/:iso3/gap-report',
    {
      ...policy('public'),
      schema: {
        hide: true,
        params: iso3Param,
        querystring: instrumentQuery.extend({ saved: z.string().optional() }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        GapReportPage({
          ui: req.ui,
          report: await gapReport(db(), req.viewer, req.params.iso3, req.query.instrument, req.ui.lang),
          canEdit: canReview(req.viewer, req.params.iso3),
          saved: !!req.query.saved,
        }),
      ),
  );
  app.post(
    '/coverage/:iso3/gap-report',
    {
      ...policy('contribute'),
      schema: { hide: true, params: iso3Param, querystring: instrumentQuery, body: formBody },
    },
    async (req, reply) => {
      const form = req.body as Record<string, string>;
      const recommendations = Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith('rec.'))
          .map(([k, v]) => [k.slice(4), v]),
      );
      await inTransaction(app.deps.db, (tx) =>
        saveReview(
          tx,
          req.viewer,
          req.params.iso3,
          req.query.instrument,
          reviewPatch.parse({ summary: form.summary ?? '', recommendations }),
        ),
      );
      return reply.redirect(
        `/coverage/${req.params.iso3}/gap-report?instrument=${req.query.instrument}&saved=1`,
        303,
      );
    },
  );
  app.get(
    '/coverage/:iso3/gap-report.docx',
    { ...policy('public'), schema: { hide: true, params: iso3Param, querystring: instrumentQuery } },
    async (req, reply) => {
      const report = await gapReport(db(), req.viewer, req.params.iso3, req.query.instrument, req.ui.lang);
      const t = req.ui.t;
      const docx = await gapReportDocx(report, {
        title: t('gap.title', { country: report.country.name, instrument: report.instrument.name }),
        meta: gapMeta(req.ui, report),
        article: t('article.short'),
        summary: t('gap.summary'),
        statuses: Object.fromEntries(
          GAP_ORDER.map((s) => [s, t(`gap.status.${s}`)]),
        ) as GapLabels['statuses'],
        reservation: Object.fromEntries(
          RESERVATION_KINDS.map((k) => [k, t(`reservation.kind.${k}`)]),
        ) as GapLabels['reservation'],
        recommendation: t('gap.recommendation'),
        none: t('gap.no_provision'),
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="gap-report-${report.country.iso3}-${report.instrument.code}-${report.generated}.docx"`,
        )
        .send(docx);
    },
  );
}
