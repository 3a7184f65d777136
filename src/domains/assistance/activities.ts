/**
 * Technical assistance activities: what was planned and delivered, where, for whom, with which
 * partners, answering which requests, and how many people took part by role and sex (counts only).
 * Linking an activity to a request moves an accepted request to "in progress"; delivering it
 * completes the requests it answers.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { badRequest, notFound } from '../../core/errors.js';
import { iso3, isoDate, recordId, jsonId, count } from '../../core/codes.js';
import { transitionRequest } from './requests.js';

export const ACTIVITY_KINDS = [
  'assessment_mission',
  'training_course',
  'workshop',
  'mentoring',
  'legal_drafting_support',
  'equipment_delivery',
  'outreach_campaign',
  'conference',
  'study_visit',
  'other',
] as const;
export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'delivered', 'cancelled'] as const;
export const PARTICIPANT_ROLES = [
  'investigator',
  'prosecutor',
  'judge',
  'forensic_examiner',
  'policy_maker',
  'other',
] as const;
export const SEXES = ['female', 'male', 'other', 'not_recorded'] as const;
export const AUDIENCES = ['children', 'adults', 'caregivers', 'teachers', 'other'] as const;
export const CHANNELS = [
  'events',
  'schools',
  'social_media',
  'radio',
  'television',
  'print',
  'online',
] as const;
/** Currencies accepted for costs (ISO 4217); a cost in another is refused by name. */
export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'NOK',
  'SEK',
  'DKK',
  'KES',
  'UGX',
  'TZS',
  'NGN',
  'GHS',
  'XOF',
  'XAF',
  'ZAR',
  'MAD',
  'EGP',
  'JOD',
  'THB',
  'PHP',
  'IDR',
  'VND',
  'CRC',
  'GTQ',
  'PAB',
  'COP',
  'PEN',
  'BRL',
  'MZN',
  'CVE',
  'DJF',
] as const;

export const participantInput = z.object({
  role: z.enum(PARTICIPANT_ROLES),
  sex: z.enum(SEXES),
  country: iso3.optional(),
  agency: z.string().max(300).optional(),
  count,
});
const dateOrder = (a?: string, b?: string) => !a || !b || b >= a;
export const activityInput = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    title: z.string().min(1).max(500),
    countries: z.array(iso3).min(1, 'at least one country'),
    region: z
      .string()
      .regex(/^\d{3}$/)
      .optional(),
    planned_start: isoDate.optional(),
    planned_end: isoDate.optional(),
    actual_start: isoDate.optional(),
    actual_end: isoDate.optional(),
    hours: z.number().min(0).optional(),
    mode: z.enum(['in_person', 'online', 'hybrid']).optional(),
    audience: z.string().max(1000).optional(),
    concepts: z.array(z.string()).default([]),
    cost: z.number().min(0).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    cost_usd: z.number().min(0).optional(),
    status: z.enum(ACTIVITY_STATUSES).default('planned'),
    implementer: z
      .string()
      .max(300)
      .optional()
      .describe('organisation carrying it out; leave out for the programme itself'),
    tier: z.enum(['public', 'internal', 'restricted']).default('internal'),
    requests: z.array(jsonId).default([]),
    participants: z.array(participantInput).default([]),
    audiences: z
      .array(z.object({ audience: z.enum(AUDIENCES), count }))
      .default([])
      .describe('outreach: people reached per audience'),
    channels: z.array(z.enum(CHANNELS)).default([]),
    partners: z
      .array(
        z.object({ organisation: jsonId, role: z.enum(['implementing', 'funding', 'host', 'beneficiary']) }),
      )
      .default([])
      .describe('implementing partners, funding sources, hosts'),
  })
  .refine((a) => dateOrder(a.planned_start, a.planned_end), {
    message: 'the planned end is before the planned start',
    path: ['planned_end'],
  })
  .refine((a) => dateOrder(a.actual_start, a.actual_end), {
    message: 'the actual end is before the actual start',
    path: ['actual_end'],
  })
  .refine((a) => !a.currency || (CURRENCIES as readonly string[]).includes(a.currency), {
    message: 'unknown currency',
    path: ['currency'],
  })
  .refine((a) => a.cost === undefined || !!a.currency, {
    message: 'a cost needs its currency',
    path: ['currency'],
  });
