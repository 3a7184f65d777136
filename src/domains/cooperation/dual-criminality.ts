/**
 * Dual criminality for a request: for each offence of the request (a concept of the taxonomy), the
 * provisions of the requesting and of the requested state that criminalise it — from the accepted
 * mappings to the instrument articles the offence corresponds to, as the coverage computes them —
 * and plainly, when none does, whether that is missing (the state's review is complete) or not reviewed.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { badRequest } from '../../core/errors.js';
import { coverage, type ArticleStatus, type CoveredBy } from '../analysis/coverage.js';

/** Codes as a comma-separated list (or repeated parameters), each a lower-case concept code. */
export const offenceList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+$/, 'concept codes such as illegal-access')).max(20));

export type StateCriminalises = {
  iso3: string;
  /** the best status over the offence's articles: covered, partial, missing or not_reviewed */
  status: ArticleStatus;
  articles: {
    instrument: string;
    number: string;
    title: string;
    status: ArticleStatus;
    provisions: CoveredBy[];
  }[];
};
export type OffenceCheck = {
  concept: string;
  labels: Record<string, string>;
  requesting: StateCriminalises;
  requested: StateCriminalises;
  /** both states criminalise the conduct (fully or partly) */
  both: boolean;
};

const RANK: ArticleStatus[] = ['covered', 'partial', 'reserved', 'missing', 'not_reviewed'];

export async function dualCriminality(
  db: Orm,
  viewer: Viewer,
  states: { from: string; to: string },
  offences: string[],
): Promise<OffenceCheck[]> {
  if (!offences.length) return [];
  const known = await rows<{ code: string; kind: string; labels: Record<string, string> }>(
    db,
    sql`SELECT code, kind, labels FROM concept WHERE code = ANY(${sql.param(offences)}::text[])`,
  );
  const wrong = offences.filter((o) => known.find((k) => k.code === o)?.kind !== 'offence');
  if (wrong.length)
    throw badRequest(`Not an offence of the taxonomy: ${wrong.join(', ')}`, {
      fields: [{ field: 'querystring.offences', message: `unknown offence: ${wrong.join(', ')}` }],
    });
  const links = await rows<{ concept: string; instrument: string; number: string; title: string }>(
    db,
    sql`SELECT ca.concept, a.instrument, a.number, a.title FROM concept_article ca
        JOIN instrument_article a ON a.instrument = ca.instrument AND a.number = ca.article
        WHERE ca.concept = ANY(${sql.param(offences)}::text[]) AND a.category = 'criminalisation'
        ORDER BY a.instrument, a.position`,
  );
  const covered = new Map<string, Awaited<ReturnType<typeof coverage>>>();
  for (const instrument of new Set(links.map((l) => l.instrument)))
    for (const country of [states.from, states.to])
      covered.set(`${instrument} ${country}`, await coverage(db, viewer, { instrument, country }));
  const stateCheck = (iso3: string, concept: string): StateCriminalises => {
    const articles = links
      .filter((l) => l.concept === concept)
      .map((l) => {
        const row = covered.get(`${l.instrument} ${iso3}`)?.countries[0];
        return {
          instrument: l.instrument,
          number: l.number,
          title: l.title,
          status: row?.statuses[l.number] ?? ('not_reviewed' as const),
          provisions: row?.provisions[l.number] ?? [],
        };
      });
    const status = RANK.find((s) => articles.some((a) => a.status === s)) ?? 'not_reviewed';
    return { iso3, status, articles };
  };
  return offences.map((concept) => {
    const requesting = stateCheck(states.from, concept);
    const requested = stateCheck(states.to, concept);
    const criminalises = (s: StateCriminalises) => s.status === 'covered' || s.status === 'partial';
    return {
      concept,
      labels: known.find((k) => k.code === concept)!.labels,
      requesting,
      requested,
      both: criminalises(requesting) && criminalises(requested),
    };
  });
}
