/**
 * The versioned JSON bundle of all repository data (works with expressions and provisions,
 * mappings, cases, documents, attachments). Reference data is not included: it ships with cyrepo.
 * Keys and order are fixed so that export → import → export gives an identical file.
 */
import { z } from 'zod';
import { EDITORIAL_STATUSES, TIERS } from '../../core/access.js';
import { briefSchema } from '../caselaw/input.js';
import { documentType } from '../documents/input.js';
import { workStatus, workType } from '../legislation/input.js';
import { coverage, eid, isoDate, languageCode, iso3 } from '../../core/codes.js';

export const BUNDLE_FORMAT = 'cyrepo-bundle';
/**
 * Version 2 added tier and editorial_status (a version 1 bundle imports as public and published);
 * version 3 added definitions and events (an older bundle imports with none).
 */
export const BUNDLE_VERSION = 3;

/** A timestamp as PostgreSQL prints it in UTC, e.g. 2026-01-31 09:00:00.123456+00. */
const stamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/,
    'a timestamp such as 2026-01-31 09:00:00+00',
  );
const nullableText = z.string().nullable();
const nullableDate = isoDate.nullable();
const actorStamps = { created_at: stamp, created_by: z.string(), updated_at: stamp, updated_by: z.string() };
const access = {
  tier: z.enum(TIERS).default('public'),
  editorial_status: z.enum(EDITORIAL_STATUSES).default('published'),
};

export const bundleProvision = z.strictObject({
  eid,
  parent: eid.nullable(),
  kind: z.string(),
  number: nullableText,
  heading: nullableText,
  text: z.string(),
});

export const bundleWork = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  country: iso3,
  type: workType,
  number: z.string(),
  year: z.number().int(),
  uri: z.string().startsWith('/akn/'),
  title: z.record(z.string(), z.string()),
  short_title: nullableText,
  date_adopted: nullableDate,
  date_published: nullableDate,
  date_in_force: nullableDate,
  date_repealed: nullableDate,
  status: workStatus,
  source: nullableText,
  licence: nullableText,
  concepts: z.array(z.string()),
  ...access,
  ...actorStamps,
  expressions: z.array(
    z.strictObject({
      language: languageCode,
      date: isoDate,
      authoritative: z.boolean(),
      title: z.string(),
      created_at: stamp,
      created_by: z.string(),
      provisions: z.array(bundleProvision),
      definitions: z.array(z.strictObject({ eid, term: z.string(), definition: z.string() })).default([]),
    }),
  ),
  events: z
    .array(
      z.strictObject({
        kind: z.enum(['amendment', 'commencement', 'repeal']),
        date: isoDate,
        amending_work: nullableText,
        amending_title: nullableText,
        provisions: z.array(z.string()),
        note: nullableText,
        created_at: stamp,
        created_by: z.string(),
      }),
    )
    .default([]),
});

export const bundleMapping = z.strictObject({
  work: z.string(),
  eid,
  instrument: z.string(),
  article: z.string(),
  coverage,
  status: z.enum(['suggested', 'accepted', 'rejected']),
  source: z.enum(['editor', 'suggester']),
  score: z.number().nullable(),
  rationale: nullableText,
  reviewer: nullableText,
  reviewed_at: stamp.nullable(),
  created_at: stamp,
  created_by: z.string(),
});

export const bundleCase = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  country: iso3,
  title: z.string(),
  court: z.string(),
  court_level: z.string(),
  date: isoDate,
  case_number: z.string(),
  ecli: nullableText,
  language: languageCode,
  brief: briefSchema,
  outcome: z.string(),
  sentence: nullableText,
  concepts: z.array(z.string()),
  keywords: z.array(z.string()),
  ...access,
  ...actorStamps,
  parties: z.array(
    z.strictObject({ role: z.string(), name: z.string(), kind: z.string(), charges: z.array(z.string()) }),
  ),
  cites_provisions: z.array(z.strictObject({ work: z.string(), eid })),
  cites_articles: z.array(z.strictObject({ instrument: z.string(), article: z.string() })),
});

export const bundleDocument = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: documentType,
  title: z.string(),
  country: iso3.nullable(),
  region: nullableText,
  language: languageCode,
  date: isoDate,
  authors: z.array(z.string()),
  summary: z.string(),
  body: z.string(),
  url: nullableText,
  concepts: z.array(z.string()),
  ...access,
  ...actorStamps,
});

export const bundleAttachment = z.strictObject({
  owner_type: z.enum(['work', 'case', 'document']),
  owner_id: z.string(),
  filename: z.string(),
  media_type: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  page_count: z.number().int().nullable(),
  extracted_text: nullableText,
  created_at: stamp,
  created_by: z.string(),
  content_base64: z.string(),
});

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(BUNDLE_VERSION)]),
  works: z.array(bundleWork),
  mappings: z.array(bundleMapping),
  cases: z.array(bundleCase),
  documents: z.array(bundleDocument),
  attachments: z.array(bundleAttachment),
});

export type Bundle = z.infer<typeof bundleSchema>;

/** The columns of a law (work) a bundle carries, as export writes and import reads them. */
export const WORK_COLUMNS = [
  'id',
  'country',
  'type',
  'number',
  'year',
  'uri',
  'title',
  'short_title',
  'date_adopted',
  'date_published',
  'date_in_force',
  'date_repealed',
  'status',
  'source',
  'licence',
  'concepts',
  'tier',
  'editorial_status',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;

/** The columns of a case a bundle carries, as export writes and import reads them. */
export const CASE_COLUMNS = [
  'id',
  'country',
  'title',
  'court',
  'court_level',
  'date',
  'case_number',
  'ecli',
  'language',
  'brief',
  'outcome',
  'sentence',
  'concepts',
  'keywords',
  'tier',
  'editorial_status',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;

/** The columns of a document a bundle carries, as export writes and import reads them. */
export const DOCUMENT_COLUMNS = [
  'id',
  'type',
  'title',
  'country',
  'region',
  'language',
  'date',
  'authors',
  'summary',
  'body',
  'url',
  'concepts',
  'tier',
  'editorial_status',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
