/**
 * A country profile for a period: the coverage of its law (from the review of legislation), its
 * laws and cases, its assessments with their overall scores, the recommendations and their
 * status, and the assistance it requested and received.
 */
import { sql } from 'drizzle-orm';
import { tierVisible, visibleTo, type Viewer } from '../accounts/access.js';
import { countryProgress } from '../assessments/progress.js';
import type { Orm } from '../db/connect.js';
import { one, rows } from '../db/query.js';
import { localName } from '../web/i18n.js';
import { figureMaker, qs, type Report, type ReportContext } from './model.js';
import { activitiesLink, deliveredIn } from './programme.js';

export async function countryReport(db: Orm, viewer: Viewer, iso3: string, { t, period, lang = 'en' }: ReportContext): Promise<Report> {
  const { from, to } = period;
  const progress = await countryProgress(db, viewer, iso3);
  const name = localName(progress.country.names, lang).text;
  // The country's own participants: those recorded for it, or all of a one-country activity's when none is named.
  const ofCountry = sql`(p.country = ${iso3} OR (p.country IS NULL AND NOT EXISTS (SELECT 1 FROM activity_country o WHERE o.activity_id = a.id AND o.country <> ${iso3})))`;
  const inPeriod = deliveredIn(viewer, from, to);
  const mine = sql`EXISTS (SELECT 1 FROM activity_country ac WHERE ac.activity_id = a.id AND ac.country = ${iso3})`;
  const a = (await one<{ activities: number; trained: number; reached: number; requests: number; met: number; cases_period: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM activity a WHERE ${inPeriod} AND ${mine}) AS activities,
      (SELECT coalesce(sum(p.count), 0)::int FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inPeriod} AND ${mine} AND ${ofCountry}) AS trained,
      (SELECT coalesce(sum(x.count), 0)::int FROM audience_count x JOIN activity a ON a.id = x.activity_id WHERE ${inPeriod} AND ${mine}) AS reached,
      (SELECT count(*)::int FROM assistance_request r WHERE r.country = ${iso3} AND ${tierVisible(viewer, 'r')} AND r.received BETWEEN ${from}::date AND ${to}::date) AS requests,
      (SELECT count(*)::int FROM assistance_request r WHERE r.country = ${iso3} AND ${tierVisible(viewer, 'r')} AND r.received BETWEEN ${from}::date AND ${to}::date AND r.status IN ('in_progress', 'completed')) AS met,
      (SELECT count(*)::int FROM legal_case c WHERE c.country = ${iso3} AND ${visibleTo(viewer, 'c')} AND c.date BETWEEN ${from}::date AND ${to}::date) AS cases_period`,
  ))!;
  const byKind = await rows<{ key: string; n: number }>(db, sql`SELECT a.kind AS key, count(*)::int AS n FROM activity a WHERE ${inPeriod} AND ${mine} GROUP BY a.kind ORDER BY n DESC, a.kind`);
  const acts = (extra: Record<string, string> = {}) => activitiesLink(from, to, { country: iso3, ...extra });
  const fig = figureMaker(t);
  const assessed = progress.assessments.filter((x) => x.started <= to);
  const recommendations = progress.chain.filter((r) => r.assessed <= to);
  return {
    kind: 'country',
    title: t('rep.country_title', { country: name }),
    subject: name,
    from,
    to,
    generated: new Date().toISOString(),
    empty: !a.activities && !a.requests && !assessed.length && !progress.works && !progress.cases,
    sections: [
      {
        id: 'law',
        title: t('rep.sec.law'),
        figures: [fig('laws', progress.works, `/search?${qs({ type: 'work', country: iso3 })}`), fig('cases', progress.cases, `/cases?${qs({ country: iso3 })}`), fig('cases_decided', a.cases_period, `/cases?${qs({ country: iso3, from, to })}`)],
        tables: [
          {
            name: 'coverage',
            caption: t('rep.tab.coverage'),
            columns: [['category', t('rep.col.category')], ['share', t('rep.col.share')], ['covered', t('rep.col.covered')], ['partial', t('rep.col.partial')], ['articles', t('rep.col.articles')]],
            rows: progress.coverage.map((c) => ({ key: c.category, cells: [t(`article.category.${c.category}`), c.share, c.covered, c.partial, c.articles], href: `/coverage/${iso3}?${qs({ instrument: c.instrument })}` })),
          },
        ],
      },
      {
        id: 'assessments',
        title: t('rep.sec.assessments'),
        figures: [
          fig('assessments', assessed.length, `/countries/${iso3}/progress`),
          fig('recommendations', recommendations.length, `/countries/${iso3}/progress`),
          fig('recommendations_implemented', recommendations.filter((r) => r.status === 'implemented').length, `/countries/${iso3}/progress`),
        ],
        tables: [
          {
            name: 'assessments',
            caption: t('rep.tab.assessments'),
            columns: [['date', t('rep.col.date')], ['status', t('rep.col.status')], ['overall', t('rep.col.overall')]],
            rows: assessed.map((x) => ({ key: String(x.id), cells: [x.started, t(`asm.status.${x.status}`), x.overall ?? '—'], href: `/assessments/${x.id}` })),
          },
          {
            name: 'recommendations',
            caption: t('rep.tab.recommendations'),
            columns: [['text', t('asm.recommendation')], ['status', t('rep.col.status')], ['request', t('asm.request_col')], ['people', t('rep.col.trained')]],
            rows: recommendations.map((r) => ({
              key: String(r.id),
              cells: [r.text, t(`asm.rec_status.${r.status}`), r.request_id ? `#${r.request_id} ${t(`ta.req_status.${r.request_status}`)}` : '—', r.activities.filter((x) => x.status === 'delivered').reduce((n, x) => n + x.people, 0)],
              href: `/assessments/${r.assessment_id}#rec-${r.id}`,
            })),
          },
        ],
      },
      {
        id: 'assistance',
        title: t('rep.sec.assistance'),
        figures: [fig('requests_received', a.requests, `/assistance/requests?${qs({ country: iso3, from, to })}`), fig('requests_met', a.met, `/assistance/requests?${qs({ country: iso3, from, to, met: 'true' })}`), fig('activities_delivered', a.activities, acts()), fig('people_trained', a.trained, acts()), fig('people_reached', a.reached, acts())],
        tables: [{ name: 'activities_by_kind', caption: t('rep.tab.by_kind'), columns: [['kind', t('rep.col.kind')], ['activities', t('rep.col.activities')]], rows: byKind.map((r) => ({ key: r.key, cells: [t(`ta.kind.${r.key}`), r.n], href: acts({ kind: r.key }) })) }],
      },
    ],
  };
}
