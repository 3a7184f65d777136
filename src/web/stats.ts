/** What the home page shows: counts of what the repository holds and the latest additions. */
import { sql } from 'drizzle-orm';
import type { Orm } from '../db/connect.js';
import { one, rows } from '../db/query.js';

export type Stats = { countries: number; works: number; provisions: number; cases: number; documents: number; instruments: number; mappings: number; concepts: number };

export async function repositoryStats(db: Orm): Promise<Stats> {
  return (await one<Stats>(
    db,
    sql`SELECT (SELECT count(DISTINCT country)::int FROM (SELECT country FROM legal_work UNION SELECT country FROM legal_case) x) AS countries,
      (SELECT count(*)::int FROM legal_work) AS works, (SELECT count(*)::int FROM provision) AS provisions,
      (SELECT count(*)::int FROM legal_case) AS cases, (SELECT count(*)::int FROM document) AS documents,
      (SELECT count(*)::int FROM instrument) AS instruments, (SELECT count(*)::int FROM mapping WHERE status = 'accepted') AS mappings,
      (SELECT count(*)::int FROM concept) AS concepts`,
  ))!;
}

export type Addition = { type: 'work' | 'case' | 'document'; title: string; url: string; country: string | null; language: string | null; created_at: string };

export const latestAdditions = (db: Orm, limit = 8) =>
  rows<Addition>(
    db,
    sql`(SELECT 'work' AS type, coalesce(e.title, w.title->>'eng') AS title, w.uri AS url, w.country, e.language, w.created_at
         FROM legal_work w LEFT JOIN LATERAL (SELECT title, language FROM legal_expression WHERE work_id = w.id ORDER BY authoritative DESC, date DESC LIMIT 1) e ON true)
        UNION ALL (SELECT 'case', title, '/cases/' || id, country, language, created_at FROM legal_case)
        UNION ALL (SELECT 'document', title, '/documents/' || id, country, language, created_at FROM document)
        ORDER BY created_at DESC, url LIMIT ${limit}`,
  );
