import type { Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { AppError } from '../../core/errors.js';
import type { Jobs } from '../../core/jobs.js';
import { type Format, importFiles, type Meta, type Upload } from '../intake/service.js';
import { type ImportJob, type LawReport, queueImports, takeJob } from './jobs.js';

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
  const job = await takeJob<LawOptions>(database.orm, id);
  if (!job) return;
  const { formats, ...meta } = job.options;
  const [report] = await importFiles(
    database,
    job.by,
    [{ file: job.filename, format: formats[0], bytes: job.file }],
    meta,
    {
      saved: (tx, r) =>
        job.done(tx, {
          work: r.work,
          expression: r.expression,
          case: r.case,
          provisions: r.provisions,
          warnings: r.warnings,
        } satisfies LawReport),
    },
  );
  if (!report.ok) await job.fail(report.error ?? `${job.filename}: not imported`);
}
