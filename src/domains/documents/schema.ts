/** Drizzle definition of documents (core/db/migrations/0002_repository.sql). */
import { date, pgTable, text } from 'drizzle-orm/pg-core';
import { stamp } from '../../core/db/columns.js';

export const document = pgTable('document', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  title: text('title').notNull(),
  country: text('country'),
  region: text('region'),
  language: text('language').notNull(),
  date: date('date').notNull(),
  authors: text('authors').array().notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull(),
  url: text('url'),
  concepts: text('concepts').array().notNull(),
  tier: text('tier').notNull(),
  editorialStatus: text('editorial_status').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
