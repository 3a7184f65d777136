/** Users: create, list, change role and countries, disable, set passwords, one-time reset links. */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, textArray } from '../../core/db/query.js';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import { iso3 } from '../../core/codes.js';
import { ROLES, type Role, type Viewer } from '../../core/access.js';
import { audit } from './audit.js';
import { hashPassword, passwordProblem } from './passwords.js';

export type User = {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  countries: string[];
  /** the organisation the user works for (whose cooperation requests they share) */
  organisation_id: number | null;
  disabled_at: string | null;
  has_password: boolean;
  created_at: string;
};

const USER_COLUMNS = sql`id, email, display_name, role, countries, organisation_id, disabled_at, password_hash IS NOT NULL AS has_password, created_at`;

export const userInput = z.object({
  email: z.string().trim().toLowerCase().email('a valid email address'),
  display_name: z.string().trim().min(1, 'a name to show in the history').max(120),
  role: z.enum(ROLES),
  countries: z.array(iso3).default([]),
  organisation_id: z.number().int().positive().nullable().default(null),
});
/** A new user as the schema reads it (the organisation may be left out). */
export type UserInput = Omit<z.infer<typeof userInput>, 'organisation_id'> & {
  organisation_id?: number | null;
};

function checkScope(role: Role, countries: string[]) {
  if (role === 'contributor' && countries.length === 0)
    throw badRequest('A contributor needs at least one country', { field: 'countries' });
}

export async function createUser(db: Orm, by: Viewer, input: UserInput): Promise<User> {
  checkScope(input.role, input.countries);
  if (await findUserByEmail(db, input.email))
    throw conflict(`A user with the email ${input.email} already exists`);
  const user = (await one<User>(
    db,
    sql`INSERT INTO app_user (email, display_name, role, countries, organisation_id) VALUES (${input.email}, ${input.display_name}, ${input.role}, ${textArray(input.countries)}, ${input.organisation_id ?? null})
        RETURNING ${USER_COLUMNS}`,
  ))!;
  await audit(db, by, 'user', 'user', String(user.id), null, user);
  return user;
}

export const listUsers = (db: Orm) =>
  rows<User>(db, sql`SELECT ${USER_COLUMNS} FROM app_user ORDER BY lower(email)`);

export async function getUser(db: Orm, id: number): Promise<User> {
  const u = await one<User>(db, sql`SELECT ${USER_COLUMNS} FROM app_user WHERE id = ${id}`);
  if (!u) throw notFound(`User ${id}`);
  return u;
}

export const findUserByEmail = (db: Orm, email: string) =>
  one<User & { password_hash: string | null }>(
    db,
    sql`SELECT ${USER_COLUMNS}, password_hash FROM app_user WHERE lower(email) = lower(${email})`,
  );

export async function userByEmail(db: Orm, email: string): Promise<User> {
  const u = await findUserByEmail(db, email);
  if (!u) throw notFound(`User ${email}`);
  const { password_hash: _, ...user } = u;
  return user;
}

