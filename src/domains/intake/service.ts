import type { EditorialStatus, Viewer } from '../../core/access.js';
import { addAttachment } from '../attachments/service.js';
import type { CaseInput } from '../caselaw/input.js';
import { createCase } from '../caselaw/service.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { workInput, type ProvisionInput, type WorkInput } from '../legislation/input.js';
import { findWork } from '../legislation/service.js';
import { addText, createWork } from '../legislation/write.js';
import { toCase, toWork, type Overrides } from './akn/convert.js';
import { countryFrom, languageFrom } from './codes.js';
import { IntakeError } from './errors.js';
import { readContent, type Content, type Format, type Reader } from './read.js';
import { isRealDate } from '../../core/codes.js';
import { readScan, scanContent } from './scan.js';

export const FORMATS = ['akn', 'pdf', 'docx', 'text', 'image'] as const satisfies readonly Format[];
export type { Format };
const MEDIA_TYPE: Record<Exclude<Format, 'image'>, string> = {
  akn: 'application/xml',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
};
const IMAGE_TYPE: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** The media type a file is kept with. */
export const mediaTypeOf = (format: Format, file: string): string =>
  format === 'image'
    ? (IMAGE_TYPE[file.toLowerCase().split('.').pop() ?? ''] ?? 'application/octet-stream')
    : MEDIA_TYPE[format];

/** A file to import: a PDF without a text layer, or an image, is read by OCR (./scan.ts). */
export type Upload = { file: string; format: Format; bytes: Buffer };

/** True when the error says the file must be read by OCR (a scan). */
export const needsOcr = (err: unknown) => err instanceof AppError && err.code === 'no_text_layer';

/** What the editor says about a file the file itself does not say (required for PDF, DOCX and text). */
/** What the editor says about a file: year, type and number name the work (one the repository has gets a new text). */
export type Meta = Overrides & { type?: WorkInput['type']; number?: string; year?: string };

/** The year the editor gave, checked; undefined when none. */
function yearOf(meta: Meta, file: string): number | undefined {
  if (!meta.year) return undefined;
  const year = Number(meta.year);
  if (!/^\d{4}$/.test(meta.year) || year < 1800 || year > 2100)
    throw new IntakeError('invalid_year', `${file}: the year "${meta.year}" is not a year (YYYY)`);
  return year;
}

export type Proposal =
  /** text: what was extracted from a PDF, DOCX or text file (an Akoma Ntoso file's text is its provisions) */
  | { kind: 'work'; work: WorkInput; warnings: string[]; text: string | null; pages: number | null }
  | { kind: 'case'; case: CaseInput; warnings: string[]; text: null; pages: null };

export type FileReport = {
  file: string;
  ok: boolean;
  work: string | null;
  expression: string | null;
  case: string | null;
  provisions: number;
  warnings: string[];
  error: string | null;
  code: string | null;
};

export const countProvisions = (list: ProvisionInput[]): number =>
  list.reduce((n, p) => n + 1 + countProvisions(p.children ?? []), 0);

/** The format a file name suggests. */
export function formatOf(file: string): Format | undefined {
  const ext = file.toLowerCase().split('.').pop();
  return ext === 'xml' || ext === 'akn'
    ? 'akn'
    : ext === 'pdf'
      ? 'pdf'
      : ext === 'docx'
        ? 'docx'
        : ext === 'txt' || ext === 'text' || ext === 'md'
          ? 'text'
          : ext && ext in IMAGE_TYPE
            ? 'image'
            : undefined;
}

/** Reads a file into what would be saved; writes nothing. */
export async function propose(
  db: Orm,
  format: Format,
  bytes: Buffer,
  file: string,
  meta: Meta,
): Promise<Proposal> {
  return proposeFrom(db, await readContent(format, bytes, file), file, meta);
}

/** What was read from a file (or a scan: ./scan.ts), as it would be saved. */
export async function proposeFrom(db: Orm, content: Content, file: string, meta: Meta): Promise<Proposal> {
  if (content.kind === 'akn') {
    const { doc } = content;
    if (doc.type === 'judgment')
      return { kind: 'case', case: await toCase(db, doc, file, meta), warnings: [], text: null, pages: null };
    const work = await toWork(db, doc, file, meta);
    if (meta.type) work.type = meta.type;
    if (meta.number) work.number = meta.number;
    work.year = yearOf(meta, file) ?? work.year;
    return { kind: 'work', work, warnings: [], text: null, pages: null };
  }
  const { text, pages, provisions, warnings } = content;
  return { kind: 'work', work: await describe(db, file, meta, provisions), warnings, text, pages };
}

/** What the editor must say about a PDF, DOCX, text file or scan, checked (before a long OCR). */
export async function checkMeta(db: Orm, file: string, meta: Meta) {
  const missing = (['country', 'language', 'date', 'title'] as const).filter((k) => !meta[k]);
  if (missing.length)
    throw new IntakeError(
      'metadata_required',
      `${file}: say the ${missing.join(', ')} of this law (${missing.map((m) => `--${m}`).join(' ')})`,
    );
  const country = (await countryFrom(db, meta.country, file)).iso3;
  const language = languageFrom(meta.language, file);
  const date = meta.date!;
  if (!isRealDate(date))
    throw new IntakeError(
      'invalid_date',
      `${file}: the date "${date}" is not a date that exists (YYYY-MM-DD)`,
    );
  return { country, language, date };
}

