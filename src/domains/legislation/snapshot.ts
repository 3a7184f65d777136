/**
 * What the audit log keeps of a work: the work, every expression with its provisions (flat, each
 * with its parent's eId) and definitions, the accepted mappings and the events. The snapshot is
 * built by PostgreSQL and goes straight into the audit log, so a law of 300,000 provisions is
 * recorded without passing through the server's memory. The state before a change is captured in
 * a transaction-local table and joined to the state after it in one audit row.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { AuditAction } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import type { ProvisionInput } from './input.js';
import type { Work } from './service.js';

const snapshotOf = (id: string): SQL => sql`(
  SELECT to_jsonb(w) || jsonb_build_object(
    'expressions', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
        'language', e.language, 'date', e.date, 'authoritative', e.authoritative, 'title', e.title,
        'provisions', coalesce((SELECT jsonb_agg(jsonb_build_object('eid', p.eid, 'parent', pp.eid, 'kind', p.kind, 'number', p.number, 'heading', p.heading, 'text', p.text) ORDER BY p.position)
                                FROM provision p LEFT JOIN provision pp ON pp.id = p.parent_id WHERE p.expression_id = e.id), '[]'),
        'definitions', coalesce((SELECT jsonb_agg(jsonb_build_object('eid', d.eid, 'term', d.term, 'definition', d.definition) ORDER BY d.id) FROM definition d WHERE d.expression_id = e.id), '[]')
      ) ORDER BY e.date DESC, e.authoritative DESC, e.language) FROM legal_expression e WHERE e.work_id = w.id), '[]'),
    'mappings', coalesce((SELECT jsonb_agg(jsonb_build_object('eid', m.eid, 'instrument', m.instrument, 'article', m.article, 'coverage', m.coverage, 'rationale', m.rationale) ORDER BY m.eid, m.instrument, m.article)
                          FROM mapping m WHERE m.work_id = w.id AND m.status = 'accepted'), '[]'),
    'events', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', v.kind, 'date', v.date, 'amending_work', v.amending_work_id, 'amending_title', v.amending_title, 'provisions', v.provisions, 'note', v.note) ORDER BY v.date, v.id)
                        FROM work_event v WHERE v.work_id = w.id), '[]'))
  FROM legal_work w WHERE w.id = ${id})`;

const ensureTable = (db: Orm) =>
  db.execute(
    sql`CREATE TEMP TABLE IF NOT EXISTS audit_before (entity_id text PRIMARY KEY, snapshot jsonb) ON COMMIT DELETE ROWS`,
  );

/** Keeps the work as it is now, to be recorded as the "before" of the change that follows (in the same transaction). */
export async function captureBefore(db: Orm, id: string): Promise<void> {
  await ensureTable(db);
  await db.execute(
    sql`INSERT INTO pg_temp.audit_before (entity_id, snapshot) VALUES (${id}, ${snapshotOf(id)}) ON CONFLICT (entity_id) DO UPDATE SET snapshot = EXCLUDED.snapshot`,
  );
}

/** Writes the audit row of a change: the captured "before" (if any) and the work as it is now (none when deleted). */
export async function recordWork(db: Orm, by: Viewer, action: AuditAction, id: string): Promise<void> {
  await ensureTable(db);
  await db.execute(sql`INSERT INTO audit_event (actor, user_id, action, entity_type, entity_id, before, after)
    SELECT ${by.name}, ${by.userId}, ${action}, 'work', ${id}, (SELECT snapshot FROM pg_temp.audit_before WHERE entity_id = ${id}), ${action === 'delete' ? sql`NULL` : snapshotOf(id)}`);
  await db.execute(sql`DELETE FROM pg_temp.audit_before WHERE entity_id = ${id}`);
}

type FlatProvision = {
  eid: string;
  parent?: string | null;
  kind?: string;
  number?: string | null;
  heading?: string | null;
  text?: string;
  children?: FlatProvision[];
};
export type WorkSnapshot = Pick<
  Work,
  | 'title'
  | 'short_title'
  | 'date_adopted'
  | 'date_published'
  | 'date_in_force'
  | 'date_repealed'
  | 'status'
  | 'source'
  | 'licence'
  | 'concepts'
> & {
  expressions: {
    language: string;
    date: string;
    authoritative: boolean;
    title: string;
    provisions: FlatProvision[];
    definitions?: { eid: string; term: string; definition: string }[];
  }[];
  mappings: {
    eid: string;
    instrument: string;
    article: string;
    coverage: 'full' | 'partial' | 'none';
    rationale: string | null;
  }[];
  events?: {
    kind: 'amendment' | 'commencement' | 'repeal';
    date: string;
    amending_work: string | null;
    amending_title: string | null;
    provisions: string[];
    note: string | null;
  }[];
};

/** A snapshot's provisions as a tree (snapshots written before they were flat hold trees already). */
export function snapshotTree(list: FlatProvision[]): ProvisionInput[] {
  const clean = (p: FlatProvision): ProvisionInput => ({
    eid: p.eid,
    kind: p.kind,
    number: p.number ?? undefined,
    heading: p.heading ?? undefined,
    text: p.text,
  });
  if (list.some((p) => p.children)) {
    const walk = (l: FlatProvision[]): ProvisionInput[] =>
      l.map((p) => ({ ...clean(p), ...(p.children?.length ? { children: walk(p.children) } : {}) }));
    return walk(list);
  }
  const nodes = new Map<string, ProvisionInput>();
  const roots: ProvisionInput[] = [];
  for (const p of list) {
    const node = clean(p);
    nodes.set(p.eid, node);
    const parent = p.parent ? nodes.get(p.parent) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
