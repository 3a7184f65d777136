/**
 * Named participants, only with their consent: who attended which activity, as trainee or trainer,
 * with certificates and pre/post-test scores, and a person's history across activities. Internal:
 * outside the programme only the counts by role and sex are used.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { badRequest, notFound } from '../../core/errors.js';
import { iso3, isoDate, jsonId } from '../../core/codes.js';
import { PARTICIPANT_ROLES, SEXES } from './activities.js';

const score = z.number().min(0).max(100);
export const personInput = z.object({
  name: z.string().min(1).max(200),
  sex: z.enum(SEXES).default('not_recorded'),
  role: z.enum(PARTICIPANT_ROLES),
  agency: z.string().max(300).optional(),
  country: iso3.optional(),
  consent_date: isoDate.describe(
    'when the person consented to be named; without consent, record counts only',
  ),
});
export const participationInput = z.object({
  person: jsonId,
  as_trainer: z.boolean().default(false),
  attended: z.boolean().default(true),
  certificate: z.boolean().default(false),
  pre_score: score.optional(),
  post_score: score.optional(),
});
export type Person = z.infer<typeof personInput> & { id: number };
export type Participation = {
  activity: number;
  title: string;
  kind: string;
  date: string | null;
  as_trainer: boolean;
  attended: boolean;
  certificate: boolean;
  pre_score: number | null;
  post_score: number | null;
};
export type Attendee = Person & Omit<Participation, 'activity' | 'title' | 'kind' | 'date'>;

const PERSON = sql`SELECT p.id, p.name, p.sex, p.role, p.agency, p.country, p.consent_date::text FROM person p`;

export async function createPerson(db: Orm, by: Viewer, input: z.infer<typeof personInput>): Promise<Person> {
  const row = await one<Person>(
    db,
    sql`INSERT INTO person (name, sex, role, agency, country, consent_date, created_by) VALUES (${input.name}, ${input.sex}, ${input.role}, ${input.agency ?? null}, ${input.country ?? null}, ${input.consent_date}, ${by.name})
        RETURNING id, name, sex, role, agency, country, consent_date::text`,
  );
  await audit(db, by, 'create', 'person', String(row!.id), null, { id: row!.id });
  return row!;
}

/** A person with every activity they took part in, as trainee or trainer. */
export async function getPerson(
  db: Orm,
  viewer: Viewer,
  id: number,
): Promise<Person & { history: Participation[] }> {
  const person = await one<Person>(db, sql`${PERSON} WHERE p.id = ${id} AND ${tierVisible(viewer, 'p')}`);
  if (!person) throw notFound(`Person ${id}`);
  const history = await rows<Participation>(
    db,
    sql`SELECT a.id AS activity, a.title, a.kind, coalesce(a.actual_start, a.planned_start)::text AS date, x.as_trainer, x.attended, x.certificate, x.pre_score::float, x.post_score::float
        FROM participation x JOIN activity a ON a.id = x.activity_id WHERE x.person_id = ${id} AND ${tierVisible(viewer, 'a')} ORDER BY date NULLS LAST, a.id`,
  );
  return { ...person, history };
}

export async function attendees(db: Orm, viewer: Viewer, activityId: number): Promise<Attendee[]> {
  return rows<Attendee>(
    db,
    sql`SELECT p.id, p.name, p.sex, p.role, p.agency, p.country, p.consent_date::text, x.as_trainer, x.attended, x.certificate, x.pre_score::float, x.post_score::float
        FROM participation x JOIN person p ON p.id = x.person_id WHERE x.activity_id = ${activityId} AND ${tierVisible(viewer, 'p')} ORDER BY x.as_trainer DESC, p.name`,
  );
}

export async function addParticipation(
  db: Orm,
  by: Viewer,
  activityId: number,
  input: z.infer<typeof participationInput>,
): Promise<void> {
  if (!(await one(db, sql`SELECT 1 FROM activity a WHERE a.id = ${activityId} AND ${tierVisible(by, 'a')}`)))
    throw notFound(`Activity ${activityId}`);
  if (!(await one(db, sql`SELECT 1 FROM person p WHERE p.id = ${input.person} AND ${tierVisible(by, 'p')}`)))
    throw badRequest(`Unknown person ${input.person}`);
  await db.execute(sql`INSERT INTO participation (person_id, activity_id, as_trainer, attended, certificate, pre_score, post_score)
    VALUES (${input.person}, ${activityId}, ${input.as_trainer}, ${input.attended}, ${input.certificate}, ${input.pre_score ?? null}, ${input.post_score ?? null})
    ON CONFLICT (person_id, activity_id) DO UPDATE SET as_trainer = EXCLUDED.as_trainer, attended = EXCLUDED.attended, certificate = EXCLUDED.certificate, pre_score = EXCLUDED.pre_score, post_score = EXCLUDED.post_score`);
  await audit(db, by, 'update', 'activity', String(activityId), null, { participation: input });
}
