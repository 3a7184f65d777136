/**
 * Reading legal works, their expressions and provision trees — always through the viewer's access
 * (tier and editorial status). Writing is in write.ts. Services return plain data in snake_case.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { EDITORIAL_STATUSES, TIERS, visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { keyset, one, page, rows, where, type SortKey } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { iso3, yearNumber, pageCursor } from '../../core/codes.js';

/** The columns of a provision every view of it shows. */
export type ProvisionFields = {
  id: number;
  eid: string;
  kind: string;
  number: string | null;
  heading: string | null;
  text: string;
};
export type ProvisionNode = ProvisionFields & { children: ProvisionNode[] };

export const workUri = (iso2: string, type: string, year: number, number: string) =>
  `/akn/${iso2.toLowerCase()}/${type}/${year}/${encodeURIComponent(number)}`;
export const expressionUri = (uri: string, language: string, date: string) => `${uri}/${language}@${date}`;

/** The work with this country, type, year and number, if the repository has it (whatever its tier: the URI is unique), and how many texts it has. */
export async function findWork(
  db: Orm,
  w: { country: string; type: string; year: number; number: string },
): Promise<{ id: string; uri: string; title: Record<string, string>; texts: number } | undefined> {
  return one(
    db,
    sql`SELECT w.id, w.uri, w.title, (SELECT count(*)::int FROM legal_expression e WHERE e.work_id = w.id) AS texts
        FROM legal_work w JOIN country c ON c.iso3 = ${w.country} WHERE w.uri = '/akn/' || lower(c.iso2) || '/' || ${w.type} || '/' || ${w.year} || '/' || ${encodeURIComponent(w.number)}`,
  );
}

export const WORK_COLUMNS = sql`w.id, w.country, w.type, w.number, w.year, w.uri, w.title, w.short_title, w.date_adopted, w.date_published,
  w.date_in_force, w.date_repealed, w.status, w.source, w.licence, w.concepts, w.tier, w.editorial_status,
  w.created_at, w.created_by, w.updated_at, w.updated_by`;

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
  tier: string;
  editorial_status: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

export type Expression = {
  id: number;
  language: string;
  date: string;
  authoritative: boolean;
  title: string;
  uri: string;
  provision_count: number;
};

/** A work the viewer may see, or 404 (a hidden item is indistinguishable from a missing one). */
export async function getWorkRow(db: Orm, viewer: Viewer, id: string): Promise<Work> {
  const w = await one<Work>(
    db,
    sql`SELECT ${WORK_COLUMNS} FROM legal_work w WHERE w.id = ${id} AND ${visibleTo(viewer, 'w')}`,
  );
  if (!w) throw notFound(`Work ${id}`);
  return w;
}

export const workByUri = (db: Orm, viewer: Viewer, uri: string) =>
  one<Work>(
    db,
    sql`SELECT ${WORK_COLUMNS} FROM legal_work w WHERE w.uri = ${uri} AND ${visibleTo(viewer, 'w')}`,
  );

