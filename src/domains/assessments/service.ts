/**
 * Assessments of national capacity against a published framework version: scores per indicator
 * (a stage of its 1–5 rubric) with evidence, the weighted score per dimension, and
 * recommendations, each of which can become a request for assistance of the same country in one
 * step — so that the chain assessment → recommendation → request → activity can be followed.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import { iso3, isoDate, jsonId } from '../../core/codes.js';
import { createRequest, REQUEST_KINDS } from '../assistance/requests.js';
import { getFramework, type Framework } from './frameworks.js';

export const ASSESSMENT_STATUSES = ['planned', 'in_progress', 'validated', 'published'] as const;
export const assessmentInput = z
  .object({
    country: iso3,
    framework: jsonId.describe('id of a published framework version'),
    started: isoDate,
    ended: isoDate.optional(),
    team: z.array(z.string().min(1)).default([]),
    summary: z.string().max(20000).optional(),
  })
  .refine((a) => !a.ended || a.ended >= a.started, {
    message: 'the assessment ends before it starts',
    path: ['ended'],
  });
export const scoreInput = z.object({
  indicator: z.string().min(1),
  score: z.number().int(),
  evidence: z.string().max(5000).optional(),
  notes: z.string().max(5000).optional(),
});
export const recommendationInput = z.object({
  text: z.string().min(1).max(5000),
  dimension: z.string().optional(),
  priority: z.enum(['low', 'medium', 'high']).default('medium'),
  institution: z.string().max(300).optional(),
});
export const toRequestInput = z.object({
  agency: z.string().min(1).max(300).optional(),
  kind: z.enum(REQUEST_KINDS).default('training'),
  received: isoDate,
  request: jsonId
    .optional()
    .describe('an existing request of the same country to link instead of creating one'),
});

export type Score = { indicator: string; score: number; evidence: string | null; notes: string | null };
export type Recommendation = {
  id: number;
  dimension: string | null;
  text: string;
  priority: string;
  institution: string | null;
  status: string;
  request_id: number | null;
  request_status: string | null;
};
export type Assessment = {
  id: number;
  country: string;
  country_name: string;
  framework_id: number;
  framework: string;
  started: string;
  ended: string | null;
  team: string[];
  status: string;
  summary: string | null;
};
export type Finding = { id: number; dimension: string | null; text: string };
export type DimensionScore = {
  code: string;
  title: string;
  score: number | null;
  scored: number;
  indicators: number;
};

const SELECT = sql`SELECT a.id, a.country, c.names->>'en' AS country_name, a.framework_id, f.title || ' v' || f.version AS framework, a.started::text, a.ended::text, a.team, a.status, a.summary
  FROM assessment a JOIN country c ON c.iso3 = a.country JOIN framework f ON f.id = a.framework_id`;

/** Refuses changes to the scores, findings and recommendations of a validated (reopen it first) or published assessment. */
export function assertOpen(a: { id: number; status: string }) {
  if (a.status === 'published')
    throw new AppError(
      409,
      'assessment_published',
      `Assessment ${a.id} is published; its scores, findings and recommendations no longer change`,
    );
  if (a.status === 'validated')
    throw new AppError(
      409,
      'assessment_validated',
      `Assessment ${a.id} is validated; reopen it (back to in progress) to change its scores, findings or recommendations`,
    );
}

/** Weighted mean of the scored indicators of each dimension (null while none is scored). */
export function dimensionScores(framework: Framework, scores: Score[]): DimensionScore[] {
  const byIndicator = new Map(scores.map((s) => [s.indicator, s.score]));
  return framework.definition.dimensions.map((d) => {
    const scored = d.indicators.filter((i) => byIndicator.has(i.code));
    const weight = scored.reduce((n, i) => n + i.weight, 0);
    const score = weight
      ? Number((scored.reduce((n, i) => n + i.weight * byIndicator.get(i.code)!, 0) / weight).toFixed(2))
      : null;
    return { code: d.code, title: d.title, score, scored: scored.length, indicators: d.indicators.length };
  });
}

