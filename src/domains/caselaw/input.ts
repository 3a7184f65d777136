/** What a client sends to create or change a case. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import { articleRef, eid, iso3, isoDate, languageCode, slug } from '../../core/codes.js';

export const briefSchema = z.object({
  facts: z.string().optional(),
  procedural_history: z.string().optional(),
  issues: z.string().optional(),
  decision: z.string().optional(),
  reasoning: z.string().optional(),
  commentary: z.string().optional(),
});

export const partyRole = z.enum([
  'defendant',
  'victim',
  'appellant',
  'respondent',
  'applicant',
  'complainant',
  'intervener',
]);
export const partyInput = z.object({
  role: partyRole,
  name: z.string().min(1),
  kind: z.enum(['person', 'legal_person', 'state']).default('person'),
  charges: z.array(z.string()).default([]),
});
export const courtLevel = z.enum([
  'first_instance',
  'appeal',
  'supreme',
  'constitutional',
  'regional',
  'other',
]);
export const outcome = z.enum([
  'convicted',
  'acquitted',
  'partly_convicted',
  'dismissed',
  'upheld',
  'overturned',
  'remanded',
  'settled',
  'other',
]);

/** A case as written in a country's file (the country is implied). */
export const caseBody = z.object({
  id: slug.optional(),
  title: z.string().min(1),
  court: z.string().min(1),
  court_level: courtLevel.default('first_instance'),
  date: isoDate,
  case_number: z.string().min(1),
  ecli: z.string().optional(),
  language: languageCode,
  brief: briefSchema,
  parties: z.array(partyInput).default([]),
  outcome,
  sentence: z.string().optional(),
  concepts: z.array(z.string()).default([]),
  keywords: z.array(z.string()).default([]),
  cites_provisions: z.array(z.object({ work: z.string(), eid })).default([]),
  cites_articles: z.array(articleRef).default([]),
  tier: z.enum(TIERS).optional().describe('public (default), internal or restricted'),
});

export const caseInput = caseBody.extend({ country: iso3 });
export type CaseInput = z.infer<typeof caseInput>;
// Without the defaults: a field left out of a PATCH stays as it is.
export const casePatch = caseBody
  .omit({ id: true })
  .extend({
    court_level: courtLevel,
    parties: z.array(partyInput),
    concepts: z.array(z.string()),
    keywords: z.array(z.string()),
    cites_provisions: caseBody.shape.cites_provisions.unwrap(),
    cites_articles: z.array(articleRef),
  })
  .partial();
export type CasePatch = z.infer<typeof casePatch>;
