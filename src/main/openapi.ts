/** The OpenAPI 3.1 document as generated from the route schemas (no database needed). */
import pino from 'pino';
import { buildApp } from './app.js';
import type { Database } from '../core/db/connect.js';
import { loadEnv } from '../core/env.js';

export async function openApiDocument(): Promise<string> {
  const unused = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the OpenAPI generator does not use the database');
      },
    },
  ) as Database;
  const app = await buildApp({
    db: unused,
    env: loadEnv({ LOG_LEVEL: 'silent' }),
    log: pino({ level: 'silent' }),
  });
  await app.ready();
  const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return doc;
}
