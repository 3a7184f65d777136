/**
 * Organisations' IATI organisation files: saved (an organisation's budgets and documents replaced
 * as a whole by its newer file), read back for its page and for who does what where, and the
 * programme's own organisation file written.
 */
import { sql } from 'drizzle-orm';
import { forPublication, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { fundingFigures } from './funding-figures.js';
import { iatiOrganisationXml, type IatiOrganisation, type OrgBudget, type OrgDocument } from './iati-org.js';

/** IATI OrganisationType → the kinds cyrepo records (10 government … 80 academic). */
function kindOf(type: string | null): string {
  if (type && /^1\d$/.test(type)) return 'government';
  if (type === '40') return 'international_organisation';
  if (type === '30' || (type && /^7\d$/.test(type))) return 'private_sector';
  if (type === '80') return 'academia';
  if (type && /^(2\d|60)$/.test(type)) return 'civil_society';
  return 'international_organisation';
}

/**
 * Saves the organisations of a file (matched by IATI identifier, else by name; recorded if new),
 * their budgets and documents replacing what their earlier file said. Budgets for a country cyrepo
 * does not know are left out, with a warning.
 */
export async function saveIatiOrganisations(
  db: Orm,
  by: Viewer,
  list: IatiOrganisation[],
  iso3Of: Map<string, string>,
  warnings: Set<string>,
): Promise<{ budgets: number; documents: number }> {
  let budgets = 0;
  let documents = 0;
  for (const o of list) {
    const found = await one<{ id: number }>(
      db,
      sql`UPDATE organisation SET iati_ref = ${o.identifier}
          WHERE id = (SELECT id FROM organisation WHERE iati_ref = ${o.identifier} OR (iati_ref IS NULL AND name = ${o.name}) ORDER BY iati_ref NULLS LAST LIMIT 1)
          RETURNING id`,
    );
    const { id } =
      found ??
      (await one<{ id: number }>(
        db,
        // another organisation already has the name (with another identifier): this one is told apart by its identifier
        sql`INSERT INTO organisation (name, kind, iati_ref, created_by)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM organisation WHERE name = ${o.name}) THEN ${`${o.name} (${o.identifier})`} ELSE ${o.name} END, ${kindOf(o.type)}, ${o.identifier}, ${by.name}
            RETURNING id`,
      ))!;
    await db.execute(sql`DELETE FROM organisation_budget WHERE organisation_id = ${id}`);
    await db.execute(sql`DELETE FROM organisation_document WHERE organisation_id = ${id}`);
    const known = o.budgets.flatMap((b) => {
      if (!b.country) return [b];
      const iso3 = iso3Of.get(b.country);
      if (!iso3)
        warnings.add(`${o.identifier}: unknown recipient-country code ${b.country}; its budget is left out`);
      return iso3 ? [{ ...b, country: iso3 }] : [];
    });
    if (known.length)
      await db.execute(sql`INSERT INTO organisation_budget (organisation_id, kind, status, period_start, period_end, value, currency, value_date, country, region, recipient)
        SELECT ${id}, kind, status, period_start, period_end, value, currency, value_date, country, region, recipient
        FROM jsonb_to_recordset(${JSON.stringify(known)}::jsonb) AS x(kind text, status text, period_start date, period_end date, value numeric, currency text, value_date date, country text, region text, recipient text)`);
    if (o.documents.length)
      await db.execute(sql`INSERT INTO organisation_document (organisation_id, url, format, title, description, categories, languages, date, countries)
        SELECT ${id}, url, format, title, description, categories, languages, date,
          ARRAY(SELECT c.iso3 FROM unnest(countries) AS x(code) JOIN country c ON c.iso2 = x.code)
        FROM jsonb_to_recordset(${JSON.stringify(o.documents)}::jsonb) AS x(url text, format text, title text, description text, categories text[], languages text[], date date, countries text[])`);
    budgets += known.length;
    documents += o.documents.length;
  }
  return { budgets, documents };
}

export type DeclaredBudget = Omit<OrgBudget, 'country'> & {
  country: string | null;
  country_names: Record<string, string> | null;
  /** the region's names, for a UN M49 region (IATI region vocabulary 2) */
  region_names: Record<string, string> | null;
};
export type DeclaredDocument = Omit<OrgDocument, 'countries'> & { countries: string[] };

/** What an organisation declares in its IATI organisation file (public data: it publishes it). */
export async function declaredBy(
  db: Orm,
  organisation: number,
): Promise<{ budgets: DeclaredBudget[]; documents: DeclaredDocument[] }> {
  const [budgets, documents] = await Promise.all([
    rows<DeclaredBudget>(
      db,
      sql`SELECT b.kind, b.status, b.period_start::text, b.period_end::text, b.value::float, b.currency, b.value_date::text, b.country, c.names AS country_names, b.region, r.names AS region_names, b.recipient
          FROM organisation_budget b LEFT JOIN country c ON c.iso3 = b.country
          LEFT JOIN m49_area r ON b.region LIKE '2:%' AND r.code = split_part(b.region, ':', 2)
          WHERE b.organisation_id = ${organisation}
          ORDER BY array_position(ARRAY['total', 'expenditure', 'country', 'region', 'organisation'], b.kind), b.period_start DESC, c.names->>'en', b.region, b.recipient`,
    ),
    rows<DeclaredDocument>(
      db,
      sql`SELECT url, format, title, description, categories, languages, date::text, countries
          FROM organisation_document WHERE organisation_id = ${organisation} ORDER BY date DESC NULLS LAST, title`,
    ),
  ]);
  return { budgets, documents };
}

export type CountryBudget = {
  iso3: string;
  names: Record<string, string>;
  organisation: number;
  organisation_name: string;
  status: 'indicative' | 'committed';
  period_start: string;
  period_end: string;
  value: number;
  currency: string;
};

/** For who does what where: the budgets organisations declare for each country (or one), latest periods first. */
export const countryBudgets = (db: Orm, query: { country?: string }) =>
  rows<CountryBudget>(
    db,
    sql`SELECT b.country AS iso3, c.names, o.id AS organisation, o.name AS organisation_name, b.status, b.period_start::text, b.period_end::text, b.value::float, b.currency
        FROM organisation_budget b JOIN organisation o ON o.id = b.organisation_id JOIN country c ON c.iso3 = b.country
        WHERE b.kind = 'country' AND (${query.country ?? null}::text IS NULL OR b.country = ${query.country ?? null})
        ORDER BY c.names->>'en', b.period_start DESC, o.name`,
  );

/**
 * The programme's own IATI organisation file, for publication: its budget per year (the money
 * received for the year, as the funding figures define it) and per region the money went to, as
 * the viewer may see them (restricted contributions never).
 */
export async function exportIatiOrganisation(
  db: Orm,
  viewer: Viewer,
  org: { ref: string; name: string },
): Promise<string> {
  const figures = await fundingFigures(db, forPublication(viewer));
  return iatiOrganisationXml({
    ...org,
    budgets: [
      ...figures.years
        .filter((y) => y.received > 0)
        .map((y) => ({ year: y.year, usd: y.received, region: null })),
      ...figures.lines
        .filter((l) => l.region !== null && l.received > 0)
        .map((l) => ({ year: l.year, usd: l.received, region: l.region })),
    ],
  });
}
