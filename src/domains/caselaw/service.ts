/** Cases: structured briefs, anonymised parties, citations of provisions and articles. */
import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  EDITORIAL_STATUSES,
  system,
  TIERS,
  visibleTo,
  type EditorialStatus,
  type Viewer,
} from '../../core/access.js';
import { audit, type AuditAction } from '../accounts/audit.js';
import { assertCanCreate, assertCanEdit, assertCanSetTier } from '../../core/policy.js';
import { indexCase } from '../search/indexer.js';
import type { Orm } from '../../core/db/connect.js';
import { keyset, one, page, rows, where } from '../../core/db/query.js';
import { iso3, isoDate, yearNumber, pageCursor } from '../../core/codes.js';
import { caseInput, casePatch, type CaseInput, type CasePatch } from './input.js';
import { conflict, notFound } from '../../core/errors.js';
import { caseCitesArticle, caseCitesProvision, caseParty, legalCase, type Brief } from './schema.js';

export { caseInput, casePatch };

export type CaseRecord = {
  id: string;
  country: string;
  title: string;
  court: string;
  court_level: string;
  date: string;
  case_number: string;
  ecli: string | null;
  language: string;
  brief: Brief;
  outcome: string;
  sentence: string | null;
  concepts: string[];
  keywords: string[];
  tier: string;
  editorial_status: string;
  parties: { role: string; name: string; kind: string; charges: string[] }[];
  /** each with its number, the numbers of the provisions it sits in ("21 (2)" for a paragraph), heading and the law's title */
  cites_provisions: {
    work: string;
    eid: string;
    work_uri: string;
    number: string | null;
    heading: string | null;
    section: string | null;
    work_title: Record<string, string>;
  }[];
  cites_articles: { instrument: string; article: string; title: string }[];
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

const CASE_COLUMNS = sql`c.id, c.country, c.title, c.court, c.court_level, c.date, c.case_number, c.ecli, c.language, c.brief,
  c.outcome, c.sentence, c.concepts, c.keywords, c.tier, c.editorial_status, c.created_at, c.created_by, c.updated_at, c.updated_by`;
const ALL = system('internal');

export const caseSlug = (input: { country: string; date: string; case_number: string }) =>
  `${input.country}-${input.date.slice(0, 4)}-${input.case_number}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

async function writeLinks(
  db: Orm,
  id: string,
  input: Pick<CaseInput, 'parties' | 'cites_provisions' | 'cites_articles'>,
) {
  await db.delete(caseParty).where(eq(caseParty.caseId, id));
  await db.delete(caseCitesProvision).where(eq(caseCitesProvision.caseId, id));
  await db.delete(caseCitesArticle).where(eq(caseCitesArticle.caseId, id));
  if (input.parties.length)
    await db.insert(caseParty).values(
      input.parties.map((p, i) => ({
        caseId: id,
        position: i + 1,
        role: p.role,
        name: p.name,
        kind: p.kind,
        charges: p.charges,
      })),
    );
  if (input.cites_provisions.length)
    await db
      .insert(caseCitesProvision)
      .values(input.cites_provisions.map((p) => ({ caseId: id, workId: p.work, eid: p.eid })))
      .onConflictDoNothing();
  if (input.cites_articles.length)
    await db
      .insert(caseCitesArticle)
      .values(input.cites_articles.map((a) => ({ caseId: id, ...a })))
      .onConflictDoNothing();
}

export async function createCase(
  db: Orm,
  by: Viewer,
  input: CaseInput,
  options: { status?: EditorialStatus } = {},
): Promise<CaseRecord> {
  const tier = input.tier ?? 'public';
  assertCanCreate(by, input.country, tier);
  const id = input.id ?? caseSlug(input);
  if (await one(db, sql`SELECT 1 FROM legal_case WHERE id = ${id}`))
    throw conflict(`A case with the id ${id} already exists`);
  await db.insert(legalCase).values({
    id,
    country: input.country,
    title: input.title,
    court: input.court,
    courtLevel: input.court_level,
    date: input.date,
    caseNumber: input.case_number,
    ecli: input.ecli ?? null,
    language: input.language,
    brief: input.brief,
    outcome: input.outcome,
    sentence: input.sentence ?? null,
    concepts: input.concepts,
    keywords: input.keywords,
    tier,
    editorialStatus: by.via === 'system' ? (options.status ?? 'draft') : 'draft',
    createdBy: by.name,
    updatedBy: by.name,
  });
  await writeLinks(db, id, input);
  await indexCase(db, id);
  const created = await getCase(db, ALL, id);
  await audit(db, by, 'create', 'case', id, null, created);
  return created;
}

/** A case the viewer may see (or 404), with parties and the citations the viewer may see. */
export async function getCase(db: Orm, viewer: Viewer, id: string): Promise<CaseRecord> {
  const c = await one<CaseRecord>(
    db,
    sql`SELECT ${CASE_COLUMNS},
      coalesce((SELECT json_agg(json_build_object('role', p.role, 'name', p.name, 'kind', p.kind, 'charges', p.charges) ORDER BY p.position)
                FROM case_party p WHERE p.case_id = c.id), '[]') AS parties,
      coalesce((SELECT json_agg(json_build_object('work', cp.work_id, 'eid', cp.eid, 'work_uri', w.uri,
                  'number', (SELECT pr.number FROM provision pr JOIN legal_expression e ON e.id = pr.expression_id
                             WHERE e.work_id = cp.work_id AND pr.eid = cp.eid ORDER BY e.authoritative DESC, e.date DESC LIMIT 1),
                  'heading', (SELECT pr.heading FROM provision pr JOIN legal_expression e ON e.id = pr.expression_id
                             WHERE e.work_id = cp.work_id AND pr.eid = cp.eid ORDER BY e.authoritative DESC, e.date DESC LIMIT 1),
                  'section', (SELECT string_agg(pr.number, ' ' ORDER BY length(pr.eid)) FROM provision pr
                             WHERE starts_with(cp.eid, pr.eid || '__') AND pr.expression_id =
                               (SELECT e.id FROM legal_expression e WHERE e.work_id = cp.work_id ORDER BY e.authoritative DESC, e.date DESC LIMIT 1)),
                  'work_title', w.title)
                  ORDER BY cp.work_id, cp.eid)
                FROM case_cites_provision cp JOIN legal_work w ON w.id = cp.work_id WHERE cp.case_id = c.id AND ${visibleTo(viewer, 'w')}), '[]') AS cites_provisions,
      coalesce((SELECT json_agg(json_build_object('instrument', ca.instrument, 'article', ca.article, 'title', a.title) ORDER BY ca.instrument, a.position)
                FROM case_cites_article ca JOIN instrument_article a ON a.instrument = ca.instrument AND a.number = ca.article
                WHERE ca.case_id = c.id), '[]') AS cites_articles
      FROM legal_case c WHERE c.id = ${id} AND ${visibleTo(viewer, 'c')}`,
  );
  if (!c) throw notFound(`Case ${id}`);
  return c;
}

export async function updateCase(
  db: Orm,
  by: Viewer,
  id: string,
  patch: CasePatch,
  action: AuditAction = 'update',
): Promise<CaseRecord> {
  assertCanEdit(by, await getCase(db, by, id));
  if (patch.tier) assertCanSetTier(by, patch.tier);
  const before = await getCase(db, ALL, id);
  const set: PgUpdateSetSource<typeof legalCase> = { updatedBy: by.name, updatedAt: sql`now()` };
  const fields = {
    title: 'title',
    court: 'court',
    court_level: 'courtLevel',
    date: 'date',
    case_number: 'caseNumber',
    ecli: 'ecli',
    language: 'language',
    brief: 'brief',
    outcome: 'outcome',
    sentence: 'sentence',
    concepts: 'concepts',
    keywords: 'keywords',
    tier: 'tier',
  } as const;
  for (const [from, to] of Object.entries(fields)) {
    const value = patch[from as keyof typeof fields];
    if (value !== undefined) (set as Record<string, unknown>)[to] = value;
  }
  await db.update(legalCase).set(set).where(eq(legalCase.id, id));
  if (patch.parties || patch.cites_provisions || patch.cites_articles)
    await writeLinks(db, id, {
      parties:
        patch.parties ??
        before.parties.map((p) => ({
          ...p,
          role: p.role as CaseInput['parties'][number]['role'],
          kind: p.kind as 'person',
        })),
      cites_provisions:
        patch.cites_provisions ?? before.cites_provisions.map(({ work, eid }) => ({ work, eid })),
      cites_articles:
        patch.cites_articles ??
        before.cites_articles.map(({ instrument, article }) => ({ instrument, article })),
    });
  await indexCase(db, id);
  const after = await getCase(db, ALL, id);
  await audit(db, by, action, 'case', id, before, after);
  return after;
}

export async function deleteCase(db: Orm, by: Viewer, id: string): Promise<void> {
  assertCanEdit(by, await getCase(db, by, id));
  const before = await getCase(db, ALL, id);
  await db.delete(legalCase).where(eq(legalCase.id, id));
  await indexCase(db, id);
  await audit(db, by, 'delete', 'case', id, before, null);
}

export const caseListQuery = z.object({
  country: iso3.optional(),
  court_level: z.string().optional(),
  concept: z.string().optional(),
  outcome: z.string().optional(),
  year: yearNumber.optional(),
  from: isoDate.optional().describe('decided on or after this date'),
  to: isoDate.optional().describe('decided on or before this date'),
  cites_work: z.string().optional(),
  tier: z.enum(TIERS).optional(),
  editorial_status: z.enum(EDITORIAL_STATUSES).optional(),
  sort: z.string().default('-date'),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The query as the route's schema (caseListQuery) read it. */
export type CaseListQuery = z.output<typeof caseListQuery>;
export type CaseSummary = Pick<
  CaseRecord,
  | 'id'
  | 'country'
  | 'title'
  | 'court'
  | 'court_level'
  | 'date'
  | 'case_number'
  | 'language'
  | 'outcome'
  | 'concepts'
  | 'tier'
  | 'editorial_status'
>;

export async function listCases(db: Orm, viewer: Viewer, query: CaseListQuery) {
  const q = query;
  const sorts = { date: sql`c.date::text`, title: sql`c.title`, created_at: sql`c.created_at::text` };
  const { after, orderBy } = keyset(sorts, sql`c.id`, q.sort, q.cursor, 'text');
  const key = sorts[q.sort.replace(/^-/, '') as keyof typeof sorts];
  const list = await rows<CaseSummary & { sort_key: string }>(
    db,
    sql`SELECT c.id, c.country, c.title, c.court, c.court_level, c.date, c.case_number, c.language, c.outcome, c.concepts, c.tier, c.editorial_status, ${key} AS sort_key
        FROM legal_case c WHERE ${where(
          visibleTo(viewer, 'c'),
          q.tier && sql`c.tier = ${q.tier}`,
          q.editorial_status && sql`c.editorial_status = ${q.editorial_status}`,
          q.country && sql`c.country = ${q.country}`,
          q.court_level && sql`c.court_level = ${q.court_level}`,
          q.concept && sql`${q.concept} = ANY(c.concepts)`,
          q.outcome && sql`c.outcome = ${q.outcome}`,
          q.year !== undefined && sql`extract(year FROM c.date) = ${q.year}`,
          q.from && sql`c.date >= ${q.from}::date`,
          q.to && sql`c.date <= ${q.to}::date`,
          q.cites_work &&
            sql`EXISTS (SELECT 1 FROM case_cites_provision cp WHERE cp.case_id = c.id AND cp.work_id = ${q.cites_work})`,
          after,
        )} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  const result = page(list, q.limit, (c) => ({ k: c.sort_key, id: c.id }));
  return { ...result, items: result.items.map(({ sort_key: _, ...c }) => c) };
}
