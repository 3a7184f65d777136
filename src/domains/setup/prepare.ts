/**
 * Brings a database up to date: migrations, reference data, the default assessment framework, and
 * (when asked and the repository is empty) the demo content, the search index and the first
 * administrator — under an advisory lock, so processes started together on one empty database each
 * come up and the work is done once. The one start-up path: `serve`, `seed` and every command that
 * needs a ready database call it.
 */
import type { Logger } from 'pino';
import { ensureAdminToken } from '../accounts/tokens.js';
import { rebuildSearch, searchIndexCurrent } from '../search/rebuild.js';
import { ensureAdminUser } from '../accounts/users.js';
import type { Database } from '../../core/db/connect.js';
import { withAdvisoryLock } from '../../core/db/lock.js';
import { migrate } from '../../core/db/migrate.js';
import { inTransaction } from '../../core/db/tx.js';
import { isRepositoryEmpty, loadDemo, type DemoCounts } from '../demo/load.js';
import { loadReference, type ReferenceCounts } from '../reference/load.js';
import { loadDefaultFramework } from '../assessments/frameworks.js';
import type { Env } from '../../core/env.js';
import { ensureSuggesterModel } from '../analysis/learn/store.js';

const SETUP_LOCK = 727_002;

export type Prepared = {
  applied: string[];
  reference: ReferenceCounts;
  /** What the demo load added; undefined when not asked or the repository was not empty. */
  demo?: DemoCounts;
  /** The first administrator, and whether it has a password yet. */
  admin: { email: string; has_password: boolean };
};

export async function prepareDatabase(
  db: Database,
  env: Env,
  log: Logger,
  options: { demo: boolean },
): Promise<Prepared> {
  const applied = await migrate(db.pool);
  if (applied.length) log.info({ applied }, 'migrations applied');
  return withAdvisoryLock(db.pool, SETUP_LOCK, async () => {
    const reference = await loadReference(db.pool);
    await loadDefaultFramework(db.orm);
    log.debug(reference, 'reference data loaded');
    let demo: DemoCounts | undefined;
    if (options.demo && (await isRepositoryEmpty(db.orm))) {
      demo = await inTransaction(db, (tx) => loadDemo(tx));
      await db.pool.query('ANALYZE'); // fresh planner statistics after a bulk load
      log.info(demo, 'demo data loaded');
    }
    // The search index is built by the code (segmentation needs it): build it when it is missing or
    // was built by another version of the indexer.
    if (!(await searchIndexCurrent(db.orm))) {
      const entries = await rebuildSearch(db.orm);
      log.info({ entries }, 'search index built');
    }
    // The suggester's model learns from the shipped real laws and the repository's decisions.
    const model = await ensureSuggesterModel(db.orm);
    if (model?.outcome === 'trained')
      log.info({ version: model.version, examples: model.examples }, 'mapping suggester trained');
    await ensureAdminToken(db.orm, env.ADMIN_EMAIL);
    const admin = await ensureAdminUser(db.orm, env.ADMIN_EMAIL);
    if (!admin.has_password)
      log.info(`to sign in as the administrator, set a password with: npx cyrepo user reset ${admin.email}`);
    return { applied, reference, demo, admin: { email: admin.email, has_password: admin.has_password } };
  });
}
