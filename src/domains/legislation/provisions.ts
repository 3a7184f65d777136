/**
 * Reading provisions: one provision with its context (work, expression, mapped articles, citing
 * cases), lists with filters, and the national provisions mapped to an instrument article.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { keyset, one, page, rows, where } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { iso3, pageCursor } from '../../core/codes.js';
import { expressionUri, type ProvisionFields } from './service.js';

export type ProvisionRow = ProvisionFields & {
  work_id: string;
  work_uri: string;
  work_title: Record<string, string>;
  country: string;
  language: string;
  date: string;
  authoritative: boolean;
  uri: string;
};

const PROVISION_SELECT = sql`SELECT p.id, p.eid, p.kind, p.number, p.heading, p.text, w.id AS work_id, w.uri AS work_uri,
  w.title AS work_title, w.country, e.language, e.date, e.authoritative,
  w.uri || '/' || e.language || '@' || e.date || '/~' || p.eid AS uri
  FROM provision p JOIN legal_expression e ON e.id = p.expression_id JOIN legal_work w ON w.id = e.work_id`;

export type ArticleLink = {
  instrument: string;
  article: string;
  title: string;
  coverage: string;
  rationale: string | null;
};
export type CaseLink = { id: string; title: string; country: string; court: string; date: string };

export async function getProvision(db: Orm, viewer: Viewer, id: number) {
  const p = await one<ProvisionRow>(
    db,
    sql`${PROVISION_SELECT} WHERE p.id = ${id} AND ${visibleTo(viewer, 'w')}`,
  );
  if (!p) throw notFound(`Provision ${id}`);
  return withContext(db, viewer, p);
}

export async function provisionByEid(db: Orm, viewer: Viewer, expressionId: number, eid: string) {
  const p = await one<ProvisionRow>(
    db,
    sql`${PROVISION_SELECT} WHERE p.expression_id = ${expressionId} AND p.eid = ${eid} AND ${visibleTo(viewer, 'w')}`,
  );
  if (!p) throw notFound(`Provision ${eid}`);
  return withContext(db, viewer, p);
}

async function withContext(db: Orm, viewer: Viewer, p: ProvisionRow) {
  const [articles, cases, translations] = await Promise.all([
    rows<ArticleLink>(
      db,
      sql`SELECT m.instrument, m.article, a.title, m.coverage, m.rationale FROM mapping m
          JOIN instrument_article a ON a.instrument = m.instrument AND a.number = m.article
          WHERE m.work_id = ${p.work_id} AND m.eid = ${p.eid} AND m.status = 'accepted' ORDER BY m.instrument, a.position`,
    ),
    rows<CaseLink>(
      db,
      sql`SELECT c.id, c.title, c.country, c.court, c.date FROM case_cites_provision cp JOIN legal_case c ON c.id = cp.case_id
          WHERE cp.work_id = ${p.work_id} AND cp.eid = ${p.eid} AND ${visibleTo(viewer, 'c')} ORDER BY c.date DESC`,
    ),
    rows<{ id: number; language: string; date: string; authoritative: boolean }>(
      db,
      sql`SELECT p.id, e.language, e.date, e.authoritative FROM provision p JOIN legal_expression e ON e.id = p.expression_id
          WHERE e.work_id = ${p.work_id} AND p.eid = ${p.eid} ORDER BY e.date DESC, e.authoritative DESC, e.language`,
    ),
  ]);
  const children = await rows<{
    id: number;
    eid: string;
    number: string | null;
    heading: string | null;
    text: string;
  }>(
    db,
    sql`WITH RECURSIVE sub AS (SELECT id, eid, number, heading, text, position FROM provision WHERE parent_id = ${p.id}
        UNION ALL SELECT c.id, c.eid, c.number, c.heading, c.text, c.position FROM provision c JOIN sub ON c.parent_id = sub.id)
        SELECT id, eid, number, heading, text FROM sub ORDER BY position`,
  );
  return {
    ...p,
    expression_uri: expressionUri(p.work_uri, p.language, p.date),
    children,
    articles,
    cases,
    versions: translations,
  };
}

export const provisionListQuery = z.object({
  work: z.string().optional(),
  country: iso3.optional(),
  language: z
    .string()
    .regex(/^[a-z]{3}$/)
    .optional(),
  article: z
    .string()
    .regex(/^[A-Z0-9]+:[0-9A-Za-z.-]+$/, 'instrument and article as CODE:NUMBER, e.g. ETS185:2')
    .optional(),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** The query as the route's schema (provisionListQuery) read it. */
