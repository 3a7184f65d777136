/**
 * The programme implementation report for a period, structured like the programme's report to the
 * Commission: technical assistance by region, people trained by role and sex, outreach, mentored
 * investigations, member states served, requests, partnerships, funding position and needs, and
 * the repository's content and use. Activities count by their (actual, else planned) start date;
 * people trained and reached count in delivered activities only.
 */
import { sql } from 'drizzle-orm';
import { isProgrammeStaff, tierVisible, visibleTo, type Viewer } from '../accounts/access.js';
import { activityRegion } from '../assistance/activities.js';
import { fundingPosition } from '../assistance/funding.js';
import type { Orm } from '../db/connect.js';
import { one, rows } from '../db/query.js';
import { usage } from '../usage/service.js';
import { localName } from '../web/i18n.js';
import { figureMaker, qs, type Report, type ReportContext, type Section } from './model.js';

export const CRIMINAL_JUSTICE_ROLES = ['investigator', 'prosecutor', 'judge'];

/** The programme's own delivered activities of the period that the viewer may see (alias a); other implementers' activities are theirs to report. */
export const deliveredIn = (viewer: Viewer, from: string, to: string) =>
  sql`a.status = 'delivered' AND a.implementer IS NULL AND ${tierVisible(viewer, 'a')} AND coalesce(a.actual_start, a.planned_start) BETWEEN ${from}::date AND ${to}::date`;

/** Link to the list of those activities (with more filters). */
export const activitiesLink = (from: string, to: string, extra: Record<string, string | number | undefined> = {}) => `/assistance/activities?${qs({ status: 'delivered', own: 'true', from, to, ...extra })}`;

