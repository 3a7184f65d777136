/**
 * Applies the committed SQL migrations (src/core/db/migrations/NNNN_name.sql) in order, each in its own
 * transaction, under a PostgreSQL advisory lock: processes started together on one empty database
 * wait for each other, and each migration is recorded once in schema_migration.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 727_001; // arbitrary, constant: "cyrepo migrations"

export type Migration = { name: string; sql: string; checksum: string };

export function migrationFiles(): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Returns the names of the migrations this call applied. */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migration',
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const m of migrationFiles()) {
      const previous = done.get(m.name);
      if (previous) {
        if (previous !== m.checksum)
          throw new Error(
            `migration ${m.name} was changed after it was applied; add a new migration instead`,
          );
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}
