/**
 * API tokens: random secrets of which only a SHA-256 is stored. The first start makes an admin
 * token and keeps it readable for `cyrepo token` (accounts and per-user tokens come later).
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Orm } from '../db/connect.js';
import { one } from '../db/query.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function ensureAdminToken(db: Orm): Promise<string> {
  const existing = await one<{ value: string }>(db, sql`SELECT value FROM app_secret WHERE name = 'admin_token'`);
  if (existing) return existing.value;
  const token = `cyr_${randomBytes(24).toString('base64url')}`;
  const inserted = await one<{ value: string }>(
    db,
    sql`INSERT INTO app_secret (name, value) VALUES ('admin_token', ${token}) ON CONFLICT (name) DO NOTHING RETURNING value`,
  );
  if (!inserted) return (await one<{ value: string }>(db, sql`SELECT value FROM app_secret WHERE name = 'admin_token'`))!.value;
  await db.execute(sql`INSERT INTO api_token (name, token_hash, scope) VALUES ('admin', ${hash(token)}, 'admin')`);
  return token;
}

/** Returns the actor name ("token:NAME") for a valid, unrevoked token, else undefined. */
export async function actorForToken(db: Orm, token: string): Promise<string | undefined> {
  const row = await one<{ name: string }>(
    db,
    sql`UPDATE api_token SET last_used_at = now() WHERE token_hash = ${hash(token)} AND revoked_at IS NULL RETURNING name`,
  );
  return row ? `token:${row.name}` : undefined;
}
