/**
 * Imports that run in the background: an upload is kept in the database with the job that will read
 * it, so that any server process may take it (pg-boss); the request that uploaded it answers at
 * once. A job killed mid-way (a restart, kill -9) is retried by the queue: an IATI file or a law file
 * (./law-job.ts) is imported in one transaction, so nothing of the killed attempt remains and the
 * retry starts afresh; a scan keeps the pages it has read and resumes after them (./scan-job.ts).
 */
import { sql } from 'drizzle-orm';
import { isProgrammeStaff, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { AppError, notFound } from '../../core/errors.js';
import type { Jobs } from '../../core/jobs.js';
import type { IatiReport } from '../assistance/iati-import.js';
import type { OcrPage } from '../../core/files/ocr.js';
import type { FileReport } from '../intake/service.js';
import { accountViewer } from '../accounts/users.js';

export const IMPORT_JOB = 'import-file';
/** Days a read scan is kept for its preview in the law editor. */
export const SCAN_KEPT_DAYS = 30;
/** iati: an IATI activity or organisation file; scan: a scanned law or judgment read by OCR; law: a law or judgment in Akoma Ntoso, PDF, DOCX or text; sheet: a large spreadsheet's rows. */
export type ImportKind = 'iati' | 'scan' | 'law' | 'sheet';
/** What reading a scan gave (its pages, with their lines and confidence, are the job's `pages`). */
export type ScanReport = {
  /** mean confidence of the pages, weighted by their text (0–100) */
  confidence: number | null;
  uncertain: number;
  provisions: number;
  warnings: string[];
};
/** What importing a law file gave: the law (its expression) or the case, and the provisions read. */
export type LawReport = Pick<FileReport, 'work' | 'expression' | 'case' | 'provisions' | 'warnings'>;
/** What importing a sheet did. */
export type SheetReport = { created: number; updated: number; unchanged: number };
export type ImportJob = {
  id: number;
  kind: ImportKind;
  filename: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  report: Omit<IatiReport, 'file' | 'ok' | 'error'> | ScanReport | LawReport | SheetReport | null;
  error: string | null;
  /** a scan: pages read so far, of how many */
  pages_done: number;
  pages_total: number | null;
  /** a scan's pages read so far (one job asked for; not in lists) */
  pages?: OcrPage[];
  created_by: string;
  created_by_user: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};
/** A scan's pages read so far, in order (in a query on import_job). */
export const scanPages = sql`coalesce((SELECT jsonb_agg(content ORDER BY page) FROM import_page WHERE job_id = import_job.id), '[]')`;
/** The job; with `full`, a scan's pages read so far. */
const columns = (full = false) =>
  sql`id, kind, filename, status, report, error, pages_done, pages_total,
      created_by, created_by_user, created_at::text, started_at::text, finished_at::text
      ${full ? sql`, CASE WHEN kind = 'scan' THEN ${scanPages} END AS pages` : sql``}`;

/**
 * The jobs a viewer follows: those their account sent (by session or by any of its tokens), IATI
 * files for programme staff, scans for programme staff and administrators (a scan's text may be of a
 * law saved as restricted).
 */
const visible = (viewer: Viewer) =>
  sql`((created_by_user IS NOT NULL AND created_by_user = ${viewer.userId}) OR ${isProgrammeStaff(viewer)})`;
const own = (viewer: Viewer, job: { created_by_user: number | null }) =>
  job.created_by_user !== null && job.created_by_user === viewer.userId;

/** Keeps each file with a job and queues the jobs; returns them. */
export async function queueImports(
  db: Orm,
  jobs: Jobs,
  by: Viewer,
  kind: ImportKind,
  files: { filename: string; bytes: Buffer }[],
  options: Record<string, unknown> | null = null,
): Promise<ImportJob[]> {
  // A scan read long ago and never saved as a law: its file is not kept for ever.
  await db.execute(sql`UPDATE import_job SET file = NULL
    WHERE kind = 'scan' AND file IS NOT NULL AND finished_at < now() - make_interval(days => ${SCAN_KEPT_DAYS})`);
  const out: ImportJob[] = [];
  for (const f of files) {
    const job = (await one<ImportJob>(
      db,
      sql`INSERT INTO import_job (kind, filename, file, options, created_by, created_by_user)
          VALUES (${kind}, ${f.filename}, ${f.bytes}, ${options && JSON.stringify(options)}::jsonb, ${by.name}, ${by.userId})
          RETURNING ${columns()}`,
    ))!;
    await jobs.send(IMPORT_JOB, { id: job.id });
    out.push(job);
  }
  return out;
}

export const listImports = (db: Orm, viewer: Viewer) =>
  rows<ImportJob>(
    db,
    sql`SELECT ${columns()} FROM import_job WHERE ${visible(viewer)} ORDER BY id DESC LIMIT 200`,
  );

/** One job the viewer follows, with its whole report. */
export async function getImport(db: Orm, viewer: Viewer, id: number): Promise<ImportJob> {
  const job = await one<ImportJob>(
    db,
    sql`SELECT ${columns(true)} FROM import_job WHERE id = ${id} AND ${visible(viewer)}`,
  );
  if (!job) throw notFound(`Import ${id}`);
  return job;
}

/**
 * Cancels an import the viewer follows: a scan while it waits or is read (its reader stops after
 * the page it is on), another file while it waits (once running, an import is one transaction that
 * ends whole). The file is dropped.
 */
export async function cancelImport(db: Orm, viewer: Viewer, id: number): Promise<ImportJob> {
  const job = await getImport(db, viewer, id);
  const cancelled = await one(
    db,
    sql`UPDATE import_job SET status = 'cancelled', file = NULL, finished_at = now(),
          error = ${`cancelled by ${own(viewer, job) ? 'its sender' : 'programme staff'}`}
        WHERE id = ${id} AND (status = 'queued' OR (status = 'running' AND kind = 'scan')) RETURNING id`,
  );
  if (!cancelled)
    throw new AppError(
      409,
      'not_cancellable',
      `${job.filename}: the import is ${job.status}; it can no longer be cancelled`,
    );
  return getImport(db, viewer, id);
}

/** A job this process is running on behalf of its sender's account: its file and options, and how it ends. */
export type TakenJob<O> = {
  filename: string;
  file: Buffer;
  options: O;
  by: Viewer;
  /** ends the job as failed, saying why (the file dropped) */
  fail(error: string): Promise<unknown>;
  /** ends it as done with its report, in the transaction `tx` that wrote what it imported (409 when another attempt ended it first) */
  done(tx: Orm, report: unknown): Promise<void>;
};

/**
 * The running job `id` with the account it acts for (its role and countries now); undefined when
 * there is nothing to do: done already, cancelled or gone, or failed here because its account can no
 * longer import.
 */
export async function takeJob<O>(db: Orm, id: number): Promise<TakenJob<O> | undefined> {
  const job = await one<{
    filename: string;
    file: Buffer | null;
    options: O;
    created_by: string;
    created_by_user: number | null;
  }>(
    db,
    sql`SELECT filename, file, options, created_by, created_by_user FROM import_job WHERE id = ${id} AND status = 'running'`,
  );
  if (!job?.file) return undefined;
  const fail = (error: string) =>
    db.execute(sql`UPDATE import_job SET status = 'failed', error = ${error}, file = NULL, finished_at = now()
      WHERE id = ${id} AND status = 'running'`);
  const by =
    job.created_by_user === null ? undefined : await accountViewer(db, job.created_by_user, job.created_by);
  if (!by) return void (await fail(`${job.filename}: the account that sent it can no longer import`));
  return {
    filename: job.filename,
    file: job.file,
    options: job.options,
    by,
    fail,
    async done(tx, report) {
      const marked = await one(
        tx,
        sql`UPDATE import_job SET status = 'done', report = ${JSON.stringify(report)}::jsonb, file = NULL,
          finished_at = now() WHERE id = ${id} AND status = 'running' RETURNING id`,
      );
      // another attempt ended it first: what this one wrote is not kept
      if (!marked) throw new AppError(409, 'already_imported', `${job.filename}: imported already`);
    },
  };
}
