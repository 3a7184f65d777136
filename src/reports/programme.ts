/**
 * The programme implementation report for a period, structured like the programme's report to the
 * Commission: technical assistance by region, people trained by role and sex, outreach, mentored
 * investigations, member states served, requests, partnerships, funding position and needs, and
 * the repository's content and use. Every programme figure comes from the module that defines it
 * (assistance/figures.ts, funding-figures.ts, mentoring.ts), and each section says how it counts.
 */
import { sql } from 'drizzle-orm';
import { isProgrammeStaff, type Viewer } from '../core/access.js';
import type { Orm } from '../core/db/connect.js';
import { rows } from '../core/db/query.js';
import type { Translate, UiLang } from '../core/i18n.js';
import { activityFigures, ALL_TIME, deliveredIn, requestFigures } from '../domains/assistance/figures.js';
import { fundingFigures, yearsOf } from '../domains/assistance/funding-figures.js';
import { mentoredFigures } from '../domains/assistance/mentoring.js';
import { addedIn, repositoryStats } from '../domains/repository/holdings.js';
import { usage } from '../domains/usage/service.js';
import {
  figureMaker,
  qs,
  type Report,
  type ReportContext,
  type ReportPeriod,
  type Section,
} from './model.js';
import { positionTable, regionTable } from './tables.js';

type LinkParams = Record<string, string | number | undefined>;

/** Link to the list of the activities a figure counts (with more filters). */
export const activitiesLink = (from: string, to: string, extra: LinkParams = {}) =>
  `/assistance/activities?${qs({ status: 'delivered', own: 'true', from, to, ...extra })}`;
type ProgrammeFigures = Awaited<ReturnType<typeof programmeFigures>>;
/** What each section of the report is made from: the figures, and the links and labels for them. */
type SectionContext = ProgrammeFigures & {
  t: Translate;
  lang: UiLang;
  viewer: Viewer;
  period: ReportPeriod;
  fig: ReturnType<typeof figureMaker>;
  /** the activities a figure counts */
  acts: (extra?: LinkParams) => string;
  /** the mentored investigations a figure counts, for programme staff only */
  mentoredLink: (extra?: Record<string, string>) => string | undefined;
};

export async function programmeReport(
  db: Orm,
  viewer: Viewer,
  { t, period, lang = 'en' }: ReportContext,
): Promise<Report> {
  const { from, to } = period;
  const figures = await programmeFigures(db, viewer, period);
  const c: SectionContext = {
    ...figures,
    t,
    lang,
    viewer,
    period,
    fig: figureMaker(t),
    acts: (extra: LinkParams = {}) => activitiesLink(from, to, extra),
    // The records are restricted: only programme staff get the link to them.
    mentoredLink: (extra: Record<string, string> = {}) =>
      isProgrammeStaff(viewer) ? `/assistance/mentoring?${qs({ from, to, ...extra })}` : undefined,
  };
  const sections: Section[] = [
    summarySection(c),
    assistanceSection(c),
    trainingSection(c),
    outreachSection(c),
    mentoringSection(c),
    partnershipsSection(c),
    fundingSection(c),
    repositorySection(c),
  ];
  const { head, requests, mentored, funding, use } = figures;
  const empty =
    head.activities === 0 &&
    requests.received === 0 &&
    mentored.mentored === 0 &&
    funding.by_donor.length === 0 &&
    use.views === 0;
  return {
    kind: 'programme',
    title: t('rep.programme_title'),
    subject: null,
    from,
    to,
    generated: new Date().toISOString(),
    empty,
    sections,
  };
}