export type ProvisionListQuery = z.output<typeof provisionListQuery>;

export async function listProvisions(db: Orm, viewer: Viewer, query: ProvisionListQuery) {
  const q = query;
  const { after, orderBy } = keyset({ id: [sql`p.id`, 'bigint'] }, sql`p.id`, 'id', q.cursor);
  const [instrument, article] = q.article?.split(':') ?? [];
  const list = await rows<ProvisionRow>(
    db,
    sql`${PROVISION_SELECT} WHERE ${where(
      visibleTo(viewer, 'w'),
      q.work && sql`w.id = ${q.work}`,
      q.country && sql`w.country = ${q.country}`,
      q.language && sql`e.language = ${q.language}`,
      // Driven from the (few) mappings of the article rather than checked on every provision.
      q.article &&
        sql`p.id IN (SELECT mp.id FROM mapping m JOIN legal_expression me ON me.work_id = m.work_id
                     JOIN provision mp ON mp.expression_id = me.id AND mp.eid = m.eid
                     WHERE m.status = 'accepted' AND m.instrument = ${instrument} AND m.article = ${article})`,
      after,
    )} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  return page(list, q.limit, (p) => ({ k: p.id, id: p.id }));
}

export type MappedProvision = ProvisionRow & {
  coverage: string;
  rationale: string | null;
  country_name: Record<string, string>;
};

/** National provisions mapped (accepted) to an article, in each work's authoritative, newest expression. */
export async function provisionsMappedTo(
  db: Orm,
  viewer: Viewer,
  instrument: string,
  article: string,
): Promise<MappedProvision[]> {
  return rows<MappedProvision>(
    db,
    // Per mapping, the provision in the work's preferred expression (a lateral lookup on the
    // (expression_id, eid) index rather than a join over every provision).
    sql`SELECT x.id, x.eid, x.kind, x.number, x.heading, x.text, w.id AS work_id,
          w.uri AS work_uri, w.title AS work_title, w.country, x.language, x.date, x.authoritative,
          w.uri || '/' || x.language || '@' || x.date || '/~' || x.eid AS uri, m.coverage, m.rationale, c.names AS country_name
        FROM mapping m
        JOIN legal_work w ON w.id = m.work_id
        JOIN country c ON c.iso3 = w.country
        CROSS JOIN LATERAL (SELECT p.id, p.eid, p.kind, p.number, p.heading, p.text, e.language, e.date, e.authoritative
                            FROM legal_expression e JOIN provision p ON p.expression_id = e.id AND p.eid = m.eid
                            WHERE e.work_id = w.id ORDER BY e.authoritative DESC, e.date DESC LIMIT 1) x
        WHERE m.instrument = ${instrument} AND m.article = ${article} AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}
        ORDER BY w.country, w.id, x.eid`,
  );
}

export type MappedCountry = { iso3: string; names: Record<string, string>; coverage: string };

/** For each article of an instrument, the countries with a provision mapped (accepted) to it. */
export async function countriesPerArticle(
  db: Orm,
  viewer: Viewer,
  instrument: string,
): Promise<Map<string, MappedCountry[]>> {
  const list = await rows<{ article: string; countries: MappedCountry[] }>(
    db,
    sql`SELECT article, json_agg(jsonb_build_object('iso3', iso3, 'names', names, 'coverage', coverage) ORDER BY names->>'en') AS countries
        FROM (SELECT DISTINCT ON (m.article, c.iso3) m.article, c.iso3, c.names, m.coverage
              FROM mapping m JOIN legal_work w ON w.id = m.work_id JOIN country c ON c.iso3 = w.country
              WHERE m.instrument = ${instrument} AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}
              ORDER BY m.article, c.iso3, m.coverage = 'full' DESC) x
        GROUP BY article`,
  );
  return new Map(list.map((r) => [r.article, r.countries]));
}

export type WorkMapping = {
  eid: string;
  instrument: string;
  instrument_name: string;
  article: string;
  title: string;
  coverage: string;
};

export const mappingsOfWork = (db: Orm, workId: string) =>
  rows<WorkMapping>(
    db,
    sql`SELECT m.eid, m.instrument, i.short_name AS instrument_name, m.article, a.title, m.coverage
        FROM mapping m JOIN instrument_article a ON a.instrument = m.instrument AND a.number = m.article JOIN instrument i ON i.code = m.instrument
        WHERE m.work_id = ${workId} AND m.status = 'accepted' ORDER BY m.instrument, a.position`,
  );
