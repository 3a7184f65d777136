/**
 * Test database server: the machine's PostgreSQL when DATABASE_URL is set, otherwise an embedded
 * PostgreSQL in a temporary folder. Two template databases are prepared once — migrated with the
 * reference data, and the same plus the demo content — and each test file clones one (fast).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { ensureAdminToken } from '../src/domains/accounts/tokens.js';
import { poolFor } from '../src/core/db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../src/core/db/embedded.js';
import { migrate } from '../src/core/db/migrate.js';
import { inTransaction } from '../src/core/db/tx.js';
import { loadDemo } from '../src/domains/demo/load.js';
import { loadReference } from '../src/domains/reference/load.js';
import { loadDefaultFramework } from '../src/domains/assessments/frameworks.js';
import { ensureSuggesterModel } from '../src/domains/analysis/learn/store.js';
import { rebuildSearch } from '../src/domains/search/rebuild.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdmin: pg.ClientConfig;
    templates: { base: string; demo: string };
  }
}

let embedded: EmbeddedServer | undefined;

/** The connection settings for another database on the same server. */
export function configFor(admin: pg.ClientConfig, database: string): pg.ClientConfig {
  if (!admin.connectionString) return { ...admin, database };
  const url = new URL(admin.connectionString);
  url.pathname = `/${database}`;
  return { connectionString: url.toString() };
}
let dataDir: string | undefined;

async function makeTemplate(admin: pg.ClientConfig, name: string, demo: boolean) {
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const { pool, orm } = poolFor(configFor(admin, name));
  await migrate(pool);
  await loadReference(pool);
  await loadDefaultFramework(orm);
  if (demo) await inTransaction({ pool, orm, close: async () => undefined }, (tx) => loadDemo(tx));
  await rebuildSearch(orm);
  await ensureSuggesterModel(orm);
  await ensureAdminToken(orm, 'admin@cyrepo.invalid');
  await pool.end();
}

export default async function setup(project: TestProject) {
  let admin: pg.ClientConfig;
  if (process.env.DATABASE_URL) {
    admin = { connectionString: process.env.DATABASE_URL };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-test-'));
    embedded = await startEmbedded(dataDir, pino({ level: 'warn' }));
    admin = { host: embedded.socketDir, port: embedded.port, user: embedded.user, database: 'postgres' };
  }
  const suffix = `${process.pid}`;
  const templates = { base: `cyrepo_tpl_base_${suffix}`, demo: `cyrepo_tpl_demo_${suffix}` };
  await makeTemplate(admin, templates.base, false);
  await makeTemplate(admin, templates.demo, true);
  project.provide('pgAdmin', admin);
  project.provide('templates', templates);
  return async () => {
    const client = new pg.Client(admin);
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'cyrepo_t%\\_${suffix}%' OR datname LIKE 'cyrepo_tpl_%_${suffix}'`,
    );
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
