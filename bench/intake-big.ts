/**
 * Child of bench/intake.ts: imports one Akoma Ntoso file into the configured database the way
 * `cyrepo import akn` does, and prints the time, the provisions and the peak RSS as JSON.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { importFiles } from '../src/domains/intake/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

const log = pino({ level: 'silent' });
const env = loadEnv({ LOG_LEVEL: 'silent' });
const db = await openDatabase(env, log);
try {
  await prepareDatabase(db, env, log, { demo: false });
  const file = process.argv[2];
  const t = performance.now();
  const [report] = await importFiles(
    db,
    system('bench'),
    [{ file, format: 'akn', bytes: readFileSync(file) }],
    {},
    { status: 'published', reader: 'operator' },
  );
  if (!report.ok) throw new Error(report.error ?? 'import failed');
  console.log(
    JSON.stringify({
      ms: performance.now() - t,
      provisions: report.provisions,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await db.close();
}
