/**
 * A country profile for a period: the coverage of its law (from the review of legislation), its
 * laws and cases, its assessments with their overall scores, the recommendations and their
 * status, and the assistance it requested and received.
 */
import { sql } from 'drizzle-orm';
import { visibleTo, type Viewer } from '../core/access.js';
import { countryProgress } from '../domains/assessments/progress.js';
import { activityFigures, requestFigures } from '../domains/assistance/figures.js';
import type { Orm } from '../core/db/connect.js';
import { one } from '../core/db/query.js';
import { localName, type Translate } from '../core/i18n.js';
import {
  figureMaker,
  qs,
  type Report,
  type ReportContext,
  type ReportPeriod,
  type Section,
} from './model.js';
import { activitiesLink } from './programme.js';

type CountryFigures = Awaited<ReturnType<typeof countryFigures>>;
/** What each section of the report is made from: the figures, and the links and labels for them. */
type SectionContext = CountryFigures & {
  t: Translate;
  iso3: string;
  period: ReportPeriod;
  fig: ReturnType<typeof figureMaker>;
  /** the activities a figure counts */
  acts: (extra?: Record<string, string>) => string;
};

export async function countryReport(
  db: Orm,
  viewer: Viewer,
  iso3: string,
  { t, period, lang = 'en' }: ReportContext,
): Promise<Report> {
  const { from, to } = period;
  const figures = await countryFigures(db, viewer, iso3, period);
  const { progress, delivered, requests, assessed } = figures;
  const name = localName(progress.country.names, lang).text;
  const c: SectionContext = {
    ...figures,
    t,
    iso3,
    period,
    fig: figureMaker(t),
    acts: (extra: Record<string, string> = {}) => activitiesLink(from, to, { country: iso3, ...extra }),
  };
  return {
    kind: 'country',
    title: t('rep.country_title', { country: name }),
    subject: name,
    from,
    to,
    generated: new Date().toISOString(),
    empty:
      !delivered.activities && !requests.received && !assessed.length && !progress.works && !progress.cases,
    sections: [lawSection(c), assessmentsSection(c), assistanceSection(c)],
  };
}

/** Every figure of the report, read in turn: progress, activities, requests, cases decided in the period. */
async function countryFigures(db: Orm, viewer: Viewer, iso3: string, { from, to }: ReportPeriod) {
  const progress = await countryProgress(db, viewer, iso3);
  const scope = { from, to, country: iso3 };
  const delivered = await activityFigures(db, viewer, scope);
  const requests = await requestFigures(db, viewer, scope);
  const cases = (await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM legal_case c WHERE c.country = ${iso3} AND ${visibleTo(viewer, 'c')} AND c.date BETWEEN ${from}::date AND ${to}::date`,
  ))!.n;
  const assessed = progress.assessments.filter((x) => x.started <= to);
  const recommendations = progress.chain.filter((r) => r.assessed <= to);
  return { progress, delivered, requests, cases, assessed, recommendations };
}

/** The country's laws and cases, and the coverage of its law by category. */
function lawSection({ progress, cases, t, fig, iso3, period: { from, to } }: SectionContext): Section {
  return {
    id: 'law',
    title: t('rep.sec.law'),
    figures: [
      fig('laws', progress.works, `/search?${qs({ type: 'work', country: iso3 })}`),
      fig('cases', progress.cases, `/cases?${qs({ country: iso3 })}`),
      fig('cases_decided', cases, `/cases?${qs({ country: iso3, from, to })}`),
    ],
    tables: [
      {
        name: 'coverage',
        caption: t('rep.tab.coverage'),
        columns: [
          ['category', t('rep.col.category')],
          ['share', t('rep.col.share')],
          ['covered', t('rep.col.covered')],
          ['partial', t('rep.col.partial')],
          ['articles', t('rep.col.articles')],
        ],
        rows: progress.coverage.map((c) => ({
          key: c.category,
          cells: [t(`article.category.${c.category}`), c.share, c.covered, c.partial, c.articles],
          href: `/coverage/${iso3}?${qs({ instrument: c.instrument })}`,
        })),
      },
    ],
  };
}

/** The assessments with their overall scores, and the recommendations with their status. */
function assessmentsSection({ assessed, recommendations, t, fig, iso3 }: SectionContext): Section {
  return {
    id: 'assessments',
    title: t('rep.sec.assessments'),
    figures: [
      fig('assessments', assessed.length, `/countries/${iso3}/progress`),
      fig('recommendations', recommendations.length, `/countries/${iso3}/progress`),
      fig(
        'recommendations_implemented',
        recommendations.filter((r) => r.status === 'implemented').length,
        `/countries/${iso3}/progress`,
      ),
    ],
    tables: [
      {
        name: 'assessments',
        caption: t('rep.tab.assessments'),
        columns: [
          ['date', t('rep.col.date')],
          ['status', t('rep.col.status')],
          ['overall', t('rep.col.overall')],
        ],
        rows: assessed.map((x) => ({
          key: String(x.id),
          cells: [x.started, t(`asm.status.${x.status}`), x.overall ?? '—'],
          href: `/assessments/${x.id}`,
        })),
      },
      {
        name: 'recommendations',
        caption: t('rep.tab.recommendations'),
        columns: [
          ['text', t('asm.recommendation')],
          ['status', t('rep.col.status')],
          ['request', t('asm.request_col')],
          ['people', t('rep.col.trained')],
        ],
        rows: recommendations.map((r) => ({
          key: String(r.id),
          cells: [
            r.text,
            t(`asm.rec_status.${r.status}`),
            r.request_id ? `#${r.request_id} ${t(`ta.req_status.${r.request_status}`)}` : '—',
            r.activities.filter((x) => x.status === 'delivered').reduce((n, x) => n + x.people, 0),
          ],
          href: `/assessments/${r.assessment_id}#rec-${r.id}`,
        })),
      },
    ],
  };
}

/** The assistance the country requested and received: requests, activities, people, by kind. */
function assistanceSection({
  delivered,
  requests,
  t,
  fig,
  acts,
  iso3,
  period: { from, to },
}: SectionContext): Section {
  return {
    id: 'assistance',
    title: t('rep.sec.assistance'),
    note: `${t('rep.note.activities')} ${t('rep.note.country')} ${t('rep.note.requests')}`,
    figures: [
      fig('requests_received', requests.received, `/assistance/requests?${qs({ country: iso3, from, to })}`),
      fig(
        'requests_met',
        requests.met,
        `/assistance/requests?${qs({ country: iso3, from, to, met: 'true' })}`,
      ),
      fig('activities_delivered', delivered.activities, acts()),
      fig('people_trained', delivered.trained, acts()),
      fig('people_reached', delivered.reached, acts()),
    ],
    tables: [
      {
        name: 'activities_by_kind',
        caption: t('rep.tab.by_kind'),
        columns: [
          ['kind', t('rep.col.kind')],
          ['activities', t('rep.col.activities')],
        ],
        rows: delivered.by_kind.map((r) => ({
          key: r.kind,
          cells: [t(`ta.kind.${r.kind}`), r.n],
          href: acts({ kind: r.kind }),
        })),
      },
    ],
  };
}