export type ActivityInput = z.infer<typeof activityInput>;
export const activityQuery = z.object({
  country: iso3.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  from: isoDate.optional().describe('activities starting on or after this date'),
  to: isoDate.optional().describe('activities starting on or before this date'),
  region: z
    .string()
    .regex(/^(\d{3}|multi)$/)
    .optional()
    .describe(
      'M49 region the activity counts for (its own, else the one region all its countries share), or multi: activities reaching several regions',
    ),
  partner: recordId.optional().describe('organisation id of a partner, funder or host'),
  partner_role: z
    .string()
    .regex(
      /^(implementing|funding|host|beneficiary)(,(implementing|funding|host|beneficiary))*$/,
      'roles among implementing, funding, host, beneficiary, separated by commas',
    )
    .optional()
    .describe('with partner: only in these roles'),
  own: z.enum(['true']).optional().describe("only the programme's own activities (no other implementer)"),
});

export type Participant = z.infer<typeof participantInput>;
export type Activity = Omit<ActivityInput, 'participants' | 'requests' | 'audiences' | 'partners'> & {
  id: number;
  partners: { organisation: number; name: string; role: string }[];
  requests: { id: number; country: string; kind: string; status: string }[];
  participants: Participant[];
  audiences: { audience: string; count: number }[];
  people: number;
  reached: number;
};

const SELECT = sql`SELECT a.id, a.kind, a.title, a.region, a.planned_start::text, a.planned_end::text, a.actual_start::text, a.actual_end::text, a.hours::float, a.mode, a.audience, a.concepts,
  a.cost::float, a.currency, a.cost_usd::float, a.status, a.implementer, a.tier,
  coalesce((SELECT array_agg(country ORDER BY country) FROM activity_country WHERE activity_id = a.id), '{}') AS countries,
  coalesce((SELECT sum(count)::int FROM participant_count WHERE activity_id = a.id), 0) AS people,
  coalesce((SELECT sum(count)::int FROM audience_count WHERE activity_id = a.id), 0) AS reached, a.channels
  FROM activity a`;

export async function getActivity(db: Orm, viewer: Viewer, id: number): Promise<Activity> {
  const a = await one<Omit<Activity, 'requests' | 'participants' | 'audiences' | 'partners'>>(
    db,
    sql`${SELECT} WHERE a.id = ${id} AND ${tierVisible(viewer, 'a')}`,
  );
  if (!a) throw notFound(`Activity ${id}`);
  const requests = await rows<Activity['requests'][number]>(
    db,
    sql`SELECT r.id, r.country, r.kind, r.status FROM activity_request ar JOIN assistance_request r ON r.id = ar.request_id WHERE ar.activity_id = ${id} AND ${tierVisible(viewer, 'r')} ORDER BY r.id`,
  );
  const participants = await rows<Participant>(
    db,
    sql`SELECT role, sex, country, agency, count FROM participant_count WHERE activity_id = ${id} ORDER BY id`,
  );
  const audiences = await rows<{ audience: string; count: number }>(
    db,
    sql`SELECT audience, count FROM audience_count WHERE activity_id = ${id} ORDER BY audience`,
  );
  const partners = await rows<{ organisation: number; name: string; role: string }>(
    db,
    sql`SELECT o.id AS organisation, o.name, ap.role FROM activity_partner ap JOIN organisation o ON o.id = ap.organisation_id WHERE ap.activity_id = ${id} ORDER BY ap.role, o.name`,
  );
  return {
    ...a,
    requests,
    audiences,
    partners,
    participants: participants.map(
      (p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null)) as Participant,
    ),
  };
}

/** An activity's date for every period rule: its start (actual, else planned). */
export const ACTIVITY_START = sql`coalesce(a.actual_start, a.planned_start)`;
/** The region a country counts in: its intermediate region, else its sub-region, else its region. */
export const countryRegion = (alias: string) =>
  sql.raw(`coalesce(${alias}.intermediate_code, ${alias}.subregion_code, ${alias}.region_code)`);
/** The row of activities reaching more than one region. */
export const SEVERAL_REGIONS = 'multi';
/** The region an activity counts for: the one recorded on it, else the one region all its countries share; NULL when they are in several regions. */
export const activityRegion = sql`coalesce(a.region, (SELECT CASE WHEN count(DISTINCT ${countryRegion('c')}) = 1 THEN min(${countryRegion('c')}) END FROM activity_country ac JOIN country c ON c.iso3 = ac.country WHERE ac.activity_id = a.id))`;

