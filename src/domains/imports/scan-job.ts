/**
 * A scanned law read by OCR in the background. Each page read is kept at once (import_page, with
 * its lines and their confidence), so that the imports page shows the progress and a job
 * stopped mid-way — a restart, kill -9 — resumes after the last page it kept. Nothing is saved to
 * the repository: when the job is done, the editor opens its preview in the law editor, checks the
 * lines marked as uncertain and saves (the scan is then attached to the law).
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { AppError, notFound } from '../../core/errors.js';
import { tesseractLanguage, type OcrPage } from '../../core/files/ocr.js';
import { pagesConfidence } from '../../core/files/ocr-tsv.js';
import { assertCanCreate } from '../../core/policy.js';
import { readScan, scanContent, type ScanReading } from '../intake/scan.js';
import { addAttachment } from '../attachments/service.js';
import {
  checkMeta,
  countProvisions,
  mediaTypeOf,
  proposeFrom,
  type Meta,
  type Proposal,
  type Upload,
} from '../intake/service.js';
import type { Jobs } from '../../core/jobs.js';
import {
  getImport,
  IMPORT_JOB,
  scanPages,
  queueImports,
  SCAN_KEPT_DAYS,
  type ImportJob,
  type ScanReport,
} from './jobs.js';

export type ScanOptions = Meta & { format: 'pdf' | 'image' };

/** A job reads pages for about a minute, then queues its continuation: no run nears the queue's expiry. */
const PART_MS = 60_000;

/** Reads a part of a scan; queues the next part, or ends the job (done, or failed with why). */
export async function runScan(database: Database, jobs: Jobs, id: number): Promise<void> {
  const db = database.orm;
  const job = (await one<{ filename: string; file: Buffer; options: ScanOptions; pages: OcrPage[] }>(
    db,
    sql`SELECT filename, file, options, ${scanPages} AS pages FROM import_job WHERE id = ${id}`,
  ))!;
  const file = job.filename;
  try {
    const { country, language } = await checkMeta(db, file, job.options);
    const scan = { file, bytes: job.file, pdf: job.options.format === 'pdf' };
    const { pages, total } = await readScan(scan, language, country, {
      done: job.pages,
      until: Date.now() + PART_MS,
      // Kept only while the job runs and this page is the next: a cancelled job, or one another
      // worker has gone on with, stops here.
      onPage: async (page, total) => {
        const kept = await one(
          db,
          sql`WITH next AS (
                UPDATE import_job SET pages_done = ${page.page}, pages_total = ${total}
                WHERE id = ${id} AND status = 'running' AND pages_done = ${page.page - 1} RETURNING id)
              INSERT INTO import_page (job_id, page, content) SELECT id, ${page.page}, ${JSON.stringify(page)}::jsonb FROM next
              RETURNING job_id`,
        );
        if (!kept) throw new Stopped();
      },
    });
    if (pages.length < total) return await jobs.send(IMPORT_JOB, { id });
    const { content, reading } = scanContent(pages, file);
    const report: ScanReport = {
      confidence: pagesConfidence(pages),
      uncertain: reading.uncertain.length,
      provisions: content.kind === 'text' ? countProvisions(content.provisions) : 0,
      warnings: content.kind === 'text' ? content.warnings : [],
    };
    await db.execute(sql`UPDATE import_job SET status = 'done', report = ${JSON.stringify(report)}::jsonb,
        finished_at = now() WHERE id = ${id} AND status = 'running'`);
  } catch (err) {
    if (err instanceof Stopped) return;
    if (!(err instanceof AppError)) throw err; // for the queue to retry (it resumes after the pages kept)
    await db.execute(sql`UPDATE import_job SET status = 'failed', error = ${err.message}, file = NULL,
        finished_at = now() WHERE id = ${id} AND status = 'running'`);
  }
}

class Stopped extends Error {}

/** A finished scan the viewer follows, with its file (410 once no longer kept). */
async function readScanJob(db: Orm, viewer: Viewer, id: number) {
  const job = await getImport(db, viewer, id);
  const row = await one<{ file: Buffer | null; options: ScanOptions; fresh: boolean }>(
    db,
    sql`SELECT file, options, finished_at > now() - make_interval(days => ${SCAN_KEPT_DAYS}) AS fresh
        FROM import_job WHERE id = ${id}`,
  );
  if (job.kind !== 'scan') throw notFound(`Scan ${id}`);
  if (job.status !== 'done')
    throw new AppError(
      409,
      'not_ready',
      `${job.filename}: ${job.error ?? `not read to the end (${job.status})`}`,
    );
  if (!row?.file || !row.fresh)
    throw new AppError(
      410,
      'scan_gone',
      `${job.filename}: the scan is no longer kept (it was saved with its law, or read more than ${SCAN_KEPT_DAYS} days ago); send it again`,
    );
  return {
    job,
    report: job.report as ScanReport,
    pages: job.pages ?? [],
    file: row.file,
    options: row.options,
  };
}

/** A finished scan's proposal — the law as it would be saved — with the lines to check; nothing is written. */
export async function scanProposal(
  db: Orm,
  viewer: Viewer,
  id: number,
): Promise<{ proposal: Proposal; reading: ScanReading; confidence: number | null; filename: string }> {
  const { job, report, pages, options } = await readScanJob(db, viewer, id);
  const { content, reading } = scanContent(pages, job.filename);
  return {
    proposal: await proposeFrom(db, content, job.filename, options),
    reading,
    confidence: report.confidence,
    filename: job.filename,
  };
}

/** Attaches a read scan to the law saved from its preview (with what OCR read); the job no longer keeps it. */
export async function attachScan(db: Orm, viewer: Viewer, id: number, workId: string): Promise<void> {
  const { job, pages, file, options } = await readScanJob(db, viewer, id);
  await addAttachment(db, viewer, {
    ownerType: 'work',
    ownerId: workId,
    filename: job.filename.split('/').pop()!,
    mediaType: mediaTypeOf(options.format, job.filename),
    bytes: file,
    text: pages.map((p) => p.text).join('\n'),
    pages: pages.length,
  });
  await db.execute(sql`UPDATE import_job SET file = NULL WHERE id = ${id}`);
}

/** Keeps scans (PDF without a text layer, or images) with jobs that read them, once what the editor said is checked. */
export async function queueScans(
  db: Orm,
  jobs: Jobs,
  by: Viewer,
  files: Upload[],
  meta: Meta,
): Promise<ImportJob[]> {
  // Every file checked before any is kept: a request is queued whole or refused.
  for (const f of files) {
    if (f.format !== 'pdf' && f.format !== 'image')
      throw new AppError(
        422,
        'not_a_scan',
        `${f.file}: a scan is a PDF or an image (PNG, JPEG, TIFF); import ${f.format} files at /api/v1/imports`,
      );
    const { country, language } = await checkMeta(db, f.file, meta);
    assertCanCreate(by, country, 'public');
    tesseractLanguage(language, country, f.file);
  }
  const out: ImportJob[] = [];
  for (const f of files)
    out.push(
      ...(await queueImports(db, jobs, by, 'scan', [{ filename: f.file, bytes: f.bytes }], {
        ...meta,
        format: f.format as ScanOptions['format'],
      })),
    );
  return out;
}
