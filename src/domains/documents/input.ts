/** What a client sends to create or change a document. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import { httpUrl, iso3, isoDate, languageCode, slug } from '../../core/codes.js';

export const documentType = z.enum([
  'lesson_learned',
  'good_practice',
  'strategy',
  'bibliography',
  'training_material',
  'policy',
  'report',
]);

export const documentBody = z.object({
  id: slug.optional(),
  type: documentType,
  title: z.string().min(1),
  language: languageCode,
  date: isoDate,
  region: z.string().optional(),
  authors: z.array(z.string()).default([]),
  summary: z.string().min(1),
  body: z.string().default(''),
  url: httpUrl.optional(),
  concepts: z.array(z.string()).default([]),
  tier: z.enum(TIERS).optional().describe('public (default), internal or restricted'),
});

export const documentInput = documentBody.extend({ country: iso3.nullable().optional() });
export type DocumentInput = z.infer<typeof documentInput>;
// Without the defaults: a field left out of a PATCH stays as it is.
export const documentPatch = documentInput
  .omit({ id: true })
  .extend({ authors: z.array(z.string()), body: z.string(), concepts: z.array(z.string()) })
  .partial();
export type DocumentPatch = z.infer<typeof documentPatch>;
