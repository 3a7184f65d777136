/** Back-office pages for cases: create a case with its parties and citations, edit it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { listAttachments } from '../../domains/attachments/service.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { assertCanCreate, assertCanEdit } from '../../core/policy.js';
import type { FieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import {
  conceptOptions,
  countryOptions,
  formBody,
  formError,
  inStoredOrder,
  itemChoiceErrors,
} from '../editorial/form-support.js';
import {
  applyPartyOp,
  caseAsInput,
  caseFormOf,
  casePatchFromForm,
  changedOnly,
  newCaseFromForm,
  parsePartyOp,
  partiesFromForm,
  partyRowsOf,
  type Form,
  type PartyRow,
} from './edit-form.js';
import { EditCasePage, NewCasePage } from './edit-views.js';
import { createCase, getCase, updateCase } from '../../domains/caselaw/service.js';

const idParams = z.object({ id: z.string() });
const ERROR_FIELDS = { reference: 'citations', conflict: 'case_number', other: 'title' };

export async function caseEditRoutes(base: FastifyInstance) {
  newCaseRoutes(base);
  editCaseRoutes(base);
}

async function newCasePage(
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  form: Form,
  parties: PartyRow[],
  errors: FieldErrors = {},
  status = 200,
) {
  const [countries, concepts] = await Promise.all([countryOptions(db, req), conceptOptions(db, req)]);
  return sendPage(reply, NewCasePage({ ui: req.ui, form, parties, errors, countries, concepts }), status);
}

async function editCasePage(
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  state: { form?: Form; parties?: PartyRow[]; errors?: FieldErrors; notice?: string } = {},
  status = 200,
) {
  const record = await getCase(db, req.viewer, id);
  assertCanEdit(req.viewer, record);
  const [attachments, concepts] = await Promise.all([
    listAttachments(db, req.viewer, 'case', id),
    conceptOptions(db, req),
  ]);
  const page = EditCasePage({
    ui: req.ui,
    record,
    form: state.form ?? caseFormOf(record),
    parties: state.parties ?? partyRowsOf(record),
    errors: state.errors ?? {},
    attachments,
    notice: state.notice,
    concepts,
  });
  return sendPage(reply, page, status);
}

/** The form for a new case, and creating it. */
function newCaseRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get('/edit/case/new', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) => {
    const form: Form = {
      country: req.viewer.countries[0] ?? '',
      language: 'eng',
      tier: 'public',
      court_level: 'first_instance',
      outcome: 'convicted',
    };
    return newCasePage(db(), req, reply, form, []);
  });
  app.post(
    '/edit/case/new',
    { ...policy('contribute'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const op = parsePartyOp(form.op);
      if (op) return newCasePage(db(), req, reply, form, applyPartyOp(partiesFromForm(form), op));
      const parsed = newCaseFromForm(form);
      const picked = itemChoiceErrors(req.ui.t, form, {
        countries: await countryOptions(db(), req),
        regions: [],
        concepts: await conceptOptions(db(), req),
      });
      if (!parsed.ok || Object.keys(picked).length)
        return newCasePage(
          db(),
          req,
          reply,
          form,
          partiesFromForm(form),
          { ...(parsed.ok ? {} : parsed.errors), ...picked },
          400,
        );
      try {
        assertCanCreate(req.viewer, parsed.value.country, parsed.value.tier ?? 'public');
        const created = await inTransaction(database, (tx) => createCase(tx, req.viewer, parsed.value));
        return reply.redirect(`/edit/case/${created.id}`, 303);
      } catch (err) {
        const shown = formError(err, ERROR_FIELDS, req.ui.t('editcase.unknown_reference'));
        if (!shown) throw err;
        return newCasePage(db(), req, reply, form, partiesFromForm(form), shown.errors, shown.status);
      }
    },
  );
}

/** Editing a case: the form with its current values, and saving the changes. */
function editCaseRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/edit/case/:id',
    { ...policy('contribute'), schema: { hide: true, params: idParams } },
    async (req, reply) => editCasePage(db(), req, reply, req.params.id),
  );
  app.post(
    '/edit/case/:id',
    { ...policy('contribute'), schema: { hide: true, params: idParams, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const id = req.params.id;
      const op = parsePartyOp(form.op);
      if (op)
        return editCasePage(db(), req, reply, id, { form, parties: applyPartyOp(partiesFromForm(form), op) });
      const current = await getCase(db(), req.viewer, id);
      assertCanEdit(req.viewer, current);
      const parsed = casePatchFromForm(form, current);
      const picked = itemChoiceErrors(
        req.ui.t,
        { ...form, country: undefined },
        { countries: [], regions: [], concepts: await conceptOptions(db(), req) },
        { language: current.language, concepts: current.concepts },
      );
      if (!parsed.ok || Object.keys(picked).length)
        return editCasePage(
          db(),
          req,
          reply,
          id,
          {
            form,
            parties: partiesFromForm(form),
            errors: { ...(parsed.ok ? {} : parsed.errors), ...picked },
          },
          400,
        );
      if (parsed.value.concepts)
        parsed.value.concepts = inStoredOrder(parsed.value.concepts, current.concepts);
      const patch = changedOnly(parsed.value, caseAsInput(current));
      try {
        if (Object.keys(patch).length)
          await inTransaction(database, (tx) => updateCase(tx, req.viewer, id, patch));
      } catch (err) {
        const shown = formError(err, ERROR_FIELDS, req.ui.t('editcase.unknown_reference'));
        if (!shown) throw err;
        return editCasePage(
          db(),
          req,
          reply,
          id,
          { form, parties: partiesFromForm(form), errors: shown.errors },
          shown.status,
        );
      }
      return editCasePage(db(), req, reply, id, { notice: req.ui.t('edit.saved') });
    },
  );
}