/** Weighted mean of every scored indicator of the framework. */
export function overallScore(framework: Framework, scores: Score[]): number | null {
  const weights = new Map(
    framework.definition.dimensions.flatMap((d) => d.indicators).map((i) => [i.code, i.weight]),
  );
  const scored = scores.filter((s) => weights.has(s.indicator));
  const weight = scored.reduce((n, s) => n + weights.get(s.indicator)!, 0);
  return weight
    ? Number((scored.reduce((n, s) => n + weights.get(s.indicator)! * s.score, 0) / weight).toFixed(2))
    : null;
}

/** The assessment a finding or a recommendation belongs to, if it exists. */
export async function assessmentOf(db: Orm, part: 'finding' | 'recommendation', id: number) {
  const table = part === 'finding' ? sql`finding` : sql`recommendation`;
  return (await one<{ assessment_id: number }>(db, sql`SELECT assessment_id FROM ${table} WHERE id = ${id}`))
    ?.assessment_id;
}

export async function getAssessment(db: Orm, viewer: Viewer, id: number) {
  const a = await one<Assessment>(db, sql`${SELECT} WHERE a.id = ${id} AND ${tierVisible(viewer, 'a')}`);
  if (!a) throw notFound(`Assessment ${id}`);
  const framework = await getFramework(db, a.framework_id);
  const scores = await rows<Score>(
    db,
    sql`SELECT indicator, score, evidence, notes FROM assessment_score WHERE assessment_id = ${id} ORDER BY indicator`,
  );
  const recommendations = await rows<Recommendation>(
    db,
    sql`SELECT r.id, r.dimension, r.text, r.priority, r.institution, r.status, q.id AS request_id, q.status AS request_status FROM recommendation r LEFT JOIN assistance_request q ON q.id = r.request_id AND ${tierVisible(viewer, 'q')} WHERE r.assessment_id = ${id} ORDER BY r.id`,
  );
  const findings = await rows<Finding>(
    db,
    sql`SELECT id, dimension, text FROM finding WHERE assessment_id = ${id} ORDER BY id`,
  );
  return {
    ...a,
    scores,
    dimensions: dimensionScores(framework, scores),
    overall: overallScore(framework, scores),
    findings,
    recommendations,
    framework_definition: framework,
  };
}

export const listAssessments = (db: Orm, viewer: Viewer, country?: string) =>
  rows<Assessment>(
    db,
    sql`${SELECT} WHERE ${tierVisible(viewer, 'a')} AND (${country ?? null}::text IS NULL OR a.country = ${country ?? null}) ORDER BY a.started DESC, a.id DESC`,
  );