/** Every figure of the report, read in turn: activities, mentoring, requests, partners, funding, use. */
async function programmeFigures(db: Orm, viewer: Viewer, period: ReportPeriod) {
  const { from, to } = period;
  const inPeriod = deliveredIn(viewer, period);
  const head = await activityFigures(db, viewer, period);
  const servedSince = (await activityFigures(db, viewer, { from: ALL_TIME.from, to })).served;
  const mentored = await mentoredFigures(db, period);
  const requests = await requestFigures(db, viewer, period);
  const partners = await rows<{ id: number; name: string; kind: string; activities: number }>(
    db,
    sql`SELECT o.id, o.name, o.kind, count(DISTINCT a.id)::int AS activities FROM activity_partner ap JOIN organisation o ON o.id = ap.organisation_id JOIN activity a ON a.id = ap.activity_id
        WHERE ${inPeriod} AND ap.role IN ('implementing', 'host') GROUP BY o.id, o.name, o.kind ORDER BY o.kind, activities DESC, o.name`,
  );
  const years = yearsOf(from, to);
  const funding = await fundingFigures(db, viewer, years);
  const content = { ...(await repositoryStats(db, viewer)), ...(await addedIn(db, viewer, from, to)) };
  const use = await usage(db, period, 10);
  return { head, servedSince, mentored, requests, partners, years, funding, content, use };
}

/** The period at a glance: activities, member states served, people trained and reached, requests. */
function summarySection({
  head,
  servedSince,
  mentored,
  requests,
  t,
  fig,
  acts,
  mentoredLink,
  period: { from, to },
}: SectionContext): Section {
  return {
    id: 'summary',
    title: t('rep.sec.summary'),
    text: t('rep.summary_text', {
      from,
      to,
      activities: head.activities,
      served: head.served,
      served_since: servedSince,
      trained: head.trained,
      cj: head.trained_cj,
      reached: head.reached,
      mentored: mentored.mentored,
      received: requests.received,
      met: requests.met,
      declined: requests.declined_no_funding,
    }),
    note: t('rep.note.activities'),
    figures: [
      fig('member_states_served', head.served, acts()),
      fig('member_states_served_since_start', servedSince, activitiesLink('0001-01-01', to)),
      fig('activities_delivered', head.activities, acts()),
      fig('people_trained', head.trained, acts()),
      fig('investigators_prosecutors_judges_trained', head.trained_cj, acts()),
      fig('people_reached', head.reached, acts()),
      fig('investigations_mentored', mentored.mentored, mentoredLink()),
    ],
    tables: [],
  };
}

/** Requests for assistance, and the activities by region and kind. */
function assistanceSection({
  head,
  requests,
  t,
  lang,
  fig,
  acts,
  period: { from, to },
}: SectionContext): Section {
  const reqs = (extra: Record<string, string>) => `/assistance/requests?${qs({ from, to, ...extra })}`;
  return {
    id: 'assistance',
    title: t('rep.sec.assistance'),
    note: `${t('rep.note.requests')} ${t('rep.note.by_region')}`,
    figures: [
      fig('requests_received', requests.received, reqs({})),
      fig('requests_met', requests.met, reqs({ met: 'true' })),
      fig('requests_declined_no_funding', requests.declined_no_funding, reqs({ declined_for: 'no_funding' })),
    ],
    tables: [
      regionTable(t, lang, head.by_region, (region) => acts({ region })),
      {
        name: 'activities_by_kind',
        caption: t('rep.tab.by_kind'),
        columns: [
          ['kind', t('rep.col.kind')],
          ['activities', t('rep.col.activities')],
        ],
        rows: head.by_kind.map((r) => ({
          key: r.kind,
          cells: [t(`ta.kind.${r.kind}`), r.n],
          href: acts({ kind: r.kind }),
        })),
      },
    ],
  };
}

/** People trained, by role and by sex. */
function trainingSection({ head, t, acts }: SectionContext): Section {
  return {
    id: 'training',
    title: t('rep.sec.training'),
    figures: [],
    tables: [
      {
        name: 'trained_by_role',
        caption: t('rep.tab.by_role'),
        columns: [
          ['role', t('rep.col.role')],
          ['people', t('rep.col.people')],
        ],
        rows: head.by_role.map((r) => ({
          key: r.role,
          cells: [t(`ta.role.${r.role}`), r.n],
          href: acts(),
        })),
      },
      {
        name: 'trained_by_sex',
        caption: t('rep.tab.by_sex'),
        columns: [
          ['sex', t('rep.col.sex')],
          ['people', t('rep.col.people')],
        ],
        rows: head.by_sex.map((r) => ({ key: r.sex, cells: [t(`ta.sex.${r.sex}`), r.n], href: acts() })),
      },
    ],
  };
}

