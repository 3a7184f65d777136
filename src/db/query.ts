/** Small helpers for plain SQL through Drizzle: typed rows, one row, keyset cursors. */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from './connect.js';
import { badRequest } from '../errors.js';

export async function rows<T>(db: Orm, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}

export async function one<T = Record<string, unknown>>(db: Orm, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** An opaque pagination cursor: the sort key and id of the last item of a page. */
export type Cursor = { k: string | number | null; id: string | number };

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (c && typeof c === 'object' && 'id' in c && 'k' in c) return c;
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not valid; use the next_cursor value of a previous page', { field: 'cursor' });
}

/** Fetches limit+1 rows and returns a page with the cursor of its last item. */
export function page<T>(list: T[], limit: number, key: (item: T) => Cursor): { items: T[]; next_cursor: string | null } {
  const items = list.slice(0, limit);
  return { items, next_cursor: list.length > limit ? encodeCursor(key(items[items.length - 1])) : null };
}

/** Keyset pagination over `sort` (a column expression, optional leading '-' = descending) with `id` as tie-break. */
export function keyset(sorts: Record<string, SQL>, id: SQL, sortParam: string, cursorParam: string | undefined) {
  const desc = sortParam.startsWith('-');
  const name = desc ? sortParam.slice(1) : sortParam;
  const key = sorts[name];
  if (!key) throw badRequest(`Unknown sort "${sortParam}"; use one of ${Object.keys(sorts).flatMap((s) => [s, `-${s}`]).join(', ')}`, { field: 'sort' });
  const cursor = decodeCursor(cursorParam);
  const dir = desc ? sql.raw('DESC') : sql.raw('ASC');
  const after = cursor ? (desc ? sql`(${key}, ${id}) < (${cursor.k}, ${cursor.id})` : sql`(${key}, ${id}) > (${cursor.k}, ${cursor.id})`) : sql`true`;
  return { after, orderBy: sql`${key} ${dir}, ${id} ${dir}` };
}

/** Joins optional SQL conditions with AND (true when there are none). */
export function where(...conditions: (SQL | undefined | false | '' | null)[]): SQL {
  const list = conditions.filter((c): c is SQL => !!c);
  return list.length ? sql.join(list, sql` AND `) : sql`true`;
}

/** Cursor pagination over a small list already in memory (reference data), in its given order. */
export function pageArray<T>(list: T[], id: (item: T) => string, cursorParam: string | undefined, limit: number) {
  const cursor = decodeCursor(cursorParam);
  const start = cursor ? list.findIndex((item) => id(item) === String(cursor.id)) + 1 : 0;
  const slice = list.slice(start, start + limit + 1);
  return page(slice, limit, (item) => ({ k: null, id: id(item) }));
}

/** A list bound as one text[] parameter (Drizzle would otherwise spread it into a row). */
export const textArray = (list: readonly string[]) => sql`${sql.param([...list])}::text[]`;
