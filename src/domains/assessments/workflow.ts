/**
 * An assessment's life after it starts: status (planned → in progress → validated → published,
 * with a validated assessment reopened to in progress when needed; a published one is frozen),
 * findings, the status of its recommendations, and the coverage of the law that feeds the legal
 * indicators.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import { coverage } from '../analysis/coverage.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import { ASSESSMENT_STATUSES, assertOpen, getAssessment } from './service.js';
import type { Framework } from './frameworks.js';
import { isoDate } from '../../core/codes.js';
import { statusMachine } from '../../core/states.js';

export const ASSESSMENT_MACHINE = statusMachine<(typeof ASSESSMENT_STATUSES)[number]>('assessment', {
  planned: ['in_progress'],
  in_progress: ['validated'],
  validated: ['published', 'in_progress'],
  published: [],
});
export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'implemented', 'dropped'] as const;
export const transitionInput = z.object({ to: z.enum(ASSESSMENT_STATUSES) });
export const findingInput = z.object({ text: z.string().min(1).max(5000), dimension: z.string().optional() });
export const recommendationStatusInput = z.object({ status: z.enum(RECOMMENDATION_STATUSES) });

export async function transitionAssessment(
  db: Orm,
  by: Viewer,
  id: number,
  to: (typeof ASSESSMENT_STATUSES)[number],
) {
  const a = await getAssessment(db, by, id);
  ASSESSMENT_MACHINE.assertMove(a.status as (typeof ASSESSMENT_STATUSES)[number], to);
  if (to === 'validated' && !a.scores.length)
    throw new AppError(
      409,
      'nothing_scored',
      'Score at least one indicator before validating the assessment',
    );
  await db.execute(
    sql`UPDATE assessment SET status = ${to}, updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`,
  );
  await audit(db, by, 'transition', 'assessment', String(id), { status: a.status }, { status: to });
  return getAssessment(db, by, id);
}

export async function addFinding(db: Orm, by: Viewer, id: number, input: z.infer<typeof findingInput>) {
  const a = await getAssessment(db, by, id);
  assertOpen(a);
  if (
    input.dimension &&
    !a.framework_definition.definition.dimensions.some((d) => d.code === input.dimension)
  )
    throw badRequest(`${input.dimension} is not a dimension of ${a.framework}`);
  await db.execute(
    sql`INSERT INTO finding (assessment_id, dimension, text, created_by) VALUES (${id}, ${input.dimension ?? null}, ${input.text}, ${by.name})`,
  );
  await audit(db, by, 'update', 'assessment', String(id), null, { finding: input });
  return getAssessment(db, by, id);
}

export async function setRecommendationStatus(
  db: Orm,
  by: Viewer,
  id: number,
  status: (typeof RECOMMENDATION_STATUSES)[number],
) {
  const before = await one<{ status: string; assessment_id: number }>(
    db,
    sql`SELECT status, assessment_id FROM recommendation WHERE id = ${id}`,
  );
  if (!before) throw notFound(`Recommendation ${id}`);
  await getAssessment(db, by, before.assessment_id); // visible to the caller
  await db.execute(sql`UPDATE recommendation SET status = ${status} WHERE id = ${id}`);
  await audit(db, by, 'update', 'recommendation', String(id), { status: before.status }, { status });
  return { id, status, assessment_id: before.assessment_id };
}

export type CoverageFeed = {
  indicator: string;
  instrument: string;
  category: string;
  articles: number;
  covered: number;
  partial: number;
  share: number;
  suggested: number;
};
/** A law as it stood on a date: the version (expression) whose date is the latest on or before it. */
export type LawInForce = {
  work: string;
  uri: string;
  title: Record<string, string>;
  version: string;
  language: string;
};

/**
 * The country's laws as they stood on a date, each with the version in force then (the expression
 * whose date is the latest on or before it); laws with no version yet, or repealed by then, are left out.
 */
export async function lawsInForce(
  db: Orm,
  viewer: Viewer,
  country: string,
  on: string,
): Promise<(LawInForce & { expression: number })[]> {
  return rows<LawInForce & { expression: number }>(
    db,
    sql`SELECT DISTINCT ON (w.id) w.id AS work, w.uri, w.title, e.id AS expression, e.date::text AS version, e.language
        FROM legal_work w JOIN legal_expression e ON e.work_id = w.id
        WHERE w.country = ${country} AND ${visibleTo(viewer, 'w')} AND e.date <= ${on}::date AND (w.date_repealed IS NULL OR w.date_repealed > ${on}::date)
        ORDER BY w.id, e.date DESC, e.authoritative DESC, e.id`,
  );
}

/**
 * What the review of legislation says for the legal indicators: the share of the Budapest
 * Convention's articles of the indicator's category that the country's law covers (partial
 * counts half), and the rubric stage it suggests (under 25 % → 1 … all → 5). The assessor decides.
 * With `on` (an assessment's date), only the law in force then counts (see `coverage` with `at`).
 */
