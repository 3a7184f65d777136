/**
 * Sign-in with throttling that parallel requests cannot get around, and that an attacker cannot
 * use to keep a user out:
 * - every attempt is counted in one statement BEFORE its password is checked (login_throttle), per
 *   address and per account (the email typed, known or not); a success takes its count back;
 * - past LOGIN_MAX_FAILURES failures in a row a key backs off exponentially (30 s, 1 min, 2 min …,
 *   at most LOGIN_LOCK_MINUTES): no password is checked for it until then (HTTP 429);
 * - a browser the user has signed in from before (device cookie) is counted on its own key instead
 *   of the account's, so failures from elsewhere never stop the right password on a known device.
 * Unknown emails and wrong passwords get the same answer and take the same time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { AppError } from '../../core/errors.js';
import type { Env } from '../../core/env.js';
import { verifyOrBurn } from './passwords.js';
import { findUserByEmail, type User } from './users.js';

const ADDRESS_FACTOR = 4; // an address may fail for a few accounts before it backs off
const FIRST_DELAY_SECONDS = 30;
const FORGET_HOURS = 24; // failures older than this no longer count
export const DEVICE_COOKIE = 'cyrepo_device';
const DEVICE_DAYS = 365;

export const INVALID_LOGIN = 'The email or password is not right';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The address an attempt is counted on: an IPv4 address as it is, an IPv6 address by its /64 — one
 * subscriber's network, inside which anyone can pick a fresh address for every attempt.
 */
export function throttledAddress(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (v4) return v4[1];
  if (!bare.includes(':')) return bare;
  const [head, tail = ''] = bare.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = bare.includes('::')
    ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t]
    : h;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

type Claim = { refused: boolean; wait_seconds: number };

/**
 * Counts one attempt on a key and says whether a password may be checked for it — one statement,
 * so that concurrent attempts each see the ones before them.
 */
async function claim(db: Orm, env: Env, key: string, maxFailures: number): Promise<Claim> {
  const blocked = sql`t.next_at > now()`;
  const failures = sql`CASE WHEN t.updated_at < now() - make_interval(hours => ${FORGET_HOURS}) THEN 1 ELSE t.failures + 1 END`;
  const delay = (f: ReturnType<typeof sql>) =>
    sql`CASE WHEN ${f} < ${maxFailures} THEN interval '0' ELSE least(make_interval(secs => ${FIRST_DELAY_SECONDS} * power(2, least(${f} - ${maxFailures}, 20))), make_interval(mins => ${env.LOGIN_LOCK_MINUTES})) END`;
  const row = await one<Claim>(
    db,
    sql`INSERT INTO login_throttle AS t (key, failures, next_at, refused, updated_at)
        VALUES (${key}, 1, now() + ${delay(sql`1`)}, false, now())
        ON CONFLICT (key) DO UPDATE SET
          refused = ${blocked},
          failures = CASE WHEN ${blocked} THEN t.failures ELSE ${failures} END,
          next_at = CASE WHEN ${blocked} THEN t.next_at ELSE now() + ${delay(failures)} END,
          updated_at = CASE WHEN ${blocked} THEN t.updated_at ELSE now() END
        RETURNING refused, ceil(extract(epoch FROM next_at - now()))::int AS wait_seconds`,
  );
  return row!;
}

/**
 * Takes back an attempt that turned out right (or was never checked): all of the key's count, or
 * just this attempt — lifting the wait it set if the count is back under `maxFailures`.
 */
async function release(db: Orm, key: string, how: 'reset' | { maxFailures: number }) {
  await db.execute(
    how === 'reset'
      ? sql`DELETE FROM login_throttle WHERE key = ${key}`
      : sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0),
              next_at = CASE WHEN failures - 1 < ${how.maxFailures} THEN least(next_at, now()) ELSE next_at END
            WHERE key = ${key}`,
  );
}

/** Counts nobody has added to for a day are forgotten anyway (see FORGET_HOURS): keep the table small. */
const forgetOld = (db: Orm) =>
  db.execute(
    sql`DELETE FROM login_throttle WHERE updated_at < now() - make_interval(hours => ${FORGET_HOURS}) AND next_at < now()`,
  );

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** The device a cookie value names, if it belongs to the user with this email. */
async function knownDevice(db: Orm, email: string, cookie: string | undefined): Promise<string | undefined> {
  if (!cookie) return undefined;
  const row = await one<{ id: string }>(
    db,
    sql`SELECT d.id FROM login_device d JOIN app_user u ON u.id = d.user_id WHERE d.id = ${sha(cookie)} AND lower(u.email) = ${email}`,
  );
  return row?.id;
}

/** Records the browser as one the user signs in from; returns the cookie value to set (and keeps a known one). */
async function rememberDevice(
  db: Orm,
  userId: number,
  known: string | undefined,
): Promise<string | undefined> {
  if (known) {
    await db.execute(sql`UPDATE login_device SET last_used_at = now() WHERE id = ${known}`);
    return undefined;
  }
  const value = randomBytes(32).toString('base64url');
  await db.execute(sql`INSERT INTO login_device (id, user_id) VALUES (${sha(value)}, ${userId})`);
  await db.execute(
    sql`DELETE FROM login_device WHERE last_used_at < now() - make_interval(days => ${DEVICE_DAYS})`,
  );
  return value;
}

export const deviceCookieOptions = (secure: boolean) => ({
  path: '/login',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure,
  maxAge: DEVICE_DAYS * 86400,
});

export type LoginResult = { user: User; device?: string };

export async function login(
  db: Orm,
  env: Env,
  input: { email: string; password: string; address: string; device?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const addressKey = `address:${throttledAddress(input.address)}`;
  const addressMax = env.LOGIN_MAX_FAILURES * ADDRESS_FACTOR;
  const byAddress = await claim(db, env, addressKey, addressMax);
  if (byAddress.refused)
    throw new AppError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins from your address; try again in ${minutes(byAddress.wait_seconds)} minutes`,
      { retry_after: byAddress.wait_seconds },
    );

  const device = await knownDevice(db, email, input.device);
  const accountKey = device ? `device:${device}` : `account:${email}`;
  const byAccount = await claim(db, env, accountKey, env.LOGIN_MAX_FAILURES);
  if (byAccount.refused) {
    await release(db, addressKey, { maxFailures: addressMax }); // nothing was checked: not the address's failure
    throw new AppError(
      429,
      'account_locked',
      `Too many failed sign-ins for this account; try again in ${minutes(byAccount.wait_seconds)} minutes`,
      { retry_after: byAccount.wait_seconds },
    );
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyOrBurn(input.password, user?.password_hash, env.SCRYPT_N);
  if (!ok || !user || user.disabled_at) throw new AppError(401, 'invalid_login', INVALID_LOGIN);
  await release(db, accountKey, 'reset');
  await release(db, addressKey, { maxFailures: addressMax });
  await forgetOld(db);
  const { password_hash: _, ...plain } = user;
  return { user: plain, device: await rememberDevice(db, user.id, device) };
}
