/**
 * Rebuilding the whole search index (after imports and migrations). The new index is written into a
 * fresh table in a schema of its own, with no indexes but its keys; its indexes are then built in one
 * pass each (much faster than keeping six GIN indexes up to date row by row), and the table takes the
 * place of the old one. All in one transaction: searches read the old index until the new one is
 * complete, and wait only for the swap.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { addVocabulary } from './entries.js';
import { indexWorks } from './index-works.js';
import { indexArticles, indexCases, indexDocuments } from './indexer.js';

/**
 * The version of what the indexer writes: raise it when a change to indexing should reach every
 * installation's index (prepareDatabase rebuilds an index built by another version).
 * 2: concept terms matched in every language of core/languages.ts.
 * 3: German concept terms; Taiwan, Hong Kong and Macao terms; more terms for the ancillary, sanctions,
 *    safeguards and jurisdiction concepts.
 * 4: Ukrainian concept terms.
 * 5: current versions only, translations grouped, headings indexed apart (migration 0017); Chinese
 *    searched in simplified characters.
 * 6: the table made again with the columns read for every match first (migration 0019).
 * 7: the concepts a text uses found as the lexicon finds them (word stems as prefixes, Arabic
 *    proclitics, words a little apart), as queries name them.
 * 8: each entry in one of 64 samples, a word of its tsvector (migration 0020, sample.ts).
 */
export const SEARCH_INDEX_VERSION = 8;

/** Whether the index was built by this version of the indexer. */
export async function searchIndexCurrent(db: Orm): Promise<boolean> {
  const state = await one<{ version: number }>(db, sql`SELECT version FROM search_index_state`);
  return state?.version === SEARCH_INDEX_VERSION;
}

const REBUILD_LOCK = 727_005;
/** Where the new index is written until it takes the old one's place. */
const BUILD = 'search_build';

/** The tables whose rows are indexed: their planner statistics are renewed first (after a bulk import). */
const SOURCES = [
  'legal_work',
  'legal_expression',
  'provision',
  'mapping',
  'attachment',
  'legal_case',
  'document',
];

/** Rebuilds the whole index in one transaction; returns the number of entries. */
export async function rebuildSearch(db: Orm): Promise<number> {
  const entries = await db.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    // One rebuild at a time (a server starting while the CLI rebuilds waits for it).
    await orm.execute(sql`SELECT pg_advisory_xact_lock(${REBUILD_LOCK})`);
    for (const table of SOURCES) await orm.execute(sql`ANALYZE ${sql.identifier(table)}`);
    const indexes = await startBuild(orm);
    const n = await fill(orm);
    await orm.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const index of indexes) await orm.execute(sql.raw(index));
    await swap(orm);
    return n;
  });
  // Planner statistics for the new table. (Not possible inside a caller's transaction; autovacuum will.)
  await db.execute(sql`VACUUM (ANALYZE) search_entry`).catch((err: { code?: string }) => {
    if (err.code !== '25001') throw err;
  });
  return entries;
}

/**
 * Creates the empty table (columns, defaults, checks and keys of search_entry) in the build schema,
 * which the rest of the transaction reads first; returns the statements that will create the other
 * indexes, under their own names, once it is full.
 */
