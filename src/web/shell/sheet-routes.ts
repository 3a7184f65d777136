/**
 * The routes of a kind of records kept in spreadsheets, the same for every kind: the XLSX (the
 * records with names in the reader's language, or the empty template), the import API (preview, or
 * write with confirm=true), and the upload, preview and confirm pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { badRequest } from '../../core/errors.js';
import { readSheet, type SheetRow, writeSheet } from '../../core/files/sheet.js';
import { type PreviewRow, previewSheet } from '../../core/files/sheet-import.js';
import { SHEET_ROWS_WAITED, queueSheet } from '../../domains/imports/sheet-job.js';
import { saveSheet, type SheetRecords } from '../../domains/imports/sheets.js';
import { fileBytes } from '../../core/files/upload.js';
import { pickLanguage, translator, UI_LANGUAGES } from '../../core/i18n.js';
import { recordId } from '../../core/codes.js';
import { policy, type RoutePolicy, uploadForm } from './auth.js';
import { SheetImportPage } from './sheet-import-view.js';
import { sendPage, type Ui } from './ui.js';

/** The path's id, for kinds kept per record (an activity's participants, a law's mappings); 0 when the path has none. */
type Scope<S> = { id: S };

/** A kind of records kept in spreadsheets: V a row's values, Id its records' ids, S the path's id (numbered unless `scopeId` says). */
export type SheetSpec<V, Id = number, S = number> = {
  /** GET `${api}.xlsx`, POST `${api}/import` (may hold :id) */
  api: string;
  /** the page (GET, POST) and its confirmation (POST `${page}/confirm`) (may hold :id) */
  page: string;
  tag: string;
  /** what the XLSX holds and what the import does, for the API's documentation */
  summaries: { download: string; import: string };
  /** who may download the records */
  read: RoutePolicy;
  /** who may import them (programme staff unless said) */
  write?: RoutePolicy;
  /** the path's id when it is not a number */
  scopeId?: z.ZodType<S>;
  /** the records: their sheet, and how its rows are checked and written (domains/imports/sheets.ts) */
  records: SheetRecords<V, Id>;
  /** the page's title and intro, where it goes back to and where a confirmed import goes */
  texts(
    db: Orm,
    viewer: Viewer,
    scope: Scope<S>,
    ui: Ui,
  ): Promise<{ title: string; intro: string; back: { href: string; label: string } }>;
  /** the preview's columns */
  shown(db: Orm, ui: Ui): Promise<{ headers: string[]; cells: (values: V) => (string | number)[] }>;
};

const confirmBody = z.object({ rows: z.string() }).passthrough();
const sheetRows = z.array(
  z.object({
    line: z.number().int(),
    cells: z.record(z.string(), z.string()),
    formulas: z.array(z.string()),
  }),
);

/** The uploaded file's rows. */
async function uploadedRows(req: FastifyRequest): Promise<SheetRow[]> {
  if (!req.isMultipart()) throw badRequest('Send the file as multipart/form-data (field "file")');
  const file = await req.file();
  if (!file)
    throw badRequest('Choose a CSV or XLSX file', { fields: [{ field: 'file', message: 'no file' }] });
  return readSheet(await fileBytes(file), file.filename);
}

export function sheetRoutes<V, Id = number, S = number>(spec: SheetSpec<V, Id, S>) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const database = app.deps.db;
    const db = () => database.orm;
    const scoped = spec.page.includes(':id');
    const params = scoped ? { params: z.object({ id: spec.scopeId ?? recordId }) } : {};
    const scope = (req: FastifyRequest) => ({ id: (req.params as { id?: S }).id ?? (0 as S) });
    const importer = policy(spec.write ?? 'programme');
    const kind = (viewer: Viewer, s: Scope<S>) => spec.records.kind(db(), viewer, String(s.id));
    /** Writes the rows while the request waits, or (a large sheet) queues them: the job, then. */
    const write = async (req: FastifyRequest, sheet: SheetRow[]) => {
      const s = String(scope(req).id);
      if (sheet.length > SHEET_ROWS_WAITED)
        return { job: await queueSheet(db(), app.jobs, req.viewer, spec.records, s, sheet) };
      return inTransaction(database, (tx) => saveSheet(tx, req.viewer, spec.records, s, sheet));
    };
    const page = async (
      req: FastifyRequest,
      extra: { sheet?: SheetRow[]; rows?: PreviewRow<V, Id>[] } = {},
    ) => {
      const s = scope(req);
      const texts = await spec.texts(db(), req.viewer, s, req.ui);
      const at = (path: string) => path.replace(':id', encodeURIComponent(String(s.id)));
      return SheetImportPage({
        ui: req.ui,
        ...texts,
        download: `${at(spec.api)}.xlsx?lang=${req.ui.lang}`,
        action: at(spec.page),
        shown: (await spec.shown(db(), req.ui)) as never,
        ...extra,
      });
    };

    app.get(
      `${spec.api}.xlsx`,
      {
        ...policy(spec.read),
        schema: {
          tags: [spec.tag],
          summary: spec.summaries.download,
          ...params,
          querystring: z.object({ lang: z.enum(UI_LANGUAGES).optional() }),
        },
      },
      async (req, reply) => {
        const lang = pickLanguage(req.query.lang, undefined, req.headers['accept-language']);
        const { title, columns, rows } = await spec.records.sheet(
          db(),
          req.viewer,
          String(scope(req).id),
          lang,
          translator(lang),
        );
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${title.replace(/[^\w.-]+/g, '-')}.xlsx"`)
          .send(await writeSheet(title, columns, rows, translator(lang)('import.lists')));
      },
    );
    app.post(
      `${spec.api}/import`,
      {
        ...importer,
        schema: {
          tags: [spec.tag],
          security: [{ token: [] }],
          summary: spec.summaries.import,
          ...params,
          querystring: z.object({ confirm: z.enum(['true', 'false']).default('false') }),
        },
      },
      async (req, reply) => {
        const sheet = await uploadedRows(req);
        if (req.query.confirm === 'false')
          return { written: false, rows: previewSheet(await kind(req.viewer, scope(req)), sheet) };
        const done = await write(req, sheet);
        return 'job' in done ? reply.code(202).send({ written: false, ...done }) : { written: true, ...done };
      },
    );
    app.get(spec.page, { ...importer, schema: { hide: true, ...params } }, async (req, reply) =>
      sendPage(reply, await page(req)),
    );
    app.post(
      uploadForm(spec.page),
      { ...importer, schema: { hide: true, ...params } },
      async (req, reply) => {
        const sheet = await uploadedRows(req);
        const rows = previewSheet(await kind(req.viewer, scope(req)), sheet);
        return sendPage(
          reply,
          await page(req, { sheet, rows }),
          rows.some((r) => r.errors.length) ? 400 : 200,
        );
      },
    );
    app.post(
      `${spec.page}/confirm`,
      { ...importer, schema: { hide: true, ...params, body: confirmBody } },
      async (req, reply) => {
        const sheet = sheetRows.parse(JSON.parse((req.body as { rows: string }).rows));
        const done = await write(req, sheet);
        if ('job' in done) return reply.redirect(`/imports/${done.job.id}`, 303);
        const { back } = await spec.texts(db(), req.viewer, scope(req), req.ui);
        return reply.redirect(back.href, 303);
      },
    );
  };
}
