/** Reports over HTTP: JSON and DOCX from the API, the page with print styles, and the page to choose one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { countryOptions } from '../editorial/form-support.js';
import { translator } from '../../core/i18n.js';
import { sendPage } from '../shell/ui.js';
import { reportDocx } from '../../reports/docx.js';
import { qs } from '../../reports/model.js';
import { makeReport, REPORT_KINDS, reportJson, reportQuery } from '../../reports/service.js';
import { ReportPage, ReportsPage } from './views.js';
import { donorsOf } from '../../domains/assistance/funding.js';

const english = translator('en');
const kindParam = z.object({ kind: z.enum(REPORT_KINDS) });

export async function reportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;
  const publicUrl = app.deps.env.PUBLIC_URL;

  app.get(
    '/api/v1/reports/:kind',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['reports'],
        security: [{ token: [] }],
        summary:
          'A report for a period: programme implementation, a donor (donor=ID) or a country profile (country=ISO3); format json (every figure by name) or docx',
        params: kindParam,
        querystring: reportQuery,
      },
    },
    async (req, reply) => {
      await app.usage.flush();
      const report = await makeReport(db(), req.viewer, req.params.kind, req.query, english);
      if (req.query.format === 'docx') {
        const file = await reportDocx(report, publicUrl, {
          period: `${report.from} – ${report.to}`,
          empty: english('rep.empty'),
          howCounted: english('rep.how_counted'),
        });
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header(
            'content-disposition',
            `attachment; filename="${req.params.kind}-report-${report.from}-${report.to}.docx"`,
          )
          .send(file);
      }
      const { format, ...query } = req.query;
      if (format === 'html') return reply.redirect(`/reports/${req.params.kind}?${qs(query)}`, 303);
      return reportJson(report);
    },
  );
  app.get('/reports', { ...policy('signed_in'), schema: { hide: true } }, async (req, reply) => {
    const year = new Date().getUTCFullYear() - 1;
    const donors = await donorsOf(db(), req.viewer);
    return sendPage(
      reply,
      ReportsPage({
        ui: req.ui,
        donors: donors.map((d) => [String(d.id), d.name]),
        countries: await countryOptions(db(), req),
        choice: { kind: 'programme', from: `${year}-01-01`, to: `${year}-12-31` },
      }),
    );
  });
  app.get(
    '/reports/:kind',
    { ...policy('signed_in'), schema: { hide: true, params: kindParam, querystring: reportQuery } },
    async (req, reply) => {
      await app.usage.flush();
      const report = await makeReport(db(), req.viewer, req.params.kind, req.query, req.ui.t, req.ui.lang);
      const { format: _f, ...query } = req.query;
      return sendPage(reply, ReportPage({ ui: req.ui, report, query }));
    },
  );
}
