/** Which report, for which period and subject: checked once for the page, the API and the CLI. */
import { z } from 'zod';
import type { Viewer } from '../core/access.js';
import type { Orm } from '../core/db/connect.js';
import { badRequest } from '../core/errors.js';
import { iso3, isoDate, recordId } from '../core/codes.js';
import type { Translate, UiLang } from '../core/i18n.js';
import { countryReport } from './country.js';
import { donorReport } from './donor.js';
import { figuresByName, type Report } from './model.js';
import { programmeReport } from './programme.js';

export const REPORT_KINDS = ['programme', 'donor', 'country'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const reportQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    donor: recordId.optional().describe('donor organisation id (donor report)'),
    country: iso3.optional().describe('ISO 3166 alpha-3 (country profile)'),
    format: z.enum(['json', 'docx', 'html']).default('json'),
  })
  .refine((q) => q.to >= q.from, { message: 'the period ends before it starts', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;

export async function makeReport(
  db: Orm,
  viewer: Viewer,
  kind: ReportKind,
  q: ReportQuery,
  t: Translate,
  lang: UiLang = 'en',
): Promise<Report> {
  const ctx = { t, lang, period: { from: q.from, to: q.to } };
  if (kind === 'donor') {
    if (q.donor === undefined)
      throw badRequest('A donor report needs the donor: donor=ID (an organisation id)', { field: 'donor' });
    return donorReport(db, viewer, q.donor, ctx);
  }
  if (kind === 'country') {
    if (!q.country)
      throw badRequest('A country profile needs the country: country=ISO3', { field: 'country' });
    return countryReport(db, viewer, q.country, ctx);
  }
  return programmeReport(db, viewer, ctx);
}

/** The report as JSON: every figure by name, and the sections as shown. */
export const reportJson = (r: Report) => ({
  kind: r.kind,
  title: r.title,
  subject: r.subject,
  from: r.from,
  to: r.to,
  generated: r.generated,
  empty: r.empty,
  figures: figuresByName(r),
  sections: r.sections,
});