/** People reached, by audience. */
function outreachSection({ head, t, acts }: SectionContext): Section {
  return {
    id: 'outreach',
    title: t('rep.sec.outreach'),
    figures: [],
    tables: [
      {
        name: 'reached_by_audience',
        caption: t('rep.tab.by_audience'),
        columns: [
          ['audience', t('rep.col.audience')],
          ['people', t('rep.col.people')],
        ],
        rows: head.by_audience.map((r) => ({
          key: r.audience,
          cells: [t(`ta.aud.${r.audience}`), r.n],
          href: acts(),
        })),
      },
    ],
  };
}

/** Investigations mentored, opened, closed, and in how many countries. */
function mentoringSection({ mentored, t, fig, mentoredLink }: SectionContext): Section {
  return {
    id: 'mentoring',
    title: t('rep.sec.mentoring'),
    text: t('rep.mentoring_note'),
    note: t('rep.note.mentoring'),
    figures: [
      fig('investigations_mentored', mentored.mentored, mentoredLink()),
      fig('investigations_opened', mentored.opened, mentoredLink({ opened: 'in_period' })),
      fig('investigations_closed', mentored.closed, mentoredLink({ closed: 'in_period' })),
      fig('investigations_countries', mentored.countries, mentoredLink()),
    ],
    tables: [],
  };
}

/** The organisations that implemented or hosted activities. */
function partnershipsSection({ partners, t, fig, acts }: SectionContext): Section {
  return {
    id: 'partnerships',
    title: t('rep.sec.partnerships'),
    figures: [fig('partners', partners.length)],
    tables: [
      {
        name: 'partners',
        caption: t('rep.tab.partners'),
        columns: [
          ['organisation', t('rep.col.organisation')],
          ['kind', t('rep.col.org_kind')],
          ['activities', t('rep.col.activities')],
        ],
        rows: partners.map((p) => ({
          key: String(p.id),
          cells: [p.name, t(`fund.org.${p.kind}`), p.activities],
          href: acts({ partner: p.id, partner_role: 'implementing,host' }),
        })),
      },
    ],
  };
}

/** Funding received by donor, and what is needed, missing or left over. */
function fundingSection({ funding, years, t, lang, fig, period: { from, to } }: SectionContext): Section {
  return {
    id: 'funding',
    title: t('rep.sec.funding'),
    note: t('rep.note.funding', { from_year: years.fromYear, to_year: years.toYear }),
    figures: [
      fig(
        'funding_received_usd',
        Math.round(funding.received),
        `/assistance/funding?${qs({ from, to })}`,
        true,
      ),
      fig('funding_needed_usd', Math.round(funding.needed), '/assistance/funding', true),
      fig('funding_gap_usd', Math.round(funding.gap), '/assistance/funding', true),
      fig('funding_surplus_usd', Math.round(funding.surplus), '/assistance/funding', true),
    ],
    tables: [
      {
        name: 'donors',
        caption: t('rep.tab.donors'),
        columns: [
          ['donor', t('rep.col.donor')],
          ['usd', t('rep.col.usd')],
        ],
        rows: funding.by_donor.map((d) => ({
          key: String(d.donor),
          cells: [d.name, Math.round(d.usd)],
          href: `/reports/donor?${qs({ donor: d.donor, from, to })}`,
        })),
      },
      positionTable(t, lang, funding),
    ],
  };
}

/** The repository's content and its use; what people searched for only for programme staff. */
function repositorySection({ content, use, t, fig, viewer, period }: SectionContext): Section {
  return {
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
      fig(
        'zero_result_searches',
        use.zero_result_searches,
        isProgrammeStaff(viewer) ? `/usage?${qs(period)}` : undefined,
      ),
    ],
    // What people searched for is shown to programme staff only (as on /usage).
    tables: !isProgrammeStaff(viewer)
      ? []
      : [
          {
            name: 'top_searches',
            caption: t('rep.tab.top_searches'),
            columns: [
              ['term', t('rep.col.term')],
              ['searches', t('rep.col.searches')],
            ],
            rows: use.top_searches.map((s) => ({
              key: s.term,
              cells: [s.term, s.searches],
              href: `/search?${qs({ q: s.term })}`,
            })),
          },
        ],
  };
}
