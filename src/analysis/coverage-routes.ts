/** Coverage over HTTP: the matrix and country pages, the API, and CSV and Excel exports. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSee, visibleTo } from '../accounts/access.js';
import { policy } from '../accounts/auth.js';
import { rows } from '../db/query.js';
import { getCountry, listInstruments } from '../reference/service.js';
import { sendPage } from '../web/ui.js';
import { coverage, coverageQuery, coverageRows, type Coverage } from './coverage.js';
import { getReview } from './review.js';
import { CountryCoveragePage, MatrixPage } from './views/coverage.js';

/** The coverage as an Excel workbook: the matrix (countries × articles) and one row per country and article. */
async function workbook(data: Coverage): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cyrepo';
  const matrix = wb.addWorksheet('Matrix', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  matrix.addRow(['Country', 'Criminalisation covered (%)', ...data.articles.map((a) => `Art. ${a.number} ${a.title}`)]).font = { bold: true };
  for (const c of data.countries) matrix.addRow([c.names.en ?? c.iso3, c.criminalisation, ...data.articles.map((a) => c.statuses[a.number])]);
  matrix.getColumn(1).width = 28;
  const list = wb.addWorksheet('Rows');
  const rowsOut = coverageRows(data);
  list.columns = Object.keys(rowsOut[0] ?? { country: '' }).map((key) => ({ header: key, key, width: key === 'provisions' ? 60 : 16 }));
  list.getRow(1).font = { bold: true };
  list.addRows(rowsOut);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function coverageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/coverage',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary: 'Coverage of an instrument per country and article (covered, partial, missing, not_reviewed), as JSON, CSV or XLSX',
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
          .send(stringify(coverageRows(data), { header: true, columns: ['country', 'country_name', 'instrument', 'article', 'article_title', 'category', 'status', 'provisions'] }));
      if (format === 'xlsx')
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await workbook(data));
      return data;
    },
  );

  app.get('/coverage', { ...policy('public'), schema: { hide: true, querystring: coverageQuery.omit({ country: true }).extend({ sort: z.enum(['name', 'share']).default('name') }) } }, async (req, reply) => {
    const { sort, ...query } = req.query;
    const data = await coverage(db(), req.viewer, query);
    // The regions of the countries whose laws are in the repository, to filter by.
    const regions = await rows<{ code: string; names: Record<string, string> }>(
      db(),
      sql`SELECT a.code, a.names FROM m49_area a WHERE a.code IN (SELECT coalesce(c.intermediate_code, c.subregion_code, c.region_code) FROM country c JOIN legal_work w ON w.country = c.iso3 WHERE ${visibleTo(req.viewer, 'w')}) ORDER BY a.names->>'en'`,
    );
    return sendPage(reply, MatrixPage({ ui: req.ui, data, instruments: await listInstruments(db()), regions, query: { region: query.region, category: query.category, sort } }));
  });

  app.get(
    '/coverage/:iso3',
    { ...policy('public'), schema: { hide: true, params: z.object({ iso3: z.string().regex(/^[A-Z]{3}$/) }), querystring: z.object({ instrument: z.string().regex(/^[A-Z0-9]+$/).default('ETS185') }) } },
    async (req, reply) => {
      const country = await getCountry(db(), req.viewer, req.params.iso3);
      const data = await coverage(db(), req.viewer, { instrument: req.query.instrument, country: country.iso3 });
      const row = data.countries[0] ?? { iso3: country.iso3, numeric: country.numeric, names: country.names, region: null, reviewed: false, statuses: Object.fromEntries(data.articles.map((a) => [a.number, 'not_reviewed' as const])), provisions: Object.fromEntries(data.articles.map((a) => [a.number, []])), criminalisation: 0 };
      const canReview = req.viewer.canWrite && canSee(req.viewer, { tier: 'public', editorial_status: 'draft', country: country.iso3 });
      return sendPage(reply, CountryCoveragePage({ ui: req.ui, country, data, row, review: await getReview(db(), country.iso3, data.instrument), canReview, instruments: await listInstruments(db()) }));
    },
  );
}
