/**
 * The directory of competent national authorities. What an authority is, what it accepts and what a
 * request to it must contain is public; its contact (person, e-mail, phone, address, platform) is
 * returned only to those who may see contacts (canSeeContacts), and never written to the audit log:
 * the history records which contact fields changed, not their values.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { canRunProgramme, canSeeContacts, type Viewer } from '../../core/access.js';
import { iso3, isoDate, languageCode, patchOf } from '../../core/codes.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import { audit } from '../accounts/audit.js';

export const AUTHORITY_KINDS = [
  'central_mla',
  'central_extradition',
  'contact_24_7',
  'designated',
  'police',
] as const;
export const CHANNELS = ['post', 'email', 'secure_platform', 'diplomatic', 'interpol', 'fax'] as const;
export const CONTACT_FIELDS = ['person', 'email', 'phone', 'address', 'platform', 'hours'] as const;

const text = (max: number) => z.string().trim().max(max);
export const contactInput = z.object({
  person: text(300).default(''),
  email: z.union([z.email('an e-mail address'), z.literal('')]).default(''),
  phone: text(200).default(''),
  address: text(1000).default(''),
  platform: text(300).default(''),
  hours: text(300).default(''),
});
export type Contact = z.output<typeof contactInput>;

const fields = {
  country: iso3,
  kind: z.enum(AUTHORITY_KINDS),
  name: text(300).min(2, 'the name of the institution'),
  designations: z
    .array(z.object({ instrument: z.string().regex(/^[A-Z0-9]+$/), article: text(20).min(1) }))
    .max(40)
    .default([]),
  languages: z.array(languageCode).max(20).default([]),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
  legal_bases: z
    .array(
      z.string().regex(/^([A-Z0-9]+|reciprocity|bilateral)$/, 'an instrument code, reciprocity or bilateral'),
    )
    .max(20)
    .default([]),
  requirements: text(20_000).default(''),
  urgent_procedure: text(5_000).default(''),
  turnaround_days: z.number().int().min(0).max(3650).nullable().default(null),
  verified_on: isoDate.nullable().default(null),
  source: text(2_000).default(''),
  fictional: z.boolean().default(false),
  contact: contactInput.optional(),
};
export const authorityInput = z.object(fields);
export type AuthorityInput = z.output<typeof authorityInput>;
export const authorityPatch = patchOf(fields);
export type AuthorityPatch = z.output<typeof authorityPatch>;

export const authorityQuery = z.object({
  country: iso3.optional(),
  kind: z.enum(AUTHORITY_KINDS).optional(),
});

export type Authority = Omit<AuthorityInput, 'contact'> & {
  id: number;
  updated_at: string;
  /** present only for those who may see contacts (null: none recorded) */
  contact?: Contact | null;
};

const PUBLIC_COLUMNS = sql`a.id, a.country, a.kind, a.name, a.designations, a.languages, a.channels, a.legal_bases, a.requirements,
  a.urgent_procedure, a.turnaround_days, a.verified_on::text AS verified_on, a.source, a.fictional, a.updated_at::text AS updated_at`;
const CONTACT_COLUMN = sql`(SELECT json_build_object('person', c.person, 'email', c.email, 'phone', c.phone, 'address', c.address,
  'platform', c.platform, 'hours', c.hours) FROM authority_contact c WHERE c.authority_id = a.id) AS contact`;

/** The columns a viewer gets: the contact only for those who may see it. */
const columnsFor = (viewer: Viewer) =>
  canSeeContacts(viewer) ? sql`${PUBLIC_COLUMNS}, ${CONTACT_COLUMN}` : PUBLIC_COLUMNS;

export function listAuthorities(db: Orm, viewer: Viewer, q: z.output<typeof authorityQuery> = {}) {
  return rows<Authority>(
    db,
    sql`SELECT ${columnsFor(viewer)} FROM authority a
        WHERE ${where(q.country && sql`a.country = ${q.country}`, q.kind && sql`a.kind = ${q.kind}`)}
        ORDER BY a.country, array_position(${sql.param([...AUTHORITY_KINDS])}::text[], a.kind), a.name`,
  );
}

export async function getAuthority(db: Orm, viewer: Viewer, id: number): Promise<Authority> {
  const found = await one<Authority>(
    db,
    sql`SELECT ${columnsFor(viewer)} FROM authority a WHERE a.id = ${id}`,
  );
  if (!found) throw notFound(`Authority ${id}`);
  return found;
}

function assertCanChange(by: Viewer) {
  if (!canRunProgramme(by))
    throw new AppError(403, 'forbidden', 'Only programme officers and administrators change the directory');
}

