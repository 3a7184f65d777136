/**
 * An item's history from the audit log, with a field-level diff between the snapshots each event
 * kept, and restoring the version an event left behind.
 */
import { sql } from 'drizzle-orm';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, textArray } from '../../core/db/query.js';
import { AppError, notFound } from '../../core/errors.js';
import { contentKind, type ItemKind } from './content-kinds.js';

export type Change = { field: string; before: string | null; after: string | null };
export type HistoryEvent = {
  id: number;
  at: string;
  actor: string;
  action: string;
  changes: Change[];
  restorable: boolean;
};

const BOOKKEEPING = new Set(['updated_at', 'updated_by', 'created_at', 'created_by', 'editorial_status']);

/** Flattens a snapshot to path → text; lists of provisions are keyed by eId, expressions by language@date. */
function flatten(value: unknown, path: string, out: Map<string, string>) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const o = item as Record<string, unknown>;
      const key =
        o && typeof o === 'object'
          ? o.instrument && o.article
            ? `${o.eid ? `${String(o.eid)} ` : ''}${String(o.instrument)} ${String(o.article)}`
            : (o.eid ?? (o.language && o.date ? `${o.language}@${o.date}` : i))
          : i;
      flatten(item, `${path}[${String(key)}]`, out);
    });
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as object))
      if (!(path === '' && BOOKKEEPING.has(k))) flatten(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, String(value));
}

export function diff(before: unknown, after: unknown): Change[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  const fields = [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f));
  return fields.map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}

type Snapshot = Record<string, unknown> & {
  cites_provisions?: { work?: unknown }[];
  events?: { amending_work?: unknown }[];
};

const isSnapshot = (s: unknown): s is Snapshot => !!s && typeof s === 'object' && !Array.isArray(s);
/** The other works a snapshot refers to: a case's cited provisions, a work's amending laws. */
const referencedWorks = (s: Snapshot): string[] =>
  [
    ...(Array.isArray(s.cites_provisions) ? s.cites_provisions.map((c) => c?.work) : []),
    ...(Array.isArray(s.events) ? s.events.map((e) => e?.amending_work) : []),
  ].filter((w): w is string => typeof w === 'string');

const notShown = (n: number) =>
  n === 1 ? '1 cited provision you cannot see' : `${n} cited provisions you cannot see`;
const HIDDEN_LAW = 'a law you cannot see';

/**
 * A snapshot as the viewer may see it: the audit log keeps everything, but a cited provision of a
 * work the viewer cannot see is left out (only how many there are is said), and an amending law
 * the viewer cannot see is named as such, without its id, heading or address.
 */
function redact(s: unknown, visible: Set<string>): unknown {
  if (!isSnapshot(s)) return s;
  const out: Snapshot = { ...s };
  if (Array.isArray(s.cites_provisions)) {
    const shown = s.cites_provisions.filter((c) => typeof c?.work === 'string' && visible.has(c.work));
    out.cites_provisions = shown;
    if (shown.length < s.cites_provisions.length)
      out.cites_provisions_not_shown = notShown(s.cites_provisions.length - shown.length);
  }
  if (Array.isArray(s.events))
    out.events = s.events.map((e) =>
      typeof e?.amending_work === 'string' && !visible.has(e.amending_work)
        ? { ...e, amending_work: HIDDEN_LAW }
        : e,
    );
  return out;
}

/** The item's history as the viewer may see it (the caller has checked that the viewer sees the item). */
export async function history(db: Orm, viewer: Viewer, kind: ItemKind, id: string): Promise<HistoryEvent[]> {
  const events = await rows<{
    id: number;
    at: string;
    actor: string;
    action: string;
    before: unknown;
    after: unknown;
  }>(
    db,
    sql`SELECT id, at, actor, action, before, after FROM audit_event WHERE entity_type = ${kind} AND entity_id = ${id} ORDER BY id DESC`,
  );
  const referenced = [
    ...new Set(
      events
        .flatMap((e) => [e.before, e.after])
        .filter(isSnapshot)
        .flatMap(referencedWorks),
    ),
  ];
  const visible = new Set(
    referenced.length
      ? (
          await rows<{ id: string }>(
            db,
            sql`SELECT w.id FROM legal_work w WHERE w.id = ANY(${textArray(referenced)}) AND ${visibleTo(viewer, 'w')}`,
          )
        ).map((w) => w.id)
      : [],
  );
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    changes: diff(redact(e.before, visible), redact(e.after, visible)),
    restorable: e.action !== 'transition' && e.action !== 'delete' && e.after !== null,
  }));
}

/** Restores the item as it was right after the given event. */
export async function restoreVersion(
  db: Orm,
  by: Viewer,
  kind: ItemKind,
  id: string,
  eventId: number,
): Promise<void> {
  const event = await one<{ after: unknown; action: string }>(
    db,
    sql`SELECT after, action FROM audit_event WHERE id = ${eventId} AND entity_type = ${kind} AND entity_id = ${id}`,
  );
  if (!event) throw notFound(`Version ${eventId}`);
  if (!event.after || event.action === 'transition')
    throw new AppError(409, 'not_restorable', 'That event did not leave a version of the item to restore');
  await contentKind(kind).restore(db, by, id, event.after);
}
