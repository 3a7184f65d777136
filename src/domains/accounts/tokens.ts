/**
 * API tokens: per user, shown once, stored as a SHA-256, scoped read, write or admin (see Scope in
 * access.ts; admin only for administrators), revocable, with the time of last use. The first start
 * makes an admin token for the first administrator and keeps it readable for `cyrepo token`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, notFound } from '../../core/errors.js';
import type { Scope, Viewer } from '../../core/access.js';
import { audit } from './audit.js';
import { ensureAdminUser } from './users.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export type TokenScope = Scope;
export type TokenInfo = {
  id: number;
  name: string;
  scope: TokenScope;
  user_id: number | null;
  email: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export async function createToken(
  db: Orm,
  by: Viewer,
  input: { userId: number; name: string; scope: TokenScope },
): Promise<{ id: number; token: string }> {
  if (input.scope === 'admin') {
    const owner = await one<{ role: string }>(db, sql`SELECT role FROM app_user WHERE id = ${input.userId}`);
    if (owner?.role !== 'admin')
      throw new AppError(403, 'forbidden', 'Only an administrator can have a token with the admin scope', {
        field: 'scope',
      });
  }
  const token = `cyr_${randomBytes(24).toString('base64url')}`;
  const row = await one<{ id: number }>(
    db,
    sql`INSERT INTO api_token (name, token_hash, scope, user_id) VALUES (${input.name}, ${hash(token)}, ${input.scope}, ${input.userId}) RETURNING id`,
  );
  await audit(db, by, 'user', 'token', String(row!.id), null, {
    name: input.name,
    scope: input.scope,
    user_id: input.userId,
  });
  return { id: row!.id, token };
}

export const listTokens = (db: Orm, userId?: number) =>
  rows<TokenInfo>(
    db,
    sql`SELECT t.id, t.name, t.scope, t.user_id, u.email, t.created_at, t.last_used_at, t.revoked_at FROM api_token t LEFT JOIN app_user u ON u.id = t.user_id
        WHERE ${userId === undefined ? sql`true` : sql`t.user_id = ${userId}`} ORDER BY t.id`,
  );

export async function revokeToken(db: Orm, by: Viewer, id: number, ownerId?: number): Promise<void> {
  const row = await one<{ id: number }>(
    db,
    sql`UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id} AND ${ownerId === undefined ? sql`true` : sql`user_id = ${ownerId}`} RETURNING id`,
  );
  if (!row) throw notFound(`Token ${id}`);
  await audit(db, by, 'user', 'token', String(id), null, { revoked: true });
}

/** The viewer a bearer token acts as, if it is valid, unrevoked and its user enabled. */
export async function viewerForToken(db: Orm, token: string): Promise<Viewer | undefined> {
  const row = await one<{
    name: string;
    scope: TokenScope;
    user_id: number;
    role: Viewer['role'];
    countries: string[];
  }>(
    db,
    sql`UPDATE api_token t SET last_used_at = now() FROM app_user u
        WHERE t.token_hash = ${hash(token)} AND t.revoked_at IS NULL AND u.id = t.user_id AND u.disabled_at IS NULL
        RETURNING t.name, t.scope, t.user_id, u.role, u.countries`,
  );
  if (!row) return undefined;
  return {
    role: row.role,
    userId: row.user_id,
    name: `token:${row.name}`,
    countries: row.countries,
    via: 'token',
    scope: row.scope,
    canWrite: row.scope !== 'read',
  };
}

/** The first administrator's admin-scoped token, made once; `cyrepo token` prints it. */
export async function ensureAdminToken(db: Orm, adminEmail: string): Promise<string> {
  const existing = await one<{ value: string }>(
    db,
    sql`SELECT value FROM app_secret WHERE name = 'admin_token'`,
  );
  const admin = await ensureAdminUser(db, adminEmail);
  if (existing) {
    // A token made before accounts existed becomes an ordinary token of the first administrator.
    await db.execute(
      sql`UPDATE api_token SET user_id = ${admin.id} WHERE token_hash = ${hash(existing.value)} AND user_id IS NULL`,
    );
    return existing.value;
  }
  const token = `cyr_${randomBytes(24).toString('base64url')}`;
  const inserted = await one<{ value: string }>(
    db,
    sql`INSERT INTO app_secret (name, value) VALUES ('admin_token', ${token}) ON CONFLICT (name) DO NOTHING RETURNING value`,
  );
  if (!inserted)
    return (await one<{ value: string }>(db, sql`SELECT value FROM app_secret WHERE name = 'admin_token'`))!
      .value;
  await db.execute(
    sql`INSERT INTO api_token (name, token_hash, scope, user_id) VALUES ('admin', ${hash(token)}, 'admin', ${admin.id})`,
  );
  return token;
}
