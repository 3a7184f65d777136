/** Test helpers: an isolated database cloned from a template, and an in-process app on it. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { ensureAdminToken } from '../src/accounts/tokens.js';
import { poolFor, type Database } from '../src/db/connect.js';
import { loadEnv } from '../src/env.js';
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
  return {
    name,
    url: databaseUrl(name),
    pool,
    orm,
    async close() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type TestApp = { app: App; db: TestDb; token: string; close(): Promise<void> };

export async function testApp(options: { demo?: boolean; maxUploadMb?: number } = {}): Promise<TestApp> {
  const db = await testDatabase(options);
  const env = loadEnv({ PUBLIC_URL: 'https://cyrepo.test', LOG_LEVEL: 'silent', MAX_UPLOAD_MB: String(options.maxUploadMb ?? 25) });
  const app = await buildApp({ db, env, log: pino({ level: 'silent' }) });
  const token = await ensureAdminToken(db.orm, env.ADMIN_EMAIL);
  return {
    app,
    db,
    token,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
