/**
 * Partners and money: organisations, donors' contributions (earmarked or not) and funding needs per
 * year, region and post. What the money pays for — the funding position and the funding figures of
 * the dashboard and the reports — is computed in funding-figures.ts.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { badRequest, conflict, notFound } from '../../core/errors.js';
import { isoDate, recordId, jsonId, iso3 } from '../../core/codes.js';
import { CURRENCIES } from './activities.js';

export const ORGANISATION_KINDS = [
  'international_organisation',
  'government',
  'private_sector',
  'civil_society',
  'academia',
] as const;
export const organisationInput = z.object({
  name: z.string().min(1).max(300),
  kind: z.enum(ORGANISATION_KINDS),
  country: iso3.optional(),
  roles: z.array(z.enum(['donor', 'implementing_partner', 'beneficiary', 'host'])).default([]),
  iati_ref: z.string().max(100).optional(),
});
export const contributionInput = z
  .object({
    donor: jsonId.describe('organisation id of the donor'),
    amount: z.number().positive('an amount is more than zero'),
    currency: z.string().regex(/^[A-Z]{3}$/),
    usd: z
      .number()
      .positive()
      .optional()
      .describe('value in US dollars at the date; required unless the currency is USD'),
    pledged: isoDate,
    received: isoDate.optional(),
    period_start: z.number().int().min(2000).max(2100),
    period_end: z.number().int().min(2000).max(2100),
    earmark: z.enum(['none', 'region', 'country', 'theme']).default('none'),
    earmark_value: z.string().optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((c) => (CURRENCIES as readonly string[]).includes(c.currency), {
    message: 'unknown currency',
    path: ['currency'],
  })
  .refine((c) => c.currency === 'USD' || c.usd !== undefined, {
    message: 'give the value in US dollars at the date',
    path: ['usd'],
  })
  .refine((c) => c.period_end >= c.period_start, {
    message: 'the period ends before it starts',
    path: ['period_end'],
  })
  .refine((c) => !c.received || c.received >= c.pledged, {
    message: 'received before it was pledged',
    path: ['received'],
  })
  .refine((c) => (c.earmark === 'none') === !c.earmark_value, {
    message: 'say what it is earmarked for (and only when it is)',
    path: ['earmark_value'],
  });
export const needInput = z.object({
  year: z.number().int().min(2000).max(2100),
  region: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  post: z.string().min(1).max(200),
  usd: z.number().min(0),
});

export type Organisation = z.infer<typeof organisationInput> & { id: number };
export type Contribution = z.infer<typeof contributionInput> & { id: number; donor_name: string };

export const listOrganisations = (db: Orm) =>
  rows<Organisation>(
    db,
    sql`SELECT id, name, kind, country, roles, iati_ref FROM organisation ORDER BY name`,
  );

export async function createOrganisation(
  db: Orm,
  by: Viewer,
  input: z.infer<typeof organisationInput>,
): Promise<Organisation> {
  if (await one(db, sql`SELECT 1 FROM organisation WHERE lower(name) = lower(${input.name})`))
    throw conflict(`There is already an organisation called ${input.name}`);
  const row = await one<Organisation>(
    db,
    sql`INSERT INTO organisation (name, kind, country, roles, iati_ref, created_by) VALUES (${input.name}, ${input.kind}, ${input.country ?? null}, ${sql.param(input.roles)}::text[], ${input.iati_ref ?? null}, ${by.name})
        RETURNING id, name, kind, country, roles, iati_ref`,
  );
  await audit(db, by, 'create', 'organisation', String(row!.id), null, row);
  return row!;
}

/** The donors with a contribution the viewer may see, by name. */
export const donorsOf = (db: Orm, viewer: Viewer) =>
  rows<{ id: number; name: string }>(
    db,
    sql`SELECT DISTINCT o.id, o.name FROM organisation o JOIN contribution c ON c.donor_id = o.id WHERE ${tierVisible(viewer, 'c')} ORDER BY o.name`,
  );

export const contributionQuery = z.object({
  donor: recordId.optional().describe('organisation id of the donor'),
  from: isoDate.optional().describe('pledged or received on or after this date'),
  to: isoDate.optional().describe('pledged or received on or before this date'),
});

