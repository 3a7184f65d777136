/**
 * Whether the fictional demo content was loaded (pages then say so). Asked on every page, so it is
 * remembered: once loaded, the demo content never becomes unloaded (the flag is only ever inserted),
 * and while it is not loaded the database is asked again at most every few seconds, so a
 * `cyrepo seed --demo` run beside a running server is seen soon after.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';

export function demoFlag(db: () => Orm, recheckMs = 5_000): () => Promise<boolean> {
  let loaded = false;
  let checkedAt = -Infinity;
  return async () => {
    if (loaded || Date.now() - checkedAt < recheckMs) return loaded;
    loaded = !!(await one(db(), sql`SELECT 1 FROM app_secret WHERE name = 'demo_loaded'`));
    checkedAt = Date.now();
    return loaded;
  };
}