/** What is wrong with the instruments named in designations and legal bases, and with the country (none: an empty list). */
export async function referenceProblems(db: Orm, input: Partial<AuthorityInput>) {
  const codes = [
    ...(input.designations ?? []).map((d) => d.instrument),
    ...(input.legal_bases ?? []).filter((b) => /^[A-Z0-9]+$/.test(b)),
  ];
  const [found] = await rows<{ instruments: string[]; country: boolean }>(
    db,
    sql`SELECT coalesce(array_agg(code), '{}') AS instruments,
          ${input.country ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM country WHERE iso3 = ${input.country ?? null}) AS country
        FROM instrument WHERE code = ANY(${sql.param(codes)}::text[])`,
  );
  const problems: { field: string; message: string }[] = [];
  if (!found.country) problems.push({ field: 'body.country', message: `unknown country ${input.country}` });
  (input.designations ?? []).forEach((d, i) => {
    if (!found.instruments.includes(d.instrument))
      problems.push({
        field: `body.designations.${i}.instrument`,
        message: `unknown instrument ${d.instrument}`,
      });
  });
  (input.legal_bases ?? []).forEach((b, i) => {
    if (/^[A-Z0-9]+$/.test(b) && !found.instruments.includes(b))
      problems.push({ field: `body.legal_bases.${i}`, message: `unknown instrument ${b}` });
  });
  return problems;
}

async function checkReferences(db: Orm, input: Partial<AuthorityInput>) {
  const problems = await referenceProblems(db, input);
  if (problems.length)
    throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });
}

/** What the history keeps: the public part, and the names of the contact fields that changed. */
const historyOf = (a: Omit<Authority, 'contact'> | AuthorityInput) => {
  const { contact: _contact, ...publicPart } = a as Authority;
  return publicPart;
};
const changedContactFields = (before: Contact | null | undefined, after: Contact | undefined) =>
  after ? CONTACT_FIELDS.filter((f) => (before?.[f] ?? '') !== after[f]) : [];

async function saveContact(db: Orm, by: Viewer, id: number, contact: Contact | undefined) {
  if (!contact) return;
  await db.execute(
    sql`INSERT INTO authority_contact (authority_id, person, email, phone, address, platform, hours, updated_by)
        VALUES (${id}, ${contact.person}, ${contact.email}, ${contact.phone}, ${contact.address}, ${contact.platform}, ${contact.hours}, ${by.name})
        ON CONFLICT (authority_id) DO UPDATE SET person = excluded.person, email = excluded.email, phone = excluded.phone,
          address = excluded.address, platform = excluded.platform, hours = excluded.hours, updated_at = now(), updated_by = excluded.updated_by`,
  );
}

export async function createAuthority(db: Orm, by: Viewer, input: AuthorityInput): Promise<Authority> {
  assertCanChange(by);
  await checkReferences(db, input);
  const [{ id }] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO authority (country, kind, name, designations, languages, channels, legal_bases, requirements, urgent_procedure,
          turnaround_days, verified_on, source, fictional, updated_by)
        VALUES (${input.country}, ${input.kind}, ${input.name}, ${JSON.stringify(input.designations)}::jsonb, ${sql.param(input.languages)}::text[],
          ${sql.param(input.channels)}::text[], ${sql.param(input.legal_bases)}::text[], ${input.requirements}, ${input.urgent_procedure},
          ${input.turnaround_days}, ${input.verified_on}, ${input.source}, ${input.fictional}, ${by.name})
        RETURNING id`,
  );
  await saveContact(db, by, id, input.contact);
  await audit(db, by, 'create', 'authority', String(id), null, {
    ...historyOf(input),
    contact_fields_changed: changedContactFields(null, input.contact),
  });
  return getAuthority(db, by, id);
}

export async function updateAuthority(
  db: Orm,
  by: Viewer,
  id: number,
  patch: AuthorityPatch,
): Promise<Authority> {
  assertCanChange(by);
  const before = await getAuthority(db, by, id);
  const after = { ...historyOf(before), ...historyOf(patch as AuthorityInput) } as Authority;
  await checkReferences(db, patch);
  await db.execute(
    sql`UPDATE authority SET country = ${after.country}, kind = ${after.kind}, name = ${after.name}, designations = ${JSON.stringify(after.designations)}::jsonb,
          languages = ${sql.param(after.languages)}::text[], channels = ${sql.param(after.channels)}::text[], legal_bases = ${sql.param(after.legal_bases)}::text[],
          requirements = ${after.requirements}, urgent_procedure = ${after.urgent_procedure}, turnaround_days = ${after.turnaround_days},
          verified_on = ${after.verified_on}, source = ${after.source}, fictional = ${after.fictional}, updated_at = now(), updated_by = ${by.name}
        WHERE id = ${id}`,
  );
  await saveContact(db, by, id, patch.contact);
  const { updated_at: _u, ...was } = historyOf(before) as Authority;
  await audit(db, by, 'update', 'authority', String(id), was, {
    ...historyOf(after),
    updated_at: undefined,
    contact_fields_changed: changedContactFields(before.contact, patch.contact),
  });
  return getAuthority(db, by, id);
}

export async function deleteAuthority(db: Orm, by: Viewer, id: number): Promise<void> {
  assertCanChange(by);
  const before = await getAuthority(db, by, id);
  await db.execute(sql`DELETE FROM authority WHERE id = ${id}`);
  await audit(db, by, 'delete', 'authority', String(id), historyOf(before), null);
}
