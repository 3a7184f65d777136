/**
 * What the model learns from: the shipped training data (real national laws with an expert's
 * mapping to the Budapest Convention, data/real-laws.jsonl, built by scripts/build-training.ts) and
 * the repository's own review decisions — accepted mappings are the articles of a provision,
 * rejected ones its counter-examples, and a provision counts as having no counterpart when a
 * reviewer rejected its suggestions and accepted none, or when the country's review is complete.
 * Every language version of a reviewed law teaches the model, since its provisions share eIds.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Orm } from '../../../core/db/connect.js';
import { rows } from '../../../core/db/query.js';
import { provisionTree } from '../../legislation/service.js';
import type { Example } from './types.js';
import { unitsOf } from './units.js';

/** The instrument the shipped training data is mapped to. */
export const SHIPPED_INSTRUMENT = 'ETS185';
const SHIPPED = new URL('./data/real-laws.jsonl', import.meta.url);

/** Changes when the features or the model change: models built before are retrained. */
const MODEL_FORMAT = 1;

/** A digest of what a model of `instrument` is built on besides the decisions: the shipped data and the code. */
export function trainingBasis(instrument: string): string {
  const data = instrument === SHIPPED_INSTRUMENT ? readFileSync(SHIPPED) : Buffer.alloc(0);
  return `${MODEL_FORMAT}:${createHash('sha256').update(data).digest('hex').slice(0, 16)}`;
}

let shipped: Example[] | undefined;
/** The shipped training examples (each with its law's id). */
export function shippedExamples(instrument: string): Example[] {
  if (instrument !== SHIPPED_INSTRUMENT) return [];
  shipped ??= readFileSync(SHIPPED, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Example);
  return shipped;
}

/** Examples from the review decisions on the repository's laws, for one instrument. */
export async function decidedExamples(db: Orm, instrument: string): Promise<Example[]> {
  const decisions = await rows<{ work_id: string; eid: string; accepted: string[]; rejected: string[] }>(
    db,
    sql`SELECT work_id, eid,
          coalesce(array_agg(article ORDER BY article) FILTER (WHERE status = 'accepted'), '{}') AS accepted,
          coalesce(array_agg(article ORDER BY article) FILTER (WHERE status = 'rejected'), '{}') AS rejected
        FROM mapping WHERE instrument = ${instrument} AND status IN ('accepted', 'rejected')
        GROUP BY work_id, eid`,
  );
  if (!decisions.length) return [];
  const complete = new Set(
    (
      await rows<{ id: string }>(
        db,
        sql`SELECT w.id FROM legal_work w JOIN legislation_review r ON r.country = w.country AND r.instrument = ${instrument} AND r.status = 'complete'`,
      )
    ).map((w) => w.id),
  );
  const byWork = new Map<string, Map<string, { accepted: string[]; rejected: string[] }>>();
  for (const d of decisions) byWork.set(d.work_id, (byWork.get(d.work_id) ?? new Map()).set(d.eid, d));
  // The latest expression in each language of each law with decisions.
  const expressions = await rows<{ id: number; work_id: string; language: string }>(
    db,
    sql`SELECT DISTINCT ON (work_id, language) id, work_id, language FROM legal_expression
        WHERE work_id = ANY(${sql.param([...byWork.keys()])}::text[]) ORDER BY work_id, language, date DESC, id DESC`,
  );
  const out: Example[] = [];
  for (const e of expressions) {
    const decided = byWork.get(e.work_id)!;
    const units = unitsOf(await provisionTree(db, e.id), e.language, { subsections: true });
    for (const u of units) {
      const d = decided.get(u.eid);
      // An undecided provision of a completed review has no counterpart, unless a part of it or the
      // provision it is part of was mapped.
      const related = [...decided.keys()].some(
        (k) => k.startsWith(`${u.eid}__`) || u.eid.startsWith(`${k}__`),
      );
      const none = d ? !d.accepted.length : complete.has(e.work_id) && !related;
      if (!d?.accepted.length && !none) continue;
      out.push({ ...u, law: e.work_id, articles: d?.accepted ?? [], rejected: d?.rejected ?? [] });
    }
  }
  return out;
}
