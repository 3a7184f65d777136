/**
 * Mentored investigations: restricted records (programme officers and administrators only), with no
 * personal data. Everyone else sees counts only — on the dashboard.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isProgrammeStaff, tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { AppError, badRequest } from '../../core/errors.js';
import { iso3, isoDate } from '../../core/codes.js';

export const investigationInput = z
  .object({
    country: iso3,
    concept: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    opened: isoDate,
    closed: isoDate.optional(),
    status: z.enum(['open', 'suspended', 'closed']).default('open'),
    mentor: z.string().min(1).max(200),
    notes: z.string().max(5000).optional(),
  })
  .refine((i) => !i.closed || i.closed >= i.opened, {
    message: 'closed before it was opened',
    path: ['closed'],
  });

export type Investigation = z.infer<typeof investigationInput> & { id: number };

const restrictedOnly = (viewer: Viewer) => {
  if (!isProgrammeStaff(viewer))
    throw new AppError(403, 'forbidden', 'Mentored investigations are restricted to programme officers');
};

export const investigationQuery = z.object({
  from: isoDate.optional().describe('mentored at some time on or after this date (not closed before it)'),
  to: isoDate.optional().describe('mentored at some time on or before this date (opened by then)'),
  opened: z.enum(['in_period']).optional().describe('only those opened within from–to'),
  closed: z.enum(['in_period']).optional().describe('only those closed within from–to'),
  country: iso3.optional(),
});

export async function listInvestigations(
  db: Orm,
  viewer: Viewer,
  q: z.infer<typeof investigationQuery> = {},
): Promise<Investigation[]> {
  restrictedOnly(viewer);
  const from = q.from ?? '0001-01-01';
  const to = q.to ?? '9999-12-31';
  return rows<Investigation>(
    db,
    sql`SELECT id, country, concept, opened::text, closed::text, status, mentor, notes FROM mentored_investigation m
        WHERE ${where(
          tierVisible(viewer, 'm'),
          sql`m.opened <= ${to}::date AND (m.closed IS NULL OR m.closed >= ${from}::date)`,
          q.opened && sql`m.opened >= ${from}::date`,
          q.closed && sql`m.closed <= ${to}::date`,
          q.country && sql`m.country = ${q.country}`,
        )} ORDER BY opened DESC, id DESC`,
  );
}

export async function createInvestigation(
  db: Orm,
  by: Viewer,
  input: z.infer<typeof investigationInput>,
): Promise<Investigation> {
  restrictedOnly(by);
  if (input.concept && !(await one(db, sql`SELECT 1 FROM concept WHERE code = ${input.concept}`)))
    throw badRequest(`Unknown concept ${input.concept}`);
  const row = await one<Investigation>(
    db,
    sql`INSERT INTO mentored_investigation (country, concept, opened, closed, status, mentor, notes, created_by)
        VALUES (${input.country}, ${input.concept ?? null}, ${input.opened}, ${input.closed ?? null}, ${input.status}, ${input.mentor}, ${input.notes ?? null}, ${by.name})
        RETURNING id, country, concept, opened::text, closed::text, status, mentor, notes`,
  );
  await audit(db, by, 'create', 'mentored_investigation', String(row!.id), null, {
    id: row!.id,
    country: row!.country,
  });
  return row!;
}

export type MentoredFigures = { mentored: number; opened: number; closed: number; countries: number };

/**
 * What leaves the restricted tier: counts only, the same for every viewer. An investigation counts
 * as mentored in a period when it was open at some time in it (opened by its end, not closed before
 * its start); opened and closed count those whose mentoring began, or ended, within the period.
 */
export async function mentoredFigures(
  db: Orm,
  s: { from: string; to: string; country?: string },
): Promise<MentoredFigures> {
  return (await one<MentoredFigures>(
    db,
    sql`SELECT count(*)::int AS mentored, count(*) FILTER (WHERE opened >= ${s.from}::date)::int AS opened, count(*) FILTER (WHERE closed <= ${s.to}::date)::int AS closed, count(DISTINCT country)::int AS countries
        FROM mentored_investigation WHERE opened <= ${s.to}::date AND (closed IS NULL OR closed >= ${s.from}::date) AND (${s.country ?? null}::text IS NULL OR country = ${s.country ?? null})`,
  ))!;
}
