/**
 * The technical assistance dashboard, computed from the records each time: requests received, met
 * and declined (for lack of funding, or otherwise), activities by kind, people trained by role, sex
 * and region (delivered activities only), and activities per country for the map. Every figure is
 * also a table, and the tables download as CSV.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../accounts/access.js';
import type { Orm } from '../db/connect.js';
import { one, rows } from '../db/query.js';
import { activityRegion } from './activities.js';
import { fundingPosition } from './funding.js';
import { investigationCounts } from './mentoring.js';

export const dashboardQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

export type Dashboard = {
  year: number | null;
  requests: { received: number; met: number; open: number; declined_no_funding: number; declined_other: number; withdrawn: number; by_status: { status: string; n: number }[] };
  activities: { by_kind: { kind: string; n: number }[]; by_status: { status: string; n: number }[] };
  people: { total: number; by_role: { role: string; n: number }[]; by_sex: { sex: string; n: number }[]; by_region: { region: string; names: Record<string, string>; n: number }[] };
  countries: { iso3: string; numeric: string; names: Record<string, string>; activities: number }[];
  outreach: { total: number; by_audience: { audience: string; n: number }[] };
  funding: { year: number; needed: number; received: number; gap: number }[];
  /** counts only: the records are restricted */
  mentored: { open: number; suspended: number; closed: number; countries: number };
};

export async function dashboard(db: Orm, viewer: Viewer, query: z.infer<typeof dashboardQuery>): Promise<Dashboard> {
  const year = query.year ?? null;
  const inYear = (col: string) => (year === null ? sql`true` : sql`extract(year FROM ${sql.raw(col)}) = ${year}`);
  const r = sql`assistance_request r WHERE ${tierVisible(viewer, 'r')} AND ${inYear('r.received')}`;
  const requests = await one<Dashboard['requests']>(
    db,
    sql`SELECT count(*)::int AS received,
          count(*) FILTER (WHERE status IN ('in_progress', 'completed'))::int AS met,
          count(*) FILTER (WHERE status IN ('received', 'under_review', 'accepted'))::int AS open,
          count(*) FILTER (WHERE status = 'declined' AND decline_reason = 'no_funding')::int AS declined_no_funding,
          count(*) FILTER (WHERE status = 'declined' AND decline_reason <> 'no_funding')::int AS declined_other,
          count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
          coalesce((SELECT json_agg(x ORDER BY x.n DESC) FROM (SELECT status, count(*)::int AS n FROM ${r} GROUP BY status) x), '[]') AS by_status
        FROM ${r}`,
  );
  const a = sql`activity a WHERE ${tierVisible(viewer, 'a')} AND ${inYear('coalesce(a.actual_start, a.planned_start)')}`;
  const byKind = await rows<{ kind: string; n: number }>(db, sql`SELECT kind, count(*)::int AS n FROM ${a} GROUP BY kind ORDER BY n DESC, kind`);
  const byStatus = await rows<{ status: string; n: number }>(db, sql`SELECT status, count(*)::int AS n FROM ${a} GROUP BY status ORDER BY n DESC, status`);
  // People trained: participants of delivered activities.
  const delivered = sql`participant_count p JOIN activity a ON a.id = p.activity_id WHERE a.status = 'delivered' AND ${tierVisible(viewer, 'a')} AND ${inYear('coalesce(a.actual_start, a.planned_start)')}`;
  const byRole = await rows<{ role: string; n: number }>(db, sql`SELECT p.role, sum(p.count)::int AS n FROM ${delivered} GROUP BY p.role ORDER BY n DESC, p.role`);
  const bySex = await rows<{ sex: string; n: number }>(db, sql`SELECT p.sex, sum(p.count)::int AS n FROM ${delivered} GROUP BY p.sex ORDER BY n DESC, p.sex`);
  const byRegion = await rows<{ region: string; names: Record<string, string>; n: number }>(
    db,
    sql`SELECT m.code AS region, m.names, sum(x.count)::int AS n FROM (
          SELECT p.count, ${activityRegion} AS region
          FROM ${delivered}) x JOIN m49_area m ON m.code = x.region GROUP BY m.code, m.names ORDER BY n DESC, m.code`,
  );
  const countries = await rows<Dashboard['countries'][number]>(
    db,
    sql`SELECT c.iso3, c.numeric, c.names, count(*)::int AS activities FROM activity_country ac JOIN activity a ON a.id = ac.activity_id JOIN country c ON c.iso3 = ac.country
        WHERE ${tierVisible(viewer, 'a')} AND ${inYear('coalesce(a.actual_start, a.planned_start)')} GROUP BY c.iso3, c.numeric, c.names ORDER BY activities DESC, c.iso3`,
  );
  const byAudience = await rows<{ audience: string; n: number }>(
    db,
    sql`SELECT x.audience, sum(x.count)::int AS n FROM audience_count x JOIN activity a ON a.id = x.activity_id
        WHERE a.status = 'delivered' AND ${tierVisible(viewer, 'a')} AND ${inYear('coalesce(a.actual_start, a.planned_start)')} GROUP BY x.audience ORDER BY n DESC, x.audience`,
  );
  const funding = Object.values(
    (await fundingPosition(db, viewer, year ?? undefined)).reduce<Record<number, { year: number; needed: number; received: number; gap: number }>>((acc, p) => {
      const f = (acc[p.year] ??= { year: p.year, needed: 0, received: 0, gap: 0 });
      f.needed += p.needed;
      f.received += p.received;
      f.gap += p.gap;
      return acc;
    }, {}),
  ).sort((a, b) => b.year - a.year);
  return {
    year,
    outreach: { total: byAudience.reduce((n, x) => n + x.n, 0), by_audience: byAudience },
    funding,
    requests: requests!,
    activities: { by_kind: byKind, by_status: byStatus },
    people: { total: byRole.reduce((n, x) => n + x.n, 0), by_role: byRole, by_sex: bySex, by_region: byRegion },
    countries,
    mentored: await investigationCounts(db),
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
    { figure: 'people_trained', key: 'total', value: d.people.total },
    ...d.people.by_role.map((x) => ({ figure: 'people_by_role', key: x.role, value: x.n })),
    ...d.people.by_sex.map((x) => ({ figure: 'people_by_sex', key: x.sex, value: x.n })),
    ...d.people.by_region.map((x) => ({ figure: 'people_by_region', key: x.names.en ?? x.region, value: x.n })),
    ...d.countries.map((x) => ({ figure: 'activities_by_country', key: x.iso3, value: x.activities })),
    ...d.outreach.by_audience.map((x) => ({ figure: 'outreach_by_audience', key: x.audience, value: x.n })),
    ...d.funding.flatMap((f) => [
      { figure: 'funding_needed_usd', key: String(f.year), value: Math.round(f.needed) },
      { figure: 'funding_received_usd', key: String(f.year), value: Math.round(f.received) },
      { figure: 'funding_gap_usd', key: String(f.year), value: Math.round(f.gap) },
    ]),
    ...Object.entries(d.mentored).map(([key, value]) => ({ figure: 'mentored_investigations', key, value })),
  ];
}

