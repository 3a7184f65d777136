/**
 * A law over time and across languages: the expression in force on a date, the changes between
 * two expressions (aligned by eId, with word-level differences), expressions side by side
 * (translations), and the timeline of versions, amendments and commencements.
 */
import { diffArrays, diffWords } from 'diff';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { assertCanEdit } from '../../core/policy.js';
import { badRequest, notFound } from '../../core/errors.js';
import { isoDate } from '../../core/codes.js';
import type { eventInput } from './input.js';
import { captureBefore, recordWork } from './snapshot.js';
import {
  expressionsOf,
  provisionTree,
  chooseExpression,
  type Expression,
  type ProvisionFields,
  type ProvisionNode,
  type Work,
} from './service.js';

/** "eng@2020-01-01" → the expression of that language in force on that date. */
export function expressionByRef(list: Expression[], ref: string): Expression {
  const m = /^([a-z]{3})@(\d{4}-\d{2}-\d{2})$/.exec(ref);
  if (!m || !isoDate.safeParse(m[2]).success)
    throw badRequest(
      `"${ref}" is not an expression reference such as eng@2020-01-01 (a language and a date that exists)`,
      { field: 'ref' },
    );
  const found = chooseExpression(list, { language: m[1], at: m[2] });
  if (!found) throw notFound(`Expression ${ref}`);
  return found;
}

type Flat = ProvisionFields & { depth: number };
const flatten = (nodes: ProvisionNode[], depth = 0, out: Flat[] = []): Flat[] => {
  for (const { children, ...p } of nodes) {
    out.push({ ...p, depth });
    flatten(children, depth + 1, out);
  }
  return out;
};

export type WordChange = { op: 'equal' | 'insert' | 'delete'; text: string };
export type DiffRow = {
  eid: string;
  depth: number;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  label: WordChange[];
  text: WordChange[];
};

const words = (a: string, b: string): WordChange[] =>
  diffWords(a, b).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
const labelOf = (p: Flat) => [p.number, p.heading].filter(Boolean).join(' ');

/** The provisions of two expressions aligned by eId, each with what changed, word by word. */
export async function diffExpressions(
  db: Orm,
  from: Expression,
  to: Expression,
): Promise<{ rows: DiffRow[]; summary: Record<DiffRow['status'], number> }> {
  const [a, b] = await Promise.all([
    provisionTree(db, from.id).then((t) => flatten(t)),
    provisionTree(db, to.id).then((t) => flatten(t)),
  ]);
  const byA = new Map(a.map((p) => [p.eid, p]));
  const byB = new Map(b.map((p) => [p.eid, p]));
  const out: DiffRow[] = [];
  for (const part of diffArrays(
    a.map((p) => p.eid),
    b.map((p) => p.eid),
  )) {
    for (const id of part.value) {
      const pa = part.added ? undefined : byA.get(id);
      const pb = part.removed ? undefined : byB.get(id);
      if (pa && pb) {
        const same = labelOf(pa) === labelOf(pb) && pa.text === pb.text;
        out.push({
          eid: id,
          depth: pb.depth,
          status: same ? 'unchanged' : 'changed',
          label: words(labelOf(pa), labelOf(pb)),
          text: same ? [{ op: 'equal', text: pb.text }] : words(pa.text, pb.text),
        });
      } else if (pb) {
        // an eId that moved shows as removed at its old place and added at its new one
        out.push({
          eid: id,
          depth: pb.depth,
          status: 'added',
          label: [{ op: 'insert', text: labelOf(pb) }],
          text: [{ op: 'insert', text: pb.text }],
        });
      } else if (pa)
        out.push({
          eid: id,
          depth: pa.depth,
          status: 'removed',
          label: [{ op: 'delete', text: labelOf(pa) }],
          text: [{ op: 'delete', text: pa.text }],
        });
    }
  }
  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const r of out) summary[r.status]++;
  return { rows: out, summary };
}

export type ParallelRow = { eid: string; depth: number; cells: (ProvisionFields | null)[] };

