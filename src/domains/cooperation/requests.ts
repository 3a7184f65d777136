/**
 * Requests for international cooperation, drafted with the request writer or logged: restricted
 * records of their author's organisation (its members, and programme staff, see them). A request
 * names a legal basis that binds both states and allows its kind, or reciprocity.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isProgrammeStaff, type Viewer } from '../../core/access.js';
import { iso3, isoDate, languageCode, patchOf } from '../../core/codes.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import { legalBasis } from './legal-basis.js';
import { type MeasureKind, measuresByInstrument } from './measures.js';

export const REQUEST_KINDS = [
  ...['preservation', 'subscriber', 'traffic_data', 'stored_content', 'emergency'],
  ...['real_time', 'interception', 'extradition', 'other'],
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** The kinds the request writer drafts (the others are logged). */
export const WRITER_KINDS = ['preservation', 'subscriber', 'stored_content', 'emergency'] as const;
export const REQUEST_STATUSES = [
  'draft',
  'sent',
  'executed',
  'partly_executed',
  'refused',
  'withdrawn',
] as const;

const text = (max: number) => z.string().trim().max(max);
export const dataSought = z.object({
  provider: text(300).default(''),
  identifiers: z.array(text(500).min(1)).max(100).default([]),
  date_from: isoDate.nullable().default(null),
  date_to: isoDate.nullable().default(null),
  time_zone: text(60).default(''),
  description: text(5000).default(''),
});

const fields = {
  direction: z.enum(['outgoing', 'incoming']).default('outgoing'),
  requesting: iso3,
  requested: iso3,
  kind: z.enum(REQUEST_KINDS),
  legal_basis: z.string().regex(/^([A-Z0-9]+|reciprocity)$/, 'an instrument code or reciprocity'),
  authority_id: z.number().int().positive().nullable().default(null),
  requesting_authority: text(500).default(''),
  reference: text(200).default(''),
  offences: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .max(20)
    .default([]),
  facts: text(20_000).default(''),
  data_sought: dataSought.default(dataSought.parse({})),
  urgency: text(5000).default(''),
  confidential: z.boolean().default(true),
  language: languageCode.nullable().default(null),
  status: z.enum(REQUEST_STATUSES).default('draft'),
  sent_on: isoDate.nullable().default(null),
  answered_on: isoDate.nullable().default(null),
};
export const requestInput = z.object(fields);
export type RequestInput = z.output<typeof requestInput>;
export const requestPatch = patchOf(fields);
export type RequestPatch = z.output<typeof requestPatch>;
export type CooperationRequest = RequestInput & { id: number; created_at: string; updated_at: string };

/** Who may draft and log requests: vetted practitioners and programme staff, not with a read token. */
export const canUseRequests = (viewer: Viewer) =>
  ['practitioner', 'programme_officer', 'admin'].includes(viewer.role);

/** SQL on a request `r`: the viewer's own, their organisation's, or any for programme staff. */
export function requestVisibleTo(viewer: Viewer): SQL {
  if (isProgrammeStaff(viewer)) return sql`true`;
  if (!canUseRequests(viewer) || viewer.userId === null) return sql`false`;
  return sql`(r.author_id = ${viewer.userId} OR r.organisation_id = (SELECT organisation_id FROM app_user WHERE id = ${viewer.userId}))`;
}

const COLUMNS = sql`r.id, r.direction, r.requesting, r.requested, r.kind, r.legal_basis, r.authority_id, r.requesting_authority, r.reference,
  r.offences, r.facts, r.data_sought, r.urgency, r.confidential, r.language, r.status, r.sent_on::text AS sent_on, r.answered_on::text AS answered_on,
  r.created_at::text AS created_at, r.updated_at::text AS updated_at`;

export const requestQuery = z.object({
  requested: iso3.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  direction: z.enum(['outgoing', 'incoming']).optional(),
});

export function listRequests(db: Orm, viewer: Viewer, q: z.output<typeof requestQuery> = {}) {
  return rows<CooperationRequest>(
    db,
    sql`SELECT ${COLUMNS} FROM cooperation_request r
        WHERE ${where(
          requestVisibleTo(viewer),
          q.requested && sql`r.requested = ${q.requested}`,
          q.status && sql`r.status = ${q.status}`,
          q.direction && sql`r.direction = ${q.direction}`,
        )}
        ORDER BY r.updated_at DESC, r.id DESC LIMIT 500`,
  );
}

export async function getRequest(db: Orm, viewer: Viewer, id: number): Promise<CooperationRequest> {
  const found = await one<CooperationRequest>(
    db,
    sql`SELECT ${COLUMNS} FROM cooperation_request r WHERE r.id = ${id} AND ${requestVisibleTo(viewer)}`,
  );
  // Someone else's request is not found rather than forbidden: its existence is not told.
  if (!found) throw notFound(`Request ${id}`);
  return found;
}

/** Whether the legal basis allows the kind: a measure of that kind, or general mutual assistance for a request for data. */
function allows(measures: MeasureKind[], kind: RequestKind): boolean {
  if (kind === 'other') return measures.length > 0;
  if ((measures as string[]).includes(kind)) return true;
  return (
    ['subscriber', 'traffic_data', 'stored_content', 'emergency'].includes(kind) &&
    measures.includes('general')
  );
}

