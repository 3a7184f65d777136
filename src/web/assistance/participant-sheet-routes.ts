/**
 * An activity's participants as a spreadsheet over HTTP: the XLSX (its rows, or the empty
 * template), the import (preview, or write with confirm=true) and the upload, preview and confirm pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../core/db/tx.js';
import { badRequest } from '../../core/errors.js';
import { readSheet, type SheetRow, writeSheet } from '../../core/files/sheet.js';
import { fileBytes } from '../../core/files/upload.js';
import { pickLanguage, translator, UI_LANGUAGES } from '../../core/i18n.js';
import { getActivity } from '../../domains/assistance/activities.js';
import { previewSheet } from '../../core/files/sheet-import.js';
import {
  importParticipants,
  participantSheet,
  participantsKind,
} from '../../domains/assistance/participant-sheet.js';
import { countryNames } from '../../domains/reference/service.js';
import { formBody } from '../editorial/form-support.js';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { ParticipantImportPage } from './participant-sheet-view.js';
import { idParam, secured } from './route-support.js';

/** The uploaded file's rows. */
async function uploadedRows(req: FastifyRequest): Promise<SheetRow[]> {
  if (!req.isMultipart()) throw badRequest('Send the file as multipart/form-data (field "file")');
  const file = await req.file();
  if (!file)
    throw badRequest('Choose a CSV or XLSX file', { fields: [{ field: 'file', message: 'no file' }] });
  return readSheet(await fileBytes(file), file.filename);
}

const sheetRows = z.array(
  z.object({
    line: z.number().int(),
    cells: z.record(z.string(), z.string()),
    formulas: z.array(z.string()),
  }),
);

export async function participantSheetRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/api/v1/activities/:id/participants.xlsx',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          "An activity's participant rows as XLSX, names in the reader's language (?lang=): the template to fill and import back",
        params: idParam,
        querystring: z.object({ lang: z.enum(UI_LANGUAGES).optional() }),
      },
    },
    async (req, reply) => {
      const lang = pickLanguage(req.query.lang, undefined, req.headers['accept-language']);
      const t = translator(lang);
      const { columns, rows } = await participantSheet(db(), req.viewer, req.params.id, lang, t);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="activity-${req.params.id}-participants.xlsx"`)
        .send(await writeSheet(t('ta.participants'), columns, rows, t('import.lists')));
    },
  );
  app.post(
    '/api/v1/activities/:id/participants/import',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          "Import an activity's participant rows from CSV or XLSX (the columns of its XLSX): each row checked; written only with confirm=true and when every row is right",
        params: idParam,
        querystring: z.object({ confirm: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req) => {
      const kind = await participantsKind(db(), req.viewer, req.params.id);
      const sheet = await uploadedRows(req);
      if (req.query.confirm === 'false') return { written: false, rows: previewSheet(kind, sheet) };
      return {
        written: true,
        ...(await inTransaction(database, (tx) => importParticipants(tx, req.viewer, req.params.id, sheet))),
      };
    },
  );

  const page = '/assistance/activities/:id/participants/import';
  app.get(page, { ...policy('programme'), schema: { hide: true, params: idParam } }, async (req, reply) =>
    sendPage(
      reply,
      ParticipantImportPage({ ui: req.ui, activity: await getActivity(db(), req.viewer, req.params.id) }),
    ),
  );
  app.post(page, { ...policy('programme'), schema: { hide: true, params: idParam } }, async (req, reply) => {
    const activity = await getActivity(db(), req.viewer, req.params.id);
    const sheet = await uploadedRows(req);
    const rows = previewSheet(await participantsKind(db(), req.viewer, activity.id), sheet);
    return sendPage(
      reply,
      ParticipantImportPage({ ui: req.ui, activity, sheet, rows, countryNames: await countryNames(db()) }),
      rows.some((r) => r.errors.length) ? 400 : 200,
    );
  });
  app.post(
    `${page}/confirm`,
    { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const sheet = sheetRows.parse(JSON.parse(req.body.rows ?? '[]'));
      await inTransaction(database, (tx) => importParticipants(tx, req.viewer, req.params.id, sheet));
      return reply.redirect(`/assistance/activities/${req.params.id}`, 303);
    },
  );
}