export async function expressionsOf(db: Orm, work: Work): Promise<Expression[]> {
  const list = await rows<Omit<Expression, 'uri'>>(
    db,
    sql`SELECT e.id, e.language, e.date, e.authoritative, e.title, e.provision_count
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

/** The terms an expression's text defines, alphabetically, with the defining provision. */
export const definitionsOf = (db: Orm, expressionId: number) =>
  rows<{ eid: string; term: string }>(
    db,
    sql`SELECT eid, term FROM definition WHERE expression_id = ${expressionId} ORDER BY lower(term), eid`,
  );

/** The expression to show by default: in the wanted language if there is one, else the newest authoritative one. */
function pickExpression(list: Expression[], language?: string): Expression | undefined {
  return list.find((e) => e.language === language) ?? list.find((e) => e.authoritative) ?? list[0];
}

/** The expression in force on a date: the newest dated on or before it, in the wanted language if there is one. */
function expressionAt(list: Expression[], date: string, language?: string): Expression | undefined {
  const before = list.filter((e) => e.date <= date).sort((a, b) => b.date.localeCompare(a.date));
  return before.find((e) => e.language === language) ?? before.find((e) => e.authoritative) ?? before[0];
}

/** Which version of a law a reader, a page, the suggester or an export asks for. */
export type ExpressionChoice = {
  /** Only versions in this language. */
  language?: string;
  /** The language to prefer (the reader's; by default `language`); else the authoritative version; else the newest. */
  prefer?: string;
  /** The version of exactly this date (ignored when `at` is given). */
  date?: string;
  /** The version in force on this date (point in time): the newest dated on or before it. */
  at?: string;
};

/**
 * The one rule for choosing the version of a law to show or use: pages, the API, the suggester and the
 * Akoma Ntoso and Word exports all choose with it. `list` is `expressionsOf(work)`, newest first.
 */
export function chooseExpression(list: Expression[], choice: ExpressionChoice): Expression | undefined {
  let candidates = choice.language ? list.filter((e) => e.language === choice.language) : list;
  if (choice.date && !choice.at) candidates = candidates.filter((e) => e.date === choice.date);
  const prefer = choice.prefer ?? choice.language;
  return choice.at ? expressionAt(candidates, choice.at, prefer) : pickExpression(candidates, prefer);
}

export const workListQuery = z.object({
  country: iso3.optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  year: yearNumber.optional(),
  concept: z.string().optional(),
  tier: z.enum(TIERS).optional(),
  editorial_status: z.enum(EDITORIAL_STATUSES).optional(),
  sort: z.string().default('-year'),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The query as the route's schema (workListQuery) read it. */
export type WorkListQuery = z.output<typeof workListQuery>;

export async function listWorks(db: Orm, viewer: Viewer, query: WorkListQuery) {
  const q = query;
  const sorts = {
    year: [sql`w.year`, 'int'],
    title: sql`coalesce(w.title->>'eng', w.short_title, w.id)`,
    created_at: [sql`w.created_at`, 'timestamp'],
    country: sql`w.country`,
  } satisfies Record<string, SortKey>;
  const { after, orderBy, key } = keyset(sorts, sql`w.id`, q.sort, q.cursor, 'text');
  const list = await rows<Work & { sort_key: string | number }>(
    db,
    sql`SELECT ${WORK_COLUMNS}, ${key} AS sort_key FROM legal_work w
        WHERE ${where(
          visibleTo(viewer, 'w'),
          q.country && sql`w.country = ${q.country}`,
          q.type && sql`w.type = ${q.type}`,
          q.status && sql`w.status = ${q.status}`,
          q.year !== undefined && sql`w.year = ${q.year}`,
          q.concept && sql`${q.concept} = ANY(w.concepts)`,
          q.tier && sql`w.tier = ${q.tier}`,
          q.editorial_status && sql`w.editorial_status = ${q.editorial_status}`,
          after,
        )}
        ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  const result = page(list, q.limit, (w) => ({ k: w.sort_key, id: w.id }));
  return { ...result, items: result.items.map(({ sort_key: _, ...w }) => w) };
}

export type RecentLaw = {
  id: string;
  uri: string;
  title: Record<string, string>;
  country: string;
  country_names: Record<string, string>;
  editorial_status: string;
  tier: string;
  year: number;
  updated_at: string;
};

/** The laws the viewer may see, of every editorial status, most recently changed first (an editor's home). */
export const recentWorks = (db: Orm, viewer: Viewer, limit = 25) =>
  rows<RecentLaw>(
    db,
    sql`SELECT w.id, w.uri, w.title, w.country, c.names AS country_names, w.editorial_status, w.tier, w.year, w.updated_at::text
        FROM legal_work w JOIN country c ON c.iso3 = w.country WHERE ${visibleTo(viewer, 'w')} ORDER BY w.updated_at DESC, w.id LIMIT ${limit}`,
  );
