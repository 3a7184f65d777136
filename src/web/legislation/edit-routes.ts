/** Back-office pages for laws: create a law with its provisions, edit metadata and provisions. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import type { Viewer } from '../../core/access.js';
import { policy } from '../shell/auth.js';
import { listAttachments } from '../../domains/attachments/service.js';
import { inTransaction } from '../../core/db/tx.js';
import {
  conceptOptions,
  countryOptions,
  formBody,
  inStoredOrder,
  itemChoiceErrors,
  type Choices,
} from '../editorial/form-support.js';
import { assertCanCreate, assertCanEdit } from '../../core/policy.js';
import { AppError, notFound } from '../../core/errors.js';
import { attachUpload } from '../../domains/intake/pending.js';
import { attachScan } from '../../domains/imports/scan-job.js';
import { uncertainFrom } from './ocr-checks.js';
import { sendPage } from '../shell/ui.js';
import {
  newWorkFromForm,
  patchFromForm,
  provisionsFromForm,
  textFieldsOf,
  titleFields,
  type Form,
} from './edit-form.js';
import { EditWorkPage, NewWorkPage } from './edit-views.js';
import {
  applyOp,
  parseOp,
  rowsFromForm,
  rowsFromTree,
  type Row,
} from '../../domains/legislation/provisions-editor.js';
import {
  expressionsOf,
  findWork,
  getWorkRow,
  provisionTree,
  type Work,
} from '../../domains/legislation/service.js';
import { listEvents } from '../../domains/legislation/versions.js';
import { addText, createWork, replaceProvisions, updateWork } from '../../domains/legislation/write.js';
import { recordId } from '../../core/codes.js';

const idParams = z.object({ id: z.string() });

const formOf = (w: Work): Form => ({
  ...titleFields(w.title),
  short_title: w.short_title ?? '',
  date_adopted: w.date_adopted ?? '',
  date_in_force: w.date_in_force ?? '',
  status: w.status,
  source: w.source ?? '',
  licence: w.licence ?? '',
  tier: w.tier,
  concepts: w.concepts.join(', '),
});

export async function workEditRoutes(base: FastifyInstance) {
  newWorkRoutes(base);
  workEditFormRoutes(base);
}

/** The edit page of a law, with the form, rows and messages given (else those stored). */
function editPageOf(db: () => Orm) {
  return async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: {
      form?: Form;
      rows?: Row[];
      errors?: Record<string, string>;
      expressionId?: number;
      notice?: string;
      eventError?: string;
    } = {},
    status = 200,
  ) {
    const work = await getWorkRow(db(), req.viewer, id);
    assertCanEdit(req.viewer, work);
    const expressions = await expressionsOf(db(), work);
    const expression =
      expressions.find((e) => e.id === state.expressionId) ??
      expressions.find((e) => e.authoritative) ??
      expressions[0];
    if (state.expressionId && expression?.id !== state.expressionId) throw notFound('Expression');
    // a law whose text is still to come: its metadata, and where its text may come from
    const rows = state.rows ?? (expression ? rowsFromTree(await provisionTree(db(), expression.id)) : []);
    const [attachments, events] = await Promise.all([
      listAttachments(db(), req.viewer, 'work', id),
      listEvents(db(), req.viewer, work),
    ]);
    const concepts = await conceptOptions(db(), req);
    return sendPage(
      reply,
      EditWorkPage({
        ui: req.ui,
        work,
        form: state.form ?? formOf(work),
        rows,
        errors: state.errors ?? {},
        expressions,
        expression,
        attachments,
        events,
        eventError: state.eventError,
        notice: state.notice,
        concepts,
      }),
      status,
    );
  };
}

/** The countries and concepts a law's form offers. */
const choicesOf =
  (db: () => Orm) =>
  async (req: FastifyRequest): Promise<Choices> => ({
    countries: await countryOptions(db(), req),
    regions: [],
    concepts: await conceptOptions(db(), req),
  });

/** Attaches the file a previewed law was read from: an upload kept for the preview, or a scan its import job kept. */
async function attachKept(tx: Orm, viewer: Viewer, upload: string, workId: string) {
  const scan = /^scan:(\d+)$/.exec(upload);
  if (scan) await attachScan(tx, viewer, Number(scan[1]), workId);
  else await attachUpload(tx, viewer, upload, workId);
}

