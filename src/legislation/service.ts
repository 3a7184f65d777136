/**
 * Legal works, their expressions and provisions: create, read, list, update, delete.
 * Services take plain data and a Drizzle handle and return plain data (snake_case, as the API shows it).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { audit } from '../accounts/audit.js';
import { mapping } from '../analysis/schema.js';
import type { Orm } from '../db/connect.js';
import { conflict, notFound } from '../errors.js';
import { iso3 } from '../reference/codes.js';
import { expressionInput, workInput, workPatch, type ExpressionInput, type ProvisionInput, type WorkInput, type WorkPatch } from './input.js';
import { legalExpression, legalWork, provision } from './schema.js';
import { keyset, one, page, rows, where } from '../db/query.js';

export { expressionInput, workInput, workPatch };

/** The columns of a provision every view of it shows. */
export type ProvisionFields = { id: number; eid: string; kind: string; number: string | null; heading: string | null; text: string };
export type ProvisionNode = ProvisionFields & { children: ProvisionNode[] };

export const workUri = (iso2: string, type: string, year: number, number: string) =>
  `/akn/${iso2.toLowerCase()}/${type}/${year}/${encodeURIComponent(number)}`;
export const expressionUri = (uri: string, language: string, date: string) => `${uri}/${language}@${date}`;

const WORK_COLUMNS = sql`w.id, w.country, w.type, w.number, w.year, w.uri, w.title, w.short_title, w.date_adopted, w.date_published,
  w.date_in_force, w.date_repealed, w.status, w.source, w.licence, w.concepts, w.created_at, w.created_by, w.updated_at, w.updated_by`;

export type Work = {
  id: string;
  country: string;
  type: string;
  number: string;
  year: number;
  uri: string;
  title: Record<string, string>;
  short_title: string | null;
  date_adopted: string | null;
  date_published: string | null;
  date_in_force: string | null;
  date_repealed: string | null;
  status: string;
  source: string | null;
  licence: string | null;
  concepts: string[];
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

export type Expression = { id: number; language: string; date: string; authoritative: boolean; title: string; uri: string; provision_count: number };

async function insertProvisions(db: Orm, expressionId: number, list: ProvisionInput[], parentId: number | null, counter: { n: number }) {
  for (const p of list) {
    const [row] = await db
      .insert(provision)
      .values({
        expressionId,
        eid: p.eid,
        parentId,
        position: counter.n++,
        kind: p.kind ?? (p.children?.length && !p.text ? 'chapter' : 'section'),
        number: p.number ?? null,
        heading: p.heading ?? null,
        text: p.text ?? '',
      })
      .returning({ id: provision.id });
    if (p.children?.length) await insertProvisions(db, expressionId, p.children, row.id, counter);
  }
}

function collectMappings(list: ProvisionInput[], out: { eid: string; m: NonNullable<ProvisionInput['mappings']>[number] }[] = []) {
  for (const p of list) {
    for (const m of p.mappings ?? []) out.push({ eid: p.eid, m });
    if (p.children) collectMappings(p.children, out);
  }
  return out;
}

export async function addExpression(db: Orm, actor: string, workId: string, input: ExpressionInput): Promise<Expression> {
  const work = await getWorkRow(db, workId);
  const existing = await db
    .select({ id: legalExpression.id })
    .from(legalExpression)
    .where(and(eq(legalExpression.workId, workId), eq(legalExpression.language, input.language), eq(legalExpression.date, input.date)));
  if (existing.length) throw conflict(`${work.uri} already has a ${input.language} expression dated ${input.date}`);
  const [expr] = await db
    .insert(legalExpression)
    .values({ workId, language: input.language, date: input.date, authoritative: input.authoritative, title: input.title, createdBy: actor })
    .returning();
  await insertProvisions(db, expr.id, input.provisions, null, { n: 1 });
  const maps = collectMappings(input.provisions);
  if (maps.length)
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
          reviewer: actor,
          createdBy: actor,
        })),
      )
      .onConflictDoNothing();
  await audit(db, actor, 'create', 'expression', expressionUri(work.uri, input.language, input.date), null, input);
  const count = collectCount(input.provisions);
  return { id: expr.id, language: expr.language, date: expr.date, authoritative: expr.authoritative, title: expr.title, uri: expressionUri(work.uri, expr.language, expr.date), provision_count: count };
}

const collectCount = (list: ProvisionInput[]): number => list.reduce((n, p) => n + 1 + collectCount(p.children ?? []), 0);

