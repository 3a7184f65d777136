/** The handler of background imports: it takes a queued job and runs it (an IATI file, a scan: ./scan-job.ts, a law file: ./law-job.ts, a large spreadsheet: ./sheet-job.ts). */
import { sql } from 'drizzle-orm';
import { system } from '../../core/access.js';
import type { Database } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import type { Jobs } from '../../core/jobs.js';
import { importIati } from '../assistance/iati-import.js';
import { IMPORT_JOB, type ImportKind } from './jobs.js';
import { runLaw } from './law-job.js';
import { runScan } from './scan-job.js';
import { runSheet } from './sheet-job.js';

/** Runs a queued import (the job's handler). A problem with the file ends the job as failed; any other error is thrown, for the queue to retry. */
export async function runImport(database: Database, jobs: Jobs, id: number): Promise<void> {
  const job = await one<{ kind: ImportKind; filename: string; file: Buffer | null; created_by: string }>(
    database.orm,
    sql`UPDATE import_job SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = ${id} AND status IN ('queued', 'running')
        RETURNING kind, filename, file, created_by`,
  );
  if (!job?.file) return; // done already, or gone
  if (job.kind === 'scan') return runScan(database, jobs, id);
  if (job.kind === 'law') return runLaw(database, id);
  if (job.kind === 'sheet') return runSheet(database, id);
  const bytes = job.file;
  const [report] = await importIati(database, system(job.created_by), [
    {
      file: job.filename,
      chunks: async function* () {
        for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
      },
    },
  ]);
  const { file: _f, ok, error, ...counts } = report;
  await database.orm.execute(sql`UPDATE import_job SET status = ${ok ? 'done' : 'failed'}, report = ${JSON.stringify(counts)}::jsonb,
      error = ${error}, file = NULL, finished_at = now() WHERE id = ${id} AND status = 'running'`);
}

/** Works off imports in this process (a server). */
export const startImportWorker = (jobs: Jobs, database: Database) =>
  jobs.work(IMPORT_JOB, async (data) => runImport(database, jobs, Number(data.id)));
