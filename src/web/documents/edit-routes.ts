/** Back-office pages for documents: create a document, edit it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { listAttachments } from '../../domains/attachments/service.js';
import { changedOnly, type Form } from '../caselaw/edit-form.js';
import {
  formBody,
  formChoices,
  formError,
  inStoredOrder,
  itemChoiceErrors,
} from '../editorial/form-support.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { assertCanCreate, assertCanEdit } from '../../core/policy.js';
import type { FieldErrors } from '../shell/fields.js';
import { sendPage } from '../shell/ui.js';
import { documentFormOf, documentPatchFromForm, newDocumentFromForm } from './edit-form.js';
import { EditDocumentPage, NewDocumentPage } from './edit-views.js';
import { createDocument, getDocument, updateDocument } from '../../domains/documents/service.js';

const idParams = z.object({ id: z.string() });
const ERROR_FIELDS = { conflict: 'title', other: 'title' };

export async function documentEditRoutes(base: FastifyInstance) {
  newDocumentRoutes(base);
  editDocumentRoutes(base);
}

/** A contributor must file a document under one of their countries: say so next to the field. */
const countryMissing = (req: FastifyRequest, country: string | null | undefined): FieldErrors =>
  req.viewer.role === 'contributor' && country === null
    ? { country: req.ui.t('editdoc.country_required') }
    : {};

async function newDocumentPage(
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  form: Form,
  errors: FieldErrors = {},
  status = 200,
) {
  return sendPage(
    reply,
    NewDocumentPage({ ui: req.ui, form, errors, choices: await formChoices(db, req) }),
    status,
  );
}

async function editDocumentPage(
  db: Orm,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  state: { form?: Form; errors?: FieldErrors; notice?: string } = {},
  status = 200,
) {
  const doc = await getDocument(db, req.viewer, id);
  assertCanEdit(req.viewer, doc);
  const [choices, attachments] = await Promise.all([
    formChoices(db, req),
    listAttachments(db, req.viewer, 'document', id),
  ]);
  const page = EditDocumentPage({
    ui: req.ui,
    doc,
    form: state.form ?? documentFormOf(doc),
    errors: state.errors ?? {},
    choices,
    attachments,
    notice: state.notice,
  });
  return sendPage(reply, page, status);
}

/** The form for a new document, and creating it. */
function newDocumentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get('/edit/document/new', { ...policy('contribute'), schema: { hide: true } }, async (req, reply) =>
    newDocumentPage(db(), req, reply, {
      country: req.viewer.countries[0] ?? '',
      language: 'eng',
      tier: 'public',
      type: 'lesson_learned',
      date: new Date().toISOString().slice(0, 10),
    }),
  );
  app.post(
    '/edit/document/new',
    { ...policy('contribute'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const parsed = newDocumentFromForm(form);
      const picked = itemChoiceErrors(req.ui.t, form, await formChoices(db(), req), {
        countryOptional: req.viewer.role !== 'contributor',
      });
      const errors = {
        ...(parsed.ok ? countryMissing(req, parsed.value.country) : parsed.errors),
        ...picked,
      };
      if (!parsed.ok || Object.keys(errors).length)
        return newDocumentPage(db(), req, reply, form, errors, 400);
      try {
        assertCanCreate(req.viewer, parsed.value.country ?? null, parsed.value.tier ?? 'public');
        const created = await inTransaction(database, (tx) => createDocument(tx, req.viewer, parsed.value));
        return reply.redirect(`/edit/document/${created.id}`, 303);
      } catch (err) {
        const shown = formError(err, ERROR_FIELDS, '');
        if (!shown) throw err;
        return newDocumentPage(db(), req, reply, form, shown.errors, shown.status);
      }
    },
  );
}

/** Editing a document: the form with its current values, and saving the changes. */
function editDocumentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

  app.get(
    '/edit/document/:id',
    { ...policy('contribute'), schema: { hide: true, params: idParams } },
    async (req, reply) => editDocumentPage(db(), req, reply, req.params.id),
  );
  app.post(
    '/edit/document/:id',
    { ...policy('contribute'), schema: { hide: true, params: idParams, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const id = req.params.id;
      const current = await getDocument(db(), req.viewer, id);
      assertCanEdit(req.viewer, current);
      const parsed = documentPatchFromForm(form);
      const picked = itemChoiceErrors(req.ui.t, form, await formChoices(db(), req), {
        countryOptional: req.viewer.role !== 'contributor',
        language: current.language,
        concepts: current.concepts,
        region: current.region,
      });
      const errors = {
        ...(parsed.ok ? countryMissing(req, parsed.value.country) : parsed.errors),
        ...picked,
      };
      if (!parsed.ok || Object.keys(errors).length)
        return editDocumentPage(db(), req, reply, id, { form, errors }, 400);
      if (parsed.value.concepts)
        parsed.value.concepts = inStoredOrder(parsed.value.concepts, current.concepts);
      const patch = changedOnly(parsed.value, current);
      try {
        if (Object.keys(patch).length)
          await inTransaction(database, (tx) => updateDocument(tx, req.viewer, id, patch));
      } catch (err) {
        const shown = formError(err, ERROR_FIELDS, '');
        if (!shown) throw err;
        return editDocumentPage(db(), req, reply, id, { form, errors: shown.errors }, shown.status);
      }
      return editDocumentPage(db(), req, reply, id, { notice: req.ui.t('edit.saved') });
    },
  );
}
