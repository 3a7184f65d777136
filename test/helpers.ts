/** Test helpers: an isolated database cloned from a template, and an in-process app on it. */
import { randomBytes } from 'node:crypto';
import { parse } from 'node-html-parser';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type App } from '../src/main/app.js';
import { system, type Role, type Scope } from '../src/core/access.js';
import { createSession, SESSION_COOKIE } from '../src/domains/accounts/sessions.js';
import { createToken, ensureAdminToken } from '../src/domains/accounts/tokens.js';
import { createUser } from '../src/domains/accounts/users.js';
import { poolFor, searchPoolFor, type Database } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { configFor } from './global-setup.js';

export type TestDb = Database & { name: string; url: string };

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(inject('pgAdmin'));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A connection URL for a database on the test server (for CLI child processes). */
export function databaseUrl(name: string): string {
  const cfg = inject('pgAdmin');
  if (cfg.connectionString) return configFor(cfg, name).connectionString!;
  return `postgres://${cfg.user}@localhost/${name}?host=${encodeURIComponent(String(cfg.host))}&port=${cfg.port}`;
}

/** A new database cloned from the reference-only or the demo template; dropped by close(). */
export async function testDatabase(options: { demo?: boolean; empty?: boolean } = {}): Promise<TestDb> {
  const templates = inject('templates');
  const name = `cyrepo_t${randomBytes(5).toString('hex')}_${templates.base.split('_').pop()}`;
  const template = options.empty ? 'template0' : options.demo ? templates.demo : templates.base;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const { pool, orm } = poolFor(configFor(inject('pgAdmin'), name));
  const search = searchPoolFor(configFor(inject('pgAdmin'), name));
  return {
    name,
    url: databaseUrl(name),
    pool,
    orm,
    search: search.orm,
    async close() {
      await search.pool.end();
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type TestApp = { app: App; db: TestDb; token: string; close(): Promise<void> };

export async function testApp(
  options: { demo?: boolean; maxUploadMb?: number; db?: TestDb; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = options.db ?? (await testDatabase(options));
  const env = loadEnv({
    PUBLIC_URL: 'https://cyrepo.test',
    LOG_LEVEL: 'silent',
    MAX_UPLOAD_MB: String(options.maxUploadMb ?? 25),
    SCRYPT_N: '16384',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  // TEST_LOG=error shows what the app logs (silent by default)
  const app = await buildApp({ db, env, log: pino({ level: process.env.TEST_LOG ?? 'silent' }) });
  const token = await ensureAdminToken(db.orm, env.ADMIN_EMAIL);
  return {
    app,
    db,
    token,
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}

export type Session = {
  userId: number;
  email: string;
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
};

/** A user of the given role with a live session (made directly, without the sign-in form). */
export async function sessionAs(t: TestApp, role: Role, countries: string[] = []): Promise<Session> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const user = await createUser(t.db.orm, system('test'), {
    email,
    display_name: `Test ${role}`,
    role,
    countries,
  });
  const { token, csrf } = await createSession(t.db.orm, user.id, { idleMinutes: 60, maxHours: 2 });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { userId: user.id, email, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** A bearer token acting as a new user of the given role. */
export async function tokenAs(
  t: TestApp,
  role: Role,
  countries: string[] = [],
  scope: Scope = 'write',
): Promise<Record<string, string>> {
  const s = await sessionAs(t, role, countries);
  const { token } = await createToken(t.db.orm, system('test'), {
    userId: s.userId,
    name: `${role} test`,
    scope,
  });
  return { authorization: `Bearer ${token}` };
}

/** Posts a page form as a browser would: urlencoded, with the session's cookie and CSRF token. */
export const postForm = (t: TestApp, s: Session, url: string, body: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...body }).toString(),
  });

/** Opens the sign-in page as a browser would: the anonymous CSRF cookie and the form's token. */
export async function loginForm(app: TestApp) {
  const res = await app.app.inject('/login');
  const cookie = res.cookies.find((c) => c.name === 'cyrepo_csrf')!;
  return {
    cookie: `cyrepo_csrf=${cookie.value}`,
    token: parse(res.body).querySelector('input[name="_csrf"]')!.getAttribute('value')!,
  };
}

/** Posts the sign-in form from `address` (and with more cookies or headers, e.g. a device cookie or X-Forwarded-For). */
export async function signIn(
  app: TestApp,
  email: string,
  password: string,
  options: { address?: string; cookie?: string; next?: string; headers?: Record<string, string> } = {},
) {
  const form = await loginForm(app);
  const cookie = [form.cookie, options.cookie].filter(Boolean).join('; ');
  return app.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: options.address ?? '10.0.0.1',
    headers: { cookie, ...options.headers },
    payload: { email, password, _csrf: form.token, next: options.next ?? '/account' },
  });
}

/** Follows every same-site link (GET only) from `start`, returning each page's body; sign-in and sign-out links are not followed. */
export async function crawl(
  t: TestApp,
  start: string[],
  headers: Record<string, string> = {},
  limit = 800,
): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length && seen.size < limit) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const res = await t.app.inject({ url, headers });
    seen.set(url, res.body);
    if (!String(res.headers['content-type']).startsWith('text/html')) continue;
    for (const m of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = m[1].replace(/&amp;/g, '&');
      if (
        !seen.has(href) &&
        !href.includes('lang=') &&
        !href.startsWith('/login') &&
        !href.startsWith('/logout')
      )
        queue.push(href);
    }
  }
  return seen;
}

/**
 * A port for a child server: below Linux's ephemeral range (32768 and up), where the tests' own
 * outgoing connections take their local ports.
 */
export const childPort = () => 20_000 + Math.floor(Math.random() * 12_000);
