/** A search as callers write it and as the service reads it, and what it answers. */
import { z } from 'zod';
import { iso3AnyCase, pageCursor } from '../../core/codes.js';
import { badRequest } from '../../core/errors.js';
import type { Expansion } from './concepts.js';

export const KINDS = ['provision', 'work', 'case', 'document', 'article'] as const;
const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as [T, ...T[]])));

export const searchQuery = z.object({
  q: z.string().max(1000, 'A query can have at most 1,000 characters').default(''),
  type: list(KINDS).optional(),
  country: iso3AnyCase.optional(),
  region: z
    .string()
    .regex(/^\d{3}$/, 'an M49 code such as 014')
    .optional(),
  year_from: z.coerce.number().int().min(1800).max(2100).optional(),
  year_to: z.coerce.number().int().min(1800).max(2100).optional(),
  language: z
    .string()
    .regex(/^[a-z]{3}$/, 'a three-letter language code')
    .optional(),
  concept: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  article: z
    .string()
    .regex(/^[A-Z0-9]+:[0-9A-Za-z.-]+$/, 'CODE:NUMBER, e.g. ETS185:2')
    .optional(),
  court: z.string().max(200).optional(),
  status: z.string().max(60).optional(),
  sort: z.enum(['relevance', 'date', '-date']).default('relevance'),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** A search as a caller writes it (a URL's query string will do); `parseSearch` makes it `SearchParams`. */
export type SearchQuery = z.input<typeof searchQuery>;
export type SearchParams = z.output<typeof searchQuery>;

/** Reads a search from a page's query string, a feed or a saved search: a 400 names each field that is wrong. */
export function parseSearch(input: SearchQuery): SearchParams {
  const parsed = searchQuery.safeParse(input);
  if (!parsed.success)
    throw badRequest('The search is not valid', {
      fields: parsed.error.issues.map((i) => ({
        field: `querystring.${i.path.join('.')}`,
        message: i.message,
      })),
    });
  return parsed.data;
}

export type SearchHit = {
  type: string;
  id: string;
  title: string;
  country: string | null;
  language: string;
  date: string | null;
  snippet: string;
  url: string;
  score: number;
  reason: SearchReason | null;
  /** For a provision: in how many other versions and translations of its law it also exists. */
  other_versions: number;
};
/** Why an item was found without its words: tagged with or mapped to a concept the query names, or using a term for it. */
export type SearchReason = { match: 'tagged' | 'term'; concepts: string[] };
export type Facets = Record<string, { value: string; count: number }[]>;
export type SearchResult = {
  /** How many items match: counted, or estimated from a sample of them when `approximate`. */
  total: number;
  /** The total and facet counts are estimates (a broad query, counted from a sample: sample.ts). */
  approximate: boolean;
  items: SearchHit[];
  facets: Facets;
  next_cursor: string | null;
  expansions: Expansion[];
  suggestion: string | null;
  /** Few items have all the words of the query (`all_words`): they come first, then items with some of them. */
  relaxed: boolean;
  /** How many items have all the words of the query (or are found through the concept it names). */
  all_words: number;
};