export type WhereRow = { iso3: string; numeric: string; names: Record<string, string>; implementer: string | null; activities: number; kinds: string[]; first: string | null; last: string | null };

/** Who does what where: per country, each implementer's activities (kinds, count, period). */
export async function whoWhatWhere(db: Orm, viewer: Viewer, query: { country?: string }): Promise<WhereRow[]> {
  return rows<WhereRow>(
    db,
    sql`SELECT c.iso3, c.numeric, c.names, a.implementer, count(*)::int AS activities, array_agg(DISTINCT a.kind ORDER BY a.kind) AS kinds,
          min(coalesce(a.actual_start, a.planned_start))::text AS first, max(coalesce(a.actual_end, a.planned_end, a.actual_start, a.planned_start))::text AS last
        FROM activity a JOIN activity_country ac ON ac.activity_id = a.id JOIN country c ON c.iso3 = ac.country
        WHERE ${tierVisible(viewer, 'a')} AND a.status <> 'cancelled' AND (${query.country ?? null}::text IS NULL OR c.iso3 = ${query.country ?? null})
        GROUP BY c.iso3, c.numeric, c.names, a.implementer ORDER BY c.names->>'en', activities DESC, a.implementer NULLS FIRST`,
  );
}

/** What may be shown to anyone: totals per year and region, with counts under five withheld. */
export type PublicFigures = { rows: { year: number; region: string; names: Record<string, string>; activities: number | null; people: number | null }[]; withheld_below: number };

export async function publicFigures(db: Orm): Promise<PublicFigures> {
  const MIN = 5;
  const list = await rows<{ year: number; region: string; names: Record<string, string>; activities: number; people: number }>(
    db,
    sql`SELECT x.year, m.code AS region, m.names, count(DISTINCT x.id)::int AS activities, coalesce(sum(x.people), 0)::int AS people FROM (
          SELECT a.id, extract(year FROM coalesce(a.actual_start, a.planned_start))::int AS year,
                 ${activityRegion} AS region,
                 (SELECT sum(count) FROM participant_count p WHERE p.activity_id = a.id) AS people
          FROM activity a WHERE a.status = 'delivered' AND a.tier <> 'restricted' AND a.implementer IS NULL) x
        JOIN m49_area m ON m.code = x.region WHERE x.year IS NOT NULL GROUP BY x.year, m.code, m.names ORDER BY x.year DESC, m.names->>'en'`,
  );
  return { rows: list.map((r) => ({ ...r, activities: r.activities < MIN ? null : r.activities, people: r.people < MIN ? null : r.people })), withheld_below: MIN };
}
