/**
 * Who is asking, and what that lets them see: the one place that maps roles to access tiers and
 * to drafts. Every list, count, page and export builds its WHERE clause from `visibleTo`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { textArray } from './db/query.js';

/**
 * reader: the programme's own people, who see internal data; practitioner: a vetted practitioner
 * outside the programme (a prosecutor, an investigator) who sees what the public sees and the
 * contacts of competent authorities; then the staff.
 */
export const ROLES = [
  'reader',
  'practitioner',
  'contributor',
  'editor',
  'programme_officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export const TIERS = ['public', 'internal', 'restricted'] as const;
export type Tier = (typeof TIERS)[number];
export const EDITORIAL_STATUSES = ['draft', 'in_review', 'published', 'unpublished'] as const;
export type EditorialStatus = (typeof EDITORIAL_STATUSES)[number];

/**
 * What a request may do beyond its role's reach. A token carries the scope it was made with: read
 * (GET and HEAD only), write (also create, change, delete) or admin (also users, tokens and reset
 * links; only for administrators). A browser session acts with its role's full reach (admin).
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export type Viewer = {
  role: Role | 'anonymous';
  userId: number | null;
  /** Recorded in the audit log: user:EMAIL, token:NAME, cli, seed:demo. */
  name: string;
  /** Countries a contributor may draft for. */
  countries: string[];
  /** How the request was authenticated; tokens with scope read cannot write. */
  via: 'none' | 'session' | 'token' | 'system';
  scope: Scope;
  /** scope is write or admin */
  canWrite: boolean;
};

export const ANONYMOUS: Viewer = {
  role: 'anonymous',
  userId: null,
  name: 'anonymous',
  countries: [],
  via: 'none',
  scope: 'read',
  canWrite: false,
};

/** The CLI, the seeders and imports act with full access. */
export const system = (name: string): Viewer => ({
  role: 'admin',
  userId: null,
  name,
  countries: [],
  via: 'system',
  scope: 'admin',
  canWrite: true,
});

const TIER_ACCESS: Record<Viewer['role'], Tier[]> = {
  anonymous: ['public'],
  reader: ['public', 'internal'],
  practitioner: ['public'],
  contributor: ['public', 'internal'],
  editor: ['public', 'internal'],
  programme_officer: ['public', 'internal', 'restricted'],
  admin: ['public', 'internal', 'restricted'],
};

export const tiersFor = (viewer: Viewer): Tier[] => TIER_ACCESS[viewer.role];
/** The viewer as a file made for publication (IATI) sees records: as they do, but never restricted ones. */
export const forPublication = (viewer: Viewer): Viewer =>
  tiersFor(viewer).includes('restricted') ? { ...viewer, role: 'reader' } : viewer;
/** Programme officers and administrators: they see restricted programme records and the repository's use. */
export const isProgrammeStaff = (viewer: Viewer) => ['programme_officer', 'admin'].includes(viewer.role);
/** Who sees the contacts of competent authorities (names, phones, e-mail addresses): vetted practitioners and programme staff. */
export const canSeeContacts = (viewer: Viewer) =>
  ['practitioner', 'programme_officer', 'admin'].includes(viewer.role);
export const isStaffEditor = (viewer: Viewer) =>
  ['editor', 'programme_officer', 'admin'].includes(viewer.role);
/** Whether the viewer may change programme records (requests, activities, assessments …): programme staff, not with a read token. */
export const canRunProgramme = (viewer: Viewer) => isProgrammeStaff(viewer) && viewer.canWrite;

/** Whether the viewer may see an item of this tier, status and country. */
export function canSee(
  viewer: Viewer,
  item: { tier: string; editorial_status: string; country: string | null },
): boolean {
  if (!tiersFor(viewer).includes(item.tier as Tier)) return false;
  if (item.editorial_status === 'published') return true;
  if (isStaffEditor(viewer)) return true;
  return viewer.role === 'contributor' && !!item.country && viewer.countries.includes(item.country);
}

/**
 * SQL condition: the viewer may see the drafts of the country in `column` (editors everywhere,
 * contributors for their countries) — those who review that country's legislation.
 */
export function seesDraftsOf(viewer: Viewer, column: SQL): SQL {
  if (isStaffEditor(viewer)) return sql`true`;
  if (viewer.role === 'contributor') return sql`${column} = ANY(${textArray(viewer.countries)})`;
  return sql`false`;
}

/** SQL condition for rows with a tier but no editorial workflow (assistance data): the viewer may see the tier. */
export const tierVisible = (viewer: Viewer, alias: string): SQL =>
  sql`${sql.raw(alias)}.tier = ANY(${textArray(tiersFor(viewer))})`;

/** What `visibleTo` lets the viewer see, as a text: viewers with the same one see the same rows. */
export const visibilityKey = (viewer: Viewer): string =>
  JSON.stringify([
    tiersFor(viewer),
    isStaffEditor(viewer)
      ? 'drafts'
      : viewer.role === 'contributor'
        ? [...viewer.countries].sort()
        : 'published',
  ]);

/** SQL condition: the row aliased `alias` (with tier, editorial_status, country) is visible to the viewer. */
export function visibleTo(viewer: Viewer, alias: string): SQL {
  const a = sql.raw(alias);
  const tiers = sql`${a}.tier = ANY(${textArray(tiersFor(viewer))})`;
  if (isStaffEditor(viewer)) return tiers;
  if (viewer.role === 'contributor')
    return sql`(${tiers} AND (${a}.editorial_status = 'published' OR ${a}.country = ANY(${textArray(viewer.countries)})))`;
  return sql`(${tiers} AND ${a}.editorial_status = 'published')`;
}
