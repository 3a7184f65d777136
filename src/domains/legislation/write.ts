/**
 * Changing legal works: create (with expressions, provision trees and mappings), update metadata,
 * replace the provisions of an expression, delete, and restore an earlier version. Every change
 * checks the editorial policy and writes a full snapshot of the work to the audit log.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { system, type EditorialStatus, type Viewer } from '../../core/access.js';
import type { AuditAction } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { assertCanCreate, assertCanEdit, assertCanSetTier } from '../../core/policy.js';
import { conflict, notFound } from '../../core/errors.js';
import { indexWork } from '../search/indexer.js';
import type { ExpressionInput, ProvisionInput, WorkInput, WorkPatch } from './input.js';
import { legalExpression, legalWork, mapping } from './schema.js';
import { captureBefore, recordWork, snapshotTree, type WorkSnapshot } from './snapshot.js';
import { insertEvents } from './versions.js';
import { expressionUri, getWorkRow, workUri, type Expression, type Work } from './service.js';

const ALL = system('internal');

/** Inserts a provision tree in bulk: rows in document order, then each child linked to its parent by eId. */
async function insertProvisions(db: Orm, expressionId: number, list: ProvisionInput[]) {
  const flat: {
    eid: string;
    parent: string | null;
    position: number;
    kind: string;
    number: string | null;
    heading: string | null;
    text: string;
  }[] = [];
  const walk = (nodes: ProvisionInput[], parent: string | null) => {
    for (const p of nodes) {
      flat.push({
        eid: p.eid,
        parent,
        position: flat.length + 1,
        kind: p.kind ?? (p.children?.length && !p.text ? 'chapter' : 'section'),
        number: p.number ?? null,
        heading: p.heading ?? null,
        text: p.text ?? '',
      });
      walk(p.children ?? [], p.eid);
    }
  };
  walk(list, null);
  for (let i = 0; i < flat.length; i += 5000)
    await db.execute(sql`INSERT INTO provision (expression_id, eid, position, kind, number, heading, text)
      SELECT ${expressionId}, eid, position, kind, number, heading, text FROM jsonb_to_recordset(${JSON.stringify(flat.slice(i, i + 5000))}::jsonb)
        AS x(eid text, position int, kind text, number text, heading text, text text)`);
  const links = flat.filter((f) => f.parent).map((f) => ({ eid: f.eid, parent: f.parent }));
  if (links.length)
    await db.execute(sql`UPDATE provision c SET parent_id = p.id FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(eid text, parent text), provision p
      WHERE c.expression_id = ${expressionId} AND c.eid = x.eid AND p.expression_id = ${expressionId} AND p.eid = x.parent`);
}

async function insertDefinitions(db: Orm, expressionId: number, list: ExpressionInput['definitions']) {
  if (list?.length)
    await db.execute(sql`INSERT INTO definition (expression_id, eid, term, definition)
      SELECT ${expressionId}, eid, term, definition FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS x(eid text, term text, definition text) ON CONFLICT DO NOTHING`);
}

function collectMappings(
  list: ProvisionInput[],
  out: { eid: string; m: NonNullable<ProvisionInput['mappings']>[number] }[] = [],
) {
  for (const p of list) {
    for (const m of p.mappings ?? []) out.push({ eid: p.eid, m });
    if (p.children) collectMappings(p.children, out);
  }
  return out;
}

async function insertMappings(db: Orm, by: Viewer, workId: string, list: ProvisionInput[]) {
  const maps = collectMappings(list);
  if (!maps.length) return;
  await db
    .insert(mapping)
    .values(
      maps.map(({ eid, m }) => ({
        workId,
        eid,
        instrument: m.instrument,
        article: m.article,
        coverage: m.coverage,
        status: 'accepted',
        source: 'editor',
        rationale: m.rationale ?? null,
        reviewer: by.name,
        createdBy: by.name,
      })),
    )
    .onConflictDoNothing();
}

const countProvisionsOf = (db: Orm, expressionId: number) =>
  db.execute(
    sql`UPDATE legal_expression SET provision_count = (SELECT count(*) FROM provision WHERE expression_id = ${expressionId}) WHERE id = ${expressionId}`,
  );

const countProvisions = (list: ProvisionInput[]): number =>
  list.reduce((n, p) => n + 1 + countProvisions(p.children ?? []), 0);

