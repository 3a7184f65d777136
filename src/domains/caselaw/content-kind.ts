/** Cases as editorial content: their table, title and page, and restoring a version from the history. */
import { sql } from 'drizzle-orm';
import type { ContentKind } from '../editorial/content-kinds.js';
import { updateCase, type CaseRecord } from './service.js';

export const caseKind: ContentKind = {
  kind: 'case',
  table: 'legal_case',
  titleAndHref: (id) => sql`SELECT title, '/cases/' || id AS href FROM legal_case WHERE id = ${id}`,
  async restore(db, by, id, snapshot) {
    const c = snapshot as CaseRecord;
    await updateCase(
      db,
      by,
      id,
      {
        title: c.title,
        court: c.court,
        court_level: c.court_level as 'appeal',
        date: c.date,
        case_number: c.case_number,
        ecli: c.ecli ?? undefined,
        language: c.language,
        brief: c.brief,
        outcome: c.outcome as 'other',
        sentence: c.sentence ?? undefined,
        concepts: c.concepts,
        keywords: c.keywords,
        parties: c.parties as never,
        cites_provisions: c.cites_provisions.map(({ work, eid }) => ({ work, eid })),
        cites_articles: c.cites_articles.map(({ instrument, article }) => ({ instrument, article })),
      },
      'restore',
    );
  },
};
