/**
 * Opens the database: the embedded PostgreSQL in DATA_DIR, or the server named by DATABASE_URL.
 * Everything above this module sees one pg Pool and one Drizzle handle, whichever it is.
 */
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Env } from '../env.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';

// Dates and timestamps stay strings as PostgreSQL prints them ('2026-01-31', '2026-01-31 09:00:00.123456+00',
// sessions in UTC), the same whether a query goes through Drizzle (which does this) or the pool directly.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** A Drizzle handle: the pool, or a transaction opened on it (services accept either). */
export type Orm = PgDatabase<NodePgQueryResultHKT>;
export type Database = {
  pool: pg.Pool;
  orm: Orm;
  /** A read replica (DATABASE_READ_URL) for reads that may lag the primary by a moment: searches. */
  read?: Orm;
  /** Connections for searches (to the replica when there is one): see `searchPoolFor`. */
  search?: Orm;
  embedded?: EmbeddedServer;
  close(): Promise<void>;
};

const EMBEDDED_DB = 'cyrepo';

async function ensureDatabase(config: pg.ClientConfig, name: string): Promise<void> {
  const admin = new pg.Client({ ...config, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await admin.end();
  }
}

export function poolFor(config: pg.PoolConfig): { pool: pg.Pool; orm: Orm } {
  const pool = new pg.Pool({ max: 10, options: '-c timezone=UTC', ...config });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  return { pool, orm: drizzle(pool) };
}

/**
 * A pool for searches: its connections are told once, when they open, to find matches through
 * the indexes (a broad query would otherwise scan the whole table) and not to compile plans (JIT
 * costs more than such statements take) — rather than in a transaction around each statement.
 */
export function searchPoolFor(config: pg.PoolConfig): { pool: pg.Pool; orm: Orm } {
  const opened = poolFor({ ...config, options: '-c timezone=UTC -c enable_seqscan=off -c jit=off' });
  tunedForSearch.add(opened.orm);
  return opened;
}
const tunedForSearch = new WeakSet<Orm>();

/** Whether a handle's connections are set for searches (`searchPoolFor`). */
export const setForSearch = (db: Orm) => tunedForSearch.has(db);

export async function openDatabase(env: Env, log: Logger): Promise<Database> {
  const { config, ...db } = await openPrimary(env, log);
  const replica = env.DATABASE_READ_URL ? poolFor({ connectionString: env.DATABASE_READ_URL }) : undefined;
  const search = searchPoolFor(replica ? { connectionString: env.DATABASE_READ_URL } : config);
  return {
    ...db,
    read: replica?.orm,
    search: search.orm,
    async close() {
      await search.pool.end();
      await replica?.pool.end();
      await db.close();
    },
  };
}

/** Where searches run: their own connections (to the replica if there is one), else the replica or the primary. */
export const reader = (db: Database): Orm => db.search ?? db.read ?? db.orm;

/**
 * Where the database stands, as a text that changes whenever a transaction that wrote anything
 * commits, whichever process wrote it: PostgreSQL's current snapshot (and the replica's, when
 * searches read from one). Read before an answer is built, it tags the answer with a state no newer
 * than what the answer shows.
 */
export async function databaseState(db: Database): Promise<string> {
  const query = sql`SELECT pg_current_snapshot()::text AS s`;
  const states = await Promise.all(
    [db.orm, db.read].filter((o): o is Orm => !!o).map(async (o) => (await o.execute(query)).rows[0]?.s),
  );
  return states.join(' ');
}

/**
 * `databaseState` texts compared in time: each is one `xmin:xmax:xip,…` snapshot per database, and
 * within a database a later snapshot has a higher xmax, or the same xmax and fewer transactions in
 * progress. Lexicographic over the databases (each component only moves forward).
 */
export function isNewerState(a: string, b: string): boolean {
  const rank = (s: string) =>
    s.split(' ').flatMap((snap) => {
      const [, xmax = '0', xip = ''] = snap.split(':');
      return [BigInt(xmax), -BigInt(xip ? xip.split(',').length : 0)];
    });
  const x = rank(a);
  const y = rank(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0n) - (y[i] ?? 0n);
    if (d !== 0n) return d > 0n;
  }
  return false;
}

/** The primary database, and how to connect to it. */
async function openPrimary(env: Env, log: Logger): Promise<Database & { config: pg.PoolConfig }> {
  if (env.DATABASE_URL) {
    const config = { connectionString: env.DATABASE_URL };
    const { pool, orm } = poolFor(config);
    return { pool, orm, config, close: () => pool.end() };
  }
  const embedded = await startEmbedded(env.dataDir, log);
  const config = { host: embedded.socketDir, port: embedded.port, user: embedded.user };
  try {
    await ensureDatabase(config, EMBEDDED_DB);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  const { pool, orm } = poolFor({ ...config, database: EMBEDDED_DB });
  // A dropped connection may mean the server died: look now rather than at the next poll.
  pool.on('error', () => embedded.check());
  return {
    pool,
    orm,
    config: { ...config, database: EMBEDDED_DB },
    embedded,
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}
