/** Documents: lessons learned, good practices, strategies, bibliography, training material. */
import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  EDITORIAL_STATUSES,
  system,
  TIERS,
  visibleTo,
  type EditorialStatus,
  type Viewer,
} from '../../core/access.js';
import { audit, type AuditAction } from '../accounts/audit.js';
import { assertCanCreate, assertCanEdit, assertCanSetTier } from '../../core/policy.js';
import { indexDocument } from '../search/indexer.js';
import type { Orm } from '../../core/db/connect.js';
import { keyset, one, page, rows, where } from '../../core/db/query.js';
import { iso3, pageCursor } from '../../core/codes.js';
import { documentInput, documentPatch, type DocumentInput, type DocumentPatch } from './input.js';
import { conflict, notFound } from '../../core/errors.js';
import { document } from './schema.js';

export { documentInput, documentPatch };

export type DocumentRecord = {
  id: string;
  type: string;
  title: string;
  country: string | null;
  region: string | null;
  language: string;
  date: string;
  authors: string[];
  summary: string;
  body: string;
  url: string | null;
  concepts: string[];
  tier: string;
  editorial_status: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
};

const COLUMNS = sql`d.id, d.type, d.title, d.country, d.region, d.language, d.date, d.authors, d.summary, d.body, d.url, d.concepts,
  d.tier, d.editorial_status, d.created_at, d.created_by, d.updated_at, d.updated_by`;
const ALL = system('internal');

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'document';

export async function createDocument(
  db: Orm,
  by: Viewer,
  input: DocumentInput,
  options: { status?: EditorialStatus } = {},
): Promise<DocumentRecord> {
  const tier = input.tier ?? 'public';
  assertCanCreate(by, input.country ?? null, tier);
  const id = input.id ?? `${input.date.slice(0, 4)}-${slug(input.title)}`;
  if (await one(db, sql`SELECT 1 FROM document WHERE id = ${id}`))
    throw conflict(`A document with the id ${id} already exists`);
  await db.insert(document).values({
    id,
    type: input.type,
    title: input.title,
    country: input.country ?? null,
    region: input.region ?? null,
    language: input.language,
    date: input.date,
    authors: input.authors,
    summary: input.summary,
    body: input.body,
    url: input.url ?? null,
    concepts: input.concepts,
    tier,
    editorialStatus: by.via === 'system' ? (options.status ?? 'draft') : 'draft',
    createdBy: by.name,
    updatedBy: by.name,
  });
  await indexDocument(db, id);
  const created = await getDocument(db, ALL, id);
  await audit(db, by, 'create', 'document', id, null, created);
  return created;
}

export async function getDocument(db: Orm, viewer: Viewer, id: string): Promise<DocumentRecord> {
  const d = await one<DocumentRecord>(
    db,
    sql`SELECT ${COLUMNS} FROM document d WHERE d.id = ${id} AND ${visibleTo(viewer, 'd')}`,
  );
  if (!d) throw notFound(`Document ${id}`);
  return d;
}

export async function updateDocument(
  db: Orm,
  by: Viewer,
  id: string,
  patch: DocumentPatch,
  action: AuditAction = 'update',
): Promise<DocumentRecord> {
  assertCanEdit(by, await getDocument(db, by, id));
  if (patch.tier) assertCanSetTier(by, patch.tier);
  if (patch.country !== undefined && by.role === 'contributor')
    assertCanCreate(by, patch.country, patch.tier ?? 'public');
  const before = await getDocument(db, ALL, id);
  const set: PgUpdateSetSource<typeof document> = { updatedBy: by.name, updatedAt: sql`now()` };
  for (const key of [
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
  ] as const)
    if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
  await db.update(document).set(set).where(eq(document.id, id));
  await indexDocument(db, id);
  const after = await getDocument(db, ALL, id);
  await audit(db, by, action, 'document', id, before, after);
  return after;
}

export async function deleteDocument(db: Orm, by: Viewer, id: string): Promise<void> {
  assertCanEdit(by, await getDocument(db, by, id));
  const before = await getDocument(db, ALL, id);
  await db.delete(document).where(eq(document.id, id));
  await indexDocument(db, id);
  await audit(db, by, 'delete', 'document', id, before, null);
}

export const documentListQuery = z.object({
  country: iso3.optional(),
  type: z.string().optional(),
  language: z.string().optional(),
  concept: z.string().optional(),
  tier: z.enum(TIERS).optional(),
  editorial_status: z.enum(EDITORIAL_STATUSES).optional(),
  sort: z.string().default('-date'),
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The query as the route's schema (documentListQuery) read it. */
export type DocumentListQuery = z.output<typeof documentListQuery>;

export async function listDocuments(db: Orm, viewer: Viewer, query: DocumentListQuery) {
  const q = query;
  const sorts = { date: sql`d.date::text`, title: sql`d.title`, created_at: sql`d.created_at::text` };
  const { after, orderBy } = keyset(sorts, sql`d.id`, q.sort, q.cursor, 'text');
  const key = sorts[q.sort.replace(/^-/, '') as keyof typeof sorts];
  const list = await rows<DocumentRecord & { sort_key: string }>(
    db,
    sql`SELECT ${COLUMNS}, ${key} AS sort_key FROM document d WHERE ${where(
      visibleTo(viewer, 'd'),
      q.tier && sql`d.tier = ${q.tier}`,
      q.editorial_status && sql`d.editorial_status = ${q.editorial_status}`,
      q.country && sql`d.country = ${q.country}`,
      q.type && sql`d.type = ${q.type}`,
      q.language && sql`d.language = ${q.language}`,
      q.concept && sql`${q.concept} = ANY(d.concepts)`,
      after,
    )} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`,
  );
  const result = page(list, q.limit, (d) => ({ k: d.sort_key, id: d.id }));
  return { ...result, items: result.items.map(({ sort_key: _, ...d }) => d) };
}
