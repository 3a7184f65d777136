/**
 * The legal basis for a request from one state to another: the instruments that bind both on the
 * date of the request (from the party data: signature, ratification, entry into force, reservations),
 * what each allows (its international-cooperation articles, by the measure concepts they are linked
 * to), those signed or ratified but not yet binding, and reciprocity when nothing binds both.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { iso3, isoDate } from '../../core/codes.js';
import { badRequest } from '../../core/errors.js';
import { measuresByInstrument, type Measure } from './measures.js';

export const legalBasisQuery = z.object({
  from: iso3.describe('the requesting state (ISO alpha-3)'),
  to: iso3.describe('the requested state (ISO alpha-3)'),
  on: isoDate.optional().describe('the date of the request (default: today)'),
});
export type LegalBasisQuery = z.output<typeof legalBasisQuery>;

/** Where a state stands towards an instrument on a date. */
export type Standing = 'bound' | 'not_yet_in_force' | 'signed' | 'none';
export type PartyRecord = {
  standing: Standing;
  status: string | null;
  signature: string | null;
  ratification: string | null;
  entry_into_force: string | null;
  reservations: string | null;
  source_note: string | null;
};
export type Basis = {
  instrument: string;
  short_name: string;
  title: string;
  /** the date the instrument entered into force (null: not yet) */
  instrument_in_force: string | null;
  requesting: PartyRecord;
  requested: PartyRecord;
  /** both states are bound on the date */
  applies: boolean;
  /** from when it binds both (the later entry into force; null when a date is not recorded) */
  since: string | null;
  measures: Measure[];
};
export type LegalBasis = {
  on: string;
  requesting: { iso3: string; names: Record<string, string> };
  requested: { iso3: string; names: Record<string, string> };
  /** instruments binding both states on the date */
  bases: Basis[];
  /** instruments one or both have signed or ratified that do not (yet) bind both */
  pending: Basis[];
  /** no instrument binds both: a request rests on reciprocity (or a treaty not recorded here) */
  reciprocity: boolean;
};

type PartyRow = {
  status: string;
  signature: string | null;
  ratification: string | null;
  entry_into_force: string | null;
  reservations: string | null;
  source_note: string | null;
} | null;

/**
 * A state's standing on a date: bound once the instrument is in force and, for the state, it is a
 * party (status "party" with no later entry-into-force date, or ratified/acceded with an entry into
 * force on or before the date); ratified or acceded but not yet in force; signed only; or nothing.
 */
export function standingOn(party: PartyRow, instrumentInForce: string | null, on: string): Standing {
  if (!party) return 'none';
  if (party.status === 'signed') return 'signed';
  const inForce = instrumentInForce !== null && instrumentInForce <= on;
  const eif = party.entry_into_force;
  const forState = party.status === 'party' ? !eif || eif <= on : !!eif && eif <= on;
  return inForce && forState ? 'bound' : 'not_yet_in_force';
}

/** From when an instrument binds two states: the latest of its and their entries into force (null: a date not recorded). */
function bothSince(dates: (string | null)[]): string | null {
  return dates.every((d) => d !== null) ? (dates as string[]).sort().at(-1)! : null;
}

const record = (party: PartyRow, inForce: string | null, on: string): PartyRecord => ({
  standing: standingOn(party, inForce, on),
  status: party?.status ?? null,
  signature: party?.signature ?? null,
  ratification: party?.ratification ?? null,
  entry_into_force: party?.entry_into_force ?? null,
  reservations: party?.reservations ?? null,
  source_note: party?.source_note ?? null,
});

const PARTY_JSON = (alias: string) =>
  sql.raw(`CASE WHEN ${alias}.country IS NULL THEN NULL ELSE json_build_object('status', ${alias}.status, 'signature', ${alias}.signature, 'ratification', ${alias}.ratification,
    'entry_into_force', ${alias}.entry_into_force, 'reservations', ${alias}.reservations, 'source_note', ${alias}.source_note) END`);

