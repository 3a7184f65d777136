/**
 * The programme's money, defined once: what each contribution pays for, year by year, and the
 * funding position that follows. Every page, report, export and the API take their funding
 * figures from here.
 *
 * - A contribution counts once it is received (it has a date received), whenever that was, and
 *   pays for the years of its period, split evenly between them.
 * - A period counts the calendar years it overlaps (2016-03-01 – 2016-06-30 counts 2016).
 * - Each year's money goes to the need lines of that year: money earmarked for a region to that
 *   region's line; for a country to the most specific line of its regions (intermediate region,
 *   sub-region, region); unearmarked money (and money earmarked for a theme) is shared between
 *   the year's lines in proportion to their needs. Money with no line to go to is "not allocated".
 * - received = the money for the years (every line's plus what is not allocated);
 *   gap = the sum of each line's shortfall; surplus = the sum of each line's excess plus what is
 *   not allocated. So needed − received = gap − surplus: earmarked money cannot fill another line's gap.
 */
import { sql } from 'drizzle-orm';
import { tierVisible, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';

export type PositionRow = {
  year: number;
  region: string | null;
  region_names: Record<string, string> | null;
  needed: number;
  earmarked: number;
  share: number;
  received: number;
  gap: number;
  months: number;
};
/** One contribution's money for one year. */
export type Allocation = {
  year: number;
  contribution: number;
  donor: number;
  donor_name: string;
  usd: number;
  line: string | null | undefined;
};
export type YearFunding = {
  year: number;
  needed: number;
  received: number;
  gap: number;
  surplus: number;
  unallocated: number;
};
export type FundingFigures = Omit<YearFunding, 'year'> & {
  by_donor: { donor: number; name: string; usd: number }[];
  by_contribution: Record<number, number>;
  lines: PositionRow[];
  years: YearFunding[];
};

type Need = { year: number; region: string | null; names: Record<string, string> | null; needed: number };
type Money = {
  year: number;
  contribution: number;
  donor: number;
  donor_name: string;
  per_year: number;
  earmark: string;
  earmark_value: string | null;
  country_regions: (string | null)[] | null;
};

const key = (region: string | null) => region ?? 'global';

/** Every received contribution's money per year, with the need line it goes to (undefined: shared in proportion to needs; null: no line). */
async function allocate(db: Orm, viewer: Viewer): Promise<{ needs: Need[]; money: Allocation[] }> {
  const needs = await rows<Need>(
    db,
    sql`SELECT n.year, n.region, a.names, sum(n.usd)::float AS needed FROM funding_need n LEFT JOIN m49_area a ON a.code = n.region GROUP BY n.year, n.region, a.names ORDER BY n.year DESC, a.names->>'en' NULLS FIRST`,
  );
  const list = await rows<Money>(
    db,
    sql`SELECT y::int AS year, c.id AS contribution, c.donor_id AS donor, o.name AS donor_name, (c.usd / (c.period_end - c.period_start + 1))::float AS per_year, c.earmark, c.earmark_value,
          (SELECT ARRAY[k.intermediate_code, k.subregion_code, k.region_code] FROM country k WHERE c.earmark = 'country' AND k.iso3 = c.earmark_value) AS country_regions
        FROM contribution c JOIN organisation o ON o.id = c.donor_id, generate_series(c.period_start, c.period_end) y
        WHERE c.received IS NOT NULL AND ${tierVisible(viewer, 'c')}
        ORDER BY y, c.id`,
  );
  const lines = new Set(needs.map((n) => `${n.year}:${key(n.region)}`));
  const has = (year: number, region: string | null) => lines.has(`${year}:${key(region)}`);
  const money = list.map((m): Allocation => {
    let line: string | null | undefined;
    if (m.earmark === 'region') line = has(m.year, m.earmark_value) ? m.earmark_value : null;
    else if (m.earmark === 'country')
      line = (m.country_regions ?? []).find((r) => r && has(m.year, r)) ?? null;
    else line = needs.some((n) => n.year === m.year) ? undefined : null;
    return {
      year: m.year,
      contribution: m.contribution,
      donor: m.donor,
      donor_name: m.donor_name,
      usd: m.per_year,
      line,
    };
  });
  return { needs, money };
}

function position(needs: Need[], money: Allocation[]): PositionRow[] {
  const total = new Map<number, number>();
  for (const n of needs) total.set(n.year, (total.get(n.year) ?? 0) + n.needed);
  return needs.map((n) => {
    const mine = money.filter((m) => m.year === n.year);
    const earmarked = mine
      .filter((m) => m.line !== undefined && m.line !== null && m.line === n.region)
      .reduce((s, m) => s + m.usd, 0);
    const free = mine.filter((m) => m.line === undefined).reduce((s, m) => s + m.usd, 0);
    const all = total.get(n.year) ?? 0;
    const share = all > 0 ? (free * n.needed) / all : 0;
    const received = earmarked + share;
    return {
      year: n.year,
      region: n.region,
      region_names: n.names,
      needed: n.needed,
      earmarked,
      share,
      received,
      gap: Math.max(n.needed - received, 0),
      months: n.needed > 0 ? Math.min(12, Math.floor((12 * received) / n.needed)) : 12,
    };
  });
}

/** Received vs needed per year and need line (region, or programme-wide). */
export async function fundingPosition(db: Orm, viewer: Viewer, year?: number): Promise<PositionRow[]> {
  const { needs, money } = await allocate(db, viewer);
  return position(needs, money).filter((p) => year === undefined || p.year === year);
}

/** The funding figures for the calendar years from–to (every year when left out), with each donor's part of the money received. */
export async function fundingFigures(
  db: Orm,
  viewer: Viewer,
  range: { fromYear?: number; toYear?: number } = {},
): Promise<FundingFigures> {
  const { needs, money: all } = await allocate(db, viewer);
  const inRange = (y: number) => y >= (range.fromYear ?? -Infinity) && y <= (range.toYear ?? Infinity);
  const lines = position(needs, all).filter((p) => inRange(p.year));
  const money = all.filter((m) => inRange(m.year));
  const years = [...new Set([...lines.map((l) => l.year), ...money.map((m) => m.year)])].sort(
    (a, b) => b - a,
  );
  const perYear = years.map((year): YearFunding => {
    const ls = lines.filter((l) => l.year === year);
    const unallocated = all.filter((m) => m.year === year && m.line === null).reduce((s, m) => s + m.usd, 0);
    const received = ls.reduce((s, l) => s + l.received, 0) + unallocated;
    return {
      year,
      needed: ls.reduce((s, l) => s + l.needed, 0),
      received,
      gap: ls.reduce((s, l) => s + l.gap, 0),
      surplus: ls.reduce((s, l) => s + Math.max(l.received - l.needed, 0), 0) + unallocated,
      unallocated,
    };
  });
  const sum = (f: (y: YearFunding) => number) => perYear.reduce((s, y) => s + f(y), 0);
  const donors = new Map<number, { donor: number; name: string; usd: number }>();
  const byContribution: Record<number, number> = {};
  for (const m of money) {
    byContribution[m.contribution] = (byContribution[m.contribution] ?? 0) + m.usd;
    const d = donors.get(m.donor) ?? { donor: m.donor, name: m.donor_name, usd: 0 };
    d.usd += m.usd;
    donors.set(m.donor, d);
  }
  return {
    needed: sum((y) => y.needed),
    received: sum((y) => y.received),
    gap: sum((y) => y.gap),
    surplus: sum((y) => y.surplus),
    unallocated: sum((y) => y.unallocated),
    by_contribution: byContribution,
    by_donor: [...donors.values()].sort((a, b) => b.usd - a.usd || a.name.localeCompare(b.name)),
    lines,
    years: perYear,
  };
}

/** The calendar years a date period overlaps. */
export const yearsOf = (from: string, to: string) => ({
  fromYear: Number(from.slice(0, 4)),
  toYear: Number(to.slice(0, 4)),
});