export async function listActivities(
  db: Orm,
  viewer: Viewer,
  query: z.infer<typeof activityQuery>,
): Promise<Omit<Activity, 'requests' | 'participants' | 'audiences' | 'partners'>[]> {
  return rows(
    db,
    sql`${SELECT} WHERE ${where(
      tierVisible(viewer, 'a'),
      query.country &&
        sql`EXISTS (SELECT 1 FROM activity_country ac WHERE ac.activity_id = a.id AND ac.country = ${query.country})`,
      query.kind && sql`a.kind = ${query.kind}`,
      query.status && sql`a.status = ${query.status}`,
      query.year !== undefined && sql`extract(year FROM ${ACTIVITY_START}) = ${query.year}`,
      query.from && sql`${ACTIVITY_START} >= ${query.from}::date`,
      query.to && sql`${ACTIVITY_START} <= ${query.to}::date`,
      query.region &&
        (query.region === SEVERAL_REGIONS
          ? sql`${activityRegion} IS NULL`
          : sql`${query.region} = ${activityRegion}`),
      query.partner !== undefined &&
        sql`EXISTS (SELECT 1 FROM activity_partner ap WHERE ap.activity_id = a.id AND ap.organisation_id = ${query.partner} AND (${query.partner_role ?? null}::text IS NULL OR ap.role = ANY(string_to_array(${query.partner_role ?? null}, ','))))`,
      query.own && sql`a.implementer IS NULL`,
    )} ORDER BY coalesce(a.actual_start, a.planned_start) DESC NULLS LAST, a.id DESC LIMIT 1000`,
  );
}

async function writeLinks(db: Orm, by: Viewer, id: number, input: ActivityInput) {
  await db.execute(sql`DELETE FROM activity_country WHERE activity_id = ${id}`);
  await db.execute(
    sql`INSERT INTO activity_country (activity_id, country) SELECT ${id}, unnest(${sql.param(input.countries)}::text[])`,
  );
  if (await participantsChange(db, id, input.participants)) {
    await db.execute(sql`DELETE FROM participant_count WHERE activity_id = ${id}`);
    if (input.participants.length)
      await db.execute(sql`INSERT INTO participant_count (activity_id, role, sex, country, agency, count)
        SELECT ${id}, role, sex, country, agency, count FROM jsonb_to_recordset(${JSON.stringify(input.participants)}::jsonb) AS x(role text, sex text, country text, agency text, count int)`);
  }
  const orgs = await rows<{ id: number }>(
    db,
    sql`SELECT id FROM organisation WHERE id = ANY(${sql.param(input.partners.map((p) => p.organisation))}::int[])`,
  );
  const unknownOrgs = input.partners
    .filter((p) => !orgs.some((o) => o.id === p.organisation))
    .map((p) => p.organisation);
  if (unknownOrgs.length) throw badRequest(`Unknown organisation: ${unknownOrgs.join(', ')}`);
  await db.execute(sql`DELETE FROM activity_partner WHERE activity_id = ${id}`);
  if (input.partners.length)
    await db.execute(
      sql`INSERT INTO activity_partner (activity_id, organisation_id, role) SELECT DISTINCT ${id}::int, organisation, role FROM jsonb_to_recordset(${JSON.stringify(input.partners)}::jsonb) AS x(organisation int, role text)`,
    );
  await db.execute(sql`DELETE FROM audience_count WHERE activity_id = ${id}`);
  const audiences = input.audiences.filter((x) => x.count > 0);
  if (audiences.length)
    await db.execute(
      sql`INSERT INTO audience_count (activity_id, audience, count) SELECT ${id}, audience, sum(count) FROM jsonb_to_recordset(${JSON.stringify(audiences)}::jsonb) AS x(audience text, count int) GROUP BY audience`,
    );
  const known = await rows<{ id: number; status: string }>(
    db,
    sql`SELECT id, status FROM assistance_request WHERE id = ANY(${sql.param(input.requests)}::int[])`,
  );
  const missing = input.requests.filter((r) => !known.some((k) => k.id === r));
  if (missing.length) throw badRequest(`Unknown request: ${missing.join(', ')}`);
  await db.execute(sql`DELETE FROM activity_request WHERE activity_id = ${id}`);
  for (const r of known) {
    await db.execute(sql`INSERT INTO activity_request (activity_id, request_id) VALUES (${id}, ${r.id})`);
    // An accepted request an activity now answers is in progress; delivering the activity completes it.
    if (r.status === 'accepted')
      await transitionRequest(db, by, r.id, { to: 'in_progress', note: `activity ${id}` });
    if (input.status === 'delivered' && (r.status === 'in_progress' || r.status === 'accepted'))
      await transitionRequest(db, by, r.id, { to: 'completed', note: `activity ${id} delivered` });
  }
}

