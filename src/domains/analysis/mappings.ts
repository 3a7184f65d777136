/**
 * Mappings of national provisions to instrument articles: an editor maps, accepts or rejects a
 * suggestion, or changes the article or coverage. Each change is checked (the article exists in
 * the instrument, the provision in the work, no duplicate), recorded in the work's audit history
 * and reflected in search (the articles and concepts of each provision).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isStaffEditor, visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { assertCanEdit } from '../../core/policy.js';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import { getWorkRow } from '../legislation/service.js';
import { captureBefore, recordWork } from '../legislation/snapshot.js';
import { coverage, eid, iso3 } from '../../core/codes.js';
import { indexWork } from '../search/indexer.js';

const instrumentCode = z.string().regex(/^[A-Z0-9]+$/, 'an instrument code such as ETS185');
export const mappingInput = z.object({
  work: z.string().describe('id of the work'),
  eid,
  instrument: instrumentCode,
  article: z.string().min(1).describe('article number, e.g. "2"'),
  coverage,
  rationale: z.string().max(2000).optional(),
});
export type MappingInput = z.infer<typeof mappingInput>;
export const mappingPatch = z
  .object({
    status: z.enum(['accepted', 'rejected']).optional(),
    article: z.string().min(1).optional(),
    coverage: coverage.optional(),
    rationale: z.string().max(2000).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'say what to change: status, article, coverage or rationale');
export type MappingPatch = z.infer<typeof mappingPatch>;
export const mappingQuery = z.object({
  work: z.string().optional(),
  country: iso3.optional(),
  instrument: instrumentCode.optional(),
  status: z
    .enum(['accepted', 'suggested', 'rejected'])
    .optional()
    .describe('staff only: suggested and rejected'),
});

export type Mapping = {
  id: number;
  work: string;
  eid: string;
  instrument: string;
  article: string;
  coverage: string;
  status: string;
  source: string;
  score: number | null;
  rationale: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
};
const SELECT = sql`SELECT m.id, m.work_id AS work, m.eid, m.instrument, m.article, m.coverage, m.status, m.source, m.score, m.rationale, m.reviewer, m.reviewed_at FROM mapping m`;

async function checkTarget(db: Orm, workId: string, eidValue: string, instrument: string, article: string) {
  if (!(await one(db, sql`SELECT 1 FROM instrument WHERE code = ${instrument}`)))
    throw badRequest(`There is no instrument ${instrument}`);
  if (
    !(await one(
      db,
      sql`SELECT 1 FROM instrument_article WHERE instrument = ${instrument} AND number = ${article}`,
    ))
  )
    throw new AppError(
      400,
      'unknown_article',
      `${instrument} has no article ${article}${/:/.test(article) ? ' (give the article number alone, e.g. "2")' : ''}`,
    );
  if (
    !(await one(
      db,
      sql`SELECT 1 FROM provision p JOIN legal_expression e ON e.id = p.expression_id WHERE e.work_id = ${workId} AND p.eid = ${eidValue}`,
    ))
  )
    throw new AppError(400, 'unknown_provision', `The work ${workId} has no provision ${eidValue}`);
}

/** After a change: the search index and the work's audit history (the "before" was captured). */
async function changed(db: Orm, by: Viewer, workId: string) {
  await indexWork(db, workId);
  await recordWork(db, by, 'update', workId);
}

export async function getMapping(db: Orm, viewer: Viewer, id: number): Promise<Mapping> {
  const m = await one<Mapping>(
    db,
    sql`${SELECT} JOIN legal_work w ON w.id = m.work_id WHERE m.id = ${id} AND ${visibleTo(viewer, 'w')} AND (m.status = 'accepted' OR ${isStaffEditor(viewer)})`,
  );
  if (!m) throw notFound(`Mapping ${id}`);
  return m;
}

