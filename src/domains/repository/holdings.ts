/**
 * What the repository holds, as far as a viewer may see: laws, provisions, cases, documents and the
 * countries they come from, what was added in a period, and the latest additions. The home page, the
 * programme report and the API read these counts here.
 */
import { sql } from 'drizzle-orm';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';

export type Stats = {
  countries: number;
  works: number;
  provisions: number;
  cases: number;
  documents: number;
  instruments: number;
  mappings: number;
  concepts: number;
};

/** Counts of what the viewer may see. */
export async function repositoryStats(db: Orm, viewer: Viewer): Promise<Stats> {
  const works = sql`SELECT w.* FROM legal_work w WHERE ${visibleTo(viewer, 'w')}`;
  const cases = sql`SELECT c.* FROM legal_case c WHERE ${visibleTo(viewer, 'c')}`;
  return (await one<Stats>(
    db,
    sql`WITH vw AS (${works}), vc AS (${cases}) SELECT
      (SELECT count(DISTINCT country)::int FROM (SELECT country FROM vw UNION SELECT country FROM vc) x) AS countries,
      (SELECT count(*)::int FROM vw) AS works,
      (SELECT coalesce(sum(e.provision_count), 0)::int FROM legal_expression e WHERE e.work_id IN (SELECT id FROM vw)) AS provisions,
      (SELECT count(*)::int FROM vc) AS cases, (SELECT count(*)::int FROM document d WHERE ${visibleTo(viewer, 'd')}) AS documents,
      (SELECT count(*)::int FROM instrument) AS instruments,
      (SELECT count(*)::int FROM mapping m WHERE m.status = 'accepted' AND m.work_id IN (SELECT id FROM vw)) AS mappings,
      (SELECT count(*)::int FROM concept) AS concepts`,
  ))!;
}

export type Added = { works_added: number; cases_added: number };

/** Laws and cases the viewer may see that were added to the repository in a period. */
export async function addedIn(db: Orm, viewer: Viewer, from: string, to: string): Promise<Added> {
  return (await one<Added>(
    db,
    sql`SELECT (SELECT count(*)::int FROM legal_work w WHERE ${visibleTo(viewer, 'w')} AND w.created_at::date BETWEEN ${from}::date AND ${to}::date) AS works_added,
      (SELECT count(*)::int FROM legal_case c WHERE ${visibleTo(viewer, 'c')} AND c.created_at::date BETWEEN ${from}::date AND ${to}::date) AS cases_added`,
  ))!;
}

export type Addition = {
  type: 'work' | 'case' | 'document';
  title: string;
  url: string;
  country: string | null;
  language: string | null;
  created_at: string;
};

export const latestAdditions = (db: Orm, viewer: Viewer, limit = 8) =>
  rows<Addition>(
    db,
    sql`(SELECT 'work' AS type, coalesce(e.title, w.title->>'eng') AS title, w.uri AS url, w.country, e.language, w.created_at
         FROM legal_work w LEFT JOIN LATERAL (SELECT title, language FROM legal_expression WHERE work_id = w.id ORDER BY authoritative DESC, date DESC LIMIT 1) e ON true
         WHERE ${visibleTo(viewer, 'w')})
        UNION ALL (SELECT 'case', c.title, '/cases/' || c.id, c.country, c.language, c.created_at FROM legal_case c WHERE ${visibleTo(viewer, 'c')})
        UNION ALL (SELECT 'document', d.title, '/documents/' || d.id, d.country, d.language, d.created_at FROM document d WHERE ${visibleTo(viewer, 'd')})
        ORDER BY created_at DESC, url LIMIT ${limit}`,
  );