/**
 * Whether saving `next` changes the activity's participant rows. The same rows, or counts by role and
 * sex only (the form's grid) that add up as the rows do, keep the rows as they are — with their
 * countries, agencies and ids (a spreadsheet's round trip) — instead of flattening them.
 */
async function participantsChange(db: Orm, id: number, next: Participant[]): Promise<boolean> {
  const now = await rows<Participant>(
    db,
    sql`SELECT role, sex, country, agency, count FROM participant_count WHERE activity_id = ${id}`,
  );
  const rowKey = (p: Participant) => `${p.role}|${p.sex}|${p.country ?? ''}|${p.agency ?? ''}|${p.count}`;
  const sameRows = [...now.map(rowKey)].sort().join('\n') === [...next.map(rowKey)].sort().join('\n');
  if (sameRows) return false;
  if (next.some((p) => p.country || p.agency)) return true;
  const totals = (list: Participant[]) => {
    const by = new Map<string, number>();
    for (const p of list) by.set(`${p.role}|${p.sex}`, (by.get(`${p.role}|${p.sex}`) ?? 0) + p.count);
    return [...by]
      .filter(([, n]) => n !== 0)
      .sort()
      .join(';');
  };
  return totals(now) !== totals(next);
}

async function checkCountries(db: Orm, list: string[]) {
  const known = await rows<{ iso3: string }>(
    db,
    sql`SELECT iso3 FROM country WHERE iso3 = ANY(${sql.param(list)}::text[])`,
  );
  const unknown = list.filter((c) => !known.some((k) => k.iso3 === c));
  if (unknown.length) throw badRequest(`Unknown country: ${unknown.join(', ')}`);
}

const columns = (
  a: ActivityInput,
) => sql`${a.kind}, ${a.title}, ${a.region ?? null}, ${a.planned_start ?? null}, ${a.planned_end ?? null}, ${a.actual_start ?? null}, ${a.actual_end ?? null},
  ${a.hours ?? null}, ${a.mode ?? null}, ${a.audience ?? null}, ${sql.param(a.concepts)}::text[], ${a.cost ?? null}, ${a.currency ?? null}, ${a.cost_usd ?? (a.currency === 'USD' ? (a.cost ?? null) : null)}, ${a.status}, ${a.implementer ?? null}, ${sql.param(a.channels)}::text[], ${a.tier}`;

export async function createActivity(db: Orm, by: Viewer, input: ActivityInput): Promise<Activity> {
  await checkCountries(db, input.countries);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO activity (kind, title, region, planned_start, planned_end, actual_start, actual_end, hours, mode, audience, concepts, cost, currency, cost_usd, status, implementer, channels, tier, created_by, updated_by)
        VALUES (${columns(input)}, ${by.name}, ${by.name}) RETURNING id`,
  );
  await writeLinks(db, by, row!.id, input);
  const created = await getActivity(db, by, row!.id);
  await audit(db, by, 'create', 'activity', String(row!.id), null, created);
  return created;
}

export async function updateActivity(
  db: Orm,
  by: Viewer,
  id: number,
  input: ActivityInput,
): Promise<Activity> {
  const before = await getActivity(db, by, id);
  await checkCountries(db, input.countries);
  await db.execute(sql`UPDATE activity SET (kind, title, region, planned_start, planned_end, actual_start, actual_end, hours, mode, audience, concepts, cost, currency, cost_usd, status, implementer, channels, tier) = (${columns(input)}),
    updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`);
  await writeLinks(db, by, id, input);
  const after = await getActivity(db, by, id);
  await audit(db, by, 'update', 'activity', String(id), before, after);
  return after;
}
