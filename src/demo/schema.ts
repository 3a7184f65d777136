/**
 * Shape of the fictional demo content shipped in src/demo/data/countries/*.json.
 * One file per country: its cybercrime law(s) provision by provision, its cases and documents.
 * The same shapes are reused by the repository API for creating items, so demo data and
 * user input are validated by one set of rules.
 */
import { z } from 'zod';

export const languageCode = z
  .string()
  .regex(/^[a-z]{3}$/, 'a three-letter ISO 639-2/T language code such as eng, fra, spa, por, ara, tha');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as KEN');
export const eid = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*$/, 'an Akoma Ntoso eId such as sec_14__subsec_2');
export const coverage = z.enum(['full', 'partial', 'none']);

export const articleRef = z.object({
  instrument: z.string().regex(/^[A-Z0-9]+$/),
  article: z.string().min(1),
});

export const demoMapping = articleRef.extend({
  coverage,
  rationale: z.string().optional(),
});

export type DemoProvision = {
  eid: string;
  number?: string;
  heading?: string;
  text?: string;
  kind?: string;
  mappings?: z.infer<typeof demoMapping>[];
  children?: DemoProvision[];
};

export const demoProvision: z.ZodType<DemoProvision> = z.lazy(() =>
  z.object({
    eid,
    number: z.string().optional(),
    heading: z.string().optional(),
    text: z.string().optional(),
    kind: z.string().optional(),
    mappings: z.array(demoMapping).optional(),
    children: z.array(demoProvision).optional(),
  }),
);

export const demoExpression = z.object({
  language: languageCode,
  date: isoDate,
  authoritative: z.boolean(),
  title: z.string().min(1),
  provisions: z.array(demoProvision).min(1),
});

export const workType = z.enum(['act', 'code', 'decree', 'regulation', 'bill', 'order']);
export const workStatus = z.enum(['in_force', 'partly_in_force', 'not_in_force', 'repealed', 'draft']);

export const demoWork = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: workType,
  number: z.string().min(1),
  year: z.number().int().min(1800).max(2100),
  title: z.record(languageCode, z.string().min(1)),
  short_title: z.string().optional(),
  date_adopted: isoDate.optional(),
  date_published: isoDate.optional(),
  date_in_force: isoDate.optional(),
  date_repealed: isoDate.optional(),
  status: workStatus,
  source: z.string().optional(),
  licence: z.string().optional(),
  concepts: z.array(z.string()).optional(),
  expressions: z.array(demoExpression).min(1),
});

export const briefSchema = z.object({
  facts: z.string().optional(),
  procedural_history: z.string().optional(),
  issues: z.string().optional(),
  decision: z.string().optional(),
  reasoning: z.string().optional(),
  commentary: z.string().optional(),
});

export const partyRole = z.enum(['defendant', 'victim', 'appellant', 'respondent', 'applicant', 'complainant', 'intervener']);
export const partySchema = z.object({
  role: partyRole,
  name: z.string().min(1),
  kind: z.enum(['person', 'legal_person', 'state']).default('person'),
  charges: z.array(z.string()).default([]),
});

export const provisionRef = z.object({ work: z.string(), eid });

export const demoCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  court: z.string().min(1),
  court_level: z.enum(['first_instance', 'appeal', 'supreme', 'constitutional', 'regional', 'other']).default('first_instance'),
  date: isoDate,
  case_number: z.string().min(1),
  ecli: z.string().optional(),
  language: languageCode,
  brief: briefSchema,
  parties: z.array(partySchema).default([]),
  outcome: z.enum(['convicted', 'acquitted', 'partly_convicted', 'dismissed', 'upheld', 'overturned', 'remanded', 'settled', 'other']),
  sentence: z.string().optional(),
  concepts: z.array(z.string()).default([]),
  keywords: z.array(z.string()).default([]),
  cites_provisions: z.array(provisionRef).default([]),
  cites_articles: z.array(articleRef).default([]),
});

export const documentType = z.enum([
  'lesson_learned',
  'good_practice',
  'strategy',
  'bibliography',
  'training_material',
  'policy',
  'report',
]);

export const demoDocument = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: documentType,
  title: z.string().min(1),
  language: languageCode,
  date: isoDate,
  region: z.string().optional(),
  authors: z.array(z.string()).default([]),
  summary: z.string().min(1),
  body: z.string().default(''),
  url: z.string().url().optional(),
  concepts: z.array(z.string()).default([]),
});

export const demoCountryFile = z.object({
  country: iso3,
  fictional_notice: z.string().min(1),
  works: z.array(demoWork).min(1),
  cases: z.array(demoCase),
  documents: z.array(demoDocument),
});

export type DemoCountryFile = z.infer<typeof demoCountryFile>;
export type DemoWork = z.infer<typeof demoWork>;
export type DemoCase = z.infer<typeof demoCase>;
export type DemoDocument = z.infer<typeof demoDocument>;
