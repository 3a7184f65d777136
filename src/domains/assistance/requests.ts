/**
 * Requests for technical assistance: received from a country's agency, then reviewed, accepted,
 * in progress and completed — or declined with a reason (no funding, out of mandate, duplicate) or
 * withdrawn. Every change of status is kept with who and when; a change the status machine does
 * not allow is a 409 that lists the allowed ones.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { badRequest, notFound } from '../../core/errors.js';
import { iso3, isoDate } from '../../core/codes.js';
import { statusMachine } from '../../core/states.js';

export const REQUEST_KINDS = [
  'assessment',
  'training',
  'mentoring',
  'legal_drafting',
  'equipment',
  'outreach',
  'other',
] as const;
export const REQUEST_STATUSES = [
  'received',
  'under_review',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'withdrawn',
] as const;
export const DECLINE_REASONS = ['no_funding', 'out_of_mandate', 'duplicate', 'other'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The status machine: from each status, where a request may go. */
export const REQUEST_MACHINE = statusMachine<RequestStatus>('request', {
  received: ['under_review', 'declined', 'withdrawn'],
  under_review: ['accepted', 'declined', 'withdrawn'],
  accepted: ['in_progress', 'declined', 'withdrawn'],
  in_progress: ['completed', 'withdrawn'],
  completed: [],
  declined: [],
  withdrawn: [],
});