export async function createAssessment(db: Orm, by: Viewer, input: z.infer<typeof assessmentInput>) {
  const framework = await getFramework(db, input.framework);
  if (framework.status !== 'published')
    throw new AppError(
      409,
      'framework_not_published',
      `Framework ${framework.title} v${framework.version} is a draft; assess against a published version`,
    );
  if (!(await one(db, sql`SELECT 1 FROM country WHERE iso3 = ${input.country}`)))
    throw badRequest(`Unknown country ${input.country}`);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO assessment (country, framework_id, started, ended, team, summary, created_by, updated_by)
        VALUES (${input.country}, ${input.framework}, ${input.started}, ${input.ended ?? null}, ${sql.param(input.team)}::text[], ${input.summary ?? null}, ${by.name}, ${by.name}) RETURNING id`,
  );
  await audit(db, by, 'create', 'assessment', String(row!.id), null, input);
  return getAssessment(db, by, row!.id);
}

/** Records the stage of an indicator: it must be one of the framework version's, and a stage of its rubric. */
export async function scoreIndicator(db: Orm, by: Viewer, id: number, input: z.infer<typeof scoreInput>) {
  const a = await getAssessment(db, by, id);
  assertOpen(a);
  const indicator = a.framework_definition.definition.dimensions
    .flatMap((d) => d.indicators)
    .find((i) => i.code === input.indicator);
  if (!indicator) throw badRequest(`${input.indicator} is not an indicator of ${a.framework}`);
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > indicator.rubric.length)
    throw badRequest(
      `A score for ${input.indicator} is a stage of its rubric, 1 to ${indicator.rubric.length}; ${input.score} is not`,
    );
  await db.execute(sql`INSERT INTO assessment_score (assessment_id, indicator, score, evidence, notes) VALUES (${id}, ${input.indicator}, ${input.score}, ${input.evidence ?? null}, ${input.notes ?? null})
    ON CONFLICT (assessment_id, indicator) DO UPDATE SET score = EXCLUDED.score, evidence = EXCLUDED.evidence, notes = EXCLUDED.notes`);
  await db.execute(
    sql`UPDATE assessment SET status = CASE WHEN status = 'planned' THEN 'in_progress' ELSE status END, updated_at = now(), updated_by = ${by.name} WHERE id = ${id}`,
  );
  await audit(db, by, 'update', 'assessment', String(id), null, { score: input });
  return getAssessment(db, by, id);
}

export async function addRecommendation(
  db: Orm,
  by: Viewer,
  id: number,
  input: z.infer<typeof recommendationInput>,
) {
  const a = await getAssessment(db, by, id);
  assertOpen(a);
  if (
    input.dimension &&
    !a.framework_definition.definition.dimensions.some((d) => d.code === input.dimension)
  )
    throw badRequest(`${input.dimension} is not a dimension of ${a.framework}`);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO recommendation (assessment_id, dimension, text, priority, institution, created_by) VALUES (${id}, ${input.dimension ?? null}, ${input.text}, ${input.priority}, ${input.institution ?? null}, ${by.name}) RETURNING id`,
  );
  await audit(db, by, 'create', 'recommendation', String(row!.id), null, input);
  return (await getAssessment(db, by, id)).recommendations.find((r) => r.id === row!.id)!;
}

/** Turns a recommendation into a request for assistance of the same country (or links an existing one of that country). */
export async function recommendationToRequest(
  db: Orm,
  by: Viewer,
  recommendationId: number,
  input: z.infer<typeof toRequestInput>,
) {
  const r = await one<{
    id: number;
    assessment_id: number;
    text: string;
    priority: 'low' | 'medium' | 'high';
    institution: string | null;
    request_id: number | null;
    country: string;
  }>(
    db,
    sql`SELECT r.id, r.assessment_id, r.text, r.priority, r.institution, r.request_id, a.country FROM recommendation r JOIN assessment a ON a.id = r.assessment_id WHERE r.id = ${recommendationId} AND ${tierVisible(by, 'a')}`,
  );
  if (!r) throw notFound(`Recommendation ${recommendationId}`);
  if (r.request_id)
    throw new AppError(
      409,
      'already_linked',
      `Recommendation ${r.id} is already linked to request ${r.request_id}`,
    );
  let requestId = input.request;
  if (requestId !== undefined) {
    const other = await one<{ country: string }>(
      db,
      sql`SELECT country FROM assistance_request WHERE id = ${requestId}`,
    );
    if (!other) throw badRequest(`Unknown request ${requestId}`);
    if (other.country !== r.country)
      throw badRequest(
        `Request ${requestId} is from ${other.country}; the recommendation concerns ${r.country}`,
      );
  } else {
    const created = await createRequest(db, by, {
      country: r.country,
      agency: input.agency ?? r.institution ?? 'Not stated',
      received: input.received,
      kind: input.kind,
      description: r.text,
      priority: r.priority,
      tier: 'internal',
    });
    requestId = created.id;
  }
  await db.execute(
    sql`UPDATE recommendation SET request_id = ${requestId}, status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END WHERE id = ${r.id}`,
  );
  await audit(db, by, 'update', 'recommendation', String(r.id), null, { request: requestId });
  return { recommendation: r.id, request: requestId };
}
