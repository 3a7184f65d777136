/** Repository use over a period: views and searches per day, views per section, top searches, searches that found nothing. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { badRequest } from '../../core/errors.js';
import { isoDate } from '../../core/codes.js';

export const periodQuery = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.to >= p.from, { message: 'the period ends before it starts', path: ['to'] });
export type Period = z.infer<typeof periodQuery>;

/** The period asked for, or the last 30 days; a period that ends before it starts is refused. */
export function defaultPeriod(q: Partial<Period>): Period {
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
  const parsed = periodQuery.safeParse({ from, to });
  if (!parsed.success)
    throw badRequest(`${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`, {
      field: String(parsed.error.issues[0]!.path[0]),
    });
  return parsed.data;
}

export type Usage = {
  from: string;
  to: string;
  views: number;
  searches: number;
  zero_result_searches: number;
  days: { day: string; views: number; searches: number }[];
  sections: { section: string; views: number }[];
  top_searches: { term: string; searches: number }[];
  zero_results: { term: string; searches: number }[];
};

export async function usage(db: Orm, { from, to }: Period, top = 20): Promise<Usage> {
  const inPeriod = sql`day BETWEEN ${from}::date AND ${to}::date`;
  const totals = await one<{ views: number; searches: number; zero: number }>(
    db,
    sql`SELECT (SELECT coalesce(sum(views), 0)::int FROM usage_daily WHERE ${inPeriod}) AS views,
      (SELECT coalesce(sum(searches), 0)::int FROM search_daily WHERE ${inPeriod}) AS searches,
      (SELECT coalesce(sum(zero_results), 0)::int FROM search_daily WHERE ${inPeriod}) AS zero`,
  );
  const days = await rows<Usage['days'][number]>(
    db,
    sql`SELECT d::date::text AS day, coalesce(v.views, 0)::int AS views, coalesce(s.searches, 0)::int AS searches FROM (
          SELECT day FROM usage_daily WHERE ${inPeriod} UNION SELECT day FROM search_daily WHERE ${inPeriod}) d(d)
        LEFT JOIN (SELECT day, sum(views) AS views FROM usage_daily WHERE ${inPeriod} GROUP BY day) v ON v.day = d.d
        LEFT JOIN (SELECT day, sum(searches) AS searches FROM search_daily WHERE ${inPeriod} GROUP BY day) s ON s.day = d.d ORDER BY d.d`,
  );
  const sections = await rows<Usage['sections'][number]>(
    db,
    sql`SELECT section, sum(views)::int AS views FROM usage_daily WHERE ${inPeriod} GROUP BY section ORDER BY views DESC, section`,
  );
  const topSearches = await rows<Usage['top_searches'][number]>(
    db,
    sql`SELECT term, sum(searches)::int AS searches FROM search_daily WHERE ${inPeriod} GROUP BY term ORDER BY searches DESC, term LIMIT ${top}`,
  );
  const zero = await rows<Usage['zero_results'][number]>(
    db,
    sql`SELECT term, sum(zero_results)::int AS searches FROM search_daily WHERE ${inPeriod} GROUP BY term HAVING sum(zero_results) > 0 ORDER BY searches DESC, term LIMIT ${top}`,
  );
  return {
    from,
    to,
    views: totals!.views,
    searches: totals!.searches,
    zero_result_searches: totals!.zero,
    days,
    sections,
    top_searches: topSearches,
    zero_results: zero,
  };
}
