/** Drizzle definitions of cases, parties and citations (core/db/migrations/0002_repository.sql). */
import { date, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { stamp } from '../../core/db/columns.js';

export type Brief = {
  facts?: string;
  procedural_history?: string;
  issues?: string;
  decision?: string;
  reasoning?: string;
  commentary?: string;
};

export const legalCase = pgTable('legal_case', {
  id: text('id').primaryKey(),
  country: text('country').notNull(),
  title: text('title').notNull(),
  court: text('court').notNull(),
  courtLevel: text('court_level').notNull(),
  date: date('date').notNull(),
  caseNumber: text('case_number').notNull(),
  ecli: text('ecli'),
  language: text('language').notNull(),
  brief: jsonb('brief').$type<Brief>().notNull(),
  outcome: text('outcome').notNull(),
  sentence: text('sentence'),
  concepts: text('concepts').array().notNull(),
  tier: text('tier').notNull(),
  editorialStatus: text('editorial_status').notNull(),
  keywords: text('keywords').array().notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

export const caseParty = pgTable(
  'case_party',
  {
    caseId: text('case_id').notNull(),
    position: integer('position').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    charges: text('charges').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.position] })],
);

export const caseCitesProvision = pgTable(
  'case_cites_provision',
  { caseId: text('case_id').notNull(), workId: text('work_id').notNull(), eid: text('eid').notNull() },
  (t) => [primaryKey({ columns: [t.caseId, t.workId, t.eid] })],
);

export const caseCitesArticle = pgTable(
  'case_cites_article',
  {
    caseId: text('case_id').notNull(),
    instrument: text('instrument').notNull(),
    article: text('article').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.instrument, t.article] })],
);
