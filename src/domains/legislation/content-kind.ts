/** Laws (works) as editorial content: their table, title and page, and restoring a version from the history. */
import { sql } from 'drizzle-orm';
import type { ContentKind } from '../editorial/content-kinds.js';
import type { WorkSnapshot } from './snapshot.js';
import { restoreWork } from './write.js';

export const workKind: ContentKind = {
  kind: 'work',
  table: 'legal_work',
  titleAndHref: (id) =>
    sql`SELECT coalesce(title->>'eng', short_title, id) AS title, uri AS href FROM legal_work WHERE id = ${id}`,
  async restore(db, by, id, snapshot) {
    await restoreWork(db, by, id, snapshot as WorkSnapshot);
  },
};
