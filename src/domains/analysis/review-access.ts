/**
 * Who sees a review of legislation, and how much of it. The reviewers of a country (those who may
 * see its drafts) see its review at every stage, with their names. Everyone else sees a review only
 * once it is complete and only for a country with a law they may see — its coverage is then
 * computed from the laws they may see — and never who reviewed it: staff identities stay internal.
 * So a review of a draft, or of laws the caller may not see, changes nothing the caller is shown.
 */
import { sql, type SQL } from 'drizzle-orm';
import { canSee, seesDraftsOf, visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { getReview, type Review } from './review.js';

export type ReviewView = Pick<
  Review,
  'country' | 'instrument' | 'status' | 'reviewed_at' | 'recommendations' | 'summary'
> & {
  /** the reviewer, for the country's reviewers only */
  reviewer: string | null;
};

/** Whether the viewer reviews this country's legislation: may see its drafts. */
export const isReviewerOf = (viewer: Viewer, iso3: string) =>
  canSee(viewer, { tier: 'public', editorial_status: 'draft', country: iso3 });

/** Whether the viewer may write the review of this country (not with a read-only token). */
export const canReview = (viewer: Viewer, iso3: string) => viewer.canWrite && isReviewerOf(viewer, iso3);

/** The review of a country against an instrument as the viewer may see it, or null. */
export async function reviewFor(
  db: Orm,
  viewer: Viewer,
  country: string,
  instrument: string,
): Promise<ReviewView | null> {
  const review = await getReview(db, country, instrument);
  if (!review) return null;
  const { status, reviewed_at, recommendations, summary } = review;
  if (isReviewerOf(viewer, country))
    return { country, instrument, status, reviewed_at, recommendations, summary, reviewer: review.reviewer };
  if (status !== 'complete') return null;
  const hasLaw = await one(
    db,
    sql`SELECT 1 FROM legal_work w WHERE w.country = ${country} AND ${visibleTo(viewer, 'w')} LIMIT 1`,
  );
  return hasLaw
    ? { country, instrument, status, reviewed_at, recommendations, summary, reviewer: null }
    : null;
}

/**
 * SQL condition on a country (`iso3` is its column): it has a law the viewer may see, or the viewer
 * reviews it and it has a review of the instrument — the countries a coverage shows.
 */
export const coverageCountry = (viewer: Viewer, iso3: SQL, instrument: string): SQL =>
  sql`(EXISTS (SELECT 1 FROM legal_work w WHERE w.country = ${iso3} AND ${visibleTo(viewer, 'w')})
       OR (${seesDraftsOf(viewer, iso3)} AND EXISTS (SELECT 1 FROM legislation_review r WHERE r.country = ${iso3} AND r.instrument = ${instrument})))`;

/** SQL: the country's review of the instrument is complete (within coverageCountry, so visible to the viewer). */
export const reviewComplete = (iso3: SQL, instrument: string): SQL =>
  sql`EXISTS (SELECT 1 FROM legislation_review r WHERE r.country = ${iso3} AND r.instrument = ${instrument} AND r.status = 'complete')`;
