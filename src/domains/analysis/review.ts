/**
 * The review queue of a country's legislation against an instrument: every provision of its laws
 * with the mappings accepted so far, the suggestions not yet decided (rejected articles are not
 * suggested again), and the review record (in progress or complete, reviewer, recommendations).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { assertCanCreate, canEdit } from '../../core/policy.js';
import { notFound } from '../../core/errors.js';
import { getWorkRow } from '../legislation/service.js';
import { captureBefore, recordWork } from '../legislation/snapshot.js';
import { indexWork } from '../search/indexer.js';
import type { Mapping } from './mappings.js';
import { suggestForWork, type LanguageSupport, type ProvisionSuggestions } from './suggest.js';

export type QueueItem = ProvisionSuggestions & { accepted: Mapping[]; rejected: string[] };
export type QueueWork = {
  id: string;
  uri: string;
  title: string;
  language: string;
  support: LanguageSupport;
  items: QueueItem[];
};
export type Review = {
  country: string;
  instrument: string;
  status: 'in_progress' | 'complete';
  reviewer: string | null;
  reviewed_at: string | null;
  recommendations: Record<string, string>;
  summary: string | null;
  updated_at: string;
  updated_by: string;
};

export async function getReview(db: Orm, country: string, instrument: string): Promise<Review | null> {
  return (
    (await one<Review>(
      db,
      sql`SELECT country, instrument, status, reviewer, reviewed_at, recommendations, summary, updated_at, updated_by FROM legislation_review WHERE country = ${country} AND instrument = ${instrument}`,
    )) ?? null
  );
}

export async function reviewQueue(
  db: Orm,
  viewer: Viewer,
  country: string,
  instrument: string,
): Promise<{
  works: QueueWork[];
  review: Review | null;
  counts: { provisions: number; mapped: number; strong: number };
}> {
  if (!(await one(db, sql`SELECT 1 FROM instrument WHERE code = ${instrument}`)))
    throw notFound(`Instrument ${instrument}`);
  const works = await rows<{ id: string; uri: string; title: Record<string, string> }>(
    db,
    sql`SELECT w.id, w.uri, w.title FROM legal_work w WHERE w.country = ${country} AND ${visibleTo(viewer, 'w')} ORDER BY w.year DESC, w.id`,
  );
  const out: QueueWork[] = [];
  const counts = { provisions: 0, mapped: 0, strong: 0 };
  for (const w of works) {
    const [suggested, mappings] = [
      await suggestForWork(db, viewer, w.id, instrument),
      await rows<Mapping>(
        db,
        sql`SELECT m.id, m.work_id AS work, m.eid, m.instrument, m.article, m.coverage, m.status, m.source, m.score, m.rationale, m.reviewer, m.reviewed_at
            FROM mapping m JOIN instrument_article a ON a.instrument = m.instrument AND a.number = m.article WHERE m.work_id = ${w.id} AND m.instrument = ${instrument} ORDER BY a.position`,
      ),
    ];
    const items = suggested.items.map((i) => {
      const mine = mappings.filter((m) => m.eid === i.eid);
      const decided = new Set(mine.map((m) => m.article));
      const accepted = mine.filter((m) => m.status === 'accepted');
      counts.provisions++;
      if (accepted.length) counts.mapped++;
      const open = i.suggestions.filter((s) => !decided.has(s.article));
      if (!accepted.length && open[0]?.strong) counts.strong++;
      return {
        ...i,
        suggestions: open,
        accepted,
        rejected: mine.filter((m) => m.status === 'rejected').map((m) => m.article),
      };
    });
    out.push({
      id: w.id,
      uri: w.uri,
      title: Object.values(w.title)[0] ?? w.id,
      language: suggested.language,
      support: suggested.support,
      items,
    });
  }
  return { works: out, review: await getReview(db, country, instrument), counts };
}

export const reviewPatch = z.object({
  status: z.enum(['in_progress', 'complete']).optional(),
  summary: z.string().max(20000).optional(),
  recommendations: z
    .record(z.string(), z.string().max(5000))
    .optional()
    .describe('recommendation per article number'),
});

/** Marks a review complete or in progress, and saves the reviewer's summary and recommendations. */
export async function saveReview(
  db: Orm,
  by: Viewer,
  country: string,
  instrument: string,
  patch: z.infer<typeof reviewPatch>,
): Promise<Review> {
  assertCanCreate(by, country, 'public');
  const current = await getReview(db, country, instrument);
  const recommendations = { ...(current?.recommendations ?? {}), ...(patch.recommendations ?? {}) };
  for (const [k, v] of Object.entries(recommendations)) if (!v.trim()) delete recommendations[k];
  const status = patch.status ?? current?.status ?? 'in_progress';
  await db.execute(sql`INSERT INTO legislation_review (country, instrument, status, reviewer, reviewed_at, recommendations, summary, updated_by)
    VALUES (${country}, ${instrument}, ${status}, ${by.name}, ${status === 'complete' ? sql`now()` : sql`NULL`}, ${JSON.stringify(recommendations)}::jsonb, ${patch.summary ?? current?.summary ?? null}, ${by.name})
    ON CONFLICT (country, instrument) DO UPDATE SET status = EXCLUDED.status, reviewer = EXCLUDED.reviewer,
      reviewed_at = CASE WHEN EXCLUDED.status = 'complete' THEN coalesce(legislation_review.reviewed_at, now()) ELSE NULL END,
      recommendations = EXCLUDED.recommendations, summary = EXCLUDED.summary, updated_at = now(), updated_by = EXCLUDED.updated_by`);
  await db.execute(
    sql`INSERT INTO audit_event (actor, user_id, action, entity_type, entity_id, after) VALUES (${by.name}, ${by.userId}, 'update', 'review', ${`${country}:${instrument}`}, ${JSON.stringify(await getReview(db, country, instrument))}::jsonb)`,
  );
  return (await getReview(db, country, instrument))!;
}