const field = (name: string, message: string) =>
  badRequest(`${name}: ${message}`, { fields: [{ field: `body.${name}`, message }] });

/** The checks a request must pass whatever its status: dates in order, a legal basis binding both and allowing the kind, the authority of the requested state. */
async function check(db: Orm, r: RequestInput) {
  if (r.answered_on && r.sent_on && r.answered_on < r.sent_on)
    throw field('answered_on', 'the answer cannot come before the request was sent');
  const { date_from, date_to } = r.data_sought;
  if (date_from && date_to && date_to < date_from)
    throw field('data_sought.date_to', 'the end of the period is before its start');
  if ((r.status === 'executed' || r.status === 'partly_executed' || r.status === 'refused') && !r.sent_on)
    throw field('sent_on', 'a request that was answered was sent: give the date');
  const basis = await legalBasis(db, {
    from: r.requesting,
    to: r.requested,
    on: r.sent_on ?? undefined,
  }).catch((err) => {
    // the finder names its query's fields (from, to): here they are the request's states
    const named = (err as AppError).details as { fields?: { field: string }[] } | undefined;
    if (!(err instanceof AppError) || err.status !== 400) throw err;
    throw field(named?.fields?.[0]?.field === 'querystring.from' ? 'requesting' : 'requested', err.message);
  });
  if (r.legal_basis !== 'reciprocity') {
    const binding = basis.bases.find((b) => b.instrument === r.legal_basis);
    if (!binding)
      throw field(
        'legal_basis',
        `${r.legal_basis} does not bind both ${r.requesting} and ${r.requested} on ${basis.on}`,
      );
    const kinds = ((await measuresByInstrument(db)).get(r.legal_basis) ?? []).map((m) => m.kind);
    if (!allows(kinds, r.kind))
      throw field('kind', `${r.legal_basis} provides no basis for a request of this kind (${r.kind})`);
  }
  if (r.authority_id !== null) {
    const authority = await one<{ country: string }>(
      db,
      sql`SELECT country FROM authority WHERE id = ${r.authority_id}`,
    );
    if (authority?.country !== r.requested) throw field('authority_id', `not an authority of ${r.requested}`);
  }
  if (r.offences.length) {
    const known = await rows<{ code: string }>(
      db,
      sql`SELECT code FROM concept WHERE kind = 'offence' AND code = ANY(${sql.param(r.offences)}::text[])`,
    );
    const unknown = r.offences.filter((o) => !known.some((k) => k.code === o));
    if (unknown.length) throw field('offences', `unknown offence: ${unknown.join(', ')}`);
  }
}

function assertCanWrite(by: Viewer) {
  if (!canUseRequests(by))
    throw new AppError(403, 'forbidden', 'Only vetted practitioners and programme staff keep requests');
  if (!by.canWrite)
    throw new AppError(403, 'forbidden', 'This token may only read; use a token with the write scope');
}

export async function createRequest(db: Orm, by: Viewer, input: RequestInput): Promise<CooperationRequest> {
  assertCanWrite(by);
  await check(db, input);
  const [{ id }] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO cooperation_request (direction, requesting, requested, kind, legal_basis, authority_id, requesting_authority, reference, offences,
          facts, data_sought, urgency, confidential, language, status, sent_on, answered_on, organisation_id, author_id)
        VALUES (${input.direction}, ${input.requesting}, ${input.requested}, ${input.kind}, ${input.legal_basis}, ${input.authority_id},
          ${input.requesting_authority}, ${input.reference}, ${sql.param(input.offences)}::text[], ${input.facts}, ${JSON.stringify(input.data_sought)}::jsonb,
          ${input.urgency}, ${input.confidential}, ${input.language}, ${input.status}, ${input.sent_on}, ${input.answered_on},
          (SELECT organisation_id FROM app_user WHERE id = ${by.userId}), ${by.userId})
        RETURNING id`,
  );
  return getRequest(db, by, id);
}

export async function updateRequest(
  db: Orm,
  by: Viewer,
  id: number,
  patch: RequestPatch,
): Promise<CooperationRequest> {
  assertCanWrite(by);
  const before = await getRequest(db, by, id);
  const r: RequestInput = { ...before, ...patch };
  await check(db, r);
  await db.execute(
    sql`UPDATE cooperation_request SET direction = ${r.direction}, requesting = ${r.requesting}, requested = ${r.requested}, kind = ${r.kind},
          legal_basis = ${r.legal_basis}, authority_id = ${r.authority_id}, requesting_authority = ${r.requesting_authority}, reference = ${r.reference},
          offences = ${sql.param(r.offences)}::text[], facts = ${r.facts}, data_sought = ${JSON.stringify(r.data_sought)}::jsonb, urgency = ${r.urgency},
          confidential = ${r.confidential}, language = ${r.language}, status = ${r.status}, sent_on = ${r.sent_on}, answered_on = ${r.answered_on},
          updated_at = now()
        WHERE id = ${id}`,
  );
  return getRequest(db, by, id);
}

export async function deleteRequest(db: Orm, by: Viewer, id: number): Promise<void> {
  assertCanWrite(by);
  await getRequest(db, by, id);
  await db.execute(sql`DELETE FROM cooperation_request WHERE id = ${id}`);
}