export async function legalBasis(db: Orm, q: LegalBasisQuery): Promise<LegalBasis> {
  const on = q.on ?? new Date().toISOString().slice(0, 10);
  if (q.from === q.to)
    throw badRequest('The requesting and the requested state are the same', {
      fields: [{ field: 'querystring.to', message: 'a state other than the requesting one' }],
    });
  const states = await rows<{ iso3: string; names: Record<string, string> }>(
    db,
    sql`SELECT iso3, names FROM country WHERE iso3 IN (${q.from}, ${q.to})`,
  );
  const state = (code: string, field: string) => {
    const found = states.find((s) => s.iso3 === code);
    if (!found)
      throw badRequest(`Unknown country: ${code}`, {
        fields: [{ field: `querystring.${field}`, message: 'unknown country' }],
      });
    return found;
  };
  const requesting = state(q.from, 'from');
  const requested = state(q.to, 'to');
  const instruments = await rows<{
    code: string;
    short_name: string;
    title: string;
    in_force: string | null;
    a: PartyRow;
    b: PartyRow;
  }>(
    db,
    sql`SELECT i.code, i.short_name, i.title, i.in_force::text, ${PARTY_JSON('a')} AS a, ${PARTY_JSON('b')} AS b
        FROM instrument i
        LEFT JOIN instrument_party a ON a.instrument = i.code AND a.country = ${q.from}
        LEFT JOIN instrument_party b ON b.instrument = i.code AND b.country = ${q.to}
        ORDER BY i.adopted, i.code`,
  );
  const measures = await measuresByInstrument(db);
  const all: Basis[] = instruments.map((i) => {
    const a = record(i.a, i.in_force, on);
    const b = record(i.b, i.in_force, on);
    const applies = a.standing === 'bound' && b.standing === 'bound';
    return {
      instrument: i.code,
      short_name: i.short_name,
      title: i.title,
      instrument_in_force: i.in_force,
      requesting: a,
      requested: b,
      applies,
      since: applies ? bothSince([i.in_force, a.entry_into_force, b.entry_into_force]) : null,
      measures: measures.get(i.code) ?? [],
    };
  });
  const bases = all.filter((b) => b.applies);
  return {
    on,
    requesting,
    requested,
    bases,
    pending: all.filter(
      (b) => !b.applies && (b.requesting.standing !== 'none' || b.requested.standing !== 'none'),
    ),
    reciprocity: bases.length === 0,
  };
}

export const matrixQuery = z.object({
  countries: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => [
      ...new Set(
        (Array.isArray(v) ? v : [v])
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(iso3).max(40, 'at most 40 states')),
  on: isoDate.optional().describe('the date (default: today)'),
});

/** Per pair of states (each pair once, in the order given), the instruments binding both on the date. */
export type Matrix = {
  on: string;
  states: { iso3: string; names: Record<string, string> }[];
  pairs: { a: string; b: string; instruments: { code: string; since: string | null }[] }[];
};

export async function legalBasisMatrix(db: Orm, q: z.output<typeof matrixQuery>): Promise<Matrix> {
  const on = q.on ?? new Date().toISOString().slice(0, 10);
  const states = await rows<{ iso3: string; names: Record<string, string> }>(
    db,
    sql`SELECT iso3, names FROM country WHERE iso3 = ANY(${sql.param(q.countries)}::text[])`,
  );
  const unknown = q.countries.filter((c) => !states.some((s) => s.iso3 === c));
  if (unknown.length)
    throw badRequest(`Unknown country: ${unknown.join(', ')}`, {
      fields: [{ field: 'querystring.countries', message: `unknown: ${unknown.join(', ')}` }],
    });
  const parties = await rows<
    NonNullable<PartyRow> & { country: string; instrument: string; in_force: string | null }
  >(
    db,
    sql`SELECT p.country, p.instrument, p.status, p.signature, p.ratification, p.entry_into_force, p.reservations, p.source_note, i.in_force::text
        FROM instrument_party p JOIN instrument i ON i.code = p.instrument
        WHERE p.country = ANY(${sql.param(q.countries)}::text[]) ORDER BY i.adopted, i.code`,
  );
  const bound = new Map<string, typeof parties>();
  for (const p of parties)
    if (standingOn(p, p.in_force, on) === 'bound') bound.set(p.country, [...(bound.get(p.country) ?? []), p]);
  const pairs: Matrix['pairs'] = [];
  q.countries.forEach((a, i) => {
    for (const b of q.countries.slice(i + 1)) {
      const instruments = (bound.get(a) ?? []).flatMap((pa) => {
        const pb = bound.get(b)?.find((x) => x.instrument === pa.instrument);
        if (!pb) return [];
        return [
          { code: pa.instrument, since: bothSince([pa.in_force, pa.entry_into_force, pb.entry_into_force]) },
        ];
      });
      pairs.push({ a, b, instruments });
    }
  });
  return { on, states: q.countries.map((c) => states.find((s) => s.iso3 === c)!), pairs };
}
