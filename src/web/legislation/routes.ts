/** Legislation routes: works, expressions and provisions — API, and the /akn/… pages. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachments } from '../../domains/attachments/service.js';
import { getCountry } from '../../domains/reference/service.js';
import { policy } from '../shell/auth.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError, notFound } from '../../core/errors.js';
import { CONTENT_CODE } from '../../core/i18n.js';
import { sendPage } from '../shell/ui.js';
import {
  getProvision,
  listProvisions,
  mappingsOfWork,
  provisionByEid,
  provisionListQuery,
} from '../../domains/legislation/provisions.js';
import { expressionInput, workInput, workPatch } from '../../domains/legislation/input.js';
import {
  definitionsOf,
  expressionsOf,
  getWorkRow,
  listWorks,
  chooseExpression,
  provisionTree,
  workByUri,
  workListQuery,
} from '../../domains/legislation/service.js';
import { workDocx } from '../../domains/legislation/docx.js';
import { addExpression, createWork, deleteWork, updateWork } from '../../domains/legislation/write.js';
import { workEditRoutes } from './edit-routes.js';
import { workSheetRoutes } from './sheet-routes.js';
import { timeline } from '../../domains/legislation/versions.js';
import { versionRoutes } from './versions-routes.js';
import { ProvisionPage } from './views/provision.js';
import { WorkPage } from './views/work.js';
import { AwaitedWorkPage } from './views/awaited.js';
import { isoDate, recordId } from '../../core/codes.js';

const idParam = z.object({ id: z.string() });
const secured = { tags: ['legislation'], security: [{ token: [] }] };
const AKN_PATH =
  /^(\/akn\/[a-z]{2}\/[a-z]+\/\d{4}\/[^/@~]+)(?:\/([a-z]{3})@(\d{4}-\d{2}-\d{2})?)?(?:\/~([a-z0-9_]+))?$/;

export async function legislationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(workEditRoutes);
  await app.register(workSheetRoutes);
  await app.register(versionRoutes);
  workApiRoutes(app);
  workVersionApiRoutes(app);
  provisionApiRoutes(app);
  lawPageRoutes(app);
}

/** The works API: list, create, read (with one expression's provisions), update and delete. */
function workApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/works',
    {
      ...policy('public'),
      schema: { tags: ['legislation'], summary: 'List legal works', querystring: workListQuery },
    },
    async (req) => listWorks(db(), req.viewer, req.query),
  );
  app.post(
    '/api/v1/works',
    {
      ...policy('contribute'),
      schema: {
        ...secured,
        summary: 'Create a work with its expressions, provisions and mappings',
        body: workInput,
      },
    },
    async (req, reply) => {
      const work = await inTransaction(app.deps.db, (tx) => createWork(tx, req.viewer, req.body));
      return reply.code(201).send(work);
    },
  );
  app.get(
    '/api/v1/works/:id',
    {
      ...policy('public'),
      schema: {
        tags: ['legislation'],
        summary: 'Get a work with its expressions and the provisions of one expression',
        params: idParam,
        querystring: z.object({
          language: z
            .string()
            .regex(/^[a-z]{3}$/)
            .optional(),
          date: isoDate.optional().describe('the expression of this date'),
          at: isoDate.optional().describe('the expression in force on this date (point in time)'),
        }),
      },
    },
    async (req) => {
      const work = await getWorkRow(db(), req.viewer, req.params.id);
      const expressions = await expressionsOf(db(), work);
      const expression = chooseExpression(expressions, {
        date: req.query.date,
        at: req.query.at,
        prefer: req.query.language,
      });
      const asked = req.query.language ?? req.query.date ?? req.query.at;
      // A work whose text is still to come has no expression: its metadata, and expression null.
      if (!expressions.length && !asked) return { ...work, expressions, expression: null };
      if (!expression)
        throw notFound(`Expression ${req.query.language ?? ''}@${req.query.date ?? req.query.at ?? ''}`);
      return {
        ...work,
        expressions,
        expression: { ...expression, provisions: await provisionTree(db(), expression.id) },
      };
    },
  );
  app.patch(
    '/api/v1/works/:id',
    {
      ...policy('contribute'),
      schema: { ...secured, summary: 'Update the metadata of a work', params: idParam, body: workPatch },
    },
    async (req) => inTransaction(app.deps.db, (tx) => updateWork(tx, req.viewer, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/works/:id',
    {
      ...policy('contribute'),
      schema: { ...secured, summary: 'Delete a work and its expressions', params: idParam },
    },
    async (req, reply) => {
      await inTransaction(app.deps.db, (tx) => deleteWork(tx, req.viewer, req.params.id));
      return reply.code(204).send();
    },
  );
}

/** The versions of a work over the API: add an expression, download one as a Word document. */
function workVersionApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.post(
    '/api/v1/works/:id/expressions',
    {
      ...policy('contribute'),
      schema: {
        ...secured,
        summary: 'Add an expression (language and date) to a work',
        params: idParam,
        body: expressionInput,
      },
    },
    async (req, reply) => {
      const expression = await inTransaction(app.deps.db, (tx) =>
        addExpression(tx, req.viewer, req.params.id, req.body),
      );
      return reply.code(201).send(expression);
    },
  );
  app.get(
    '/api/v1/works/:id/docx',
    {
      ...policy('public'),
      schema: {
        tags: ['legislation'],
        summary: 'A version of a work as a Word document',
        params: idParam,
        querystring: z.object({
          language: z
            .string()
            .regex(/^[a-z]{3}$/)
            .optional(),
          date: isoDate.optional(),
        }),
      },
    },
    async (req, reply) => {
      const { bytes, filename } = await workDocx(
        db(),
        req.viewer,
        req.params.id,
        req.query,
        app.deps.env.PUBLIC_URL,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(bytes);
    },
  );
}

/** The provisions API: list them, and one with its mapped articles and citing cases. */
function provisionApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/provisions',
    {
      ...policy('public'),
      schema: { tags: ['legislation'], summary: 'List provisions', querystring: provisionListQuery },
    },
    async (req) => listProvisions(db(), req.viewer, req.query),
  );
  app.get(
    '/api/v1/provisions/:id',
    {
      ...policy('public'),
      schema: {
        tags: ['legislation'],
        summary: 'Get a provision with its mapped articles and citing cases',
        params: z.object({ id: recordId }),
      },
    },
    async (req) => getProvision(db(), req.viewer, req.params.id),
  );
}

