/**
 * Loads the fictional demo content (src/domains/demo/data/countries/*.json) through the repository
 * services, in one transaction: laws with provisions and accepted mappings, cases, documents, and
 * the programme's records (programme.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createCase } from '../caselaw/service.js';
import { authorityInput, createAuthority } from '../cooperation/authorities.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { createDocument } from '../documents/service.js';
import { system } from '../../core/access.js';
import { createWork } from '../legislation/write.js';
import { loadProgrammeDemo } from './programme.js';
import { demoCountryFile, type DemoCountryFile } from './schema.js';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), 'data', 'countries');
const DEMO = system('seed:demo');
export const DEMO_SOURCE = 'Fictional demo content written for cyrepo; not the law of any country.';

export function readDemoFiles(): DemoCountryFile[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => demoCountryFile.parse(JSON.parse(readFileSync(join(dataDir, f), 'utf8'))));
}

export type DemoCounts = {
  countries: number;
  works: number;
  provisions: number;
  cases: number;
  documents: number;
};

/** Loads the demo into db (pass a transaction); returns what it added. */
export async function loadDemo(db: Orm): Promise<DemoCounts> {
  const files = readDemoFiles();
  for (const file of files)
    for (const work of file.works)
      await createWork(
        db,
        DEMO,
        { ...work, country: file.country, source: work.source ?? DEMO_SOURCE },
        { status: 'published' },
      );
  for (const file of files) {
    for (const c of file.cases)
      await createCase(db, DEMO, { ...c, country: file.country }, { status: 'published' });
    for (const d of file.documents)
      await createDocument(db, DEMO, { ...d, country: file.country }, { status: 'published' });
  }
  await loadProgrammeDemo(db, DEMO);
  const authorities = z
    .array(authorityInput)
    .parse(JSON.parse(readFileSync(join(dataDir, '..', 'authorities.json'), 'utf8')));
  for (const a of authorities) await createAuthority(db, DEMO, a);
  await db.execute(
    sql`INSERT INTO app_secret (name, value) VALUES ('demo_loaded', now()::text) ON CONFLICT (name) DO NOTHING`,
  );
  const counts = await one<DemoCounts>(
    db,
    sql`SELECT (SELECT count(DISTINCT country)::int FROM legal_work) AS countries, (SELECT count(*)::int FROM legal_work) AS works,
        (SELECT count(*)::int FROM provision) AS provisions, (SELECT count(*)::int FROM legal_case) AS cases,
        (SELECT count(*)::int FROM document) AS documents`,
  );
  return counts!;
}

export async function isRepositoryEmpty(db: Orm): Promise<boolean> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM legal_work) + (SELECT count(*) FROM legal_case) + (SELECT count(*) FROM document) AS n`,
  );
  return Number(r?.n) === 0;
}