/** The work a PDF, DOCX or text file becomes, from what the editor gave. */
async function describe(db: Orm, file: string, meta: Meta, provisions: ProvisionInput[]): Promise<WorkInput> {
  const { country, language, date } = await checkMeta(db, file, meta);
  const title = meta.title!;
  const number =
    meta.number ??
    /\bNo\.?\s*([\w/-]+)/i.exec(title)?.[1] ??
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
  return {
    country,
    type: meta.type ?? 'act',
    number,
    // "… No. 7 of 2021" names the year of the law; a later version's date does not.
    year: yearOf(meta, file) ?? Number(/\b(1[89]\d\d|20\d\d)\b/.exec(title)?.[1] ?? date.slice(0, 4)),
    title: { [language]: title },
    date_adopted: date,
    status: meta.type === 'bill' ? 'draft' : 'in_force',
    expressions: [{ language, date, authoritative: true, title, provisions }],
  };
}

/** Saves a proposal: a new work, a new expression of the work with the same URI, or a case; the original file attached. */
export async function save(
  db: Orm,
  by: Viewer,
  proposal: Proposal,
  original: Upload,
  status?: EditorialStatus,
): Promise<FileReport> {
  const report: FileReport = {
    file: original.file,
    ok: true,
    work: null,
    expression: null,
    case: null,
    provisions: 0,
    warnings: proposal.warnings,
    error: null,
    code: null,
  };
  const attach = (ownerType: 'work' | 'case', ownerId: string) =>
    addAttachment(db, by, {
      ownerType,
      ownerId,
      filename: original.file.split('/').pop()!,
      mediaType: mediaTypeOf(original.format, original.file),
      bytes: original.bytes,
      text: proposal.text,
      pages: proposal.pages,
    });
  if (proposal.kind === 'case') {
    const created = await createCase(db, by, proposal.case, { status });
    await attach('case', created.id);
    return { ...report, case: `/cases/${created.id}` };
  }
  const input = checked(proposal.work, original.file);
  const expression = input.expressions[0];
  report.provisions = countProvisions(expression.provisions);
  const existing = await findWork(db, input);
  if (existing) {
    const added = await addText(db, by, existing.id, expression);
    await attach('work', existing.id).catch(ignoreDuplicate);
    return { ...report, work: existing.uri, expression: added.uri };
  }
  const work = await createWork(db, by, input, { status });
  await attach('work', work.id);
  return { ...report, work: work.uri, expression: `${work.uri}/${expression.language}@${expression.date}` };
}

const ignoreDuplicate = (err: unknown) => {
  if (!(err instanceof AppError && err.status === 409)) throw err;
};

/** The proposal as the work API would accept it, or a 422 naming the first problem. */
function checked(work: WorkInput, file: string): WorkInput {
  const parsed = workInput.safeParse(work);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new IntakeError('invalid_content', `${file}: ${issue.path.join('.')}: ${issue.message}`);
}

type ImportOptions = {
  status?: EditorialStatus;
  onFile?: (report: FileReport) => void;
  reader?: Reader;
  /** Scans are read by OCR here (the command line) when given; else refused, to be sent to a background job. */
  ocr?: { onPage?: (file: string, page: number, total: number) => void };
  /** Called in a file's transaction once it is saved (a background job records that it is done, in the same commit). */
  saved?: (tx: Orm, report: FileReport) => Promise<void>;
};

/** What a file holds; a scan read by OCR in this process when `ocr` is given. */
async function contentOf(db: Orm, f: Upload, meta: Meta, options: ImportOptions): Promise<Content> {
  try {
    return await readContent(f.format, f.bytes, f.file, options.reader);
  } catch (err) {
    if (!needsOcr(err)) throw err;
    if (!options.ocr)
      throw new IntakeError(
        'no_text_layer',
        `${f.file}: no text layer (the pages are images, as in a scan): send it to POST /api/v1/imports/scans to be read by OCR`,
      );
  }
  const { country, language } = await checkMeta(db, f.file, meta);
  const { pages } = await readScan({ ...f, pdf: f.format === 'pdf' }, language, country, {
    onPage: (page, total) => options.ocr?.onPage?.(f.file, page.page, total),
  });
  return scanContent(pages, f.file).content;
}

/**
 * Imports files one by one, each read first (bounded, in the worker, unless `reader` is 'operator':
 * see ./read.ts) and then saved in its own transaction; the report says which succeeded.
 */
export async function importFiles(
  database: Database,
  by: Viewer,
  files: Upload[],
  meta: Meta,
  options: ImportOptions = {},
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const f of files) {
    let report: FileReport;
    try {
      const content = await contentOf(database.orm, f, meta, options);
      report = await inTransaction(database, async (tx) => {
        const saved = await save(tx, by, await proposeFrom(tx, content, f.file, meta), f, options.status);
        await options.saved?.(tx, saved);
        return saved;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const message = err.message.startsWith(`${f.file}:`) ? err.message : `${f.file}: ${err.message}`;
      report = {
        file: f.file,
        ok: false,
        work: null,
        expression: null,
        case: null,
        provisions: 0,
        warnings: [],
        error: message,
        code: err.code,
      };
    }
    reports.push(report);
    options.onFile?.(report);
  }
  return reports;
}
