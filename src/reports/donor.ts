/**
 * A donor's report for a period: the contributions it pledged and paid (with their earmarking),
 * and what they paid for — the delivered activities it is recorded as funding, with the people
 * trained and reached there.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../core/access.js';
import { tierVisible } from '../core/access.js';
import { activityFigures, deliveredIn } from '../domains/assistance/figures.js';
import { fundingFigures, yearsOf } from '../domains/assistance/funding-figures.js';
import type { Orm } from '../core/db/connect.js';
import { one, rows } from '../core/db/query.js';
import { notFound } from '../core/errors.js';
import {
  figureMaker,
  qs,
  type Report,
  type ReportContext,
  type ReportPeriod,
  type Section,
} from './model.js';
import { activitiesLink } from './programme.js';
import { formatNumber, localName, type Translate, type UiLang } from '../core/i18n.js';

type ContributionRow = {
  id: number;
  amount: number;
  currency: string;
  usd: number;
  pledged: string;
  received: string | null;
  period_start: number;
  period_end: number;
  earmark: string;
  earmark_value: string | null;
  earmark_names: Record<string, string> | null;
};
type FundedActivityRow = {
  id: number;
  title: string;
  kind: string;
  date: string;
  countries: string;
  trained: number;
  reached: number;
  cost_usd: number | null;
};
type DonorFigures = Awaited<ReturnType<typeof donorFigures>>;
/** What each section of the report is made from: the figures, and the links and labels for them. */
type SectionContext = DonorFigures & {
  t: Translate;
  lang: UiLang;
  donorId: number;
  period: ReportPeriod;
  fig: ReturnType<typeof figureMaker>;
  /** the activities the donor is recorded as funding */
  acts: string;
  /** the donor's funding page */
  money: string;
};

export async function donorReport(
  db: Orm,
  viewer: Viewer,
  donorId: number,
  { t, period, lang = 'en' }: ReportContext,
): Promise<Report> {
  const { from, to } = period;
  const figures = await donorFigures(db, viewer, donorId, period);
  const { donor, contributions, activities } = figures;
  const c: SectionContext = {
    ...figures,
    t,
    lang,
    donorId,
    period,
    fig: figureMaker(t),
    acts: activitiesLink(from, to, { partner: donorId, partner_role: 'funding' }),
    money: `/assistance/funding?${qs({ donor: donorId, from, to })}`,
  };
  return {
    kind: 'donor',
    title: t('rep.donor_title', { donor: donor.name }),
    subject: donor.name,
    from,
    to,
    generated: new Date().toISOString(),
    empty: !contributions.length && !activities.length,
    sections: [contributionsSection(c), fundedSection(c)],
  };
}

/** Every figure of the report, read in turn: the donor, its contributions, what it funded, funding, activities. */
async function donorFigures(db: Orm, viewer: Viewer, donorId: number, { from, to }: ReportPeriod) {
  const donor = await one<{ id: number; name: string }>(
    db,
    sql`SELECT id, name FROM organisation WHERE id = ${donorId}`,
  );
  if (!donor) throw notFound(`Donor ${donorId}`);
  const contributions = await rows<ContributionRow>(
    db,
    // What a contribution is earmarked for, by name: the region's or country's names, not its code.
    sql`SELECT id, amount::float, currency, usd::float, pledged::text, received::text, period_start, period_end, earmark, earmark_value,
          CASE earmark WHEN 'region' THEN (SELECT a.names FROM m49_area a WHERE a.code = c.earmark_value) WHEN 'country' THEN (SELECT k.names FROM country k WHERE k.iso3 = c.earmark_value) END AS earmark_names
        FROM contribution c
        WHERE c.donor_id = ${donorId} AND ${tierVisible(viewer, 'c')} AND (c.pledged BETWEEN ${from}::date AND ${to}::date OR c.received BETWEEN ${from}::date AND ${to}::date
          OR (c.received IS NOT NULL AND c.period_start <= ${yearsOf(from, to).toYear} AND c.period_end >= ${yearsOf(from, to).fromYear}))
        ORDER BY c.pledged, c.id`,
  );
  const scope = { from, to, donor: donorId };
  const inPeriod = deliveredIn(viewer, scope);
  const funded = await activityFigures(db, viewer, scope);
  const funding = await fundingFigures(db, viewer, yearsOf(from, to));
  const activities = await rows<FundedActivityRow>(
    db,
    sql`SELECT a.id, a.title, a.kind, coalesce(a.actual_start, a.planned_start)::text AS date,
          (SELECT string_agg(ac.country, ', ' ORDER BY ac.country) FROM activity_country ac WHERE ac.activity_id = a.id) AS countries,
          (SELECT coalesce(sum(p.count), 0)::int FROM participant_count p WHERE p.activity_id = a.id) AS trained,
          (SELECT coalesce(sum(x.count), 0)::int FROM audience_count x WHERE x.activity_id = a.id) AS reached, a.cost_usd::float
        FROM activity a WHERE ${inPeriod}
        ORDER BY date, a.id`,
  );
  return { donor, contributions, funded, funding, activities };
}

