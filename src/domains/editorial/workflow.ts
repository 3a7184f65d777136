/**
 * Moving works, cases and documents through the editorial workflow
 * (draft → in review → published ⇄ unpublished), checked by the policy and recorded with who and when.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { EDITORIAL_STATUSES, type EditorialStatus, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { syncVisibility } from '../search/indexer.js';
import { allowedTransitions, assertCanTransition, type Item } from '../../core/policy.js';
import { contentKind, type ItemKind } from './content-kinds.js';

export const transitionInput = z.object({
  to: z.enum(EDITORIAL_STATUSES),
  note: z.string().max(2000).optional(),
});

export async function editorialItem(db: Orm, kind: ItemKind, id: string): Promise<Item & { id: string }> {
  const item = await one<Item & { id: string }>(
    db,
    sql`SELECT id, tier, editorial_status, country FROM ${sql.raw(contentKind(kind).table)} WHERE id = ${id}`,
  );
  if (!item) throw notFound(`${kind} ${id}`);
  return item;
}

/** An item's title and the address of its public page. */
export async function itemTitle(
  db: Orm,
  kind: ItemKind,
  id: string,
): Promise<{ title: string; href: string }> {
  const row = await one<{ title: string; href: string }>(db, contentKind(kind).titleAndHref(id));
  if (!row) throw notFound(`${kind} ${id}`);
  return row;
}

export type TransitionResult = { id: string; editorial_status: EditorialStatus; allowed: EditorialStatus[] };

export async function transition(
  db: Orm,
  by: Viewer,
  kind: ItemKind,
  id: string,
  to: EditorialStatus,
  note?: string,
): Promise<TransitionResult> {
  const item = await editorialItem(db, kind, id);
  assertCanTransition(by, item, to);
  await db.execute(
    sql`UPDATE ${sql.raw(contentKind(kind).table)} SET editorial_status = ${to}, updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`,
  );
  await syncVisibility(db, kind, id);
  await audit(
    db,
    by,
    'transition',
    kind,
    id,
    { editorial_status: item.editorial_status },
    { editorial_status: to, ...(note ? { note } : {}) },
  );
  return { id, editorial_status: to, allowed: allowedTransitions(by, { ...item, editorial_status: to }) };
}

export type Step = { at: string; actor: string; from: string; to: string };

/** Who moved the item through the workflow, and when. */
export const workflowSteps = (db: Orm, kind: ItemKind, id: string) =>
  rows<Step>(
    db,
    sql`SELECT at, actor, before->>'editorial_status' AS "from", after->>'editorial_status' AS "to" FROM audit_event
        WHERE entity_type = ${kind} AND entity_id = ${id} AND action = 'transition' ORDER BY id`,
  );
