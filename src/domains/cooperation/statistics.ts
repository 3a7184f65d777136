/**
 * Figures of the request log for programmes and the Commission: counts and turnaround only (no
 * request, party or text leaves the restricted tier), over requests that were sent — per
 * requested state, per legal basis, per kind and per offence, for a period.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { isoDate } from '../../core/codes.js';
import { badRequest } from '../../core/errors.js';

export const statisticsQuery = z.object({
  from: isoDate.optional().describe('sent on or after'),
  to: isoDate.optional().describe('sent on or before'),
  direction: z.enum(['outgoing', 'incoming']).default('outgoing'),
});

export type Figures = {
  key: string;
  sent: number;
  executed: number;
  partly_executed: number;
  refused: number;
  withdrawn: number;
  pending: number;
  /** median days from sending to the answer, over answered requests (null: none answered) */
  median_days: number | null;
};
export type Statistics = {
  from: string | null;
  to: string | null;
  direction: string;
  total: Figures;
  by_requested: Figures[];
  by_legal_basis: Figures[];
  by_kind: Figures[];
  by_offence: Figures[];
};

const FIGURES = sql`count(*)::int AS sent,
  count(*) FILTER (WHERE status = 'executed')::int AS executed,
  count(*) FILTER (WHERE status = 'partly_executed')::int AS partly_executed,
  count(*) FILTER (WHERE status = 'refused')::int AS refused,
  count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE status = 'sent')::int AS pending,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY answered_on - sent_on) FILTER (WHERE answered_on IS NOT NULL AND status <> 'withdrawn'))::float AS median_days`;

export async function requestStatistics(db: Orm, q: z.output<typeof statisticsQuery>): Promise<Statistics> {
  if (q.from && q.to && q.to < q.from)
    throw badRequest('The period ends before it starts', {
      fields: [{ field: 'querystring.to', message: 'on or after from' }],
    });
  const sent = sql`SELECT * FROM cooperation_request WHERE status <> 'draft' AND sent_on IS NOT NULL AND direction = ${q.direction}
    AND (${q.from ?? null}::date IS NULL OR sent_on >= ${q.from ?? null}::date) AND (${q.to ?? null}::date IS NULL OR sent_on <= ${q.to ?? null}::date)`;
  const by = (key: SQL) =>
    rows<Figures>(db, sql`SELECT ${key} AS key, ${FIGURES} FROM (${sent}) r GROUP BY 1 ORDER BY 2 DESC, 1`);
  const [total] = await rows<Figures>(db, sql`SELECT 'all' AS key, ${FIGURES} FROM (${sent}) r`);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    direction: q.direction,
    total,
    by_requested: await by(sql`requested`),
    by_legal_basis: await by(sql`legal_basis`),
    by_kind: await by(sql`kind`),
    by_offence: await rows<Figures>(
      db,
      sql`SELECT o AS key, ${FIGURES} FROM (${sent}) r CROSS JOIN LATERAL unnest(r.offences) AS o GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
  };
}
