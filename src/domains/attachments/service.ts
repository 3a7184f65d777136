/** Attachments: files stored in the database with media type, size and SHA-256; checked on upload. */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { canSee, isProgrammeStaff, tierVisible, type Viewer } from '../../core/access.js';
import { audit } from '../accounts/audit.js';
import { assertCanEdit, type Item } from '../../core/policy.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { cleanText } from '../../core/text.js';
import { assertOpen } from '../assessments/service.js';
import { indexWork } from '../search/indexer.js';
import { attachment } from './schema.js';

export const OWNER_TYPES = ['work', 'case', 'document', 'activity', 'assessment'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** Accepted media types, and the magic bytes a file of that type starts with (when it has any). */
/** The types accepted, with the first bytes a file of each begins with (one of them; null: none checked). */
const ACCEPTED: Record<string, Buffer[] | null> = {
  'application/pdf': [Buffer.from('%PDF-')],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [
    Buffer.from('PK\x03\x04', 'binary'),
  ],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [Buffer.from('PK\x03\x04', 'binary')],
  'application/xml': null,
  'text/xml': null,
  'text/plain': null,
  'text/csv': null,
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
  // a scanned law: TIFF, little- or big-endian
  'image/tiff': [Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
};

export type AttachmentMeta = {
  id: number;
  owner_type: string;
  owner_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  page_count: number | null;
  created_at: string;
  created_by: string;
};

/** Works, cases and documents: seen and changed by the repository's editorial rules. */
const REPOSITORY: Partial<Record<OwnerType, string>> = {
  work: 'legal_work',
  case: 'legal_case',
  document: 'document',
};

/**
 * A file's owner: a repository item (tier, editorial status, country) or a programme record
 * (activities and assessments: a tier, seen by signed-in users, changed by programme staff).
 * An assessment's owner id may name one of its indicators: "12" or "12:forensics.laboratory".
 */
type Owner = { type: OwnerType; item: Item; assessment?: { id: number; status: string } };

/** The owner of a file, if the viewer may see it (else 404); files are seen by whoever sees their owner. */
async function owner(db: Orm, viewer: Viewer, type: OwnerType, id: string): Promise<Owner> {
  const table = REPOSITORY[type];
  if (table) {
    const item = await one<Item>(
      db,
      sql`SELECT tier, editorial_status, country FROM ${sql.raw(table)} WHERE id = ${id}`,
    );
    if (!item || !canSee(viewer, item)) throw notFound(`${type} ${id}`);
    return { type, item };
  }
  // Programme records are seen by signed-in users, by tier (as on their own pages).
  if (viewer.role === 'anonymous') throw notFound(`${type} ${id}`);
  if (type === 'activity') {
    const activity = await one<Item>(
      db,
      sql`SELECT a.tier, 'published' AS editorial_status, NULL::text AS country FROM activity a WHERE a.id::text = ${id} AND ${tierVisible(viewer, 'a')}`,
    );
    if (!activity) throw notFound(`${type} ${id}`);
    return { type, item: activity };
  }
  const a = await one<{ tier: string; id: number; status: string }>(
    db,
    sql`SELECT a.tier, a.id, a.status FROM assessment a WHERE a.id::text = split_part(${id}, ':', 1) AND ${tierVisible(viewer, 'a')}`,
  );
  if (!a) throw notFound(`${type} ${id}`);
  return {
    type,
    item: { tier: a.tier, editorial_status: 'published', country: null },
    assessment: { id: a.id, status: a.status },
  };
}

/** Adding or removing a file: the owner's rules — the editorial policy, or programme staff and an open assessment. */
function assertCanChangeFiles(by: Viewer, o: Owner) {
  if (REPOSITORY[o.type]) return assertCanEdit(by, o.item);
  if (by.via !== 'system') {
    if (by.role === 'anonymous')
      throw new AppError(401, 'unauthorized', 'Sign in or send an API token to change files');
    if (!isProgrammeStaff(by))
      throw new AppError(
        403,
        'forbidden',
        `Only programme officers and administrators can add or remove the files of ${o.type === 'activity' ? 'an activity' : 'an assessment'}`,
      );
    if (!by.canWrite)
      throw new AppError(403, 'forbidden', 'This token may only read; use a token with the write scope');
  }
  if (o.assessment) assertOpen(o.assessment); // a validated or published assessment keeps its evidence as it was
}

export async function addAttachment(
  db: Orm,
  by: Viewer,
  input: {
    ownerType: OwnerType;
    ownerId: string;
    filename: string;
    mediaType: string;
    bytes: Buffer;
    text?: string | null;
    pages?: number | null;
  },
): Promise<AttachmentMeta> {
  assertCanChangeFiles(by, await owner(db, by, input.ownerType, input.ownerId));
  const magic = ACCEPTED[input.mediaType];
  if (magic === undefined)
    throw new AppError(
      415,
      'unsupported_media_type',
      `Files of type ${input.mediaType} are not accepted; send one of ${Object.keys(ACCEPTED).join(', ')}`,
    );
  if (magic && !magic.some((m) => input.bytes.subarray(0, m.length).equals(m)))
    throw new AppError(415, 'media_type_mismatch', `The file does not look like ${input.mediaType}`);
  if (input.bytes.length === 0) throw new AppError(400, 'empty_file', 'The file is empty');
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const dup = await db
    .select({ id: attachment.id })
    .from(attachment)
    .where(
      and(
        eq(attachment.ownerType, input.ownerType),
        eq(attachment.ownerId, input.ownerId),
        eq(attachment.sha256, sha256),
      ),
    );
  if (dup.length) throw conflict(`This file is already attached (attachment ${dup[0].id})`);
  const raw =
    input.text !== undefined
      ? input.text
      : input.mediaType.startsWith('text/') || input.mediaType.endsWith('/xml')
        ? input.bytes.toString('utf8')
        : null;
  const text = raw === null ? null : cleanText(raw);
  const [row] = await db
    .insert(attachment)
    .values({
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      filename: input.filename,
      mediaType: input.mediaType,
      size: input.bytes.length,
      sha256,
      bytes: input.bytes,
      extractedText: text,
      pageCount: input.pages ?? null,
      createdBy: by.name,
    })
    .returning({ id: attachment.id });
  const meta = await getAttachmentMeta(db, by, row.id);
  await audit(db, by, 'create', 'attachment', String(row.id), null, meta);
  if (input.ownerType === 'work' && text) await indexWork(db, input.ownerId, 'work'); // the file's text becomes searchable
  return meta;
}

const META = sql`SELECT id, owner_type, owner_id, filename, media_type, size, sha256, page_count, created_at, created_by FROM attachment`;

export async function getAttachmentMeta(db: Orm, viewer: Viewer, id: number): Promise<AttachmentMeta> {
  const a = await one<AttachmentMeta>(db, sql`${META} WHERE id = ${id}`);
  if (!a) throw notFound(`Attachment ${id}`);
  await owner(db, viewer, a.owner_type as OwnerType, a.owner_id);
  return a;
}

export async function listAttachments(
  db: Orm,
  viewer: Viewer,
  ownerType: OwnerType,
  ownerId: string,
): Promise<AttachmentMeta[]> {
  await owner(db, viewer, ownerType, ownerId);
  return rows<AttachmentMeta>(
    db,
    sql`${META} WHERE owner_type = ${ownerType} AND owner_id = ${ownerId} ORDER BY id`,
  );
}

/** An owner's files and those of its parts (an assessment's and its indicators' evidence), as owner id → files. */
export async function listAttachmentsWithin(
  db: Orm,
  viewer: Viewer,
  ownerType: OwnerType,
  ownerId: string,
): Promise<Map<string, AttachmentMeta[]>> {
  await owner(db, viewer, ownerType, ownerId);
  const list = await rows<AttachmentMeta>(
    db,
    sql`${META} WHERE owner_type = ${ownerType} AND (owner_id = ${ownerId} OR owner_id LIKE ${`${ownerId}:%`}) ORDER BY id`,
  );
  const byOwner = new Map<string, AttachmentMeta[]>();
  for (const a of list) byOwner.set(a.owner_id, [...(byOwner.get(a.owner_id) ?? []), a]);
  return byOwner;
}

export async function attachmentBytes(
  db: Orm,
  viewer: Viewer,
  id: number,
): Promise<AttachmentMeta & { bytes: Buffer }> {
  const meta = await getAttachmentMeta(db, viewer, id);
  const { bytes } = (await one<{ bytes: Buffer }>(db, sql`SELECT bytes FROM attachment WHERE id = ${id}`))!;
  return { ...meta, bytes };
}

export async function deleteAttachment(db: Orm, by: Viewer, id: number): Promise<void> {
  const before = await getAttachmentMeta(db, by, id);
  assertCanChangeFiles(by, await owner(db, by, before.owner_type as OwnerType, before.owner_id));
  await db.delete(attachment).where(eq(attachment.id, id));
  await audit(db, by, 'delete', 'attachment', String(id), before, null);
  if (before.owner_type === 'work') await indexWork(db, before.owner_id, 'work');
}
