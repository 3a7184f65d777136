import type { Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import type { SheetRow } from '../../core/files/sheet.js';
import { assertRight, previewSheet } from '../../core/files/sheet-import.js';
import type { Jobs } from '../../core/jobs.js';
import { type ImportJob, queueImports, takeJob } from './jobs.js';
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
  if (by.userId === null)
    throw new AppError(
      403,
      'forbidden',
      'A background import is sent by an account (sign in, or use its token)',
    );
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
  const job = await takeJob<SheetOptions>(database.orm, id);
  if (!job) return;
  const { sheet, scope } = job.options;
  if (!isSheetName(sheet)) return void (await job.fail(`${job.filename}: no records called ${sheet}`));
  const rows = JSON.parse(job.file.toString('utf8')) as SheetRow[];
  try {
    await inTransaction(database, async (tx) =>
      job.done(tx, await saveSheet(tx, job.by, SHEETS[sheet] as SheetRecords<unknown, unknown>, scope, rows)),
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = (
      err.details as { rows?: { line: number; errors: { field: string; message: string }[] }[] } | undefined
    )?.rows?.[0];
    await job.fail(
      `${job.filename}: ${err.message}${first ? ` (line ${first.line}, column ${first.errors[0].field}: ${first.errors[0].message})` : ''}`,
    );
  }
}
