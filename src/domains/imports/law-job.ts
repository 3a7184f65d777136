/**
 * Law files imported in the background (Akoma Ntoso, PDF, DOCX, text: many files, or large ones),
 * one job per file, imported as the account that sent it (its role and countries when the job runs)
 * exactly as an import over the API would be. The file is saved, and its job marked done, in one
 * transaction: a job killed mid-way has written nothing and its retry starts afresh; a retry after
 * the commit finds the job done and does nothing.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { AppError } from '../../core/errors.js';
import type { Jobs } from '../../core/jobs.js';
import { accountViewer } from '../accounts/users.js';
import { type Format, importFiles, type Meta, type Upload } from '../intake/service.js';
import { type ImportJob, type LawReport, queueImports } from './jobs.js';

type LawOptions = Meta & { formats: Format[] };

/** Keeps each file with a job (what its sender said about them with it) and queues them. */
export async function queueLaws(
  db: Orm,
  jobs: Jobs,
  by: Viewer,
  files: Upload[],
  meta: Meta,
): Promise<ImportJob[]> {
  if (by.userId === null)
    throw new AppError(
      403,
      'forbidden',
      'A background import is sent by an account (sign in, or use its token)',
    );
  const queued: ImportJob[] = [];
  // one job per file, each with its own format
  for (const f of files)
    queued.push(
      ...(await queueImports(db, jobs, by, 'law', [{ filename: f.file, bytes: f.bytes }], {
        ...meta,
        formats: [f.format],
      } satisfies LawOptions)),
    );
  return queued;
}

/** Imports a queued law file (the job is running): done with its report, or failed saying why. */
export async function runLaw(database: Database, id: number): Promise<void> {
  const db = database.orm;
  const job = await one<{
    filename: string;
    file: Buffer | null;
    options: LawOptions;
    created_by: string;
    created_by_user: number | null;
  }>(
    db,
    sql`SELECT filename, file, options, created_by, created_by_user FROM import_job WHERE id = ${id} AND status = 'running'`,
  );
  if (!job?.file) return; // done already, cancelled or gone
  const fail = (error: string) =>
    db.execute(sql`UPDATE import_job SET status = 'failed', error = ${error}, file = NULL, finished_at = now()
      WHERE id = ${id} AND status = 'running'`);
  const by =
    job.created_by_user === null ? undefined : await accountViewer(db, job.created_by_user, job.created_by);
  if (!by) return void (await fail(`${job.filename}: the account that sent it can no longer import`));
  const { formats, ...meta } = job.options;
  const [report] = await importFiles(
    database,
    by,
    [{ file: job.filename, format: formats[0], bytes: job.file }],
    meta,
    {
      async saved(tx, r) {
        const done: LawReport = {
          work: r.work,
          expression: r.expression,
          case: r.case,
          provisions: r.provisions,
          warnings: r.warnings,
        };
        const marked = await one(
          tx,
          sql`UPDATE import_job SET status = 'done', report = ${JSON.stringify(done)}::jsonb, file = NULL,
          finished_at = now() WHERE id = ${id} AND status = 'running' RETURNING id`,
        );
        // another attempt finished it first: this one's law is not kept
        if (!marked) throw new AppError(409, 'already_imported', `${job.filename}: imported already`);
      },
    },
  );
  if (!report.ok) await fail(report.error ?? `${job.filename}: not imported`);
}
