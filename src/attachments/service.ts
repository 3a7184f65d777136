/** Attachments: files stored in the database with media type, size and SHA-256; checked on upload. */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import type { Orm } from '../db/connect.js';
import { one, rows } from '../db/query.js';
import { AppError, conflict, notFound } from '../errors.js';
import { attachment } from './schema.js';

export const OWNER_TYPES = ['work', 'case', 'document'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** Accepted media types, and the magic bytes a file of that type starts with (when it has any). */
const ACCEPTED: Record<string, Buffer | null> = {
  'application/pdf': Buffer.from('%PDF-'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': Buffer.from('PK\x03\x04', 'binary'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': Buffer.from('PK\x03\x04', 'binary'),
  'application/xml': null,
  'text/xml': null,
  'text/plain': null,
  'text/csv': null,
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

export type AttachmentMeta = { id: number; owner_type: string; owner_id: string; filename: string; media_type: string; size: number; sha256: string; page_count: number | null; created_at: string; created_by: string };

const OWNER_TABLE: Record<OwnerType, string> = { work: 'legal_work', case: 'legal_case', document: 'document' };

export async function addAttachment(db: Orm, actor: string, input: { ownerType: OwnerType; ownerId: string; filename: string; mediaType: string; bytes: Buffer }): Promise<AttachmentMeta> {
  const magic = ACCEPTED[input.mediaType];
  if (magic === undefined) throw new AppError(415, 'unsupported_media_type', `Files of type ${input.mediaType} are not accepted; send one of ${Object.keys(ACCEPTED).join(', ')}`);
  if (magic && !input.bytes.subarray(0, magic.length).equals(magic))
    throw new AppError(415, 'media_type_mismatch', `The file does not look like ${input.mediaType}`);
  if (input.bytes.length === 0) throw new AppError(400, 'empty_file', 'The file is empty');
  const owner = await one(db, sql`SELECT 1 FROM ${sql.raw(OWNER_TABLE[input.ownerType])} WHERE id = ${input.ownerId}`);
  if (!owner) throw notFound(`${input.ownerType} ${input.ownerId}`);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const dup = await db
    .select({ id: attachment.id })
    .from(attachment)
    .where(and(eq(attachment.ownerType, input.ownerType), eq(attachment.ownerId, input.ownerId), eq(attachment.sha256, sha256)));
  if (dup.length) throw conflict(`This file is already attached (attachment ${dup[0].id})`);
  const text = input.mediaType.startsWith('text/') || input.mediaType.endsWith('/xml') ? input.bytes.toString('utf8') : null;
  const [row] = await db
    .insert(attachment)
    .values({ ownerType: input.ownerType, ownerId: input.ownerId, filename: input.filename, mediaType: input.mediaType, size: input.bytes.length, sha256, bytes: input.bytes, extractedText: text, createdBy: actor })
    .returning({ id: attachment.id });
  const meta = await getAttachmentMeta(db, row.id);
  await audit(db, actor, 'create', 'attachment', String(row.id), null, meta);
  return meta;
}

const META = sql`SELECT id, owner_type, owner_id, filename, media_type, size, sha256, page_count, created_at, created_by FROM attachment`;

export async function getAttachmentMeta(db: Orm, id: number): Promise<AttachmentMeta> {
  const a = await one<AttachmentMeta>(db, sql`${META} WHERE id = ${id}`);
  if (!a) throw notFound(`Attachment ${id}`);
  return a;
}

export const listAttachments = (db: Orm, ownerType: OwnerType, ownerId: string) =>
  rows<AttachmentMeta>(db, sql`${META} WHERE owner_type = ${ownerType} AND owner_id = ${ownerId} ORDER BY id`);

export async function attachmentBytes(db: Orm, id: number): Promise<AttachmentMeta & { bytes: Buffer }> {
  const a = await one<AttachmentMeta & { bytes: Buffer }>(db, sql`SELECT id, owner_type, owner_id, filename, media_type, size, sha256, page_count, created_at, created_by, bytes FROM attachment WHERE id = ${id}`);
  if (!a) throw notFound(`Attachment ${id}`);
  return a;
}

export async function deleteAttachment(db: Orm, actor: string, id: number): Promise<void> {
  const before = await getAttachmentMeta(db, id);
  await db.delete(attachment).where(eq(attachment.id, id));
  await audit(db, actor, 'delete', 'attachment', String(id), before, null);
}
