import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/helpers.js';
import { migrate, migrationFiles } from './migrate.js';

describe('migrations', () => {
  it('two processes migrating one empty database at once each come up, and every migration is recorded once', async () => {
    const db = await testDatabase({ empty: true });
    try {
      const pools = [new pg.Pool({ connectionString: db.url }), new pg.Pool({ connectionString: db.url })];
      const results = await Promise.all(pools.map((p) => migrate(p)));
      await Promise.all(pools.map((p) => p.end()));
      expect(results.flat().sort()).toEqual(migrationFiles().map((m) => m.name));
      const { rows } = await db.pool.query(
        'SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name',
      );
      expect(rows).toHaveLength(migrationFiles().length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(await migrate(db.pool)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('gives every column of every domain table a comment', async () => {
    const db = await testDatabase();
    try {
      const { rows } = await db.pool.query(`
        SELECT c.table_name, c.column_name FROM information_schema.columns c
        JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
        WHERE c.table_schema = 'public' AND c.table_name <> 'schema_migration'
          AND col_description(t.oid, c.ordinal_position) IS NULL
          AND c.column_name NOT IN ('id', 'created_at', 'updated_at', 'work_id', 'expression_id', 'case_id', 'concept', 'instrument', 'article',
                                    'country', 'position', 'from_instrument', 'from_article', 'to_instrument', 'to_article', 'name')`);
      expect(rows).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const db = await testDatabase();
    try {
      await db.pool.query(`UPDATE schema_migration SET checksum = 'x' WHERE name = $1`, [
        migrationFiles()[0].name,
      ]);
      await expect(migrate(db.pool)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
    }
  });
});
