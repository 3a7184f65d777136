/**
 * The technical assistance dashboard, computed from the records each time, for a year (or all
 * years) and optionally one country or one donor. Every programme figure comes from the module that
 * defines it — activities, people trained and reached and Member States from figures.ts, requests
 * from figures.ts, money from funding-figures.ts, mentored investigations from mentoring.ts — so the
 * dashboard, the reports, `/programme` and the API give the same numbers. Every figure is also a
 * table, and the tables download as CSV.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { iso3, recordId } from '../../core/codes.js';
import { ACTIVITY_START } from './activities.js';
import {
  activityFigures,
  requestFigures,
  yearScope,
  type ActivityFigures,
  type RegionRow,
  type RequestFigures,
} from './figures.js';
import { fundingFigures, type YearFunding } from './funding-figures.js';
import { mentoredFigures, type MentoredFigures } from './mentoring.js';

export const dashboardQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  country: iso3
    .optional()
    .describe('only activities held in this country (its participants), its requests and investigations'),
  donor: recordId.optional().describe('only the activities this organisation is recorded as funding'),
});

export type Dashboard = {
  year: number | null;
  country: string | null;
  donor: number | null;
  summary: Pick<ActivityFigures, 'activities' | 'served' | 'trained' | 'trained_cj' | 'reached'>;
  requests: RequestFigures;
  activities: { by_kind: { kind: string; n: number }[]; by_status: { status: string; n: number }[] };
  people: {
    total: number;
    by_role: { role: string; n: number }[];
    by_sex: { sex: string; n: number }[];
    by_region: RegionRow[];
  };
  countries: ActivityFigures['by_country'];
  outreach: { total: number; by_audience: { audience: string; n: number }[] };
  /** the programme's funding position per year (not narrowed by country or donor) */
  funding: YearFunding[];
  /** counts only: the records are restricted */
  mentored: MentoredFigures;
};

export async function dashboard(
  db: Orm,
  viewer: Viewer,
  query: z.infer<typeof dashboardQuery>,
): Promise<Dashboard> {
  const year = query.year ?? null;
  const scope = { ...yearScope(year), country: query.country, donor: query.donor };
  const f = await activityFigures(db, viewer, scope);
  // Every recorded activity of the programme by status (planned, ongoing, delivered, cancelled), by the same start-date rule.
  const byStatus = await rows<{ status: string; n: number }>(
    db,
    sql`SELECT a.status, count(*)::int AS n FROM activity a WHERE a.implementer IS NULL AND ${tierVisible(viewer, 'a')} AND ${ACTIVITY_START} BETWEEN ${scope.from}::date AND ${scope.to}::date
          AND (${scope.country ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM activity_country ac WHERE ac.activity_id = a.id AND ac.country = ${scope.country ?? null}))
          AND (${scope.donor ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM activity_partner ap WHERE ap.activity_id = a.id AND ap.organisation_id = ${scope.donor ?? null} AND ap.role = 'funding'))
        GROUP BY a.status ORDER BY n DESC, a.status`,
  );
  const funding = await fundingFigures(db, viewer, year === null ? {} : { fromYear: year, toYear: year });
  return {
    year,
    country: query.country ?? null,
    donor: query.donor ?? null,
    summary: {
      activities: f.activities,
      served: f.served,
      trained: f.trained,
      trained_cj: f.trained_cj,
      reached: f.reached,
    },
    requests: await requestFigures(db, viewer, scope),
    activities: { by_kind: f.by_kind, by_status: byStatus },
    people: { total: f.trained, by_role: f.by_role, by_sex: f.by_sex, by_region: f.by_region },
    countries: f.by_country,
    outreach: { total: f.reached, by_audience: f.by_audience },
    funding: funding.years,
    mentored: await mentoredFigures(db, scope),
  };
}

