/** Small helpers for plain SQL through Drizzle: typed rows, one row, keyset cursors. */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from './connect.js';
import { z } from 'zod';
import { AppError, badRequest } from '../errors.js';
import { badCharacter } from '../text.js';

export async function rows<T>(db: Orm, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}

export async function one<T = Record<string, unknown>>(db: Orm, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/**
 * `load`, kept per database handle and read again once `ms` old: for what changes rarely and is
 * asked on every request. Per handle, so that a process holding several databases (tests do) never
 * answers one with another's; callers asking while it is read share the reading.
 */
export function keptPerDatabase<T>(ms: number, load: (db: Orm) => Promise<T>): (db: Orm) => Promise<T> {
  const kept = new WeakMap<Orm, { at: number; value: Promise<T> }>();
  return (db) => {
    const known = kept.get(db);
    if (known && Date.now() - known.at < ms) return known.value;
    const entry = { at: Date.now(), value: load(db) };
    kept.set(db, entry);
    entry.value.catch(() => kept.get(db) === entry && kept.delete(db)); // a failure is not kept
    return entry.value;
  };
}

/** The largest PostgreSQL integer: ids and counts past it cannot be stored or looked up. */
export const PG_INT_MAX = 2_147_483_647;

/** An opaque pagination cursor: the sort key and id of the last item of a page. */
export type Cursor = { k: string | number | null; id: string | number };

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** The type of a sort key or id in SQL, which a cursor's value must have to be compared with it. */
export type KeyType = 'text' | 'int' | 'bigint' | 'number' | 'timestamp';

const INT = z
  .number()
  .int()
  .min(-PG_INT_MAX - 1)
  .max(PG_INT_MAX);
const TEXT = z
  .string()
  .max(1000)
  .refine((s) => !badCharacter(s));
const KEY: Record<KeyType, z.ZodType> = {
  text: TEXT,
  int: INT,
  bigint: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  number: z.number().finite(),
  // As PostgreSQL writes a timestamptz (2026-01-31 09:00:00.123+00) or as JSON writes a Date.
  timestamp: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)?$/,
    )
    .refine(
      (s) =>
        !s.startsWith('0000') &&
        !Number.isNaN(Date.parse(`${s.slice(0, 10)}T00:00:00Z`)) &&
        new Date(`${s.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(s.slice(0, 10)),
    ),
};
/** The type of an id column: integer, bigint (read as a JS number) or text. */
export type IdType = 'int' | 'bigint' | 'text';
const ID: Record<IdType, z.ZodType> = {
  int: INT.min(1),
  bigint: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  text: TEXT,
};

const invalidCursor = () =>
  new AppError(
    400,
    'invalid_cursor',
    'The cursor is not valid; use the next_cursor value of a previous page',
    { field: 'cursor' },
  );

/**
 * A cursor sent back by a client, checked against the types of the sort key and id it will be
 * compared with: anything else (forged, from another sort, not base64 JSON) is 400 invalid_cursor.
 */
export function decodeCursor(
  raw: string | undefined,
  key: KeyType = 'text',
  id: IdType = 'bigint',
): Cursor | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const shape = z.object({ k: KEY[key].nullable(), id: ID[id] }).strict();
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as Cursor;
}

/** Fetches limit+1 rows and returns a page with the cursor of its last item. */
export function page<T>(
  list: T[],
  limit: number,
  key: (item: T) => Cursor,
): { items: T[]; next_cursor: string | null } {
  const items = list.slice(0, limit);
  return { items, next_cursor: list.length > limit ? encodeCursor(key(items[items.length - 1])) : null };
}

/** A sort key: text, or an expression with its type. */
export type SortKey = SQL | [SQL, KeyType];

/**
 * Keyset pagination over `sort` (a column expression, optional leading '-' = descending) with `id` as tie-break.
 * A sort key is text unless given with its type, `[sql, 'int']`; `idType` is the type of `id`.
 */
export function keyset(
  sorts: Record<string, SortKey>,
  id: SQL,
  sortParam: string,
  cursorParam: string | undefined,
  idType: IdType = 'bigint',
) {
  const desc = sortParam.startsWith('-');
  const name = desc ? sortParam.slice(1) : sortParam;
  const sort = sorts[name];
  const [key, keyType] = Array.isArray(sort) ? sort : [sort, 'text' as const];
  if (!key)
    throw badRequest(
      `Unknown sort "${sortParam}"; use one of ${Object.keys(sorts)
        .flatMap((s) => [s, `-${s}`])
        .join(', ')}`,
      { field: 'sort' },
    );
  const cursor = decodeCursor(cursorParam, keyType, idType);
  const dir = desc ? sql.raw('DESC') : sql.raw('ASC');
  const after = cursor
    ? desc
      ? sql`(${key}, ${id}) < (${cursor.k}, ${cursor.id})`
      : sql`(${key}, ${id}) > (${cursor.k}, ${cursor.id})`
    : sql`true`;
  return { after, orderBy: sql`${key} ${dir}, ${id} ${dir}`, key };
}

/** Joins optional SQL conditions with AND (true when there are none). */
export function where(...conditions: (SQL | undefined | false | '' | null)[]): SQL {
  const list = conditions.filter((c): c is SQL => !!c);
  return list.length ? sql.join(list, sql` AND `) : sql`true`;
}

/** Cursor pagination over a small list already in memory (reference data), in its given order. */
export function pageArray<T>(
  list: T[],
  id: (item: T) => string,
  cursorParam: string | undefined,
  limit: number,
) {
  const cursor = decodeCursor(cursorParam, 'text', 'text');
  const start = cursor ? list.findIndex((item) => id(item) === String(cursor.id)) + 1 : 0;
  const slice = list.slice(start, start + limit + 1);
  return page(slice, limit, (item) => ({ k: null, id: id(item) }));
}

/** A list bound as one text[] parameter (Drizzle would otherwise spread it into a row). */
export const textArray = (list: readonly string[]) => sql`${sql.param([...list])}::text[]`;