export const listContributions = (db: Orm, viewer: Viewer, q: z.infer<typeof contributionQuery> = {}) =>
  rows<Contribution>(
    db,
    sql`SELECT c.id, c.donor_id AS donor, o.name AS donor_name, c.amount::float, c.currency, c.usd::float, c.pledged::text, c.received::text, c.period_start, c.period_end, c.earmark, c.earmark_value, c.note
        FROM contribution c JOIN organisation o ON o.id = c.donor_id
        WHERE ${where(
          tierVisible(viewer, 'c'),
          q.donor !== undefined && sql`c.donor_id = ${q.donor}`,
          (q.from || q.to) &&
            sql`(c.pledged BETWEEN ${q.from ?? '0001-01-01'}::date AND ${q.to ?? '9999-12-31'}::date OR c.received BETWEEN ${q.from ?? '0001-01-01'}::date AND ${q.to ?? '9999-12-31'}::date)`,
        )}
        ORDER BY c.pledged DESC, c.id DESC`,
  );

export type ContributionInput = z.infer<typeof contributionInput>;

/** The donor and what the money is earmarked for exist. */
async function checkContribution(db: Orm, input: ContributionInput) {
  if (!(await one(db, sql`SELECT 1 FROM organisation WHERE id = ${input.donor}`)))
    throw badRequest(`Unknown donor ${input.donor}`);
  const check = {
    region: sql`SELECT 1 FROM m49_area WHERE code = ${input.earmark_value ?? ''}`,
    country: sql`SELECT 1 FROM country WHERE iso3 = ${input.earmark_value ?? ''}`,
    theme: sql`SELECT 1 FROM concept WHERE code = ${input.earmark_value ?? ''}`,
  };
  if (input.earmark !== 'none' && !(await one(db, check[input.earmark])))
    throw badRequest(`Unknown ${input.earmark} ${input.earmark_value}`);
}

const contributionOf = async (db: Orm, by: Viewer, id: number) =>
  (await listContributions(db, by)).find((c) => c.id === id);

export async function createContribution(
  db: Orm,
  by: Viewer,
  input: ContributionInput,
): Promise<Contribution> {
  await checkContribution(db, input);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO contribution (donor_id, amount, currency, usd, pledged, received, period_start, period_end, earmark, earmark_value, note, created_by)
        VALUES (${input.donor}, ${input.amount}, ${input.currency}, ${input.usd ?? input.amount}, ${input.pledged}, ${input.received ?? null}, ${input.period_start}, ${input.period_end},
                ${input.earmark}, ${input.earmark_value ?? null}, ${input.note ?? null}, ${by.name}) RETURNING id`,
  );
  const created = (await contributionOf(db, by, row!.id))!;
  await audit(db, by, 'create', 'contribution', String(row!.id), null, created);
  return created;
}

/** Changes a contribution the viewer may see (its tier stays as it is). */
export async function updateContribution(
  db: Orm,
  by: Viewer,
  id: number,
  input: ContributionInput,
): Promise<Contribution> {
  const before = await contributionOf(db, by, id);
  if (!before) throw notFound(`Contribution ${id}`);
  await checkContribution(db, input);
  await db.execute(sql`UPDATE contribution SET donor_id = ${input.donor}, amount = ${input.amount}, currency = ${input.currency}, usd = ${input.usd ?? input.amount},
      pledged = ${input.pledged}, received = ${input.received ?? null}, period_start = ${input.period_start}, period_end = ${input.period_end},
      earmark = ${input.earmark}, earmark_value = ${input.earmark_value ?? null}, note = ${input.note ?? null}
    WHERE id = ${id}`);
  const after = (await contributionOf(db, by, id))!;
  await audit(db, by, 'update', 'contribution', String(id), before, after);
  return after;
}

export async function saveNeed(db: Orm, by: Viewer, input: z.infer<typeof needInput>): Promise<void> {
  await db.execute(sql`INSERT INTO funding_need (year, region, post, usd, created_by) VALUES (${input.year}, ${input.region ?? null}, ${input.post}, ${input.usd}, ${by.name})
    ON CONFLICT (year, region, post) DO UPDATE SET usd = EXCLUDED.usd, created_by = EXCLUDED.created_by`);
  await audit(
    db,
    by,
    'update',
    'funding_need',
    `${input.year}:${input.region ?? 'global'}:${input.post}`,
    null,
    input,
  );
}

// The funding position and every funding figure are defined in funding-figures.ts.
export { fundingFigures, fundingPosition, type FundingFigures, type PositionRow } from './funding-figures.js';
