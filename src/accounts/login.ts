/**
 * Sign-in with rate limiting: per account (failures on that email, known or not, within the lock
 * window lock it for that window) and per address. Unknown emails and wrong passwords get the
 * same answer and take the same time (a dummy hash is verified when there is no user).
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../db/connect.js';
import { one } from '../db/query.js';
import { AppError } from '../errors.js';
import type { Env } from '../env.js';
import { verifyOrBurn } from './passwords.js';
import { findUserByEmail, type User } from './users.js';

const ADDRESS_FACTOR = 4; // an address may fail for a few accounts before it is slowed down

export const INVALID_LOGIN = 'The email or password is not right';

export async function login(db: Orm, env: Env, input: { email: string; password: string; address: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const window = sql`now() - make_interval(mins => ${env.LOGIN_LOCK_MINUTES})`;
  const counts = await one<{ account: number; address: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM login_attempt WHERE lower(email) = ${email} AND NOT success AND at > ${window}
         AND at > coalesce((SELECT max(at) FROM login_attempt WHERE lower(email) = ${email} AND success), '-infinity')) AS account,
      (SELECT count(*)::int FROM login_attempt WHERE address = ${input.address} AND NOT success AND at > ${window}) AS address`,
  );
  if (counts!.address >= env.LOGIN_MAX_FAILURES * ADDRESS_FACTOR)
    throw new AppError(429, 'too_many_attempts', `Too many failed sign-ins from your address; try again in ${env.LOGIN_LOCK_MINUTES} minutes`);
  if (counts!.account >= env.LOGIN_MAX_FAILURES)
    throw new AppError(429, 'account_locked', `Too many failed sign-ins for this account; try again in ${env.LOGIN_LOCK_MINUTES} minutes`);

  const user = await findUserByEmail(db, email);
  const ok = await verifyOrBurn(input.password, user?.password_hash, env.SCRYPT_N);
  const success = ok && !!user && !user.disabled_at;
  await db.execute(sql`INSERT INTO login_attempt (email, address, success) VALUES (${email}, ${input.address}, ${success})`);
  if (!success) throw new AppError(401, 'invalid_login', INVALID_LOGIN);
  const { password_hash: _, ...plain } = user!;
  return plain;
}