/** Several expressions side by side, provision by provision (the first one's order, then what only the others have). */
export async function sideBySide(db: Orm, list: Expression[]): Promise<ParallelRow[]> {
  const flats = await Promise.all(list.map((e) => provisionTree(db, e.id).then((t) => flatten(t))));
  const maps = flats.map((f) => new Map(f.map((p) => [p.eid, p])));
  const order: Flat[] = [];
  const seen = new Set<string>();
  for (const f of flats) for (const p of f) if (!seen.has(p.eid)) seen.add(p.eid), order.push(p);
  return order.map((p) => ({ eid: p.eid, depth: p.depth, cells: maps.map((m) => m.get(p.eid) ?? null) }));
}

export type WorkEvent = {
  id: number;
  kind: string;
  date: string;
  amending_work: string | null;
  amending_uri: string | null;
  amending_title: string | null;
  provisions: string[];
  note: string | null;
};

/** A work's events; an amending work is named (and linked) only for a viewer who may see it, else only by the title given. */
export async function listEvents(db: Orm, viewer: Viewer, work: Work): Promise<WorkEvent[]> {
  return rows<WorkEvent>(
    db,
    sql`SELECT e.id, e.kind, e.date::text, a.id AS amending_work, a.uri AS amending_uri, coalesce(e.amending_title, (SELECT value FROM jsonb_each_text(a.title) LIMIT 1)) AS amending_title, e.provisions, e.note
        FROM work_event e LEFT JOIN legal_work a ON a.id = e.amending_work_id AND ${visibleTo(viewer, 'a')}
        WHERE e.work_id = ${work.id} ORDER BY e.date, e.id`,
  );
}

export async function insertEvents(
  db: Orm,
  by: Viewer,
  workId: string,
  list: z.infer<typeof eventInput>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const e of list) {
    if (e.amending_work && !(await one(db, sql`SELECT 1 FROM legal_work WHERE id = ${e.amending_work}`)))
      throw badRequest(
        `The amending work ${e.amending_work} is not in the repository; give its title in amending_title`,
      );
    const row = await one<{ id: number }>(
      db,
      sql`INSERT INTO work_event (work_id, kind, date, amending_work_id, amending_title, provisions, note, created_by)
          VALUES (${workId}, ${e.kind}, ${e.date}, ${e.amending_work ?? null}, ${e.amending_title ?? null}, ${sql.param(e.provisions)}::text[], ${e.note ?? null}, ${by.name}) RETURNING id`,
    );
    ids.push(row!.id);
  }
  return ids;
}

export async function addEvent(
  db: Orm,
  by: Viewer,
  work: Work,
  input: z.infer<typeof eventInput>,
): Promise<WorkEvent> {
  assertCanEdit(by, work);
  await captureBefore(db, work.id);
  const [id] = await insertEvents(db, by, work.id, [input]);
  await recordWork(db, by, 'update', work.id);
  return (await listEvents(db, by, work)).find((e) => e.id === id)!;
}

export async function deleteEvent(db: Orm, by: Viewer, work: Work, id: number): Promise<void> {
  assertCanEdit(by, work);
  await captureBefore(db, work.id);
  const gone = await one<{ id: number }>(
    db,
    sql`DELETE FROM work_event WHERE id = ${id} AND work_id = ${work.id} RETURNING id`,
  );
  if (!gone) throw notFound(`Event ${id}`);
  await recordWork(db, by, 'update', work.id);
}

export type TimelineEntry = {
  date: string;
  kind: 'version' | WorkEvent['kind'];
  expression?: Expression;
  event?: WorkEvent;
  previous?: Expression;
};

/** Versions (with the one before, in the same language, to compare against) and events, by date. */
export async function timeline(db: Orm, viewer: Viewer, work: Work): Promise<TimelineEntry[]> {
  const [expressions, events] = await Promise.all([expressionsOf(db, work), listEvents(db, viewer, work)]);
  const versions = expressions.map<TimelineEntry>((e) => ({
    date: e.date,
    kind: 'version',
    expression: e,
    previous: expressions
      .filter((x) => x.language === e.language && x.date < e.date)
      .sort((x, y) => y.date.localeCompare(x.date))[0],
  }));
  return [
    ...versions,
    ...events.map<TimelineEntry>((e) => ({ date: e.date, kind: e.kind as TimelineEntry['kind'], event: e })),
  ].sort((x, y) => x.date.localeCompare(y.date) || (x.kind === 'version' ? 1 : -1));
}
