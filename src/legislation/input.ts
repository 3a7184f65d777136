/** What a client sends to create or change a work: the work, its expressions and provisions (a tree) and their mappings. */
import { z } from 'zod';
import { TIERS } from '../accounts/access.js';
import { articleRef, coverage, eid, iso3, isoDate, languageCode, slug } from '../reference/codes.js';

export const workType = z.enum(['act', 'code', 'decree', 'regulation', 'bill', 'order']);
export const workStatus = z.enum(['in_force', 'partly_in_force', 'not_in_force', 'repealed', 'draft']);
export const mappingInput = articleRef.extend({ coverage, rationale: z.string().optional() });

export type ProvisionInput = {
  eid: string;
  number?: string;
  heading?: string;
  text?: string;
  kind?: string;
  mappings?: z.infer<typeof mappingInput>[];
  children?: ProvisionInput[];
};

export const provisionInput: z.ZodType<ProvisionInput> = z.lazy(() =>
  z.object({
    eid,
    number: z.string().optional(),
    heading: z.string().optional(),
    text: z.string().optional(),
    kind: z.string().optional(),
    mappings: z.array(mappingInput).optional(),
    children: z.array(provisionInput).optional(),
  }),
);

export const expressionInput = z.object({
  language: languageCode,
  date: isoDate,
  authoritative: z.boolean(),
  title: z.string().min(1),
  provisions: z.array(provisionInput).min(1),
  definitions: z.array(z.object({ eid, term: z.string().min(1), definition: z.string() })).optional().describe('terms the text defines, by the eId of the defining provision'),
});
export type ExpressionInput = z.infer<typeof expressionInput>;

/** A work as written in a country's file (the country is implied). */
export const workBody = z.object({
  id: slug.optional(),
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
  tier: z.enum(TIERS).optional().describe('public (default), internal or restricted'),
  expressions: z.array(expressionInput).min(1),
});

export const workInput = workBody.extend({ country: iso3 });
export type WorkInput = z.infer<typeof workInput>;
export const workPatch = workBody.omit({ expressions: true, id: true, type: true, year: true, number: true }).partial();
export type WorkPatch = z.infer<typeof workPatch>;
