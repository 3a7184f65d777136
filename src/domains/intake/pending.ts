/** Files uploaded for import, kept while the editor checks the proposal, then attached to the saved work. */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import { addAttachment } from '../attachments/service.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { mediaTypeOf, type Format, type Proposal, type Upload } from './service.js';

export async function keepUpload(db: Orm, by: Viewer, file: Upload, proposal: Proposal): Promise<string> {
  await db.execute(sql`DELETE FROM pending_upload WHERE created_at < now() - interval '1 day'`);
  const row = await one<{ id: string }>(
    db,
    sql`INSERT INTO pending_upload (user_name, filename, format, bytes, extracted_text, page_count)
        VALUES (${by.name}, ${file.file}, ${file.format}, ${file.bytes}, ${proposal.text}, ${proposal.pages}) RETURNING id`,
  );
  return row!.id;
}

/** Attaches an upload (only the uploader's own) to the work saved from its preview, and forgets it. */
export async function attachUpload(db: Orm, by: Viewer, uploadId: string, workId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(uploadId)) return;
  const u = await one<{
    filename: string;
    format: Format;
    bytes: Buffer;
    extracted_text: string | null;
    page_count: number | null;
  }>(
    db,
    sql`DELETE FROM pending_upload WHERE id = ${uploadId} AND user_name = ${by.name} RETURNING filename, format, bytes, extracted_text, page_count`,
  );
  if (!u) return;
  await addAttachment(db, by, {
    ownerType: 'work',
    ownerId: workId,
    filename: u.filename,
    mediaType: mediaTypeOf(u.format, u.filename),
    bytes: u.bytes,
    ...(u.extracted_text !== null && { text: u.extracted_text, pages: u.page_count }),
  });
}