const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);

/** The contributions pledged and paid, with their earmarking and what counts for the period. */
function contributionsSection({
  contributions,
  funding,
  donorId,
  t,
  lang,
  fig,
  money,
  period: { from, to },
}: SectionContext): Section {
  const forPeriod = (id: number) => Math.round(funding.by_contribution[id] ?? 0);
  const pledged = contributions.filter((c) => c.pledged >= from && c.pledged <= to);
  return {
    id: 'contributions',
    title: t('rep.sec.contributions'),
    note: t('rep.note.donor', {
      from_year: yearsOf(from, to).fromYear,
      to_year: yearsOf(from, to).toYear,
    }),
    figures: [
      fig('pledged_usd', Math.round(sum(pledged, (c) => c.usd)), money, true),
      fig(
        'received_usd',
        Math.round(funding.by_donor.find((d) => d.donor === donorId)?.usd ?? 0),
        money,
        true,
      ),
      fig('contributions', contributions.length, money),
    ],
    tables: [
      {
        name: 'contributions',
        caption: t('rep.tab.contributions'),
        columns: [
          ['pledged', t('rep.col.pledged')],
          ['amount', t('rep.col.amount')],
          ['usd', t('rep.col.usd')],
          ['received', t('rep.col.received_on')],
          ['earmark', t('rep.col.earmark')],
          ['for_period', t('rep.col.for_period')],
        ],
        rows: contributions.map((c) => ({
          key: String(c.id),
          cells: [
            c.pledged,
            `${c.currency} ${formatNumber(c.amount, { lang: lang })}`,
            Math.round(c.usd),
            c.received ?? '—',
            c.earmark === 'none'
              ? t('rep.unearmarked')
              : `${t(`fund.earmark.${c.earmark}`)}: ${(c.earmark_names && localName(c.earmark_names, lang).text) || c.earmark_value}`,
            forPeriod(c.id),
          ],
          href: money,
        })),
      },
    ],
  };
}

/** The delivered activities the donor is recorded as funding, with the people trained and reached. */
function fundedSection({ funded, activities, t, fig, acts }: SectionContext): Section {
  return {
    id: 'funded',
    title: t('rep.sec.funded'),
    note: t('rep.note.activities'),
    figures: [
      fig('activities_funded', funded.activities, acts),
      fig('people_trained', funded.trained, acts),
      fig('people_reached', funded.reached, acts),
      fig('activity_cost_usd', Math.round(sum(activities, (a) => a.cost_usd ?? 0)), acts, true),
    ],
    tables: [
      {
        name: 'activities',
        caption: t('rep.tab.activities_funded'),
        columns: [
          ['activity', t('rep.col.activity')],
          ['date', t('rep.col.date')],
          ['countries', t('rep.col.countries')],
          ['trained', t('rep.col.trained')],
          ['reached', t('rep.col.reached')],
        ],
        rows: activities.map((a) => ({
          key: String(a.id),
          cells: [a.title, a.date, a.countries ?? '', a.trained, a.reached],
          href: `/assistance/activities/${a.id}`,
        })),
      },
    ],
  };
}
