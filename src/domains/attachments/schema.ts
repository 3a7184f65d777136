/** Drizzle definition of attachments: files stored in the database with their hash and text. */
import { customType, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { stamp } from '../../core/db/columns.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const attachment = pgTable('attachment', {
  id: serial('id').primaryKey(),
  ownerType: text('owner_type').notNull(),
  ownerId: text('owner_id').notNull(),
  filename: text('filename').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytea('bytes').notNull(),
  extractedText: text('extracted_text'),
  pageCount: integer('page_count'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});
