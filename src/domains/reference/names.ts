/**
 * Instrument names and article titles in the reader's language. Reference data changes only when
 * it is loaded (at start-up), so they are read from the database once, before the first page is
 * rendered, and looked up synchronously by the pages; English (the stored English title) is the fallback.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';

type Names = Record<string, string>;
let instruments = new Map<string, Names>();
let articles = new Map<string, Names>();

let loading: Promise<void> | undefined;

/** Reads the names once (again after a failure, e.g. while the database is out of reach). */
export function ensureReferenceNames(db: Orm): Promise<void> {
  loading ??= loadReferenceNames(db).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function loadReferenceNames(db: Orm): Promise<void> {
  const [i, a] = [
    await rows<{ code: string; names: Names }>(db, sql`SELECT code, names FROM instrument`),
    await rows<{ key: string; titles: Names }>(
      db,
      sql`SELECT instrument || ':' || number AS key, titles FROM instrument_article`,
    ),
  ];
  instruments = new Map(i.map((r) => [r.code, r.names]));
  articles = new Map(a.map((r) => [r.key, r.titles]));
}

/** The short name of an instrument ("Budapest Convention", "Convention de Budapest") in `lang`. */
export const instrumentName = (lang: string, code: string, english?: string): string =>
  instruments.get(code)?.[lang] ?? english ?? instruments.get(code)?.en ?? code;

/** The title of an article ("Illegal access", "Accès illégal") in `lang`. */
export const articleTitle = (lang: string, instrument: string, number: string, english?: string): string => {
  const titles = articles.get(`${instrument}:${number}`);
  return titles?.[lang] ?? english ?? titles?.en ?? '';
};