export async function setRole(
  db: Orm,
  by: Viewer,
  id: number,
  role: Role,
  countries: string[],
): Promise<User> {
  checkScope(role, countries);
  const before = await getUser(db, id);
  await db.execute(
    sql`UPDATE app_user SET role = ${role}, countries = ${textArray(countries)}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getUser(db, id);
  await audit(db, by, 'user', 'user', String(id), before, after);
  return after;
}

/** The organisation a user works for (null: none). */
export async function setOrganisation(
  db: Orm,
  by: Viewer,
  id: number,
  organisation: number | null,
): Promise<User> {
  const before = await getUser(db, id);
  await db.execute(
    sql`UPDATE app_user SET organisation_id = ${organisation}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getUser(db, id);
  await audit(db, by, 'user', 'user', String(id), before, after);
  return after;
}

export async function setDisabled(db: Orm, by: Viewer, id: number, disabled: boolean): Promise<User> {
  const before = await getUser(db, id);
  if (disabled && by.userId === id)
    throw new AppError(409, 'conflict', 'You cannot disable your own account');
  await db.execute(
    sql`UPDATE app_user SET disabled_at = ${disabled ? sql`now()` : null}, updated_at = now() WHERE id = ${id}`,
  );
  if (disabled) await db.execute(sql`DELETE FROM user_session WHERE user_id = ${id}`);
  const after = await getUser(db, id);
  await audit(db, by, 'user', 'user', String(id), before, after);
  return after;
}

/** Sets a password and ends the user's other sessions. */
export async function setPassword(
  db: Orm,
  id: number,
  password: string,
  scryptN: number,
  keepSession?: string,
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem, { field: 'password' });
  const hash = await hashPassword(password, scryptN);
  await db.execute(
    sql`UPDATE app_user SET password_hash = ${hash}, password_changed_at = now(), updated_at = now() WHERE id = ${id}`,
  );
  await db.execute(
    sql`DELETE FROM user_session WHERE user_id = ${id} AND id IS DISTINCT FROM ${keepSession ?? null}`,
  );
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const RESET_HOURS = 24;

/** Makes a one-time reset link token (valid 24 hours); earlier unused links of the user stop working. */
export async function issueReset(db: Orm, by: Viewer, email: string): Promise<string> {
  const user = await userByEmail(db, email);
  const token = randomBytes(24).toString('base64url');
  await db.execute(
    sql`UPDATE password_reset SET used_at = now() WHERE user_id = ${user.id} AND used_at IS NULL`,
  );
  await db.execute(
    sql`INSERT INTO password_reset (token_hash, user_id, expires_at) VALUES (${tokenHash(token)}, ${user.id}, now() + make_interval(hours => ${RESET_HOURS}))`,
  );
  await audit(db, by, 'user', 'user', String(user.id), null, { reset_link_issued: true });
  return token;
}

export async function resetTarget(db: Orm, token: string): Promise<User | undefined> {
  const row = await one<{ user_id: number }>(
    db,
    sql`SELECT r.user_id FROM password_reset r JOIN app_user u ON u.id = r.user_id
        WHERE r.token_hash = ${tokenHash(token)} AND r.used_at IS NULL AND r.expires_at > now() AND u.disabled_at IS NULL`,
  );
  return row ? getUser(db, row.user_id) : undefined;
}

/**
 * Uses a reset link: claims it in one statement (so that of concurrent uses exactly one goes on),
 * then sets the password. Run it in a transaction: a refused password gives the link back.
 */
export async function consumeReset(db: Orm, token: string, password: string, scryptN: number): Promise<User> {
  const claimed = await one<{ user_id: number }>(
    db,
    sql`UPDATE password_reset r SET used_at = now() FROM app_user u
        WHERE r.token_hash = ${tokenHash(token)} AND r.used_at IS NULL AND r.expires_at > now() AND u.id = r.user_id AND u.disabled_at IS NULL
        RETURNING r.user_id`,
  );
  if (!claimed)
    throw new AppError(
      410,
      'reset_link_invalid',
      'This link has expired or was already used; ask an administrator for a new one',
    );
  await setPassword(db, claimed.user_id, password, scryptN);
  return getUser(db, claimed.user_id);
}

/** The first administrator, made on first start without a password (set it with `cyrepo user reset`). */
export async function ensureAdminUser(db: Orm, email: string): Promise<User> {
  const existing = await one<User>(
    db,
    sql`SELECT ${USER_COLUMNS} FROM app_user WHERE role = 'admin' ORDER BY id LIMIT 1`,
  );
  if (existing) return existing;
  await db.execute(
    sql`INSERT INTO app_user (email, display_name, role) VALUES (${email}, 'Administrator', 'admin') ON CONFLICT DO NOTHING`,
  );
  return userByEmail(db, email);
}

/**
 * Whom a background job acts for: the account that sent its file, with the role and countries it has
 * when the job runs (undefined once the account is disabled or gone). `name` is the sender as recorded.
 */
export async function accountViewer(db: Orm, userId: number, name: string): Promise<Viewer | undefined> {
  const row = await one<{ role: Role; countries: string[] }>(
    db,
    sql`SELECT role, countries FROM app_user WHERE id = ${userId} AND disabled_at IS NULL`,
  );
  return row && { ...row, userId, name, via: 'session', scope: 'write', canWrite: true };
}
