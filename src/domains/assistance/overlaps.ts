/**
 * Coordination: activities of different implementers in the same country, at overlapping dates,
 * sharing a concept or of the same kind, are potential duplicates — listed with the reason, until
 * someone reviews the pair (duplicate, complementary, not related).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { badRequest } from '../../core/errors.js';
import { jsonId } from '../../core/codes.js';

export type Overlap = {
  a: { id: number; title: string; implementer: string | null; start: string | null; end: string | null };
  b: { id: number; title: string; implementer: string | null; start: string | null; end: string | null };
  countries: string[];
  shared: { concepts: string[]; same_kind: boolean };
  review: { verdict: string; note: string | null; reviewed_by: string; reviewed_at: string } | null;
};

export const overlapReview = z.object({
  a: jsonId,
  b: jsonId,
  verdict: z.enum(['duplicate', 'complementary', 'not_related']),
  note: z.string().max(2000).optional(),
});

/** Every pair of visible, not cancelled activities that may duplicate each other. */
export async function overlaps(
  db: Orm,
  viewer: Viewer,
  options: { reviewed?: boolean } = {},
): Promise<Overlap[]> {
  const span = (x: string) =>
    sql.raw(
      `daterange(coalesce(${x}.actual_start, ${x}.planned_start), coalesce(${x}.actual_end, ${x}.planned_end, ${x}.actual_start, ${x}.planned_start), '[]')`,
    );
  return rows<Overlap>(
    db,
    sql`SELECT json_build_object('id', a.id, 'title', a.title, 'implementer', a.implementer, 'start', coalesce(a.actual_start, a.planned_start), 'end', coalesce(a.actual_end, a.planned_end)) AS a,
               json_build_object('id', b.id, 'title', b.title, 'implementer', b.implementer, 'start', coalesce(b.actual_start, b.planned_start), 'end', coalesce(b.actual_end, b.planned_end)) AS b,
               (SELECT array_agg(x.country ORDER BY x.country) FROM activity_country x JOIN activity_country y ON y.country = x.country AND y.activity_id = b.id WHERE x.activity_id = a.id) AS countries,
               json_build_object('concepts', (SELECT coalesce(array_agg(c ORDER BY c), '{}') FROM unnest(a.concepts) c WHERE c = ANY(b.concepts)), 'same_kind', a.kind = b.kind AND a.kind <> 'other') AS shared,
               (SELECT json_build_object('verdict', r.verdict, 'note', r.note, 'reviewed_by', r.reviewed_by, 'reviewed_at', r.reviewed_at) FROM overlap_review r WHERE r.activity_a = a.id AND r.activity_b = b.id) AS review
        FROM activity a JOIN activity b ON a.id < b.id
        WHERE ${tierVisible(viewer, 'a')} AND ${tierVisible(viewer, 'b')}
          AND a.status <> 'cancelled' AND b.status <> 'cancelled'
          AND coalesce(a.implementer, '') IS DISTINCT FROM coalesce(b.implementer, '')
          AND coalesce(a.actual_start, a.planned_start) IS NOT NULL AND coalesce(b.actual_start, b.planned_start) IS NOT NULL
          AND ${span('a')} && ${span('b')}
          AND EXISTS (SELECT 1 FROM activity_country x JOIN activity_country y ON y.country = x.country WHERE x.activity_id = a.id AND y.activity_id = b.id)
          AND ((a.kind = b.kind AND a.kind <> 'other') OR a.concepts && b.concepts) -- "other" says nothing about what was done
          AND ${options.reviewed === undefined ? sql`true` : options.reviewed ? sql`EXISTS (SELECT 1 FROM overlap_review r WHERE r.activity_a = a.id AND r.activity_b = b.id)` : sql`NOT EXISTS (SELECT 1 FROM overlap_review r WHERE r.activity_a = a.id AND r.activity_b = b.id)`}
        ORDER BY coalesce(a.actual_start, a.planned_start) DESC, a.id, b.id LIMIT 500`,
  );
}

export async function reviewOverlap(
  db: Orm,
  by: Viewer,
  input: z.infer<typeof overlapReview>,
): Promise<void> {
  const [a, b] = input.a < input.b ? [input.a, input.b] : [input.b, input.a];
  if (a === b) throw badRequest('An activity does not overlap itself');
  const found = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM activity x WHERE x.id IN (${a}, ${b}) AND ${tierVisible(by, 'x')}`,
  );
  if (found?.n !== 2) throw badRequest(`Unknown activity: ${a} or ${b}`);
  await db.execute(sql`INSERT INTO overlap_review (activity_a, activity_b, verdict, note, reviewed_by) VALUES (${a}, ${b}, ${input.verdict}, ${input.note ?? null}, ${by.name})
    ON CONFLICT (activity_a, activity_b) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = now()`);
  await audit(db, by, 'update', 'overlap', `${a}:${b}`, null, {
    verdict: input.verdict,
    note: input.note ?? null,
  });
}