async function startBuild(db: Orm): Promise<string[]> {
  await db.execute(sql.raw(`DROP SCHEMA IF EXISTS ${BUILD} CASCADE`));
  await db.execute(sql.raw(`CREATE SCHEMA ${BUILD}`));
  await db.execute(
    sql.raw(`CREATE TABLE ${BUILD}.search_entry (LIKE public.search_entry INCLUDING ALL EXCLUDING INDEXES)`),
  );
  const keys = await rows<{ name: string; def: string }>(
    db,
    sql`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'public.search_entry'::regclass AND contype IN ('p', 'u')`,
  );
  for (const k of keys)
    await db.execute(sql.raw(`ALTER TABLE ${BUILD}.search_entry ADD CONSTRAINT ${k.name} ${k.def}`));
  await db.execute(sql.raw(`SET LOCAL search_path = ${BUILD}, public`));
  const others = await rows<{ def: string }>(
    db,
    sql`SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = 'public.search_entry'::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  return others.map((o) => o.def.replace(' ON public.search_entry ', ` ON ${BUILD}.search_entry `));
}

/**
 * The connection with its statements sent one after another, whoever sends them: one connection runs
 * one statement at a time, and the driver will no longer queue them itself.
 */
function oneAtATime(db: Orm): Orm {
  let last: Promise<unknown> = Promise.resolve();
  const execute = (query: SQL) => {
    const result = last.then(() => db.execute(query));
    last = result.catch(() => undefined);
    return result;
  };
  return new Proxy(db, { get: (target, key) => (key === 'execute' ? execute : Reflect.get(target, key)) });
}

/** Every entry, written into the table that `search_entry` now names. */
async function fill(db: Orm): Promise<number> {
  await indexArticles(db);
  // In batches of items, a few statements each; two batches at a time, so that one is prepared (read
  // and segmented) while the other's entries are written, their statements taking turns.
  const queued = oneAtATime(db);
  const batches = async (table: string, size: number, index: (db: Orm, ids: string[]) => Promise<void>) => {
    const ids = (
      await rows<{ id: string }>(db, sql`SELECT id FROM ${sql.identifier(table)} ORDER BY id`)
    ).map((r) => r.id);
    const running: Promise<void>[] = [];
    for (let i = 0; i < ids.length; i += size) {
      const batch = index(queued, ids.slice(i, i + size));
      batch.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      running.push(batch);
      if (running.length === 2) await running.shift();
    }
    await Promise.all(running);
  };
  await batches('legal_work', 100, indexWorks);
  await batches('legal_case', 1000, indexCases);
  await batches('document', 1000, indexDocuments);
  const names = await rows<{ t: string }>(
    db,
    sql`SELECT value AS t FROM country, jsonb_each_text(names) UNION ALL SELECT value FROM concept, jsonb_each_text(labels)
        UNION ALL SELECT jsonb_array_elements_text(value) FROM concept, jsonb_each(synonyms)`,
  );
  await addVocabulary(
    db,
    names.map((n) => n.t),
  );
  await db.execute(
    sql`INSERT INTO search_index_state (version) VALUES (${SEARCH_INDEX_VERSION})
        ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, built_at = now()`,
  );
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_entry`))!.n;
}

/**
 * The new table takes the old one's place, keeping the id sequence, the table's comment and what
 * other roles were granted on it (a read-only role for a replica, say).
 */
async function swap(db: Orm): Promise<void> {
  await db.execute(sql`SET LOCAL search_path TO DEFAULT`);
  const kept = await rows<{ statement: string }>(
    db,
    sql`SELECT format('COMMENT ON TABLE search_entry IS %L', obj_description('public.search_entry'::regclass, 'pg_class')) AS statement
        WHERE obj_description('public.search_entry'::regclass, 'pg_class') IS NOT NULL
        UNION ALL
        SELECT format('GRANT %s ON search_entry TO %s', a.privilege_type, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END)
        FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = 'public.search_entry'::regclass AND a.grantee <> c.relowner`,
  );
  await db.execute(sql`ALTER SEQUENCE search_entry_id_seq OWNED BY NONE`);
  await db.execute(sql`DROP TABLE public.search_entry`);
  await db.execute(sql.raw(`ALTER TABLE ${BUILD}.search_entry SET SCHEMA public`));
  await db.execute(sql`ALTER SEQUENCE search_entry_id_seq OWNED BY search_entry.id`);
  await db.execute(sql.raw(`DROP SCHEMA ${BUILD}`));
  for (const k of kept) await db.execute(sql.raw(k.statement));
}