/** The law's pages at their /akn/… addresses: a work (one expression of it) or one provision. */
function lawPageRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/akn/*',
    {
      ...policy('public'),
      schema: {
        hide: true,
        querystring: z.object({ at: z.string().optional(), language: z.string().optional() }),
      },
    },
    async (req, reply) => {
      // Work numbers are stored percent-encoded (14%2FX%2F2022), so match the raw path; only @ and ~ may arrive encoded.
      const path = req.url.split('?')[0].replace(/%40/gi, '@').replace(/%7E/gi, '~').replace(/\/$/, '');
      const match = AKN_PATH.exec(path);
      if (!match) throw notFound('Page');
      const [, workPath, language, date, eid] = match;
      if (date && !isoDate.safeParse(date).success)
        throw new AppError(
          400,
          'invalid_date',
          `The date ${date} in this address does not exist; use YYYY-MM-DD`,
          { field: 'date' },
        );
      const work = await workByUri(db(), req.viewer, workPath);
      if (!work) throw notFound('Work');
      // "Show the law on this date": the point-in-time address of the expression in force then.
      if (req.query.at && /^\d{4}-\d{2}-\d{2}$/.test(req.query.at))
        return reply.redirect(
          `${work.uri}/${language ?? req.query.language ?? CONTENT_CODE[req.ui.lang]}@${req.query.at}${eid ? `/~${eid}` : ''}`,
          303,
        );
      const expressions = await expressionsOf(db(), work);
      if (!expressions.length && !language)
        return sendPage(
          reply,
          AwaitedWorkPage({
            ui: req.ui,
            work,
            country: await getCountry(db(), req.viewer, work.country),
            attachments: await listAttachments(db(), req.viewer, 'work', work.id),
          }),
        );
      const wanted = language ?? CONTENT_CODE[req.ui.lang];
      // …/eng@2020-01-01 is the English text in force on that date: the newest version dated on or before it.
      const expression = chooseExpression(expressions, { language, at: date, prefer: wanted });
      if (!expression) throw notFound(date ? `A ${language} version in force on ${date}` : 'Expression');
      const at = date && date !== expression.date ? date : undefined;
      const country = await getCountry(db(), req.viewer, work.country);
      if (eid) {
        const provision = await provisionByEid(db(), req.viewer, expression.id, eid);
        return sendPage(
          reply,
          ProvisionPage({ ui: req.ui, work, country, expression, expressions, provision }),
        );
      }
      const [tree, mappings, attachments, entries, definitions] = await Promise.all([
        provisionTree(db(), expression.id),
        mappingsOfWork(db(), work.id),
        listAttachments(db(), req.viewer, 'work', work.id),
        timeline(db(), req.viewer, work),
        definitionsOf(db(), expression.id),
      ]);
      return sendPage(
        reply,
        WorkPage({
          ui: req.ui,
          work,
          country,
          expression,
          expressions,
          tree,
          mappings,
          attachments,
          timeline: entries,
          definitions,
          at,
        }),
      );
    },
  );
}
