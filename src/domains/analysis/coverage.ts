/**
 * Coverage of an instrument by national law, from accepted mappings only: for each country and
 * article, covered (a provision maps to it fully), partial, reserved (no provision covers it and the
 * country made a reservation to it), missing (the country's review is complete and nothing maps to it) or not yet reviewed;
 * with the provisions behind each, and the share of criminalisation articles covered (of those not
 * reserved).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { isoDate, iso3 } from '../../core/codes.js';
import { coverageCountry, reviewComplete } from './review-access.js';
import { reservedOn } from '../reference/reservations.js';

/** A provision's text with its subsections' and paragraphs' (descendants carry its eId as prefix: sec_3__subsec_1). */
export const fullText = sql`concat_ws(E'\\n', nullif(p.text, ''), (SELECT string_agg(concat_ws(' ', d.number, nullif(d.text, '')), E'\\n' ORDER BY d.position) FROM provision d
  WHERE d.expression_id = p.expression_id AND d.eid LIKE replace(p.eid, '_', '\\_') || '\\_\\_%'))`;

/**
 * How a provision is named where it is quoted: the law's title, the numbers of the provision and
 * of every provision it sits in — "21 (2) (a)" — and its heading.
 */
export const provisionLabel = sql`concat_ws(' ', e.title || ',', (SELECT string_agg(a.number, ' ' ORDER BY length(a.eid)) FROM provision a
  WHERE a.expression_id = p.expression_id AND (a.eid = p.eid OR starts_with(p.eid, a.eid || '__'))), p.heading)`;

/** reserved: the country made a reservation to the article, in effect on the date, and no provision covers it, even in part */
export type ArticleStatus = 'covered' | 'partial' | 'reserved' | 'missing' | 'not_reviewed';
export type CoverageArticle = { number: string; title: string; category: string };
export type CoveredBy = { uri: string; label: string; coverage: string; language: string; text: string };
export type CountryCoverage = {
  iso3: string;
  numeric: string;
  names: Record<string, string>;
  region: string | null;
  reviewed: boolean;
  statuses: Record<string, ArticleStatus>;
  provisions: Record<string, CoveredBy[]>;
  /** share of the instrument's criminalisation articles the country owes (not reserved) that are covered (partly covered counts half), 0–100 */
  criminalisation: number;
};
export type Coverage = { instrument: string; articles: CoverageArticle[]; countries: CountryCoverage[] };

export const coverageQuery = z.object({
  instrument: z
    .string()
    .regex(/^[A-Z0-9]+$/)
    .default('ETS185'),
  region: z
    .string()
    .regex(/^\d{3}$/, 'an M49 code such as 014')
    .optional(),
  category: z
    .enum([
      'definitions',
      'criminalisation',
      'procedural',
      'jurisdiction',
      'international_cooperation',
      'prevention',
      'technical_assistance',
    ])
    .optional(),
  country: iso3.optional(),
  at: isoDate
    .optional()
    .describe('the law as it stood on this date (the newest version of each law dated on or before it)'),
});
/** The query as the route's schema (coverageQuery) read it. */
export type CoverageQuery = z.output<typeof coverageQuery>;

/**
 * Final clauses (signature, entry into force, reservations …) are addressed to the States Parties,
 * not to national law: no coverage, gap report or share counts them.
 */
const FOR_NATIONAL_LAW = sql`category <> 'final'`;

