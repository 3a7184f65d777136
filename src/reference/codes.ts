/** Value schemas shared by every feature: codes, dates, eIds, article references. */
import { z } from 'zod';

export const languageCode = z
  .string()
  .regex(/^[a-z]{3}$/, 'a three-letter ISO 639-2/T language code such as eng, fra, spa, por, ara, tha');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as KEN');
export const eid = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*$/, 'an Akoma Ntoso eId such as sec_14__subsec_2');
export const slug = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens');
export const coverage = z.enum(['full', 'partial', 'none']);
export const articleRef = z.object({
  instrument: z.string().regex(/^[A-Z0-9]+$/, 'an instrument code such as ETS185'),
  article: z.string().min(1),
});