/** Indexes the work for search and writes its audit row (before and after). */
async function recorded(db: Orm, by: Viewer, action: AuditAction, id: string): Promise<Work> {
  await indexWork(db, id);
  await recordWork(db, by, action, id);
  return getWorkRow(db, ALL, id);
}

async function insertExpression(
  db: Orm,
  by: Viewer,
  work: Work,
  input: ExpressionInput,
): Promise<Expression> {
  const existing = await db
    .select({ id: legalExpression.id })
    .from(legalExpression)
    .where(
      and(
        eq(legalExpression.workId, work.id),
        eq(legalExpression.language, input.language),
        eq(legalExpression.date, input.date),
      ),
    );
  if (existing.length)
    throw conflict(`${work.uri} already has a ${input.language} expression dated ${input.date}`);
  const [expr] = await db
    .insert(legalExpression)
    .values({
      workId: work.id,
      language: input.language,
      date: input.date,
      authoritative: input.authoritative,
      title: input.title,
      createdBy: by.name,
    })
    .returning();
  await insertProvisions(db, expr.id, input.provisions);
  await insertDefinitions(db, expr.id, input.definitions);
  await countProvisionsOf(db, expr.id);
  await insertMappings(db, by, work.id, input.provisions);
  return {
    id: expr.id,
    language: expr.language,
    date: expr.date,
    authoritative: expr.authoritative,
    title: expr.title,
    uri: expressionUri(work.uri, expr.language, expr.date),
    provision_count: countProvisions(input.provisions),
  };
}

