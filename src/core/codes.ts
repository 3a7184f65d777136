/** Value schemas shared by every feature: codes, dates, ids, years, cursors, eIds, article references. */
import { z } from 'zod';
import { PG_INT_MAX } from './db/query.js';

export const languageCode = z
  .string()
  .regex(/^[a-z]{3}$/, 'a three-letter ISO 639-2/T language code such as eng, fra, spa, por, ara, tha');
/** A calendar date that exists (no 2020-02-30, no year 0), as PostgreSQL stores it. */
export const isoDate = z.iso
  .date('a date that exists, as YYYY-MM-DD')
  .refine((d) => !d.startsWith('0000'), 'a date that exists, as YYYY-MM-DD (years start at 0001)');
/** Whether text is a date that exists, as YYYY-MM-DD (for files read outside a schema). */
export const isRealDate = (s: string) => isoDate.safeParse(s).success;
const ID_MESSAGE = 'an id: a whole number from 1 to 2147483647';
const idRange = (n: z.ZodNumber) => n.int(ID_MESSAGE).min(1, ID_MESSAGE).max(PG_INT_MAX, ID_MESSAGE);
/** A record id from a path, query or body: a whole number from 1 to 2^31-1. */
export const recordId = idRange(z.coerce.number(ID_MESSAGE));
/** A record id in a JSON body: a whole number from 1 to 2^31-1 (not a string). */
export const jsonId = idRange(z.number(ID_MESSAGE));
/** A count in a JSON body: a whole number from 0 to 2^31-1. */
export const count = z
  .number()
  .int()
  .min(0, 'a count cannot be negative')
  .max(PG_INT_MAX, 'a count of at most 2147483647');
/** A year from a query or form: 1 to 9999. */
export const yearNumber = z.coerce
  .number('a year such as 2020')
  .int('a year such as 2020')
  .min(1, 'a year such as 2020')
  .max(9999, 'a year such as 2020');
/** An opaque pagination cursor as sent back by a client (decoded and checked by db/query.ts). */
export const pageCursor = z.string().max(2000, 'a next_cursor value of a previous page');
/** An ISO 3166-1 alpha-3 country code as cyrepo stores it and its API and forms take it: upper case. */
export const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as KEN');
/** The same code in an address or a search a person types: any case, read as upper case (ken → KEN). */
export const iso3AnyCase = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code such as KEN')
  .transform((s) => s.toUpperCase());
/** Longest eId accepted: real ones are a few dozen characters (sec_14__subsec_2__para_b). */
export const EID_MAX = 200;
// Letters, digits and underscores from a letter: the same language as the former
// /^[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*$/, without its exponential backtracking on long input.
export const eid = z
  .string()
  .max(EID_MAX, { message: `an Akoma Ntoso eId of at most ${EID_MAX} characters`, abort: true })
  .regex(/^[a-z][a-z0-9_]*$/, 'an Akoma Ntoso eId such as sec_14__subsec_2');
export const slug = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens');
export const coverage = z.enum(['full', 'partial', 'none']);
export const articleRef = z.object({
  instrument: z.string().regex(/^[A-Z0-9]+$/, 'an instrument code such as ETS185'),
  article: z.string().min(1),
});
/** Whether a stored address may be shown as a link: http or https only (never javascript:, data: or file:). */
export const isHttpUrl = (u: string) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol);
/** A web address to link to, as input: http or https only. */
export const httpUrl = z
  .string()
  .trim()
  .refine(
    isHttpUrl,
    'a web address starting with http:// or https://, such as https://example.org/report.pdf',
  );

/**
 * A PATCH body from an object's fields: each optional and without its default, so that a field
 * left out stays as it is (zod's `.partial()` keeps defaults, which would reset it).
 */
export function patchOf<T extends Record<string, z.ZodType>>(fields: T) {
  const optional = (v: z.ZodType) => (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : v).optional();
  return z.object(
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, optional(v)])) as {
      [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]>;
    },
  );
}
