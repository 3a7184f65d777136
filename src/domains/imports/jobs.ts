/**
 * Imports that run in the background: an upload is kept in the database with the job that will read
 * it, so that any server process may take it (pg-boss); the request that uploaded it answers at
 * once. A job killed mid-way (a restart, kill -9) is retried by the queue: each file is imported in
 * one transaction, so nothing of the killed attempt remains, and the retry starts afresh.
 */
import { sql } from 'drizzle-orm';
import { system, type Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import type { Jobs } from '../../core/jobs.js';
import { importIati, type IatiReport } from '../assistance/iati-import.js';

export const IMPORT_JOB = 'import-file';
export type ImportKind = 'iati';
export type ImportJob = {
  id: number;
  kind: ImportKind;
  filename: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  report: Omit<IatiReport, 'file' | 'ok' | 'error'> | null;
  error: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};
const COLUMNS = sql`id, kind, filename, status, report, error, created_by, created_at::text, started_at::text, finished_at::text`;

/** Keeps each file with a job and queues the jobs; returns them. */
export async function queueImports(
  db: Orm,
  jobs: Jobs,
  by: Viewer,
  kind: ImportKind,
  files: { filename: string; bytes: Buffer }[],
): Promise<ImportJob[]> {
  const out: ImportJob[] = [];
  for (const f of files) {
    const job = (await one<ImportJob>(
      db,
      sql`INSERT INTO import_job (kind, filename, file, created_by) VALUES (${kind}, ${f.filename}, ${f.bytes}, ${by.name}) RETURNING ${COLUMNS}`,
    ))!;
    await jobs.send(IMPORT_JOB, { id: job.id });
    out.push(job);
  }
  return out;
}

export const listImports = (db: Orm) =>
  rows<ImportJob>(db, sql`SELECT ${COLUMNS} FROM import_job ORDER BY id DESC LIMIT 200`);

export async function getImport(db: Orm, id: number): Promise<ImportJob> {
  const job = await one<ImportJob>(db, sql`SELECT ${COLUMNS} FROM import_job WHERE id = ${id}`);
  if (!job) throw notFound(`Import ${id}`);
  return job;
}

/** Runs a queued import (the job's handler). A problem with the file ends the job as failed; any other error is thrown, for the queue to retry. */
export async function runImport(database: Database, id: number): Promise<void> {
  const job = await one<{ filename: string; file: Buffer | null; created_by: string; status: string }>(
    database.orm,
    sql`UPDATE import_job SET status = 'running', started_at = now() WHERE id = ${id} AND status IN ('queued', 'running')
        RETURNING filename, file, created_by, status`,
  );
  if (!job?.file) return; // done already, or gone
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
      error = ${error}, file = NULL, finished_at = now() WHERE id = ${id}`);
}

/** Works off imports in this process (a server). */
export const startImportWorker = (jobs: Jobs, database: Database) =>
  jobs.work(IMPORT_JOB, async (data) => runImport(database, Number(data.id)));
