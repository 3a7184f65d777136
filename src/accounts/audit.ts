/**
 * The append-only audit log: every change to repository data is written here by the service
 * that makes it, in the same transaction, with the item before and after.
 */
import { bigserial, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { stamp } from '../db/columns.js';
import type { Orm } from '../db/connect.js';

export const auditEvent = pgTable('audit_event', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: stamp('at').notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
});

export type AuditAction = 'create' | 'update' | 'delete' | 'import';

export async function audit(
  db: Orm,
  actor: string,
  action: AuditAction,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db.insert(auditEvent).values({ actor, action, entityType, entityId, before: before ?? null, after: after ?? null });
}