export async function programmeReport(db: Orm, viewer: Viewer, { t, period, lang = 'en' }: ReportContext): Promise<Report> {
  const { from, to } = period;
  const inPeriod = deliveredIn(viewer, from, to);
  const acts = (extra: Record<string, string | number | undefined> = {}) => activitiesLink(from, to, extra);

  const head = (await one<{ activities: number; served: number; served_since: number; trained: number; trained_cj: number; reached: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM activity a WHERE ${inPeriod}) AS activities,
      (SELECT count(DISTINCT ac.country)::int FROM activity a JOIN activity_country ac ON ac.activity_id = a.id WHERE ${inPeriod}) AS served,
      (SELECT count(DISTINCT ac.country)::int FROM activity a JOIN activity_country ac ON ac.activity_id = a.id WHERE ${deliveredIn(viewer, '0001-01-01', to)}) AS served_since,
      (SELECT coalesce(sum(p.count), 0)::int FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inPeriod}) AS trained,
      (SELECT coalesce(sum(p.count), 0)::int FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inPeriod} AND p.role = ANY(${sql.param(CRIMINAL_JUSTICE_ROLES)}::text[])) AS trained_cj,
      (SELECT coalesce(sum(x.count), 0)::int FROM audience_count x JOIN activity a ON a.id = x.activity_id WHERE ${inPeriod}) AS reached`,
  ))!;
  const mentored = (await one<{ mentored: number; opened: number; closed: number; countries: number }>(
    db,
    // Counts only: the records are restricted. An investigation counts when it was open at some time in the period.
    sql`SELECT count(*)::int AS mentored, count(*) FILTER (WHERE opened >= ${from}::date)::int AS opened, count(*) FILTER (WHERE closed <= ${to}::date)::int AS closed, count(DISTINCT country)::int AS countries
        FROM mentored_investigation WHERE opened <= ${to}::date AND (closed IS NULL OR closed >= ${from}::date)`,
  ))!;
  const requests = (await one<{ received: number; met: number; no_funding: number }>(
    db,
    sql`SELECT count(*)::int AS received, count(*) FILTER (WHERE status IN ('in_progress', 'completed'))::int AS met,
          count(*) FILTER (WHERE status = 'declined' AND decline_reason = 'no_funding')::int AS no_funding
        FROM assistance_request r WHERE ${tierVisible(viewer, 'r')} AND r.received BETWEEN ${from}::date AND ${to}::date`,
  ))!;
  const reqs = (extra: Record<string, string>) => `/assistance/requests?${qs({ from, to, ...extra })}`;

  const regions = await rows<{ code: string; names: Record<string, string>; activities: number; countries: number; trained: number; reached: number }>(
    db,
    sql`SELECT m.code, m.names, count(*)::int AS activities,
          (SELECT count(DISTINCT ac.country)::int FROM activity_country ac JOIN country c ON c.iso3 = ac.country
            WHERE ac.activity_id = ANY(array_agg(x.id)) AND m.code IN (c.region_code, c.subregion_code, c.intermediate_code)) AS countries,
          coalesce(sum(x.trained), 0)::int AS trained, coalesce(sum(x.reached), 0)::int AS reached
        FROM (SELECT a.id, ${activityRegion} AS region,
                (SELECT sum(p.count) FROM participant_count p WHERE p.activity_id = a.id) AS trained,
                (SELECT sum(c.count) FROM audience_count c WHERE c.activity_id = a.id) AS reached
              FROM activity a WHERE ${inPeriod}) x
        JOIN m49_area m ON m.code = x.region GROUP BY m.code, m.names ORDER BY activities DESC, m.names->>'en'`,
  );
  const byRole = await rows<{ key: string; n: number }>(db, sql`SELECT p.role AS key, sum(p.count)::int AS n FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inPeriod} GROUP BY p.role ORDER BY n DESC, p.role`);
  const bySex = await rows<{ key: string; n: number }>(db, sql`SELECT p.sex AS key, sum(p.count)::int AS n FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inPeriod} GROUP BY p.sex ORDER BY n DESC, p.sex`);
  const byAudience = await rows<{ key: string; n: number }>(db, sql`SELECT x.audience AS key, sum(x.count)::int AS n FROM audience_count x JOIN activity a ON a.id = x.activity_id WHERE ${inPeriod} GROUP BY x.audience ORDER BY n DESC, x.audience`);
  const byKind = await rows<{ key: string; n: number }>(db, sql`SELECT a.kind AS key, count(*)::int AS n FROM activity a WHERE ${inPeriod} GROUP BY a.kind ORDER BY n DESC, a.kind`);
  const partners = await rows<{ id: number; name: string; kind: string; activities: number }>(
    db,
    sql`SELECT o.id, o.name, o.kind, count(DISTINCT a.id)::int AS activities FROM activity_partner ap JOIN organisation o ON o.id = ap.organisation_id JOIN activity a ON a.id = ap.activity_id
        WHERE ${inPeriod} AND ap.role IN ('implementing', 'host') GROUP BY o.id, o.name, o.kind ORDER BY o.kind, activities DESC, o.name`,
  );
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const position = (await fundingPosition(db, viewer)).filter((p) => p.year >= fromYear && p.year <= toYear);
  const sum = (f: (p: (typeof position)[number]) => number) => Math.round(position.reduce((n, p) => n + f(p), 0));
  const donors = await rows<{ id: number; name: string; received: number; contributions: number }>(
    db,
    sql`SELECT o.id, o.name, sum(c.usd)::float AS received, count(*)::int AS contributions FROM contribution c JOIN organisation o ON o.id = c.donor_id
        WHERE ${tierVisible(viewer, 'c')} AND c.received BETWEEN ${from}::date AND ${to}::date GROUP BY o.id, o.name ORDER BY received DESC, o.name`,
  );
  const content = (await one<{ works: number; cases: number; documents: number; works_added: number; cases_added: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM legal_work w WHERE ${visibleTo(viewer, 'w')}) AS works, (SELECT count(*)::int FROM legal_case c WHERE ${visibleTo(viewer, 'c')}) AS cases,
      (SELECT count(*)::int FROM document d WHERE ${visibleTo(viewer, 'd')}) AS documents,
      (SELECT count(*)::int FROM legal_work w WHERE ${visibleTo(viewer, 'w')} AND w.created_at::date BETWEEN ${from}::date AND ${to}::date) AS works_added,
      (SELECT count(*)::int FROM legal_case c WHERE ${visibleTo(viewer, 'c')} AND c.created_at::date BETWEEN ${from}::date AND ${to}::date) AS cases_added`,
  ))!;
  const use = await usage(db, period, 10);

  const fig = figureMaker(t);
  // The records are restricted: only programme staff get the link to them.
  const mentoredLink = (extra: Record<string, string> = {}) => (isProgrammeStaff(viewer) ? `/assistance/mentoring?${qs({ from, to, ...extra })}` : undefined);
  const sections: Section[] = [
    {
      id: 'summary',
      title: t('rep.sec.summary'),
      text: t('rep.summary_text', {
        from,
        to,
        activities: head.activities.toLocaleString('en'),
        served: head.served.toLocaleString('en'),
        served_since: head.served_since.toLocaleString('en'),
        trained: head.trained.toLocaleString('en'),
        cj: head.trained_cj.toLocaleString('en'),
        reached: head.reached.toLocaleString('en'),
        mentored: mentored.mentored.toLocaleString('en'),
        received: requests.received.toLocaleString('en'),
        met: requests.met.toLocaleString('en'),
        declined: requests.no_funding.toLocaleString('en'),
      }),
      figures: [
        fig('member_states_served', head.served, acts()),
        fig('member_states_served_since_start', head.served_since, activitiesLink('0001-01-01', to)),
        fig('activities_delivered', head.activities, acts()),
        fig('people_trained', head.trained, acts()),
        fig('investigators_prosecutors_judges_trained', head.trained_cj, acts()),
        fig('people_reached', head.reached, acts()),
        fig('investigations_mentored', mentored.mentored, mentoredLink()),
      ],
      tables: [],
    },
    {
      id: 'assistance',
      title: t('rep.sec.assistance'),
      figures: [fig('requests_received', requests.received, reqs({})), fig('requests_met', requests.met, reqs({ met: 'true' })), fig('requests_declined_no_funding', requests.no_funding, reqs({ declined_for: 'no_funding' }))],
      tables: [
        {
          name: 'by_region',
          caption: t('rep.tab.by_region'),
          columns: [['region', t('rep.col.region')], ['activities', t('rep.col.activities')], ['countries', t('rep.col.countries')], ['trained', t('rep.col.trained')], ['reached', t('rep.col.reached')]],
          rows: regions.map((r) => ({ key: r.code, cells: [localName(r.names, lang).text, r.activities, r.countries, r.trained, r.reached], href: acts({ region: r.code }) })),
        },
        { name: 'activities_by_kind', caption: t('rep.tab.by_kind'), columns: [['kind', t('rep.col.kind')], ['activities', t('rep.col.activities')]], rows: byKind.map((r) => ({ key: r.key, cells: [t(`ta.kind.${r.key}`), r.n], href: acts({ kind: r.key }) })) },
      ],
    },
    {
      id: 'training',
      title: t('rep.sec.training'),
      figures: [],
      tables: [
        { name: 'trained_by_role', caption: t('rep.tab.by_role'), columns: [['role', t('rep.col.role')], ['people', t('rep.col.people')]], rows: byRole.map((r) => ({ key: r.key, cells: [t(`ta.role.${r.key}`), r.n], href: acts() })) },
        { name: 'trained_by_sex', caption: t('rep.tab.by_sex'), columns: [['sex', t('rep.col.sex')], ['people', t('rep.col.people')]], rows: bySex.map((r) => ({ key: r.key, cells: [t(`ta.sex.${r.key}`), r.n], href: acts() })) },
      ],
    },
    {
      id: 'outreach',
      title: t('rep.sec.outreach'),
      figures: [],
      tables: [{ name: 'reached_by_audience', caption: t('rep.tab.by_audience'), columns: [['audience', t('rep.col.audience')], ['people', t('rep.col.people')]], rows: byAudience.map((r) => ({ key: r.key, cells: [t(`ta.aud.${r.key}`), r.n], href: acts() })) }],
    },
    {
      id: 'mentoring',
      title: t('rep.sec.mentoring'),
      text: t('rep.mentoring_note'),
      figures: [
        fig('investigations_mentored', mentored.mentored, mentoredLink()),
        fig('investigations_opened', mentored.opened, mentoredLink({ opened: 'in_period' })),
        fig('investigations_closed', mentored.closed, mentoredLink({ closed: 'in_period' })),
        fig('investigations_countries', mentored.countries, mentoredLink()),
      ],
      tables: [],
    },
    {
      id: 'partnerships',
      title: t('rep.sec.partnerships'),
      figures: [fig('partners', partners.length)],
      tables: [
        {
          name: 'partners',
          caption: t('rep.tab.partners'),
          columns: [['organisation', t('rep.col.organisation')], ['kind', t('rep.col.org_kind')], ['activities', t('rep.col.activities')]],
          rows: partners.map((p) => ({ key: String(p.id), cells: [p.name, t(`fund.org.${p.kind}`), p.activities], href: acts({ partner: p.id, partner_role: 'implementing,host' }) })),
        },
      ],
    },
    {
      id: 'funding',
      title: t('rep.sec.funding'),
      figures: [
        fig('funding_received_usd', Math.round(donors.reduce((n, d) => n + d.received, 0)), `/assistance/funding?${qs({ from, to })}`, true),
        fig('funding_needed_usd', sum((p) => p.needed), '/assistance/funding', true),
        fig('funding_gap_usd', sum((p) => p.gap), '/assistance/funding', true),
      ],
      tables: [
        { name: 'donors', caption: t('rep.tab.donors'), columns: [['donor', t('rep.col.donor')], ['usd', t('rep.col.usd')]], rows: donors.map((d) => ({ key: String(d.id), cells: [d.name, Math.round(d.received)], href: `/reports/donor?${qs({ donor: d.id, from, to })}` })) },
        {
          name: 'position',
          caption: t('rep.tab.position'),
          columns: [['line', t('rep.col.region')], ['needed', t('rep.col.needed')], ['received', t('rep.col.received')], ['gap', t('rep.col.gap')], ['months', t('rep.col.months')]],
          rows: position.map((p) => ({ key: `${p.year}.${p.region ?? 'global'}`, cells: [`${p.year} ${p.region_names ? localName(p.region_names, lang).text : t('rep.global')}`, Math.round(p.needed), Math.round(p.received), Math.round(p.gap), p.months], href: '/assistance/funding' })),
        },
      ],
    },
    {
      id: 'repository',
      title: t('rep.sec.repository'),
      figures: [
        fig('laws', content.works, '/search?type=work'),
        fig('laws_added', content.works_added),
        fig('cases', content.cases, '/cases'),
        fig('cases_added', content.cases_added),
        fig('documents', content.documents, '/documents'),
        fig('page_views', use.views, isProgrammeStaff(viewer) ? `/usage?${qs(period)}` : undefined),
        fig('searches', use.searches, isProgrammeStaff(viewer) ? `/usage?${qs(period)}` : undefined),
        fig('zero_result_searches', use.zero_result_searches, isProgrammeStaff(viewer) ? `/usage?${qs(period)}` : undefined),
      ],
      // What people searched for is shown to programme staff only (as on /usage).
      tables: !isProgrammeStaff(viewer) ? [] : [{ name: 'top_searches', caption: t('rep.tab.top_searches'), columns: [['term', t('rep.col.term')], ['searches', t('rep.col.searches')]], rows: use.top_searches.map((s) => ({ key: s.term, cells: [s.term, s.searches], href: `/search?${qs({ q: s.term })}` })) }],
    },
  ];
  const empty = head.activities === 0 && requests.received === 0 && mentored.mentored === 0 && donors.length === 0 && use.views === 0;
  return { kind: 'programme', title: t('rep.programme_title'), subject: null, from, to, generated: new Date().toISOString(), empty, sections };
}
