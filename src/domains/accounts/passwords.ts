/**
 * Password hashing with scrypt (OWASP: N=2^17, r=8, p=1), stored as scrypt$N$r$p$salt$hash so
 * that old hashes still verify when the cost changes. Verification takes similar time whether
 * or not the account exists (see verifyOrBurn).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const KEY_LENGTH = 32;
const maxmem = (N: number, r: number) => 128 * N * r * 2;

export const MIN_PASSWORD_LENGTH = 12;

export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: 8, p: 1, maxmem: maxmem(N, 8) });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: maxmem(Number(n), Number(r)),
  });
  return timingSafeEqual(key, expected);
}

let burnHash: Promise<string> | undefined;
/** Verifies against the stored hash, or spends the same effort on a dummy one when there is none. */
export async function verifyOrBurn(
  password: string,
  stored: string | null | undefined,
  N: number,
): Promise<boolean> {
  if (stored) return verifyPassword(password, stored);
  burnHash ??= hashPassword('not a real password', N);
  await verifyPassword(password, await burnHash);
  return false;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `A password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'A password can have at most 256 characters';
  return undefined;
}