export async function coverageFeed(
  db: Orm,
  viewer: Viewer,
  country: string,
  framework: Framework,
  instrument = 'ETS185',
  on?: string,
): Promise<CoverageFeed[]> {
  const fed = framework.definition.dimensions.flatMap((d) => d.indicators).filter((i) => i.coverage);
  if (!fed.length) return [];
  const articles = await rows<{ number: string; category: string }>(
    db,
    sql`SELECT number, category FROM instrument_article WHERE instrument = ${instrument} ORDER BY position`,
  );
  // The coverage of the law in force on the assessment's date (today without one): one definition, in analysis/coverage.ts.
  const c = await coverage(db, viewer, { instrument, country, at: on });
  const statuses = new Map(Object.entries(c.countries[0]?.statuses ?? {}));
  return fed.map((i) => {
    // an article the country reserved is not owed: the share is of the others, as coverage counts it
    const list = articles.filter((a) => a.category === i.coverage && statuses.get(a.number) !== 'reserved');
    const covered = list.filter((a) => statuses.get(a.number) === 'covered').length;
    const partial = list.filter((a) => statuses.get(a.number) === 'partial').length;
    const share = list.length ? (covered + partial / 2) / list.length : 0;
    return {
      indicator: i.code,
      instrument,
      category: i.coverage!,
      articles: list.length,
      covered,
      partial,
      share: Math.round(share * 100),
      suggested: share >= 1 ? 5 : 1 + Math.floor(share * 4),
    };
  });
}

/** The coverage feed of an assessment: the law in force on its date (when it started), and what it covered then. */
export async function assessmentCoverage(
  db: Orm,
  viewer: Viewer,
  a: { country: string; started: string; framework_definition: Framework },
  instrument = 'ETS185',
) {
  const laws = (await lawsInForce(db, viewer, a.country, a.started)).map(({ expression: _e, ...l }) => l);
  return {
    on: a.started,
    laws,
    feed: await coverageFeed(db, viewer, a.country, a.framework_definition, instrument, a.started),
  };
}
export type AssessmentCoverage = Awaited<ReturnType<typeof assessmentCoverage>>;

export const assessmentPatch = z
  .object({
    started: isoDate,
    ended: isoDate.nullable(),
    team: z.array(z.string().min(1)),
    summary: z.string().max(20000).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'say what to change');

/** Corrects an assessment's dates, team or summary (until it is published). */
export async function updateAssessment(
  db: Orm,
  by: Viewer,
  id: number,
  patch: z.infer<typeof assessmentPatch>,
) {
  const a = await getAssessment(db, by, id);
  if (a.status === 'published')
    throw new AppError(
      409,
      'assessment_published',
      `Assessment ${a.id} is published; its details no longer change`,
    );
  const v = { started: a.started, ended: a.ended, team: a.team, summary: a.summary, ...patch };
  if (v.ended && v.ended < v.started)
    throw badRequest('the assessment ends before it starts', { field: 'ended' });
  await db.execute(
    sql`UPDATE assessment SET started = ${v.started}, ended = ${v.ended}, team = ${sql.param(v.team)}::text[], summary = ${v.summary}, updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`,
  );
  await audit(
    db,
    by,
    'update',
    'assessment',
    String(id),
    { started: a.started, ended: a.ended, team: a.team, summary: a.summary },
    v,
  );
  return getAssessment(db, by, id);
}

/** Removes a finding of an open assessment; returns the assessment's id. */
export async function removeFinding(db: Orm, by: Viewer, findingId: number): Promise<number> {
  const f = await one<{ assessment_id: number; text: string }>(
    db,
    sql`SELECT assessment_id, text FROM finding WHERE id = ${findingId}`,
  );
  if (!f) throw notFound(`Finding ${findingId}`);
  assertOpen(await getAssessment(db, by, f.assessment_id));
  await db.execute(sql`DELETE FROM finding WHERE id = ${findingId}`);
  await audit(db, by, 'delete', 'finding', String(findingId), f, null);
  return f.assessment_id;
}

/** Removes a recommendation of an open assessment, unless a request was made from it (drop it instead). */
export async function removeRecommendation(db: Orm, by: Viewer, id: number): Promise<number> {
  const r = await one<{ assessment_id: number; request_id: number | null; text: string }>(
    db,
    sql`SELECT assessment_id, request_id, text FROM recommendation WHERE id = ${id}`,
  );
  if (!r) throw notFound(`Recommendation ${id}`);
  assertOpen(await getAssessment(db, by, r.assessment_id));
  if (r.request_id)
    throw new AppError(
      409,
      'recommendation_linked',
      `Recommendation ${id} became request ${r.request_id}; set its status to dropped instead of removing it`,
    );
  await db.execute(sql`DELETE FROM recommendation WHERE id = ${id}`);
  await audit(db, by, 'delete', 'recommendation', String(id), r, null);
  return r.assessment_id;
}
