/** What every CLI command shares: its error type and opening the configured database. */
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../core/db/connect.js';
import { loadEnv, type Env } from '../core/env.js';
import { createLogger } from '../core/log.js';

export class CliError extends Error {}

export function config(): { env: Env; log: Logger } {
  const env = loadEnv();
  return { env, log: createLogger({ ...env, LOG_LEVEL: process.env.LOG_LEVEL ? env.LOG_LEVEL : 'warn' }) };
}

/** Opens the database (migrated), runs fn, and closes it (stopping an embedded server we started). */
export async function withDatabase<T>(fn: (db: Database, log: Logger, env: Env) => Promise<T>): Promise<T> {
  const { env, log } = config();
  const db = await openDatabase(env, log);
  try {
    return await fn(db, log, env);
  } finally {
    await db.close();
  }
}
