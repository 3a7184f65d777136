/**
 * An organisation's part in the programme: what it gave (contributions) and the activities it took
 * part in, by role — so that donors, partners and hosts can be looked up in one place.
 */
import { sql } from 'drizzle-orm';
import { tierVisible, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { listContributions, type Contribution, type Organisation } from './funding.js';
import { declaredBy } from './iati-organisation.js';

export type OrganisationActivity = {
  id: number;
  title: string;
  kind: string;
  status: string;
  date: string | null;
  role: string;
  countries: string[];
};
export type OrganisationSummary = Organisation & { activities: number; contributions: number };
export type OrganisationDetail = Organisation & {
  contributions: Contribution[];
  activities: OrganisationActivity[];
  /** What it declares in its IATI organisation file, if one was imported. */
  declared: Awaited<ReturnType<typeof declaredBy>>;
};

/** Every organisation with how many activities (that the viewer may see) and contributions it has. */
export const listOrganisationSummaries = (db: Orm, viewer: Viewer) =>
  rows<OrganisationSummary>(
    db,
    sql`SELECT o.id, o.name, o.kind, o.country, o.roles, o.iati_ref,
          (SELECT count(DISTINCT ap.activity_id)::int FROM activity_partner ap JOIN activity a ON a.id = ap.activity_id WHERE ap.organisation_id = o.id AND ${tierVisible(viewer, 'a')}) AS activities,
          (SELECT count(*)::int FROM contribution c WHERE c.donor_id = o.id AND ${tierVisible(viewer, 'c')}) AS contributions
        FROM organisation o ORDER BY o.name`,
  );

export async function getOrganisation(db: Orm, viewer: Viewer, id: number): Promise<OrganisationDetail> {
  const o = await one<Organisation>(
    db,
    sql`SELECT id, name, kind, country, roles, iati_ref FROM organisation WHERE id = ${id}`,
  );
  if (!o) throw notFound(`Organisation ${id}`);
  const activities = await rows<OrganisationActivity>(
    db,
    sql`SELECT a.id, a.title, a.kind, a.status, coalesce(a.actual_start, a.planned_start)::text AS date, ap.role,
          coalesce((SELECT array_agg(ac.country ORDER BY ac.country) FROM activity_country ac WHERE ac.activity_id = a.id), '{}') AS countries
        FROM activity_partner ap JOIN activity a ON a.id = ap.activity_id
        WHERE ap.organisation_id = ${id} AND ${tierVisible(viewer, 'a')} ORDER BY coalesce(a.actual_start, a.planned_start) DESC NULLS LAST, a.id DESC`,
  );
  return {
    ...o,
    contributions: await listContributions(db, viewer, { donor: id }),
    activities,
    declared: await declaredBy(db, id),
  };
}