export async function createWork(
  db: Orm,
  by: Viewer,
  input: WorkInput,
  options: { status?: EditorialStatus } = {},
): Promise<Work> {
  const tier = input.tier ?? 'public';
  assertCanCreate(by, input.country, tier);
  const c = await one<{ iso2: string }>(db, sql`SELECT iso2 FROM country WHERE iso3 = ${input.country}`);
  if (!c) throw notFound(`Country ${input.country}`);
  const uri = workUri(c.iso2, input.type, input.year, input.number);
  const id =
    input.id ??
    `${c.iso2}-${input.type}-${input.year}-${input.number}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (await one(db, sql`SELECT id FROM legal_work WHERE id = ${id} OR uri = ${uri}`))
    throw conflict(`A work with the id ${id} or the URI ${uri} already exists`);
  await db.insert(legalWork).values({
    id,
    country: input.country,
    type: input.type,
    number: input.number,
    year: input.year,
    uri,
    title: input.title,
    shortTitle: input.short_title ?? null,
    dateAdopted: input.date_adopted ?? null,
    datePublished: input.date_published ?? null,
    dateInForce: input.date_in_force ?? null,
    dateRepealed: input.date_repealed ?? null,
    status: input.status,
    source: input.source ?? null,
    licence: input.licence ?? null,
    concepts: input.concepts ?? [],
    tier,
    editorialStatus: by.via === 'system' ? (options.status ?? 'draft') : 'draft',
    createdBy: by.name,
    updatedBy: by.name,
  });
  const work = await getWorkRow(db, ALL, id);
  for (const e of input.expressions) await insertExpression(db, by, work, e);
  if (input.events?.length) await insertEvents(db, by, id, input.events);
  return recorded(db, by, 'create', id);
}

export async function addExpression(
  db: Orm,
  by: Viewer,
  workId: string,
  input: ExpressionInput,
): Promise<Expression> {
  const work = await getWorkRow(db, by, workId);
  assertCanEdit(by, work);
  await captureBefore(db, workId);
  const expression = await insertExpression(db, by, work, input);
  await recorded(db, by, 'update', workId);
  return expression;
}

/**
 * A text read for a work the repository has: authoritative (as read) when it is the work's first —
 * its text was still to come — else a further version, not authoritative until an editor says so.
 */
export async function addText(
  db: Orm,
  by: Viewer,
  workId: string,
  input: ExpressionInput,
): Promise<Expression> {
  const has = await one(db, sql`SELECT 1 FROM legal_expression WHERE work_id = ${workId} LIMIT 1`);
  return addExpression(db, by, workId, { ...input, authoritative: !has && input.authoritative });
}

export async function updateWork(db: Orm, by: Viewer, id: string, patch: WorkPatch): Promise<Work> {
  const current = await getWorkRow(db, by, id);
  assertCanEdit(by, current);
  if (patch.tier) assertCanSetTier(by, patch.tier);
  await captureBefore(db, id);
  const set: PgUpdateSetSource<typeof legalWork> = { updatedBy: by.name, updatedAt: sql`now()` };
  const fields = {
    title: 'title',
    short_title: 'shortTitle',
    date_adopted: 'dateAdopted',
    date_published: 'datePublished',
    date_in_force: 'dateInForce',
    date_repealed: 'dateRepealed',
    status: 'status',
    source: 'source',
    licence: 'licence',
    concepts: 'concepts',
    tier: 'tier',
  } as const;
  for (const [from, to] of Object.entries(fields)) {
    const value = patch[from as keyof typeof fields];
    if (value !== undefined) (set as Record<string, unknown>)[to] = value;
  }
  await db.update(legalWork).set(set).where(eq(legalWork.id, id));
  return recorded(db, by, 'update', id);
}

/** Replaces the provisions (and their mappings) of one expression, e.g. from the provisions editor. */
export async function replaceProvisions(
  db: Orm,
  by: Viewer,
  workId: string,
  expressionId: number,
  provisions: ProvisionInput[],
  action: AuditAction = 'update',
): Promise<Work> {
  const work = await getWorkRow(db, by, workId);
  assertCanEdit(by, work);
  await captureBefore(db, workId);
  const expr = await one<{ id: number }>(
    db,
    sql`SELECT id FROM legal_expression WHERE id = ${expressionId} AND work_id = ${workId}`,
  );
  if (!expr) throw notFound(`Expression ${expressionId}`);
  await db.execute(sql`DELETE FROM provision WHERE expression_id = ${expressionId}`);
  await insertProvisions(db, expressionId, provisions);
  await countProvisionsOf(db, expressionId);
  await db.execute(
    sql`UPDATE legal_work SET updated_at = now(), updated_by = ${by.name} WHERE id = ${workId}`,
  );
  return recorded(db, by, action, workId);
}

export async function deleteWork(db: Orm, by: Viewer, id: string): Promise<void> {
  assertCanEdit(by, await getWorkRow(db, by, id));
  await captureBefore(db, id);
  await db.delete(legalWork).where(eq(legalWork.id, id));
  await indexWork(db, id);
  await recordWork(db, by, 'delete', id);
}

/** Puts a work back as a snapshot from its history shows it: metadata, expressions, provisions and mappings. */
export async function restoreWork(db: Orm, by: Viewer, id: string, snapshot: WorkSnapshot): Promise<Work> {
  const current = await getWorkRow(db, by, id);
  assertCanEdit(by, current);
  await captureBefore(db, id);
  const s = snapshot;
  await db
    .update(legalWork)
    .set({
      title: s.title,
      shortTitle: s.short_title,
      dateAdopted: s.date_adopted,
      datePublished: s.date_published,
      dateInForce: s.date_in_force,
      dateRepealed: s.date_repealed,
      status: s.status,
      source: s.source,
      licence: s.licence,
      concepts: s.concepts,
      updatedBy: by.name,
      updatedAt: sql`now()`,
    })
    .where(eq(legalWork.id, id));
  await db.execute(sql`DELETE FROM legal_expression WHERE work_id = ${id}`);
  await db.execute(sql`DELETE FROM mapping WHERE work_id = ${id} AND status = 'accepted'`);
  await db.execute(sql`DELETE FROM work_event WHERE work_id = ${id}`);
  for (const e of s.expressions)
    await insertExpression(db, by, current, { ...e, provisions: snapshotTree(e.provisions) });
  if (s.events?.length)
    await insertEvents(
      db,
      by,
      id,
      s.events.map((e) => ({
        ...e,
        amending_work: e.amending_work ?? undefined,
        amending_title: e.amending_title ?? undefined,
        note: e.note ?? undefined,
      })),
    );
  if (s.mappings.length)
    await db
      .insert(mapping)
      .values(
        s.mappings.map((m) => ({
          workId: id,
          eid: m.eid,
          instrument: m.instrument,
          article: m.article,
          coverage: m.coverage,
          status: 'accepted',
          source: 'editor',
          rationale: m.rationale,
          reviewer: by.name,
          createdBy: by.name,
        })),
      )
      .onConflictDoNothing();
  return recorded(db, by, 'restore', id);
}