export async function coverage(db: Orm, viewer: Viewer, query: CoverageQuery): Promise<Coverage> {
  const q = query;
  const on = q.at ?? new Date().toISOString().slice(0, 10);
  if (!(await rows(db, sql`SELECT 1 FROM instrument WHERE code = ${q.instrument}`)).length)
    throw notFound(`Instrument ${q.instrument}`);
  const articles = await rows<CoverageArticle>(
    db,
    sql`SELECT number, title, category FROM instrument_article WHERE instrument = ${q.instrument} AND ${FOR_NATIONAL_LAW} AND (${q.category ?? null}::text IS NULL OR category = ${q.category ?? null}) ORDER BY position`,
  );
  const all = await rows<{ number: string; category: string }>(
    db,
    sql`SELECT number, category FROM instrument_article WHERE instrument = ${q.instrument} AND ${FOR_NATIONAL_LAW}`,
  );
  const countries = await rows<{
    iso3: string;
    numeric: string;
    names: Record<string, string>;
    region: string | null;
    reviewed: boolean;
  }>(
    db,
    sql`SELECT c.iso3, c.numeric, c.names, coalesce(c.intermediate_code, c.subregion_code, c.region_code) AS region, ${reviewComplete(sql`c.iso3`, q.instrument)} AS reviewed
        FROM country c
        WHERE ${coverageCountry(viewer, sql`c.iso3`, q.instrument)}
          AND (${q.country ?? null}::text IS NULL OR c.iso3 = ${q.country ?? null})
          AND (${q.region ?? null}::text IS NULL OR ${q.region ?? null} IN (c.region_code, c.subregion_code, c.intermediate_code))
        ORDER BY c.names->>'en'`,
  );
  const mapped = await rows<{
    country: string;
    article: string;
    coverage: string;
    uri: string;
    label: string;
    language: string;
    text: string;
  }>(
    db,
    // Each accepted mapping whose provision is in the version of its law in force on the date (today
    // unless `at`): the newest version dated on or before it, in the authoritative language where
    // there are several; repealed laws count no more.
    sql`SELECT w.country, m.article, m.coverage, w.uri || '/' || x.language || '@' || x.date || '/~' || x.eid AS uri, x.label, x.language, x.text
        FROM mapping m JOIN legal_work w ON w.id = m.work_id
        CROSS JOIN LATERAL (SELECT e.id, e.title, e.language, e.date FROM legal_expression e WHERE e.work_id = w.id AND e.date <= ${on}::date
                            ORDER BY e.date DESC, e.authoritative DESC LIMIT 1) e
        CROSS JOIN LATERAL (SELECT p.eid, e.language, e.date, ${fullText} AS text, ${provisionLabel} AS label
                            FROM provision p WHERE p.expression_id = e.id AND p.eid = m.eid) x
        WHERE m.instrument = ${q.instrument} AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}
          AND (w.date_repealed IS NULL OR w.date_repealed > ${on}::date)
        ORDER BY w.country, w.id, m.eid`,
  );
  const reserved = await reservedOn(db, q.instrument, on);
  const byCountry = new Map<string, typeof mapped>();
  for (const m of mapped) byCountry.set(m.country, [...(byCountry.get(m.country) ?? []), m]);
  const crim = all.filter((a) => a.category === 'criminalisation');
  return {
    instrument: q.instrument,
    articles,
    countries: countries.map((c) => {
      const mine = byCountry.get(c.iso3) ?? [];
      const statusOf = (number: string): ArticleStatus => {
        const list = mine.filter((m) => m.article === number);
        if (list.some((m) => m.coverage === 'full')) return 'covered';
        if (list.some((m) => m.coverage === 'partial')) return 'partial';
        if (reserved.get(c.iso3)?.has(number)) return 'reserved';
        return c.reviewed ? 'missing' : 'not_reviewed';
      };
      const statuses = Object.fromEntries(all.map((a) => [a.number, statusOf(a.number)]));
      const provisions = Object.fromEntries(
        all.map((a) => [
          a.number,
          mine
            .filter((m) => m.article === a.number && m.coverage !== 'none')
            .map(({ uri, label, coverage: cov, language, text }) => ({
              uri,
              label,
              coverage: cov,
              language,
              text,
            })),
        ]),
      );
      // an article the country reserved is not owed: the share is of the others
      const owed = crim.filter((a) => statuses[a.number] !== 'reserved');
      const points = owed.reduce(
        (n, a) => n + (statuses[a.number] === 'covered' ? 1 : statuses[a.number] === 'partial' ? 0.5 : 0),
        0,
      );
      return {
        ...c,
        statuses,
        provisions,
        criminalisation: owed.length ? Math.round((100 * points) / owed.length) : 0,
      };
    }),
  };
}

/** The coverage as rows for CSV and XLSX: one row per country and article. */
export function coverageRows(c: Coverage): Record<string, string | number>[] {
  return c.countries.flatMap((country) =>
    c.articles.map((a) => ({
      country: country.iso3,
      country_name: country.names.en ?? country.iso3,
      instrument: c.instrument,
      article: a.number,
      article_title: a.title,
      category: a.category,
      status: country.statuses[a.number],
      provisions: country.provisions[a.number].map((p) => p.uri).join(' '),
    })),
  );
}

/** The regions of the countries whose laws the viewer may see, to filter the matrix by. */
export const regionsWithLaws = (db: Orm, viewer: Viewer) =>
  rows<{ code: string; names: Record<string, string> }>(
    db,
    sql`SELECT a.code, a.names FROM m49_area a WHERE a.code IN (SELECT coalesce(c.intermediate_code, c.subregion_code, c.region_code) FROM country c JOIN legal_work w ON w.country = c.iso3 WHERE ${visibleTo(viewer, 'w')}) ORDER BY a.names->>'en'`,
  );