export async function createWork(db: Orm, actor: string, input: WorkInput): Promise<Work> {
  const c = await one<{ iso2: string }>(db, sql`SELECT iso2 FROM country WHERE iso3 = ${input.country}`);
  if (!c) throw notFound(`Country ${input.country}`);
  const uri = workUri(c.iso2, input.type, input.year, input.number);
  const id = input.id ?? `${c.iso2}-${input.type}-${input.year}-${input.number}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const clash = await one(db, sql`SELECT id FROM legal_work WHERE id = ${id} OR uri = ${uri}`);
  if (clash) throw conflict(`A work with the id ${id} or the URI ${uri} already exists`);
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
    createdBy: actor,
    updatedBy: actor,
  });
  for (const e of input.expressions) await addExpression(db, actor, id, e);
  const work = await getWorkRow(db, id);
  await audit(db, actor, 'create', 'work', id, null, work);
  return work;
}

export async function getWorkRow(db: Orm, id: string): Promise<Work> {
  const w = await one<Work>(db, sql`SELECT ${WORK_COLUMNS} FROM legal_work w WHERE w.id = ${id}`);
  if (!w) throw notFound(`Work ${id}`);
  return w;
}

export async function workByUri(db: Orm, uri: string): Promise<Work | undefined> {
  return one<Work>(db, sql`SELECT ${WORK_COLUMNS} FROM legal_work w WHERE w.uri = ${uri}`);
}

export async function expressionsOf(db: Orm, work: Work): Promise<Expression[]> {
  const list = await rows<Omit<Expression, 'uri'>>(
    db,
    sql`SELECT e.id, e.language, e.date, e.authoritative, e.title, (SELECT count(*)::int FROM provision p WHERE p.expression_id = e.id) AS provision_count
        FROM legal_expression e WHERE e.work_id = ${work.id} ORDER BY e.date DESC, e.authoritative DESC, e.language`,
  );
  return list.map((e) => ({ ...e, uri: expressionUri(work.uri, e.language, e.date) }));
}

export async function provisionTree(db: Orm, expressionId: number): Promise<ProvisionNode[]> {
  const list = await rows<ProvisionNode & { parent_id: number | null }>(
    db,
    sql`SELECT id, eid, kind, number, heading, text, parent_id FROM provision WHERE expression_id = ${expressionId} ORDER BY position`,
  );
  const byId = new Map<number, ProvisionNode>();
  const roots: ProvisionNode[] = [];
  for (const { parent_id, ...p } of list) {
    const node = { ...p, children: [] };
    byId.set(p.id, node);
    (parent_id ? byId.get(parent_id)!.children : roots).push(node);
  }
  return roots;
}

/** The expression to show by default: in the wanted language if there is one, else the newest authoritative one. */
export function pickExpression(list: Expression[], language?: string): Expression | undefined {
  return list.find((e) => e.language === language) ?? list.find((e) => e.authoritative) ?? list[0];
}

export async function updateWork(db: Orm, actor: string, id: string, patch: WorkPatch): Promise<Work> {
  const before = await getWorkRow(db, id);
  const set: PgUpdateSetSource<typeof legalWork> = { updatedBy: actor, updatedAt: sql`now()` };
  if (patch.title) set.title = patch.title;
  if (patch.short_title !== undefined) set.shortTitle = patch.short_title;
  if (patch.date_adopted !== undefined) set.dateAdopted = patch.date_adopted;
  if (patch.date_published !== undefined) set.datePublished = patch.date_published;
  if (patch.date_in_force !== undefined) set.dateInForce = patch.date_in_force;
  if (patch.date_repealed !== undefined) set.dateRepealed = patch.date_repealed;
  if (patch.status) set.status = patch.status;
  if (patch.source !== undefined) set.source = patch.source;
  if (patch.licence !== undefined) set.licence = patch.licence;
  if (patch.concepts) set.concepts = patch.concepts;
  await db.update(legalWork).set(set).where(eq(legalWork.id, id));
  const after = await getWorkRow(db, id);
  await audit(db, actor, 'update', 'work', id, before, after);
  return after;
}

export async function deleteWork(db: Orm, actor: string, id: string): Promise<void> {
  const before = await getWorkRow(db, id);
  await db.delete(legalWork).where(eq(legalWork.id, id));
  await audit(db, actor, 'delete', 'work', id, before, null);
}

export const workListQuery = z.object({
  country: iso3.optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  year: z.coerce.number().int().optional(),
  concept: z.string().optional(),
  sort: z.string().default('-year'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorkListQuery = z.infer<typeof workListQuery>;

export async function listWorks(db: Orm, q: WorkListQuery) {
  const sorts = { year: sql`w.year`, title: sql`coalesce(w.title->>'eng', w.short_title, w.id)`, created_at: sql`w.created_at`, country: sql`w.country` };
  const { after, orderBy } = keyset(sorts, sql`w.id`, q.sort, q.cursor);
  const list = await rows<Work & { sort_key: string | number }>(
    db,
    sql`SELECT ${WORK_COLUMNS}, ${sorts[q.sort.replace(/^-/, '') as keyof typeof sorts]} AS sort_key FROM legal_work w
        WHERE ${where(
          q.country && sql`w.country = ${q.country}`,
          q.type && sql`w.type = ${q.type}`,
          q.status && sql`w.status = ${q.status}`,
          q.year !== undefined && sql`w.year = ${q.year}`,
          q.concept && sql`${q.concept} = ANY(w.concepts)`,
          after,
        )}
        ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  const result = page(list, q.limit, (w) => ({ k: w.sort_key, id: w.id }));
  return { ...result, items: result.items.map(({ sort_key: _, ...w }) => w) };
}