/** A new law: the empty form, and its post (a new work, or a new version of one the repository has). */
function newWorkRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const choices = choicesOf(db);

  app.get(
    '/edit/work/new',
    {
      ...policy('contribute'),
      schema: { hide: true, querystring: z.object({ work: z.string().optional() }) },
    },
    async (req, reply) => {
      // ?work=: the text of a law whose text is still to come, its metadata filled in
      const awaited = req.query.work ? await getWorkRow(db(), req.viewer, req.query.work) : undefined;
      const form: Form = awaited
        ? { ...formOf(awaited), ...textFieldsOf(awaited) }
        : {
            country: req.viewer.countries[0] ?? '',
            year: String(new Date().getFullYear()),
            tier: 'public',
            status: 'in_force',
            language: 'eng',
          };
      return sendPage(
        reply,
        NewWorkPage({ ui: req.ui, form, rows: [], errors: {}, ...(await choices(req)) }),
      );
    },
  );
  app.post(
    '/edit/work/new',
    { ...policy('contribute'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const op = parseOp(form.op);
      const { countries, concepts } = await choices(req);
      const uncertain = uncertainFrom(form.uncertain); // a scan's lines to check, kept until saved
      if (op)
        return sendPage(
          reply,
          NewWorkPage({
            ui: req.ui,
            form,
            rows: applyOp(rowsFromForm(form), op),
            errors: {},
            countries,
            concepts,
            uncertain,
          }),
        );
      const parsed = newWorkFromForm(form, req.ui.t);
      const picked = itemChoiceErrors(req.ui.t, form, { countries, regions: [], concepts });
      if (!parsed.ok || Object.keys(picked).length)
        return sendPage(
          reply,
          NewWorkPage({
            ui: req.ui,
            form,
            rows: rowsFromForm(form),
            errors: { ...(parsed.ok ? {} : parsed.errors), ...picked },
            countries,
            concepts,
            uncertain,
          }),
          400,
        );
      try {
        // An imported file of a law the repository already has becomes a new version (expression) of
        // it, and so does a text typed for a law whose text was still to come.
        const existing = await findWork(db(), parsed.value);
        if (existing && (form.upload || !existing.texts)) {
          const added = await inTransaction(database, async (tx) => {
            const expression = await addText(tx, req.viewer, existing.id, parsed.value.expressions[0]!);
            if (!form.upload) return expression;
            await attachKept(tx, req.viewer, form.upload, existing.id).catch((err: unknown) => {
              if (!(err instanceof AppError && err.status === 409)) throw err; // the same file is already attached
            });
            return expression;
          });
          return reply.redirect(`/edit/work/${existing.id}?expression=${added.id}`, 303);
        }
        assertCanCreate(req.viewer, parsed.value.country, parsed.value.tier ?? 'public');
        const work = await inTransaction(database, async (tx) => {
          const created = await createWork(tx, req.viewer, parsed.value);
          if (form.upload) await attachKept(tx, req.viewer, form.upload, created.id);
          return created;
        });
        return reply.redirect(`/edit/work/${work.id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500 || err.status === 403) throw err;
        const errors: Record<string, string> = { [err.status === 409 ? 'number' : 'country']: err.message };
        return sendPage(
          reply,
          NewWorkPage({ ui: req.ui, form, rows: rowsFromForm(form), errors, countries, concepts, uncertain }),
          err.status,
        );
      }
    },
  );
}

/** An existing law's edit page and its forms: metadata and provisions. */
function workEditFormRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const editPage = editPageOf(db);
  const choices = choicesOf(db);

  app.get(
    '/edit/work/:id',
    {
      ...policy('contribute'),
      schema: {
        hide: true,
        params: idParams,
        querystring: z.object({
          expression: recordId.optional(),
          event_error: z.string().max(500).optional(),
        }),
      },
    },
    async (req, reply) =>
      editPage(req, reply, req.params.id, {
        expressionId: req.query.expression,
        eventError: req.query.event_error,
      }),
  );
  app.post(
    '/edit/work/:id/meta',
    { ...policy('contribute'), schema: { hide: true, params: idParams, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const work = await getWorkRow(db(), req.viewer, req.params.id);
      const parsed = patchFromForm(form, req.ui.t, Object.keys(work.title));
      const picked = itemChoiceErrors(req.ui.t, form, await choices(req), { concepts: work.concepts });
      delete picked.country; // the country of a law does not change here
      if (!parsed.ok || Object.keys(picked).length)
        return editPage(
          req,
          reply,
          req.params.id,
          { form, errors: { ...(parsed.ok ? {} : parsed.errors), ...picked } },
          400,
        );
      if (parsed.value.concepts) parsed.value.concepts = inStoredOrder(parsed.value.concepts, work.concepts);
      await inTransaction(database, (tx) => updateWork(tx, req.viewer, req.params.id, parsed.value));
      return editPage(req, reply, req.params.id, { notice: req.ui.t('edit.saved') });
    },
  );
  app.post(
    '/edit/work/:id/provisions',
    {
      ...policy('contribute'),
      schema: {
        hide: true,
        params: idParams,
        querystring: z.object({ expression: recordId }),
        body: formBody,
      },
    },
    async (req, reply) => {
      const form = req.body as Form;
      const op = parseOp(form.op);
      const state = { expressionId: req.query.expression };
      if (op) return editPage(req, reply, req.params.id, { ...state, rows: applyOp(rowsFromForm(form), op) });
      const parsed = provisionsFromForm(form);
      if (!parsed.ok)
        return editPage(
          req,
          reply,
          req.params.id,
          { ...state, rows: rowsFromForm(form), errors: parsed.errors },
          400,
        );
      await inTransaction(database, (tx) =>
        replaceProvisions(tx, req.viewer, req.params.id, req.query.expression, parsed.value.provisions),
      );
      return editPage(req, reply, req.params.id, { ...state, notice: req.ui.t('edit.saved') });
    },
  );
}
