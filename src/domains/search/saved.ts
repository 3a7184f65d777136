/** Saved searches of signed-in users: keep, list, delete. The query is kept as a query string. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { conflict, notFound } from '../../core/errors.js';
import { searchQuery } from './params.js';

export type SavedSearch = { id: number; name: string; params: string; created_at: string };

const KEEP = [
  'q',
  'type',
  'country',
  'region',
  'year_from',
  'year_to',
  'language',
  'concept',
  'article',
  'court',
  'status',
  'sort',
];
export const savedSearchInput = z.object({
  name: z.string().trim().min(1, 'Give the search a name').max(120),
  params: z.string().max(2000),
});

/** Only search parameters, validated, in a stable order. */
export function cleanParams(raw: string): string {
  const input = new URLSearchParams(raw);
  const kept = new URLSearchParams();
  for (const key of KEEP) {
    const value = input.get(key);
    if (value) kept.set(key, value);
  }
  const parsed = searchQuery.safeParse(Object.fromEntries(kept));
  if (!parsed.success) throw conflict(`The search is not valid: ${parsed.error.issues[0].message}`);
  return kept.toString();
}

export async function saveSearch(
  db: Orm,
  by: Viewer,
  input: z.infer<typeof savedSearchInput>,
): Promise<SavedSearch> {
  const params = cleanParams(input.params);
  const row = await one<SavedSearch>(
    db,
    sql`INSERT INTO saved_search (user_id, name, params) VALUES (${by.userId}, ${input.name}, ${params}) ON CONFLICT (user_id, name) DO NOTHING RETURNING id, name, params, created_at`,
  );
  if (!row) throw conflict(`You already have a search called "${input.name}"`);
  return row;
}

export const listSavedSearches = (db: Orm, by: Viewer) =>
  rows<SavedSearch>(
    db,
    sql`SELECT id, name, params, created_at FROM saved_search WHERE user_id = ${by.userId} ORDER BY lower(name)`,
  );

export async function deleteSavedSearch(db: Orm, by: Viewer, id: number): Promise<void> {
  const row = await one(
    db,
    sql`DELETE FROM saved_search WHERE id = ${id} AND user_id = ${by.userId} RETURNING id`,
  );
  if (!row) throw notFound(`Saved search ${id}`);
}
