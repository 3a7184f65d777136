/**
 * The programme's activity figures, defined once for the dashboard, the reports, the public
 * `/programme` page and the API. Each figure below says what it counts and its period rule.
 *
 * - Activities counted: the programme's own (no other implementer), delivered, of a tier the
 *   viewer may see, whose start date (actual, else planned) falls in the period.
 * - People trained: the participants of those activities (by role and sex).
 * - People reached: the audiences of those activities (outreach).
 * - Member States served: the distinct countries those activities were held for.
 * - By region: an activity counts in its region — the one recorded on it, else the one region all
 *   its countries share — and an activity reaching several regions counts once, in the "several
 *   regions" row, so the rows add up to the totals. Each Member State counts in its own region
 *   (intermediate region, else sub-region, else region), so the countries column adds up too.
 * - A country's figures: activities held in it; its participants are those recorded for it, or all
 *   of an activity held in it alone (and people reached: by activities held in it alone).
 * - A donor's figures: the activities it is recorded as funding.
 * - Requests: those of a tier the viewer may see, received in the period.
 */
import { sql, type SQL } from 'drizzle-orm';
import { tierVisible, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { activityRegion, ACTIVITY_START, countryRegion, SEVERAL_REGIONS } from './activities.js';

export type FigureScope = { from: string; to: string; country?: string; donor?: number };
export const ALL_TIME = { from: '0001-01-01', to: '9999-12-31' } as const;
export const yearScope = (year: number | undefined | null) =>
  year ? { from: `${year}-01-01`, to: `${year}-12-31` } : { ...ALL_TIME };
export const CRIMINAL_JUSTICE_ROLES = ['investigator', 'prosecutor', 'judge'];

/** The activities a scope counts (alias a). */
export const deliveredIn = (viewer: Viewer, s: FigureScope): SQL =>
  sql`a.status = 'delivered' AND a.implementer IS NULL AND ${tierVisible(viewer, 'a')} AND ${ACTIVITY_START} BETWEEN ${s.from}::date AND ${s.to}::date
      AND (${s.country ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM activity_country ac WHERE ac.activity_id = a.id AND ac.country = ${s.country ?? null}))
      AND (${s.donor ?? null}::int IS NULL OR EXISTS (SELECT 1 FROM activity_partner ap WHERE ap.activity_id = a.id AND ap.organisation_id = ${s.donor ?? null} AND ap.role = 'funding'))`;

const aloneIn = (country: string) =>
  sql`NOT EXISTS (SELECT 1 FROM activity_country o WHERE o.activity_id = a.id AND o.country <> ${country})`;
/** Which participant rows (alias p, of activity a) a scope counts. */
const participantsOf = (s: Pick<FigureScope, 'country'>): SQL =>
  s.country ? sql`(p.country = ${s.country} OR (p.country IS NULL AND ${aloneIn(s.country)}))` : sql`true`;
/** People trained in one activity (alias a) as a scope counts them — for a country, its own participants. */
export const trainedIn = (s: Pick<FigureScope, 'country'>): SQL =>
  sql`(SELECT coalesce(sum(p.count), 0)::int FROM participant_count p WHERE p.activity_id = a.id AND ${participantsOf(s)})`;
/** Which audience rows (of activity a) a scope counts. */
const audiencesOf = (s: FigureScope): SQL => (s.country ? aloneIn(s.country) : sql`true`);

export type RegionRow = {
  region: string;
  names: Record<string, string> | null;
  activities: number;
  countries: number;
  trained: number;
  reached: number;
};
export type ActivityFigures = {
  activities: number;
  served: number;
  trained: number;
  trained_cj: number;
  reached: number;
  by_kind: { kind: string; n: number }[];
  by_role: { role: string; n: number }[];
  by_sex: { sex: string; n: number }[];
  by_audience: { audience: string; n: number }[];
  by_region: RegionRow[];
  by_country: { iso3: string; numeric: string; names: Record<string, string>; activities: number }[];
};

export async function activityFigures(db: Orm, viewer: Viewer, s: FigureScope): Promise<ActivityFigures> {
  const inScope = deliveredIn(viewer, s);
  const people = sql`participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${inScope} AND ${participantsOf(s)}`;
  const reach = sql`audience_count x JOIN activity a ON a.id = x.activity_id WHERE ${inScope} AND ${audiencesOf(s)}`;
  const byRole = await rows<{ role: string; n: number }>(
    db,
    sql`SELECT p.role, sum(p.count)::int AS n FROM ${people} GROUP BY p.role ORDER BY n DESC, p.role`,
  );
  const bySex = await rows<{ sex: string; n: number }>(
    db,
    sql`SELECT p.sex, sum(p.count)::int AS n FROM ${people} GROUP BY p.sex ORDER BY n DESC, p.sex`,
  );
  const byAudience = await rows<{ audience: string; n: number }>(
    db,
    sql`SELECT x.audience, sum(x.count)::int AS n FROM ${reach} GROUP BY x.audience ORDER BY n DESC, x.audience`,
  );
  const byKind = await rows<{ kind: string; n: number }>(
    db,
    sql`SELECT a.kind, count(*)::int AS n FROM activity a WHERE ${inScope} GROUP BY a.kind ORDER BY n DESC, a.kind`,
  );
  const served = sql`activity a JOIN activity_country ac ON ac.activity_id = a.id JOIN country c ON c.iso3 = ac.country WHERE ${inScope} AND (${s.country ?? null}::text IS NULL OR ac.country = ${s.country ?? null})`;
  const byCountry = await rows<ActivityFigures['by_country'][number]>(
    db,
    sql`SELECT c.iso3, c.numeric, c.names, count(*)::int AS activities FROM ${served} GROUP BY c.iso3, c.numeric, c.names ORDER BY activities DESC, c.iso3`,
  );
  const perActivity = await rows<{ region: string; activities: number; trained: number; reached: number }>(
    db,
    sql`SELECT coalesce(x.region, ${SEVERAL_REGIONS}) AS region, count(*)::int AS activities, coalesce(sum(x.trained), 0)::int AS trained, coalesce(sum(x.reached), 0)::int AS reached
        FROM (SELECT a.id, ${activityRegion} AS region,
                (SELECT sum(p.count) FROM participant_count p WHERE p.activity_id = a.id AND ${participantsOf(s)}) AS trained,
                (SELECT sum(au.count) FROM audience_count au WHERE au.activity_id = a.id AND ${audiencesOf(s)}) AS reached
              FROM activity a WHERE ${inScope}) x GROUP BY 1`,
  );
  const perCountry = await rows<{ region: string; countries: number }>(
    db,
    sql`SELECT coalesce(${countryRegion('c')}, ${SEVERAL_REGIONS}) AS region, count(DISTINCT c.iso3)::int AS countries FROM ${served} GROUP BY 1`,
  );
  const codes = [...new Set([...perActivity.map((r) => r.region), ...perCountry.map((r) => r.region)])];
  const names = new Map(
    (
      await rows<{ code: string; names: Record<string, string> }>(
        db,
        sql`SELECT code, names FROM m49_area WHERE code = ANY(${sql.param(codes)}::text[])`,
      )
    ).map((m) => [m.code, m.names]),
  );
  const byRegion = codes
    .map((region): RegionRow => {
      const a = perActivity.find((r) => r.region === region);
      return {
        region,
        names: names.get(region) ?? null,
        activities: a?.activities ?? 0,
        countries: perCountry.find((r) => r.region === region)?.countries ?? 0,
        trained: a?.trained ?? 0,
        reached: a?.reached ?? 0,
      };
    })
    // Regions by activities, the "several regions" row last.
    .sort(
      (x, y) =>
        Number(x.region === SEVERAL_REGIONS) - Number(y.region === SEVERAL_REGIONS) ||
        y.activities - x.activities ||
        (x.names?.en ?? '').localeCompare(y.names?.en ?? ''),
    );
  const total = (list: { n: number }[]) => list.reduce((n, x) => n + x.n, 0);
  return {
    activities: total(byKind),
    served: new Set(byCountry.map((c) => c.iso3)).size,
    trained: total(byRole),
    trained_cj: total(byRole.filter((r) => CRIMINAL_JUSTICE_ROLES.includes(r.role))),
    reached: total(byAudience),
    by_kind: byKind,
    by_role: byRole,
    by_sex: bySex,
    by_audience: byAudience,
    by_region: byRegion,
    by_country: byCountry,
  };
}

export type RequestFigures = {
  received: number;
  met: number;
  open: number;
  declined_no_funding: number;
  declined_other: number;
  withdrawn: number;
  by_status: { status: string; n: number }[];
};

/** Requests for assistance received in the period (of the scope's country), by what became of them. */
export async function requestFigures(db: Orm, viewer: Viewer, s: FigureScope): Promise<RequestFigures> {
  const r = sql`assistance_request r WHERE ${tierVisible(viewer, 'r')} AND r.received BETWEEN ${s.from}::date AND ${s.to}::date AND (${s.country ?? null}::text IS NULL OR r.country = ${s.country ?? null})`;
  return (await one<RequestFigures>(
    db,
    sql`SELECT count(*)::int AS received,
          count(*) FILTER (WHERE status IN ('in_progress', 'completed'))::int AS met,
          count(*) FILTER (WHERE status IN ('received', 'under_review', 'accepted'))::int AS open,
          count(*) FILTER (WHERE status = 'declined' AND decline_reason = 'no_funding')::int AS declined_no_funding,
          count(*) FILTER (WHERE status = 'declined' AND decline_reason IS DISTINCT FROM 'no_funding')::int AS declined_other,
          count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
          coalesce((SELECT json_agg(x ORDER BY x.n DESC, x.status) FROM (SELECT status, count(*)::int AS n FROM ${r} GROUP BY status) x), '[]') AS by_status
        FROM ${r}`,
  ))!;
}