export const requestInput = z.object({
  country: iso3,
  agency: z.string().min(1).max(300),
  received: isoDate,
  kind: z.enum(REQUEST_KINDS),
  description: z.string().min(1).max(5000),
  priority: z.enum(['low', 'medium', 'high']).default('medium'),
  tier: z.enum(['internal', 'restricted']).default('internal'),
});
export const transitionInput = z
  .object({
    to: z.enum(REQUEST_STATUSES),
    reason: z.enum(DECLINE_REASONS).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((t) => t.to !== 'declined' || !!t.reason, {
    message: 'a declined request needs a reason: no_funding, out_of_mandate, duplicate or other',
    path: ['reason'],
  });
export const requestQuery = z.object({
  country: iso3.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  from: isoDate.optional().describe('received on or after this date'),
  to: isoDate.optional().describe('received on or before this date'),
  declined_for: z.enum(['no_funding', 'out_of_mandate', 'duplicate', 'other']).optional(),
  met: z.enum(['true']).optional().describe('only requests in progress or completed'),
});

export type AssistanceRequest = z.infer<typeof requestInput> & {
  id: number;
  status: RequestStatus;
  decline_reason: string | null;
  country_name: string;
  created_at: string;
  created_by: string;
  next: RequestStatus[];
};
export type Transition = {
  from_status: string | null;
  to_status: string;
  reason: string | null;
  note: string | null;
  at: string;
  by: string;
};

const SELECT = sql`SELECT r.id, r.country, c.names->>'en' AS country_name, r.agency, r.received::text, r.kind, r.description, r.priority, r.status, r.decline_reason, r.tier, r.created_at, r.created_by
  FROM assistance_request r JOIN country c ON c.iso3 = r.country`;
/** Requests carry a tier but no editorial status: they are seen by whoever may see their tier. */
const visible = (viewer: Viewer) => tierVisible(viewer, 'r');
const withNext = (r: Omit<AssistanceRequest, 'next'>): AssistanceRequest => ({
  ...r,
  next: REQUEST_MACHINE.next(r.status),
});

export type RequestSource = { id: number; assessment_id: number; assessed: string; text: string };
export type RequestDetail = AssistanceRequest & {
  transitions: Transition[];
  activities: { id: number; title: string; status: string }[];
  recommendations: RequestSource[];
};

/** A request with its status history, the activities answering it and the assessment recommendations it comes from. */
export async function getRequest(db: Orm, viewer: Viewer, id: number): Promise<RequestDetail> {
  const r = await one<Omit<AssistanceRequest, 'next'>>(
    db,
    sql`${SELECT} WHERE r.id = ${id} AND ${visible(viewer)}`,
  );
  if (!r) throw notFound(`Request ${id}`);
  const transitions = await rows<Transition>(
    db,
    sql`SELECT from_status, to_status, reason, note, at, by FROM request_transition WHERE request_id = ${id} ORDER BY id`,
  );
  const activities = await rows<{ id: number; title: string; status: string }>(
    db,
    sql`SELECT a.id, a.title, a.status FROM activity_request ar JOIN activity a ON a.id = ar.activity_id WHERE ar.request_id = ${id} AND ${tierVisible(viewer, 'a')} ORDER BY a.planned_start NULLS LAST, a.id`,
  );
  const recommendations = await rows<RequestSource>(
    db,
    sql`SELECT rec.id, rec.assessment_id, a.started::text AS assessed, rec.text FROM recommendation rec JOIN assessment a ON a.id = rec.assessment_id WHERE rec.request_id = ${id} AND ${tierVisible(viewer, 'a')} ORDER BY rec.id`,
  );
  return { ...withNext(r), transitions, activities, recommendations };
}

export async function listRequests(
  db: Orm,
  viewer: Viewer,
  query: z.infer<typeof requestQuery>,
): Promise<AssistanceRequest[]> {
  const list = await rows<Omit<AssistanceRequest, 'next'>>(
    db,
    sql`${SELECT}
        WHERE ${where(
          visible(viewer),
          query.country && sql`r.country = ${query.country}`,
          query.status && sql`r.status = ${query.status}`,
          query.kind && sql`r.kind = ${query.kind}`,
          query.year !== undefined && sql`extract(year FROM r.received) = ${query.year}`,
          query.from && sql`r.received >= ${query.from}::date`,
          query.to && sql`r.received <= ${query.to}::date`,
          query.declined_for && sql`r.status = 'declined' AND r.decline_reason = ${query.declined_for}`,
          query.met && sql`r.status IN ('in_progress', 'completed')`,
        )} ORDER BY r.received DESC, r.id DESC LIMIT 1000`,
  );
  return list.map(withNext);
}

export async function createRequest(
  db: Orm,
  by: Viewer,
  input: z.infer<typeof requestInput>,
): Promise<AssistanceRequest> {
  if (!(await one(db, sql`SELECT 1 FROM country WHERE iso3 = ${input.country}`)))
    throw badRequest(`Unknown country ${input.country}`);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO assistance_request (country, agency, received, kind, description, priority, tier, created_by, updated_by)
        VALUES (${input.country}, ${input.agency}, ${input.received}, ${input.kind}, ${input.description}, ${input.priority}, ${input.tier}, ${by.name}, ${by.name}) RETURNING id`,
  );
  await db.execute(
    sql`INSERT INTO request_transition (request_id, from_status, to_status, by) VALUES (${row!.id}, NULL, 'received', ${by.name})`,
  );
  const created = await getRequest(db, by, row!.id);
  await audit(db, by, 'create', 'request', String(row!.id), null, created);
  return created;
}

/** Moves a request along the status machine, or says (409) which moves are allowed. */
export async function transitionRequest(
  db: Orm,
  by: Viewer,
  id: number,
  input: z.infer<typeof transitionInput>,
): Promise<AssistanceRequest> {
  const current = await getRequest(db, by, id);
  REQUEST_MACHINE.assertMove(current.status, input.to);
  await db.execute(
    sql`UPDATE assistance_request SET status = ${input.to}, decline_reason = ${input.to === 'declined' ? input.reason! : null}, updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`,
  );
  await db.execute(
    sql`INSERT INTO request_transition (request_id, from_status, to_status, reason, note, by) VALUES (${id}, ${current.status}, ${input.to}, ${input.reason ?? null}, ${input.note ?? null}, ${by.name})`,
  );
  const after = await getRequest(db, by, id);
  await audit(
    db,
    by,
    'transition',
    'request',
    String(id),
    { status: current.status },
    { status: after.status, reason: input.reason ?? null },
  );
  return after;
}

export const requestPatch = requestInput
  .omit({ country: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'say what to change');

/** Corrects a request's details (its status changes through transitions only). */
export async function updateRequest(
  db: Orm,
  by: Viewer,
  id: number,
  patch: z.infer<typeof requestPatch>,
): Promise<AssistanceRequest> {
  const before = await getRequest(db, by, id);
  const v = { ...before, ...patch };
  await db.execute(sql`UPDATE assistance_request SET agency = ${v.agency}, received = ${v.received}, kind = ${v.kind}, description = ${v.description}, priority = ${v.priority}, tier = ${v.tier},
    updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`);
  const after = await getRequest(db, by, id);
  await audit(db, by, 'update', 'request', String(id), before, after);
  return after;
}
