/** Documents as editorial content: their table, title and page, and restoring a version from the history. */
import { sql } from 'drizzle-orm';
import type { ContentKind } from '../editorial/content-kinds.js';
import { updateDocument, type DocumentRecord } from './service.js';

export const documentKind: ContentKind = {
  kind: 'document',
  table: 'document',
  titleAndHref: (id) => sql`SELECT title, '/documents/' || id AS href FROM document WHERE id = ${id}`,
  async restore(db, by, id, snapshot) {
    const d = snapshot as DocumentRecord;
    await updateDocument(
      db,
      by,
      id,
      {
        type: d.type as 'report',
        title: d.title,
        country: d.country,
        region: d.region ?? undefined,
        language: d.language,
        date: d.date,
        authors: d.authors,
        summary: d.summary,
        body: d.body,
        url: d.url ?? undefined,
        concepts: d.concepts,
      },
      'restore',
    );
  },
};
