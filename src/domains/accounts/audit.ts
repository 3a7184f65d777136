/**
 * The append-only audit log: every change to repository data and accounts is written here by the
 * service that makes it, in the same transaction, with the item before and after.
 */
import { bigserial, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { stamp } from '../../core/db/columns.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { keyset, page, rows, where } from '../../core/db/query.js';
import { isoDate, pageCursor } from '../../core/codes.js';
import type { Viewer } from '../../core/access.js';
import { auditVisibleTo } from './audit-access.js';

export const auditEvent = pgTable('audit_event', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: stamp('at').notNull().defaultNow(),
  actor: text('actor').notNull(),
  userId: integer('user_id'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
});

export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'transition' | 'restore' | 'user';

export async function audit(
  db: Orm,
  by: Viewer,
  action: AuditAction,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db.insert(auditEvent).values({
    actor: by.name,
    userId: by.userId,
    action,
    entityType,
    entityId,
    before: before ?? null,
    after: after ?? null,
  });
}

export const auditQuery = z.object({
  user: z.string().optional().describe('actor, e.g. user:someone@example.org or token:admin'),
  entity_type: z.string().optional(),
  entity_id: z.string().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** The query as the route's schema (auditQuery) read it. */
export type AuditQuery = z.output<typeof auditQuery>;
export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
};

/** The audit log, newest first, filtered by who, what and when; only entries about items the viewer may see. */
export async function listAudit(db: Orm, viewer: Viewer, query: AuditQuery) {
  const q = query;
  const { after, orderBy } = keyset({ id: [sql`a.id`, 'bigint'] }, sql`a.id`, '-id', q.cursor);
  const list = await rows<AuditRow>(
    db,
    sql`SELECT a.id, a.at, a.actor, a.action, a.entity_type, a.entity_id FROM audit_event a WHERE ${where(
      q.user && sql`a.actor = ${q.user}`,
      q.entity_type && sql`a.entity_type = ${q.entity_type}`,
      q.entity_id && sql`a.entity_id = ${q.entity_id}`,
      q.from && sql`a.at >= ${q.from}::date`,
      q.to && sql`a.at < ${q.to}::date + 1`,
      auditVisibleTo(viewer),
      after,
    )} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  return page(list, q.limit, (a) => ({ k: a.id, id: a.id }));
}

/** Who acted on items the viewer may see (for the filter on the audit page): never those who only touched hidden ones. */
export const auditActors = (db: Orm, viewer: Viewer) =>
  rows<{ actor: string }>(
    db,
    sql`SELECT DISTINCT a.actor FROM audit_event a WHERE ${where(auditVisibleTo(viewer))} ORDER BY a.actor`,
  );
