/** The programme's figures over HTTP: the dashboard (JSON, CSV, XLSX and its page), the public figures, and who does what where. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { countryOptions } from '../editorial/form-support.js';
import { sendPage } from '../shell/ui.js';
import {
  dashboard,
  dashboardQuery,
  dashboardRows,
  publicFigures,
  whoWhatWhere,
} from '../../domains/assistance/dashboard.js';
import { DashboardPage, PublicFiguresPage } from './dashboard-views.js';
import { WherePage } from './where-views.js';
import { countryBudgets } from '../../domains/assistance/iati-organisation.js';
import { organisationOptions } from './route-support.js';
import { iso3 } from '../../core/codes.js';

export async function dashboardApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/assistance/dashboard',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          'Dashboard figures: requests, activities, people trained, outreach, funding (JSON, CSV or XLSX)',
        querystring: dashboardQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const data = await dashboard(db(), req.viewer, req.query);
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="assistance-dashboard.csv"')
          .send(stringify(dashboardRows(data), { header: true }));
      if (req.query.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const sheet = wb.addWorksheet('Dashboard');
        sheet.columns = [
          { header: 'figure', key: 'figure', width: 28 },
          { header: 'key', key: 'key', width: 28 },
          { header: 'value', key: 'value', width: 14 },
        ];
        sheet.getRow(1).font = { bold: true };
        sheet.addRows(dashboardRows(data));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="assistance-dashboard.xlsx"')
          .send(Buffer.from(await wb.xlsx.writeBuffer()));
      }
      return data;
    },
  );
}

export async function publicFigureRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/assistance/public',
    {
      ...policy('public'),
      schema: {
        tags: ['assistance'],
        summary:
          "The programme in figures: its delivered activities and people trained per year and region, as the dashboard counts them for the caller's tier (counts under five withheld)",
      },
    },
    async (req) => publicFigures(db(), req.viewer),
  );
  app.get('/programme', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, PublicFiguresPage({ ui: req.ui, data: await publicFigures(db(), req.viewer) })),
  );
}

export async function whereRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/assistance/where',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          "Who does what where: per country, each implementer's activities, and the budgets organisations declare for it in their IATI organisation files",
        querystring: z.object({
          country: iso3.optional(),
        }),
      },
    },
    async (req) => ({
      items: await whoWhatWhere(db(), req.viewer, req.query),
      budgets: await countryBudgets(db(), req.query),
    }),
  );
  app.get(
    '/assistance/where',
    {
      ...policy('signed_in'),
      schema: {
        hide: true,
        querystring: z.object({
          country: iso3.optional(),
        }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        WherePage({
          ui: req.ui,
          list: await whoWhatWhere(db(), req.viewer, req.query),
          budgets: await countryBudgets(db(), req.query),
        }),
      ),
  );
}

export async function dashboardPage(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/assistance',
    { ...policy('signed_in'), schema: { hide: true, querystring: dashboardQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        DashboardPage({
          ui: req.ui,
          data: await dashboard(db(), req.viewer, req.query),
          countries: await countryOptions(db(), req),
          donors: await organisationOptions(db()),
        }),
      ),
  );
}
