/**
 * Browser sessions in the database (shared by every app instance): a random cookie value of which
 * only the SHA-256 is stored, a CSRF token per session, idle and absolute timeouts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import type { Viewer } from '../../core/access.js';

export const SESSION_COOKIE = 'cyrepo_session';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type SessionTimes = { idleMinutes: number; maxHours: number };

/** Starts a session (after a successful sign-in); the caller sets the cookie. */
export async function createSession(
  db: Orm,
  userId: number,
  times: SessionTimes,
): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.execute(
    sql`INSERT INTO user_session (id, user_id, csrf_token, expires_at) VALUES (${hash(token)}, ${userId}, ${csrf}, now() + make_interval(hours => ${times.maxHours}))`,
  );
  await db.execute(
    sql`DELETE FROM user_session WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => ${times.idleMinutes})`,
  );
  return { token, csrf };
}

export type ActiveSession = { id: string; csrf: string; viewer: Viewer };

/**
 * The session behind a cookie value, if it is alive and its user enabled. Its last_seen_at is moved
 * on at most once a minute: a write on every click would make the database change all the time
 * (and so every cached answer for anonymous readers, src/web/shell/page-cache.ts, go stale).
 */
export async function activeSession(
  db: Orm,
  token: string,
  times: SessionTimes,
): Promise<ActiveSession | undefined> {
  const row = await one<{
    id: string;
    csrf_token: string;
    user_id: number;
    email: string;
    role: Viewer['role'];
    countries: string[];
  }>(
    db,
    sql`WITH live AS (
          SELECT s.id, s.csrf_token, s.user_id, u.email, u.role, u.countries
            FROM user_session s JOIN app_user u ON u.id = s.user_id
           WHERE s.id = ${hash(token)} AND u.disabled_at IS NULL
             AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => ${times.idleMinutes})
        ), touched AS (
          UPDATE user_session SET last_seen_at = now()
           WHERE id = (SELECT id FROM live) AND last_seen_at < now() - interval '1 minute'
        )
        SELECT id, csrf_token, user_id, email, role, countries FROM live`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    csrf: row.csrf_token,
    viewer: {
      role: row.role,
      userId: row.user_id,
      name: `user:${row.email}`,
      countries: row.countries,
      via: 'session',
      scope: 'admin',
      canWrite: true,
    },
  };
}

export async function endSession(db: Orm, token: string): Promise<void> {
  await db.execute(sql`DELETE FROM user_session WHERE id = ${hash(token)}`);
}
