/**
 * Reservations and declarations a party made to an instrument, per article, with their text, date
 * and source: public facts of the treaty, recorded and changed by staff editors (each change in the
 * audit log). A reservation in effect on a date makes the article "reserved" for that country in
 * coverage and the gap report (analysis/coverage.ts); a declaration is shown, and changes no status.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isStaffEditor, type Viewer } from '../../core/access.js';
import { iso3, isoDate } from '../../core/codes.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import { audit } from '../accounts/audit.js';

export const RESERVATION_KINDS = ['reservation', 'declaration'] as const;
export const reservationInput = z
  .object({
    country: iso3,
    instrument: z.string().regex(/^[A-Z0-9]+$/, 'an instrument code such as ETS185'),
    article: z.string().trim().min(1, 'the article reserved or declared on, e.g. 6'),
    kind: z.enum(RESERVATION_KINDS),
    text: z.string().trim().min(1, 'the text as deposited').max(20_000),
    made_on: isoDate.nullable().default(null),
    withdrawn_on: isoDate.nullable().default(null),
    source: z.string().trim().max(2000).default(''),
  })
  .refine((r) => !r.made_on || !r.withdrawn_on || r.withdrawn_on >= r.made_on, {
    message: 'withdrawn on or after the day it was made',
    path: ['withdrawn_on'],
  });
export type ReservationInput = z.output<typeof reservationInput>;
export const reservationQuery = z.object({
  country: iso3.optional(),
  instrument: z
    .string()
    .regex(/^[A-Z0-9]+$/)
    .optional(),
  article: z.string().optional(),
});
export type Reservation = ReservationInput & { id: number; updated_at: string };

const COLUMNS = sql`id, country, instrument, article, kind, text, made_on::text, withdrawn_on::text, source, updated_at::text`;

/** The reservations and declarations asked for, by instrument, article order and country. */
export const listReservations = (db: Orm, q: z.output<typeof reservationQuery> = {}) =>
  rows<Reservation>(
    db,
    sql`SELECT ${COLUMNS} FROM reservation r
        WHERE ${where(
          q.country && sql`r.country = ${q.country}`,
          q.instrument && sql`r.instrument = ${q.instrument}`,
          q.article && sql`r.article = ${q.article}`,
        )}
        ORDER BY r.instrument, (SELECT position FROM instrument_article a WHERE a.instrument = r.instrument AND a.number = r.article), r.country, r.id`,
  );

/** The reservations in effect on a date (made on or before it, or undated; not withdrawn by then), per country and article. */
export async function reservedOn(db: Orm, instrument: string, on: string): Promise<Map<string, Set<string>>> {
  const list = await rows<{ country: string; article: string }>(
    db,
    sql`SELECT country, article FROM reservation WHERE instrument = ${instrument} AND kind = 'reservation'
          AND (made_on IS NULL OR made_on <= ${on}::date) AND (withdrawn_on IS NULL OR withdrawn_on > ${on}::date)`,
  );
  const out = new Map<string, Set<string>>();
  for (const r of list) out.set(r.country, (out.get(r.country) ?? new Set()).add(r.article));
  return out;
}

function assertCanChange(by: Viewer) {
  if (!isStaffEditor(by) || !by.canWrite)
    throw new AppError(
      403,
      'forbidden',
      'Only editors, programme officers and administrators record reservations',
    );
}

/** The country, instrument and article exist (each named at its field when not). */
async function checkReferences(db: Orm, r: ReservationInput) {
  const [found] = await rows<{ country: boolean; instrument: boolean; article: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM country WHERE iso3 = ${r.country}) AS country,
               EXISTS (SELECT 1 FROM instrument WHERE code = ${r.instrument}) AS instrument,
               EXISTS (SELECT 1 FROM instrument_article WHERE instrument = ${r.instrument} AND number = ${r.article}) AS article`,
  );
  const fields = [
    !found.country && { field: 'country', message: `unknown country ${r.country}` },
    !found.instrument && { field: 'instrument', message: `unknown instrument ${r.instrument}` },
    found.instrument &&
      !found.article && { field: 'article', message: `${r.instrument} has no article ${r.article}` },
  ].filter(Boolean) as { field: string; message: string }[];
  if (fields.length) throw badRequest(fields.map((f) => f.message).join('; '), { fields });
}

export async function getReservation(db: Orm, id: number): Promise<Reservation> {
  const found = await one<Reservation>(db, sql`SELECT ${COLUMNS} FROM reservation WHERE id = ${id}`);
  if (!found) throw notFound(`Reservation ${id}`);
  return found;
}

export async function createReservation(db: Orm, by: Viewer, input: ReservationInput): Promise<Reservation> {
  assertCanChange(by);
  await checkReferences(db, input);
  const r = input;
  const [{ id }] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO reservation (country, instrument, article, kind, text, made_on, withdrawn_on, source, created_by, updated_by)
        VALUES (${r.country}, ${r.instrument}, ${r.article}, ${r.kind}, ${r.text}, ${r.made_on}, ${r.withdrawn_on}, ${r.source}, ${by.name}, ${by.name})
        RETURNING id`,
  );
  await audit(db, by, 'create', 'reservation', String(id), null, input);
  return getReservation(db, id);
}

export async function updateReservation(
  db: Orm,
  by: Viewer,
  id: number,
  input: ReservationInput,
): Promise<Reservation> {
  assertCanChange(by);
  const before = await getReservation(db, id);
  await checkReferences(db, input);
  const r = input;
  await db.execute(
    sql`UPDATE reservation SET country = ${r.country}, instrument = ${r.instrument}, article = ${r.article}, kind = ${r.kind}, text = ${r.text},
          made_on = ${r.made_on}, withdrawn_on = ${r.withdrawn_on}, source = ${r.source}, updated_by = ${by.name}, updated_at = now()
        WHERE id = ${id}`,
  );
  await audit(db, by, 'update', 'reservation', String(id), before, input);
  return getReservation(db, id);
}

export async function deleteReservation(db: Orm, by: Viewer, id: number): Promise<void> {
  assertCanChange(by);
  const before = await getReservation(db, id);
  await db.execute(sql`DELETE FROM reservation WHERE id = ${id}`);
  await audit(db, by, 'delete', 'reservation', String(id), before, null);
}
