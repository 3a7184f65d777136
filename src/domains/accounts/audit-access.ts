/**
 * Which audit entries a viewer may see: an entry is shown only to someone who may see the item it
 * is about, by the same rules as the item's own pages (`visibleTo` for works, cases and documents,
 * `tierVisible` for programme records, the owner's rule for a file). The item is looked up as it is
 * now; a deleted work, case or document by its last snapshot in the log. Entries about accounts and
 * tokens, and about any kind of item not listed here, are for administrators only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isProgrammeStaff, isStaffEditor, tierVisible, visibleTo, type Viewer } from '../../core/access.js';

/** Works, cases and documents: tier, editorial status and country. */
const REPOSITORY: Record<string, string> = { work: 'legal_work', case: 'legal_case', document: 'document' };
/** Programme records with a tier of their own, seen by signed-in users who may see that tier. */
const TIERED: Record<string, string> = {
  activity: 'activity',
  request: 'assistance_request',
  assessment: 'assessment',
  person: 'person',
  contribution: 'contribution',
  mentored_investigation: 'mentored_investigation',
};
/** Parts of an assessment, seen with it (a removed part by the assessment its last snapshot names). */
const ASSESSMENT_PARTS: Record<string, string> = { recommendation: 'recommendation', finding: 'finding' };
/** Programme reference data without a tier, shown to every signed-in user. */
const SIGNED_IN = ['framework', 'organisation', 'funding_need'];

const snapshot = sql`coalesce(e.after, e.before)`;

function repositoryVisible(viewer: Viewer, type: string, idx: SQL): SQL {
  const table = sql.raw(REPOSITORY[type]);
  return sql`EXISTS (SELECT 1 FROM (
      SELECT x.tier, x.editorial_status, x.country FROM ${table} x WHERE x.id = ${idx}
      UNION ALL
      SELECT * FROM (SELECT ${snapshot}->>'tier' AS tier, ${snapshot}->>'editorial_status' AS editorial_status, ${snapshot}->>'country' AS country
                     FROM audit_event e WHERE e.entity_type = ${type} AND e.entity_id = ${idx} AND (${snapshot}->>'tier') IS NOT NULL ORDER BY e.id DESC LIMIT 1) last
        WHERE NOT EXISTS (SELECT 1 FROM ${table} y WHERE y.id = ${idx})
    ) i WHERE ${visibleTo(viewer, 'i')})`;
}

/** A numeric id written as text, for an index lookup (null when it is not one). */
const numericId = (idx: SQL): SQL => sql`(CASE WHEN ${idx} ~ '^[0-9]{1,9}$' THEN (${idx})::int END)`;

const tieredVisible = (viewer: Viewer, table: string, idx: SQL): SQL =>
  viewer.role === 'anonymous'
    ? sql`false`
    : sql`EXISTS (SELECT 1 FROM ${sql.raw(table)} x WHERE x.id = ${numericId(idx)} AND ${tierVisible(viewer, 'x')})`;

function partVisible(viewer: Viewer, type: string, idx: SQL): SQL {
  const assessment = sql`coalesce((SELECT p.assessment_id::text FROM ${sql.raw(ASSESSMENT_PARTS[type])} p WHERE p.id = ${numericId(idx)}),
    (SELECT ${snapshot}->>'assessment_id' FROM audit_event e WHERE e.entity_type = ${type} AND e.entity_id = ${idx} AND (${snapshot}->>'assessment_id') IS NOT NULL ORDER BY e.id DESC LIMIT 1))`;
  return tieredVisible(viewer, 'assessment', assessment);
}

/** A file is seen by whoever sees its owner (an assessment's indicator evidence: "12:forensics.laboratory"). */
function attachmentVisible(viewer: Viewer, idx: SQL): SQL {
  const owner = sql`o.oid`;
  return sql`EXISTS (SELECT 1 FROM (SELECT ${snapshot}->>'owner_type' AS ot, ${snapshot}->>'owner_id' AS oid FROM audit_event e
      WHERE e.entity_type = 'attachment' AND e.entity_id = ${idx} AND (${snapshot}->>'owner_type') IS NOT NULL ORDER BY e.id LIMIT 1) o
    WHERE CASE o.ot
      WHEN 'work' THEN ${repositoryVisible(viewer, 'work', owner)}
      WHEN 'case' THEN ${repositoryVisible(viewer, 'case', owner)}
      WHEN 'document' THEN ${repositoryVisible(viewer, 'document', owner)}
      WHEN 'activity' THEN ${tieredVisible(viewer, 'activity', owner)}
      WHEN 'assessment' THEN ${tieredVisible(viewer, 'assessment', sql`split_part(${owner}, ':', 1)`)}
      ELSE false END)`;
}

/**
 * SQL condition on an audit entry aliased `a`: the viewer may see the item it is about. Undefined
 * for administrators, who see the whole log.
 */
export function auditVisibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'admin') return undefined;
  const idx = sql`a.entity_id`;
  const signedIn = viewer.role !== 'anonymous';
  const branches: SQL[] = [
    ...Object.keys(REPOSITORY).map((type) => sql`WHEN ${type} THEN ${repositoryVisible(viewer, type, idx)}`),
    ...Object.entries(TIERED).map(
      ([type, table]) => sql`WHEN ${type} THEN ${tieredVisible(viewer, table, idx)}`,
    ),
    ...Object.keys(ASSESSMENT_PARTS).map((type) => sql`WHEN ${type} THEN ${partVisible(viewer, type, idx)}`),
    ...SIGNED_IN.map((type) => sql`WHEN ${type} THEN ${sql.raw(String(signedIn))}`),
    // A country's review of its legislation: worked on by contributors and editors.
    sql`WHEN 'review' THEN ${sql.raw(String(isStaffEditor(viewer) || viewer.role === 'contributor'))}`,
    // Two activities reviewed as possible duplicates: "12:34".
    sql`WHEN 'overlap' THEN (${tieredVisible(viewer, 'activity', sql`split_part(${idx}, ':', 1)`)} AND ${tieredVisible(viewer, 'activity', sql`split_part(${idx}, ':', 2)`)})`,
    sql`WHEN 'attachment' THEN ${attachmentVisible(viewer, idx)}`,
    // The directory of competent authorities, kept by programme staff (the log holds no contact values).
    sql`WHEN 'authority' THEN ${sql.raw(String(isProgrammeStaff(viewer)))}`,
  ];
  return sql`(CASE a.entity_type ${sql.join(branches, sql` `)} ELSE false END)`;
}
