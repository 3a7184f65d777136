/** Drizzle definition of provision ↔ instrument article mappings (db/migrations/0002_repository.sql). */
import { pgTable, real, serial, text } from 'drizzle-orm/pg-core';
import { stamp } from '../db/columns.js';

export const mapping = pgTable('mapping', {
  id: serial('id').primaryKey(),
  workId: text('work_id').notNull(),
  eid: text('eid').notNull(),
  instrument: text('instrument').notNull(),
  article: text('article').notNull(),
  coverage: text('coverage').notNull(),
  status: text('status').notNull(),
  source: text('source').notNull(),
  score: real('score'),
  rationale: text('rationale'),
  reviewer: text('reviewer'),
  reviewedAt: stamp('reviewed_at'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});