/** The dashboard's tables as CSV rows: figure, key, value. */
export function dashboardRows(d: Dashboard): { figure: string; key: string; value: number }[] {
  return [
    ...Object.entries(d.requests)
      .filter(([, v]) => typeof v === 'number')
      .map(([key, value]) => ({ figure: 'requests', key, value: value as number })),
    ...d.requests.by_status.map((x) => ({ figure: 'requests_by_status', key: x.status, value: x.n })),
    ...d.activities.by_kind.map((x) => ({ figure: 'activities_by_kind', key: x.kind, value: x.n })),
    ...d.activities.by_status.map((x) => ({ figure: 'activities_by_status', key: x.status, value: x.n })),
    ...Object.entries(d.summary).map(([key, value]) => ({ figure: 'summary', key, value })),
    { figure: 'people_trained', key: 'total', value: d.people.total },
    ...d.people.by_role.map((x) => ({ figure: 'people_by_role', key: x.role, value: x.n })),
    ...d.people.by_sex.map((x) => ({ figure: 'people_by_sex', key: x.sex, value: x.n })),
    ...d.people.by_region.flatMap((x) => [
      { figure: 'activities_by_region', key: x.region, value: x.activities },
      { figure: 'countries_by_region', key: x.region, value: x.countries },
      { figure: 'people_by_region', key: x.region, value: x.trained },
    ]),
    ...d.countries.map((x) => ({ figure: 'activities_by_country', key: x.iso3, value: x.activities })),
    ...d.outreach.by_audience.map((x) => ({ figure: 'outreach_by_audience', key: x.audience, value: x.n })),
    ...d.funding.flatMap((f) => [
      { figure: 'funding_needed_usd', key: String(f.year), value: Math.round(f.needed) },
      { figure: 'funding_received_usd', key: String(f.year), value: Math.round(f.received) },
      { figure: 'funding_gap_usd', key: String(f.year), value: Math.round(f.gap) },
      { figure: 'funding_surplus_usd', key: String(f.year), value: Math.round(f.surplus) },
    ]),
    ...Object.entries(d.mentored).map(([key, value]) => ({ figure: 'mentored_investigations', key, value })),
  ];
}

export type WhereRow = {
  iso3: string;
  numeric: string;
  names: Record<string, string>;
  implementer: string | null;
  activities: number;
  kinds: string[];
  first: string | null;
  last: string | null;
};

/** Who does what where: per country, each implementer's activities (kinds, count, period). */
export async function whoWhatWhere(
  db: Orm,
  viewer: Viewer,
  query: { country?: string },
): Promise<WhereRow[]> {
  return rows<WhereRow>(
    db,
    sql`SELECT c.iso3, c.numeric, c.names, a.implementer, count(*)::int AS activities, array_agg(DISTINCT a.kind ORDER BY a.kind) AS kinds,
          min(coalesce(a.actual_start, a.planned_start))::text AS first, max(coalesce(a.actual_end, a.planned_end, a.actual_start, a.planned_start))::text AS last
        FROM activity a JOIN activity_country ac ON ac.activity_id = a.id JOIN country c ON c.iso3 = ac.country
        WHERE ${tierVisible(viewer, 'a')} AND a.status <> 'cancelled' AND (${query.country ?? null}::text IS NULL OR c.iso3 = ${query.country ?? null})
        GROUP BY c.iso3, c.numeric, c.names, a.implementer ORDER BY c.names->>'en', activities DESC, a.implementer NULLS FIRST`,
  );
}

/** The programme in figures, per year and region, for `/programme`: the dashboard's definitions for the viewer's tier, with counts under five withheld. */
export type PublicFigures = {
  rows: {
    year: number;
    region: string;
    names: Record<string, string> | null;
    activities: number | null;
    people: number | null;
  }[];
  withheld_below: number;
};

export async function publicFigures(db: Orm, viewer: Viewer): Promise<PublicFigures> {
  const MIN = 5;
  const years = await rows<{ year: number }>(
    db,
    sql`SELECT DISTINCT extract(year FROM ${ACTIVITY_START})::int AS year FROM activity a WHERE a.status = 'delivered' AND a.implementer IS NULL AND ${tierVisible(viewer, 'a')} AND ${ACTIVITY_START} IS NOT NULL ORDER BY year DESC`,
  );
  const list: PublicFigures['rows'] = [];
  for (const { year } of years)
    for (const r of (await activityFigures(db, viewer, yearScope(year))).by_region)
      list.push({ year, region: r.region, names: r.names, activities: r.activities, people: r.trained });
  const withhold = (n: number | null) => (n !== null && n < MIN ? null : n);
  return {
    rows: list.map((r) => ({ ...r, activities: withhold(r.activities), people: withhold(r.people) })),
    withheld_below: MIN,
  };
}
