/**
 * A country's progress: every assessment with its dimension scores, the change between two of
 * them (per dimension and indicator), the recommendations with the requests they became and the
 * activities delivered against those requests, and what the review of its law says.
 */
import { sql } from 'drizzle-orm';
import { tierVisible, visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { getAssessment, listAssessments } from './service.js';
import { coverageFeed } from './workflow.js';
import { trainedIn } from '../assistance/figures.js';

export type ChainActivity = {
  id: number;
  title: string;
  status: string;
  date: string | null;
  people: number;
};
export type ChainRow = {
  id: number;
  assessment_id: number;
  assessed: string;
  text: string;
  priority: string;
  status: string;
  institution: string | null;
  request_id: number | null;
  request_status: string | null;
  activities: ChainActivity[];
};
export type Change = {
  code: string;
  title: string;
  before: number | null;
  after: number | null;
  change: number | null;
  indicators?: Change[];
};

export async function countryProgress(
  db: Orm,
  viewer: Viewer,
  iso3: string,
  pick: { from?: number; to?: number } = {},
) {
  const country = await one<{ iso3: string; names: Record<string, string> }>(
    db,
    sql`SELECT iso3, names FROM country WHERE iso3 = ${iso3}`,
  );
  if (!country) throw notFound(`Country ${iso3}`);
  const list = await listAssessments(db, viewer, iso3);
  const assessments = await Promise.all(list.map((a) => getAssessment(db, viewer, a.id)));
  const chronological = [...assessments].reverse();
  const after = chronological.find((a) => a.id === pick.to) ?? chronological.at(-1);
  const before =
    chronological.find((a) => a.id === pick.from) ??
    chronological.filter((a) => a !== after && (!after || a.started <= after.started)).at(-1);
  const chain = await rows<ChainRow>(
    db,
    sql`SELECT r.id, r.assessment_id, a.started::text AS assessed, r.text, r.priority, r.status, r.institution, q.id AS request_id, q.status AS request_status,
          coalesce((SELECT json_agg(json_build_object('id', a.id, 'title', a.title, 'status', a.status, 'date', coalesce(a.actual_start, a.planned_start)::text,
                      'people', ${trainedIn({ country: iso3 })}) ORDER BY coalesce(a.actual_start, a.planned_start), a.id)
                    FROM activity_request ar JOIN activity a ON a.id = ar.activity_id WHERE ar.request_id = q.id AND ${tierVisible(viewer, 'a')}), '[]') AS activities
        FROM recommendation r JOIN assessment a ON a.id = r.assessment_id LEFT JOIN assistance_request q ON q.id = r.request_id AND ${tierVisible(viewer, 'q')}
        WHERE a.country = ${iso3} AND ${tierVisible(viewer, 'a')} ORDER BY a.started DESC, r.id`,
  );
  const law = await one<{ works: number; cases: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM legal_work w WHERE w.country = ${iso3} AND ${visibleTo(viewer, 'w')}) AS works,
      (SELECT count(*)::int FROM legal_case c WHERE c.country = ${iso3} AND ${visibleTo(viewer, 'c')}) AS cases`,
  );
  const latest = assessments[0];
  return {
    country,
    assessments: assessments.map(({ framework_definition: _f, ...a }) => a),
    from: before?.id ?? null,
    to: after?.id ?? null,
    changes: after && before ? changes(before, after) : [],
    chain,
    coverage: latest ? await coverageFeed(db, viewer, iso3, latest.framework_definition) : [],
    works: law!.works,
    cases: law!.cases,
  };
}

type Full = Awaited<ReturnType<typeof getAssessment>>;

/** Per dimension (and its indicators), the score before and after and the change. */
function changes(before: Full, after: Full): Change[] {
  const diff = (b: number | null, a: number | null) =>
    a === null || b === null ? null : Number((a - b).toFixed(2));
  const scoreOf = (x: Full, code: string) => x.scores.find((s) => s.indicator === code)?.score ?? null;
  return after.framework_definition.definition.dimensions.map((d) => {
    const b = before.dimensions.find((x) => x.code === d.code)?.score ?? null;
    const a = after.dimensions.find((x) => x.code === d.code)?.score ?? null;
    return {
      code: d.code,
      title: d.title,
      before: b,
      after: a,
      change: diff(b, a),
      indicators: d.indicators.map((i) => ({
        code: i.code,
        title: i.title,
        before: scoreOf(before, i.code),
        after: scoreOf(after, i.code),
        change: diff(scoreOf(before, i.code), scoreOf(after, i.code)),
      })),
    };
  });
}
