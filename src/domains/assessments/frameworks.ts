/**
 * Assessment frameworks, versioned: a draft can be edited, a published version never changes, so
 * past assessments keep the framework they were made with. The default framework (written by the
 * team, data/framework.json) is loaded as version 1 when there is none.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, notFound } from '../../core/errors.js';

const indicator = z.object({
  code: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  title: z.string().min(1),
  question: z.string().min(1),
  weight: z.number().int().min(1).max(3),
  evidence: z.string().min(1),
  coverage: z
    .string()
    .optional()
    .describe('article category of the conventions whose coverage feeds this indicator'),
  rubric: z.array(z.string().min(1)).length(5, 'a rubric has five stages'),
});
export const definitionSchema = z.object({
  dimensions: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z_]+$/),
        title: z.string().min(1),
        description: z.string().optional(),
        indicators: z.array(indicator).min(1),
      }),
    )
    .min(1),
});
export type Definition = z.infer<typeof definitionSchema>;
export type Framework = {
  id: number;
  code: string;
  version: number;
  title: string;
  status: 'draft' | 'published';
  definition: Definition;
  published_at: string | null;
};

const SELECT = sql`SELECT id, code, version, title, status, definition, published_at FROM framework`;

export async function getFramework(db: Orm, id: number): Promise<Framework> {
  const f = await one<Framework>(db, sql`${SELECT} WHERE id = ${id}`);
  if (!f) throw notFound(`Framework ${id}`);
  return f;
}

export const listFrameworks = (db: Orm) => rows<Framework>(db, sql`${SELECT} ORDER BY code, version DESC`);

/** Loads the team's default framework as a published version 1, once. */
export async function loadDefaultFramework(db: Orm): Promise<void> {
  const file = JSON.parse(readFileSync(new URL('./data/framework.json', import.meta.url), 'utf8')) as {
    code: string;
    version: number;
    title: string;
  } & Definition;
  const definition = definitionSchema.parse(file);
  await db.execute(sql`INSERT INTO framework (code, version, title, status, definition, created_by, published_at)
    VALUES (${file.code}, ${file.version}, ${file.title}, 'published', ${JSON.stringify(definition)}::jsonb, 'seed', now()) ON CONFLICT (code, version) DO NOTHING`);
}

/** A new draft version of a framework, from the latest one, with an edited definition. */
export async function draftVersion(
  db: Orm,
  by: Viewer,
  id: number,
  definition: Definition,
): Promise<Framework> {
  const base = await getFramework(db, id);
  const parsed = definitionSchema.parse(definition);
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO framework (code, version, title, status, definition, created_by)
        SELECT ${base.code}, max(version) + 1, ${base.title}, 'draft', ${JSON.stringify(parsed)}::jsonb, ${by.name} FROM framework WHERE code = ${base.code} RETURNING id`,
  );
  await audit(db, by, 'create', 'framework', String(row!.id), null, { code: base.code });
  return getFramework(db, row!.id);
}

/** Changes a draft's definition; a published version never changes. */
export async function updateDraft(
  db: Orm,
  by: Viewer,
  id: number,
  definition: Definition,
): Promise<Framework> {
  const f = await getFramework(db, id);
  if (f.status === 'published')
    throw new AppError(
      409,
      'framework_published',
      `${f.title} v${f.version} is published and cannot change; start a new version from it`,
    );
  const parsed = definitionSchema.parse(definition);
  await db.execute(sql`UPDATE framework SET definition = ${JSON.stringify(parsed)}::jsonb WHERE id = ${id}`);
  await audit(db, by, 'update', 'framework', String(id), f.definition, parsed);
  return getFramework(db, id);
}

export async function publishFramework(db: Orm, by: Viewer, id: number): Promise<Framework> {
  const f = await getFramework(db, id);
  if (f.status === 'published')
    throw new AppError(409, 'already_published', `${f.title} v${f.version} is already published`);
  await db.execute(sql`UPDATE framework SET status = 'published', published_at = now() WHERE id = ${id}`);
  await audit(db, by, 'transition', 'framework', String(id), { status: 'draft' }, { status: 'published' });
  return getFramework(db, id);
}
