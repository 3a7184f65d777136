/** What a client sends to create or change a work: the work, its expressions and provisions (a tree) and their mappings. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import { articleRef, coverage, eid, iso3, isoDate, languageCode, slug } from '../../core/codes.js';

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

/** Deepest provision tree accepted (part › chapter › section › subsection › paragraph … is under ten). */
export const MAX_PROVISION_DEPTH = 50;

/** Where a tree first goes deeper than MAX_PROVISION_DEPTH, as a path of indexes (walked without recursion). */
export function tooDeep(list: ProvisionInput[]): (string | number)[] | undefined {
  const stack: { nodes: ProvisionInput[]; path: (string | number)[]; depth: number }[] = [
    { nodes: list, path: [], depth: 1 },
  ];
  while (stack.length) {
    const { nodes, path, depth } = stack.pop()!;
    for (const [i, node] of nodes.entries()) {
      if (depth > MAX_PROVISION_DEPTH) return [...path, i];
      if (node.children?.length)
        stack.push({ nodes: node.children, path: [...path, i, 'children'], depth: depth + 1 });
    }
  }
  return undefined;
}

/** A provision tree: at least one provision, at most MAX_PROVISION_DEPTH levels. */
export const provisionTree = z
  .array(provisionInput)
  .min(1)
  .superRefine((list, ctx) => {
    const path = tooDeep(list);
    if (path)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `provisions are nested at most ${MAX_PROVISION_DEPTH} levels deep`,
      });
  });

export const expressionInput = z.object({
  language: languageCode,
  date: isoDate,
  authoritative: z.boolean(),
  title: z.string().min(1),
  provisions: provisionTree,
  definitions: z
    .array(z.object({ eid, term: z.string().min(1), definition: z.string() }))
    .optional()
    .describe('terms the text defines, by the eId of the defining provision'),
});
export type ExpressionInput = z.infer<typeof expressionInput>;

export const EVENT_KINDS = ['amendment', 'commencement', 'repeal'] as const;
export const eventInput = z
  .object({
    kind: z.enum(EVENT_KINDS),
    date: isoDate,
    amending_work: z
      .string()
      .optional()
      .describe('id of the amending or commencing work, when it is in the repository'),
    amending_title: z
      .string()
      .optional()
      .describe('title or citation of the amending instrument, when it is not'),
    provisions: z.array(eid).default([]).describe('eIds of the provisions affected; none: the whole work'),
    note: z.string().optional(),
  })
  .refine((e) => e.kind !== 'amendment' || e.amending_work || e.amending_title, {
    message: 'an amendment names the amending law (amending_work or amending_title)',
    path: ['amending_title'],
  });
export type EventInput = z.input<typeof eventInput>;
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
  expressions: z
    .array(expressionInput)
    .default([])
    .describe('its texts (expressions); none while the text is still to come'),
  events: z
    .array(eventInput)
    .optional()
    .describe("amendments, commencements and repeals on the work's timeline"),
});

export const workInput = workBody.extend({ country: iso3 });
export type WorkInput = z.infer<typeof workInput>;
/** What may change of a work; null clears an optional field. */
export const workPatch = workBody
  .omit({ expressions: true, events: true, id: true, type: true, year: true, number: true })
  .partial()
  .extend({
    short_title: z.string().nullable().optional(),
    date_adopted: isoDate.nullable().optional(),
    date_published: isoDate.nullable().optional(),
    date_in_force: isoDate.nullable().optional(),
    date_repealed: isoDate.nullable().optional(),
    source: z.string().nullable().optional(),
    licence: z.string().nullable().optional(),
  });
export type WorkPatch = z.infer<typeof workPatch>;