export type AcceptedStrong = { work: string; eid: string; article: string; score: number };
export type AcceptStrongResult = {
  country: string;
  instrument: string;
  accepted: number;
  mappings: AcceptedStrong[];
  skipped_works: string[];
};

/**
 * Accepts, as full coverage, the top suggestion of every provision that has no accepted mapping
 * yet and whose top open suggestion is strong — the same provisions the queue counts as "strong".
 * Laws the caller may not change (a contributor and a published law) are left as they are and
 * named in `skipped_works`. Run it in a transaction: all are accepted, or none.
 */
export async function acceptStrong(
  db: Orm,
  by: Viewer,
  country: string,
  instrument: string,
): Promise<AcceptStrongResult> {
  assertCanCreate(by, country, 'public');
  const { works } = await reviewQueue(db, by, country, instrument);
  const mappings: AcceptedStrong[] = [];
  const skipped: string[] = [];
  for (const w of works) {
    const picks = w.items
      .filter((i) => !i.accepted.length && i.suggestions[0]?.strong)
      .map((i) => ({
        work: w.id,
        eid: i.eid,
        article: i.suggestions[0].article,
        score: i.suggestions[0].score,
      }));
    if (!picks.length) continue;
    if (!canEdit(by, await getWorkRow(db, by, w.id))) {
      skipped.push(w.id);
      continue;
    }
    await captureBefore(db, w.id);
    // The picks come from the suggester over the work's own provisions and the instrument's articles;
    // a pick stored earlier as a suggestion is accepted, one already decided is left as it is.
    for (const m of picks) {
      const row = await one<{ id: number }>(
        db,
        sql`INSERT INTO mapping (work_id, eid, instrument, article, coverage, status, source, score, model_version, reviewer, reviewed_at, created_by)
            VALUES (${m.work}, ${m.eid}, ${instrument}, ${m.article}, 'full', 'accepted', 'suggester', ${m.score}, ${w.support.model_version}, ${by.name}, now(), ${by.name})
            ON CONFLICT (work_id, eid, instrument, article) DO UPDATE SET status = 'accepted', coverage = 'full', reviewer = EXCLUDED.reviewer, reviewed_at = now()
              WHERE mapping.status = 'suggested'
            RETURNING id`,
      );
      if (row) mappings.push(m);
    }
    await indexWork(db, w.id);
    await recordWork(db, by, 'update', w.id);
  }
  return { country, instrument, accepted: mappings.length, mappings, skipped_works: skipped };
}

export type QueueSummary = {
  country: string;
  names: Record<string, string>;
  instrument: string;
  instrument_name: string;
  laws: number;
  mapped: number;
  status: 'not_started' | 'in_progress' | 'complete';
};

/**
 * The review queues an editor's home lists: each country whose laws the viewer may see (a
 * contributor: their own countries) against the Budapest Convention and every other instrument it
 * has a review or mappings for, with its laws, the provisions mapped so far and the review's status
 * — counted in one statement (the suggestions are counted on the queue's own page).
 */
export async function queueSummaries(db: Orm, viewer: Viewer): Promise<QueueSummary[]> {
  const rowsOut = await rows<Omit<QueueSummary, 'status'> & { status: QueueSummary['status'] | null }>(
    db,
    sql`WITH works AS (
          SELECT w.id, w.country FROM legal_work w WHERE ${visibleTo(viewer, 'w')}
            AND (${viewer.role !== 'contributor'} OR w.country = ANY(${sql.param(viewer.countries)}::text[]))),
        pairs AS (
          SELECT DISTINCT country, 'ETS185' AS instrument FROM works
          UNION SELECT r.country, r.instrument FROM legislation_review r WHERE r.country IN (SELECT country FROM works)
          UNION SELECT w.country, m.instrument FROM mapping m JOIN works w ON w.id = m.work_id WHERE m.status = 'accepted')
        SELECT p.country, c.names, p.instrument, i.short_name AS instrument_name, r.status,
          (SELECT count(*)::int FROM works w WHERE w.country = p.country) AS laws,
          (SELECT count(DISTINCT (m.work_id, m.eid))::int FROM mapping m JOIN works w ON w.id = m.work_id
            WHERE w.country = p.country AND m.instrument = p.instrument AND m.status = 'accepted') AS mapped
        FROM pairs p JOIN country c ON c.iso3 = p.country JOIN instrument i ON i.code = p.instrument
        LEFT JOIN legislation_review r ON r.country = p.country AND r.instrument = p.instrument
        ORDER BY c.names->>'en', i.adopted`,
  );
  return rowsOut.map((q) => ({ ...q, status: q.status ?? 'not_started' }));
}