/** Maps a provision to an article (accepted, by an editor; or suggested/rejected, e.g. from the review queue). */
export async function createMapping(
  db: Orm,
  by: Viewer,
  input: MappingInput,
  options: {
    status?: 'accepted' | 'suggested' | 'rejected';
    source?: 'editor' | 'suggester';
    score?: number;
    /** The version of the learned model that made the suggestion decided on. */
    modelVersion?: number;
  } = {},
): Promise<Mapping> {
  const work = await getWorkRow(db, by, input.work);
  assertCanEdit(by, work);
  await checkTarget(db, work.id, input.eid, input.instrument, input.article);
  const status = options.status ?? 'accepted';
  const existing = await one<{ id: number; status: string }>(
    db,
    sql`SELECT id, status FROM mapping WHERE work_id = ${work.id} AND eid = ${input.eid} AND instrument = ${input.instrument} AND article = ${input.article}`,
  );
  if (existing?.status === status || (existing?.status === 'accepted' && status !== 'rejected'))
    throw conflict(
      `${input.eid} of ${work.id} is already ${existing.status === 'accepted' ? 'mapped' : existing.status} to ${input.instrument} article ${input.article} (mapping ${existing.id})`,
    );
  await captureBefore(db, work.id);
  const reviewed = status === 'suggested' ? sql`NULL` : sql`now()`;
  const reviewer = status === 'suggested' ? null : by.name;
  const row = existing
    ? await one<{ id: number }>(
        db,
        sql`UPDATE mapping SET status = ${status}, coverage = ${input.coverage}, rationale = coalesce(${input.rationale ?? null}, rationale), reviewer = ${reviewer}, reviewed_at = ${reviewed} WHERE id = ${existing.id} RETURNING id`,
      )
    : await one<{ id: number }>(
        db,
        sql`INSERT INTO mapping (work_id, eid, instrument, article, coverage, status, source, score, model_version, rationale, reviewer, reviewed_at, created_by)
            VALUES (${work.id}, ${input.eid}, ${input.instrument}, ${input.article}, ${input.coverage}, ${status}, ${options.source ?? 'editor'}, ${options.score ?? null}, ${options.modelVersion ?? null}, ${input.rationale ?? null}, ${reviewer}, ${reviewed}, ${by.name}) RETURNING id`,
      );
  await changed(db, by, work.id);
  return getMapping(db, by, row!.id);
}

/** Accepts or rejects a mapping, or changes its article, coverage or rationale. */
export async function updateMapping(db: Orm, by: Viewer, id: number, patch: MappingPatch): Promise<Mapping> {
  const m = await getMapping(db, by, id);
  assertCanEdit(by, await getWorkRow(db, by, m.work));
  const article = patch.article ?? m.article;
  if (patch.article && patch.article !== m.article) {
    await checkTarget(db, m.work, m.eid, m.instrument, patch.article);
    const clash = await one<{ id: number }>(
      db,
      sql`SELECT id FROM mapping WHERE work_id = ${m.work} AND eid = ${m.eid} AND instrument = ${m.instrument} AND article = ${patch.article} AND id <> ${id}`,
    );
    if (clash)
      throw conflict(
        `${m.eid} is already mapped to ${m.instrument} article ${patch.article} (mapping ${clash.id})`,
      );
  }
  await captureBefore(db, m.work);
  await db.execute(sql`UPDATE mapping SET article = ${article}, coverage = ${patch.coverage ?? m.coverage}, status = ${patch.status ?? m.status}, rationale = ${patch.rationale ?? m.rationale},
    reviewer = ${by.name}, reviewed_at = now() WHERE id = ${id}`);
  await changed(db, by, m.work);
  return getMapping(db, by, id);
}

export async function deleteMapping(db: Orm, by: Viewer, id: number): Promise<void> {
  const m = await getMapping(db, by, id);
  assertCanEdit(by, await getWorkRow(db, by, m.work));
  await captureBefore(db, m.work);
  await db.execute(sql`DELETE FROM mapping WHERE id = ${id}`);
  await changed(db, by, m.work);
}

export async function listMappings(
  db: Orm,
  viewer: Viewer,
  query: z.infer<typeof mappingQuery>,
): Promise<Mapping[]> {
  const status = query.status ?? 'accepted';
  if (status !== 'accepted' && !isStaffEditor(viewer))
    throw new AppError(403, 'forbidden', 'Only editors see suggested and rejected mappings');
  return rows<Mapping>(
    db,
    sql`${SELECT} JOIN legal_work w ON w.id = m.work_id JOIN instrument_article a ON a.instrument = m.instrument AND a.number = m.article
        WHERE ${where(
          visibleTo(viewer, 'w'),
          sql`m.status = ${status}`,
          query.work && sql`m.work_id = ${query.work}`,
          query.country && sql`w.country = ${query.country}`,
          query.instrument && sql`m.instrument = ${query.instrument}`,
        )} ORDER BY m.work_id, m.eid, m.instrument, a.position LIMIT 5000`,
  );
}
