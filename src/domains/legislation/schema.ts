/** Drizzle definitions of legal works, expressions, provisions and their mappings (core/db/migrations/0002_repository.sql). */
import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  text,
} from 'drizzle-orm/pg-core';
import { stamp } from '../../core/db/columns.js';

export const legalWork = pgTable('legal_work', {
  id: text('id').primaryKey(),
  country: text('country').notNull(),
  type: text('type').notNull(),
  number: text('number').notNull(),
  year: integer('year').notNull(),
  uri: text('uri').notNull(),
  title: jsonb('title').$type<Record<string, string>>().notNull(),
  shortTitle: text('short_title'),
  dateAdopted: date('date_adopted'),
  datePublished: date('date_published'),
  dateInForce: date('date_in_force'),
  dateRepealed: date('date_repealed'),
  status: text('status').notNull(),
  source: text('source'),
  licence: text('licence'),
  concepts: text('concepts').array().notNull(),
  tier: text('tier').notNull(),
  editorialStatus: text('editorial_status').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

export const legalExpression = pgTable('legal_expression', {
  id: serial('id').primaryKey(),
  workId: text('work_id').notNull(),
  language: text('language').notNull(),
  date: date('date').notNull(),
  authoritative: boolean('authoritative').notNull(),
  title: text('title').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});

export const provision = pgTable('provision', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  expressionId: integer('expression_id').notNull(),
  eid: text('eid').notNull(),
  parentId: bigint('parent_id', { mode: 'number' }),
  position: integer('position').notNull(),
  kind: text('kind').notNull(),
  number: text('number'),
  heading: text('heading'),
  text: text('text').notNull(),
});

/** A provision's mapping to an instrument article: saved with the law, reviewed in analysis. */
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
