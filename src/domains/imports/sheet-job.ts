/**
 * Large spreadsheets imported in the background: the rows, checked when the user confirmed, are kept
 * with a job and written by whichever server process takes it, as the account that sent them (its
 * role and countries when the job runs), in one transaction that also marks the job done — a job
 * killed mid-way has written nothing and its retry starts afresh. Rows that are no longer right when
 * the job runs (a record deleted meanwhile) fail the job, naming the first problem.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import type { SheetRow } from '../../core/files/sheet.js';
import { assertRight, previewSheet } from '../../core/files/sheet-import.js';
import type { Jobs } from '../../core/jobs.js';
import { accountViewer } from '../accounts/users.js';
import { type ImportJob, queueImports } from './jobs.js';
import { isSheetName, SHEETS, type SheetRecords, saveSheet } from './sheets.js';

/** Sheets of more rows than this are imported in the background (bench/RESULTS.md: 5,000 laws take some 40 s). */
export const SHEET_ROWS_WAITED = 500;
type SheetOptions = { sheet: string; scope: string; rows: number };

/** Checks the rows (400 import_invalid naming the bad ones, nothing queued) and queues them. */
export async function queueSheet<V, Id>(
  db: Orm,
  jobs: Jobs,
  by: Viewer,
  sheet: SheetRecords<V, Id>,
  scope: string,
  rows: SheetRow[],
): Promise<ImportJob> {
  assertRight(previewSheet(await sheet.kind(db, by, scope), rows));
  const options: SheetOptions = { sheet: sheet.name, scope, rows: rows.length };
  const file = {
    filename: `${sheet.name}${scope ? `-${scope}` : ''}.xlsx`,
    bytes: Buffer.from(JSON.stringify(rows)),
  };
  const [job] = await queueImports(db, jobs, by, 'sheet', [file], options);
  return job;
}

/** Writes a queued sheet (the job is running): done with the counts, or failed saying why. */
export async function runSheet(database: Database, id: number): Promise<void> {
  const db = database.orm;
  const job = await one<{
    filename: string;
    file: Buffer | null;
    options: SheetOptions;
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
  const { sheet, scope } = job.options;
  if (!isSheetName(sheet)) return void (await fail(`${job.filename}: no records called ${sheet}`));
  const rows = JSON.parse(job.file.toString('utf8')) as SheetRow[];
  try {
    await inTransaction(database, async (tx) => {
      const counts = await saveSheet(tx, by, SHEETS[sheet] as SheetRecords<unknown, unknown>, scope, rows);
      const marked = await one(
        tx,
        sql`UPDATE import_job SET status = 'done', report = ${JSON.stringify(counts)}::jsonb, file = NULL,
          finished_at = now() WHERE id = ${id} AND status = 'running' RETURNING id`,
      );
      // another attempt finished it first: this one's rows are not kept
      if (!marked) throw new AppError(409, 'already_imported', `${job.filename}: imported already`);
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = (
      err.details as { rows?: { line: number; errors: { field: string; message: string }[] }[] } | undefined
    )?.rows?.[0];
    await fail(
      `${job.filename}: ${err.message}${first ? ` (line ${first.line}, column ${first.errors[0].field}: ${first.errors[0].message})` : ''}`,
    );
  }
}
