/** Technical assistance over HTTP: requests and activities (API and pages) and the dashboard (with CSV). */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import { policy } from '../shell/auth.js';
import type { Orm } from '../../core/db/connect.js';
import { listAttachments } from '../../domains/attachments/service.js';
import { inTransaction } from '../../core/db/tx.js';
import {
  allCountryOptions,
  choiceErrors,
  conceptOptions,
  countryOptions,
  formBody,
  regionOptions,
} from '../editorial/form-support.js';
import { AppError } from '../../core/errors.js';
import { fieldErrors, listValue, type FieldErrors } from '../shell/forms.js';
import { listRegions } from '../../domains/reference/service.js';
import { runForm } from '../shell/form-post.js';
import { getOrganisation, listOrganisationSummaries } from '../../domains/assistance/organisations.js';
import { OrganisationPage, OrganisationsPage } from './organisation-views.js';
import { MentoringPage } from './mentoring-views.js';
import { sendPage } from '../shell/ui.js';
import {
  activityInput,
  activityQuery,
  AUDIENCES,
  createActivity,
  getActivity,
  listActivities,
  PARTICIPANT_ROLES,
  SEXES,
  updateActivity,
  type Activity,
} from '../../domains/assistance/activities.js';
import {
  dashboard,
  dashboardQuery,
  dashboardRows,
  publicFigures,
  whoWhatWhere,
} from '../../domains/assistance/dashboard.js';
import {
  createInvestigation,
  investigationInput,
  investigationQuery,
  listInvestigations,
} from '../../domains/assistance/mentoring.js';
import { overlapReview, overlaps, reviewOverlap } from '../../domains/assistance/overlaps.js';
import {
  createRequest,
  getRequest,
  listRequests,
  requestInput,
  requestPatch,
  requestQuery,
  transitionInput,
  transitionRequest,
  updateRequest,
} from '../../domains/assistance/requests.js';
import { FundingPage } from './funding-views.js';
import {
  contributionInput,
  contributionQuery,
  createContribution,
  createOrganisation,
  fundingPosition,
  listContributions,
  listOrganisations,
  needInput,
  organisationInput,
  saveNeed,
} from '../../domains/assistance/funding.js';
import { DashboardPage, OverlapsPage, PublicFiguresPage, WherePage } from './dashboard-views.js';
import {
  addParticipation,
  attendees,
  createPerson,
  getPerson,
  participationInput,
  personInput,
} from '../../domains/assistance/people.js';
import { CertificatePage, PersonPage } from './people-views.js';
import { ActivitiesPage, ActivityPage, RequestPage, RequestsPage } from './views.js';
import { recordId, yearNumber } from '../../core/codes.js';

const idParam = z.object({ id: recordId });
const secured = { tags: ['assistance'], security: [{ token: [] }] };
type Form = Record<string, string>;

/** The partners a page carries along unchanged (set through the API). */
/** The partner rows of the form (organisation chosen) as partners. */
function partnersOf(form: Form) {
  return Object.keys(form)
    .map((k) => /^partner\.(\d+)\.org$/.exec(k))
    .filter((m): m is RegExpExecArray => !!m && !!form[m[0]])
    .map((m) => ({ organisation: Number(form[m[0]]), role: form[`partner.${m[1]}.role`] }));
}

/** A form's fields as an activity (numbers parsed, countries and requests split, participants from the grid). */
function activityFromForm(form: Form) {
  const participants = PARTICIPANT_ROLES.flatMap((role) =>
    SEXES.map((sex) => ({ role, sex, count: Number(form[`p.${role}.${sex}`] || 0) })),
  ).filter((p) => p.count !== 0);
  const optional = (k: string) => (form[k]?.trim() ? form[k].trim() : undefined);
  const number = (k: string) => (optional(k) === undefined ? undefined : Number(form[k]));
  const parsed = activityInput.safeParse({
    kind: form.kind,
    title: form.title,
    countries: (form.countries ?? '')
      .split(/[\s,]+/)
      .map((c) => c.toUpperCase())
      .filter(Boolean),
    status: form.status,
    planned_start: optional('planned_start'),
    planned_end: optional('planned_end'),
    actual_start: optional('actual_start'),
    actual_end: optional('actual_end'),
    mode: optional('mode'),
    hours: number('hours'),
    region: optional('region'),
    audience: optional('audience'),
    concepts: listValue(form.concepts),
    cost: number('cost'),
    currency: optional('currency'),
    cost_usd: number('cost_usd'),
    implementer: optional('implementer'),
    tier: optional('tier'),
    requests: (form.requests ?? '').split(',').filter(Boolean).map(Number),
    participants,
    audiences: AUDIENCES.map((audience) => ({
      audience,
      count: Number(form[`aud.${audience}`] || 0),
    })).filter((x) => x.count !== 0),
    channels: (form.channels ?? '').split(',').filter(Boolean),
    partners: partnersOf(form),
  });
  if (parsed.success) return parsed;
  // "countries.1: an ISO code" is shown at the countries picker
  const errors = fieldErrors(
    parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === 'countries' ? ['countries'] : i.path })),
  );
  return { success: false as const, errors };
}

function formOf(a: Activity): Form {
  const text = (v: string | number | null | undefined) => (v === undefined || v === null ? '' : String(v));
  const form: Form = {
    kind: a.kind,
    title: a.title,
    countries: a.countries.join(','),
    status: a.status,
    planned_start: text(a.planned_start),
    planned_end: text(a.planned_end),
    actual_start: text(a.actual_start),
    actual_end: text(a.actual_end),
    mode: a.mode ?? 'in_person',
    hours: text(a.hours),
    region: text(a.region),
    audience: text(a.audience),
    concepts: a.concepts.join(','),
    cost: text(a.cost),
    currency: text(a.currency),
    cost_usd: text(a.cost_usd),
    implementer: text(a.implementer),
    tier: a.tier,
    requests: a.requests.map((r) => r.id).join(','),
  };
  for (const p of a.participants)
    form[`p.${p.role}.${p.sex}`] = String((Number(form[`p.${p.role}.${p.sex}`]) || 0) + p.count);
  for (const x of a.audiences) form[`aud.${x.audience}`] = String(x.count);
  form.channels = a.channels.join(',');
  a.partners.forEach((p, i) => {
    form[`partner.${i}.org`] = String(p.organisation);
    form[`partner.${i}.role`] = p.role;
  });
  return form;
}

export async function assistanceRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;
  const organisationOptions = async (): Promise<[string, string][]> =>
    (await listOrganisations(db())).map((o) => [String(o.id), o.name]);
  const openRequests = async (req: FastifyRequest) =>
    (await listRequests(db(), req.viewer, {})).filter((r) => ['accepted', 'in_progress'].includes(r.status));

  // API
  app.get(
    '/api/v1/requests',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Requests for technical assistance',
        querystring: requestQuery,
      },
    },
    async (req) => ({ items: await listRequests(db(), req.viewer, req.query) }),
  );
  app.get(
    '/api/v1/requests/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'A request with its status history and activities',
        params: idParam,
      },
    },
    async (req) => getRequest(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/requests',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record a request received', body: requestInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createRequest(tx, req.viewer, req.body))),
  );
  app.patch(
    '/api/v1/requests/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: "Correct a request's details (agency, date, kind, description, priority, tier)",
        params: idParam,
        body: requestPatch,
      },
    },
    async (req) => inTransaction(database, (tx) => updateRequest(tx, req.viewer, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/requests/:id/transitions',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Move a request along received → under_review → accepted → in_progress → completed, or decline (with a reason) or withdraw',
        params: idParam,
        body: transitionInput,
      },
    },
    async (req) =>
      inTransaction(database, (tx) => transitionRequest(tx, req.viewer, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/activities',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Technical assistance activities',
        querystring: activityQuery,
      },
    },
    async (req) => ({ items: await listActivities(db(), req.viewer, req.query) }),
  );
  app.get(
    '/api/v1/activities/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'An activity with its requests and participants',
        params: idParam,
      },
    },
    async (req) => getActivity(db(), req.viewer, req.params.id),
  );
  app.post(
    '/api/v1/activities',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Record an activity (countries, dates, requests answered, participants by role and sex)',
        body: activityInput,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createActivity(tx, req.viewer, req.body))),
  );
  app.put(
    '/api/v1/activities/:id',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Update an activity (e.g. delivered, with its participants)',
        params: idParam,
        body: activityInput,
      },
    },
    async (req) => inTransaction(database, (tx) => updateActivity(tx, req.viewer, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/assistance/dashboard',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          'Dashboard figures: requests, activities, people trained, outreach, funding (JSON, CSV or XLSX)',
        querystring: dashboardQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const data = await dashboard(db(), req.viewer, req.query);
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="assistance-dashboard.csv"')
          .send(stringify(dashboardRows(data), { header: true }));
      if (req.query.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const sheet = wb.addWorksheet('Dashboard');
        sheet.columns = [
          { header: 'figure', key: 'figure', width: 28 },
          { header: 'key', key: 'key', width: 28 },
          { header: 'value', key: 'value', width: 14 },
        ];
        sheet.getRow(1).font = { bold: true };
        sheet.addRows(dashboardRows(data));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="assistance-dashboard.xlsx"')
          .send(Buffer.from(await wb.xlsx.writeBuffer()));
      }
      return data;
    },
  );

  app.get(
    '/api/v1/activities/overlaps',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary:
          'Potential duplicates: activities of different implementers, same country, overlapping dates, shared concept or kind',
        querystring: z.object({ reviewed: z.enum(['yes', 'no']).optional() }),
      },
    },
    async (req) => ({
      items: await overlaps(db(), req.viewer, {
        reviewed: req.query.reviewed === undefined ? undefined : req.query.reviewed === 'yes',
      }),
    }),
  );
  app.post(
    '/api/v1/activities/overlaps/reviews',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Mark a potential duplicate reviewed', body: overlapReview },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => reviewOverlap(tx, req.viewer, req.body));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/mentored-investigations',
    {
      ...policy('programme'),
      schema: {
        tags: ['assistance'],
        summary:
          'Mentored investigations (restricted), those mentored during a period (from, to) or of a country',
        querystring: investigationQuery,
      },
    },
    async (req) => ({ items: await listInvestigations(db(), req.viewer, req.query) }),
  );
  app.get(
    '/assistance/mentoring',
    {
      ...policy('programme'),
      schema: {
        hide: true,
        querystring: investigationQuery.extend({ error: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      const { error, ...query } = req.query;
      return sendPage(
        reply,
        MentoringPage({
          ui: req.ui,
          list: await listInvestigations(db(), req.viewer, query),
          query,
          countries: await countryOptions(db(), req),
          error,
        }),
      );
    },
  );
  app.post(
    '/assistance/mentoring',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    (req, reply) =>
      runForm(database, req, reply, '/assistance/mentoring', async (tx, f) => {
        const input = investigationInput.parse({
          country: f.country,
          opened: f.opened,
          closed: f.closed || undefined,
          status: f.status,
          concept: f.concept || undefined,
          mentor: f.mentor,
        });
        await createInvestigation(tx, req.viewer, input);
      }),
  );
  app.post(
    '/api/v1/mentored-investigations',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Record a mentored investigation (restricted; no personal data)',
        body: investigationInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createInvestigation(tx, req.viewer, req.body))),
  );

  app.get(
    '/api/v1/organisations',
    {
      ...policy('signed_in'),
      schema: { tags: ['assistance'], summary: 'Organisations: donors, partners, beneficiaries' },
    },
    async () => ({ items: await listOrganisations(db()) }),
  );
  app.get(
    '/api/v1/organisations/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'An organisation with its contributions and the activities it took part in, by role',
        params: idParam,
      },
    },
    async (req) => getOrganisation(db(), req.viewer, req.params.id),
  );
  app.get(
    '/assistance/organisations',
    { ...policy('signed_in'), schema: { hide: true } },
    async (req, reply) =>
      sendPage(
        reply,
        OrganisationsPage({ ui: req.ui, list: await listOrganisationSummaries(db(), req.viewer) }),
      ),
  );
  app.get(
    '/assistance/organisations/:id',
    { ...policy('signed_in'), schema: { hide: true, params: idParam } },
    async (req, reply) =>
      sendPage(
        reply,
        OrganisationPage({ ui: req.ui, org: await getOrganisation(db(), req.viewer, req.params.id) }),
      ),
  );
  app.post(
    '/api/v1/organisations',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record an organisation', body: organisationInput },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createOrganisation(tx, req.viewer, req.body))),
  );
  app.get(
    '/api/v1/contributions',
    {
      ...policy('signed_in'),
      schema: { tags: ['assistance'], summary: "Donors' contributions", querystring: contributionQuery },
    },
    async (req) => ({ items: await listContributions(db(), req.viewer, req.query) }),
  );
  app.post(
    '/api/v1/contributions',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Record a contribution (amount, currency, USD value at the date, pledged and received dates, period, earmarking)',
        body: contributionInput,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inTransaction(database, (tx) => createContribution(tx, req.viewer, req.body))),
  );
  app.put(
    '/api/v1/funding-needs',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary: 'Record what a post (or line) needs in a year and region',
        body: needInput,
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => saveNeed(tx, req.viewer, req.body));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/funding-position',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Received vs needed per year and region, the gap and the months funded',
        querystring: z.object({ year: yearNumber.optional() }),
      },
    },
    async (req) => ({
      items: await fundingPosition(db(), req.viewer, req.query.year),
    }),
  );

  // Pages
  app.get(
    '/assistance/funding',
    {
      ...policy('signed_in'),
      schema: {
        hide: true,
        querystring: contributionQuery.extend({ error: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      const regions = await listRegions(db());
      const { error: _e, ...filter } = req.query;
      return sendPage(
        reply,
        FundingPage({
          ui: req.ui,
          position: await fundingPosition(db(), req.viewer),
          contributions: await listContributions(db(), req.viewer, filter),
          organisations: await listOrganisations(db()),
          regions: regions.map((r) => [r.code, r.names[req.ui.lang] ?? r.names.en]),
          error: req.query.error,
        }),
      );
    },
  );
  /** A funding form: saved, or back to the page with the problem. */
  const fundingForm = (path: string, save: (tx: Orm, form: Form, viewer: Viewer) => Promise<unknown>) =>
    app.post(path, { ...policy('programme'), schema: { hide: true, body: formBody } }, (req, reply) =>
      runForm(
        database,
        req,
        reply,
        '/assistance/funding',
        async (tx, form) => void (await save(tx, form, req.viewer)),
      ),
    );
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  fundingForm('/assistance/funding/contributions', (tx, f, v) =>
    createContribution(
      tx,
      v,
      contributionInput.parse({
        donor: num(f.donor),
        amount: num(f.amount),
        currency: (f.currency ?? '').toUpperCase(),
        usd: num(f.usd),
        pledged: f.pledged,
        received: f.received || undefined,
        period_start: num(f.period_start),
        period_end: num(f.period_end),
        earmark: f.earmark,
        earmark_value: f.earmark_value || undefined,
      }),
    ),
  );
  fundingForm('/assistance/funding/needs', (tx, f, v) =>
    saveNeed(
      tx,
      v,
      needInput.parse({ year: num(f.year), region: f.region || undefined, post: f.post, usd: num(f.usd) }),
    ),
  );
  fundingForm('/assistance/funding/organisations', (tx, f, v) =>
    createOrganisation(tx, v, organisationInput.parse({ name: f.name, kind: f.kind })),
  );

  app.post(
    '/api/v1/people',
    {
      ...policy('programme'),
      schema: { ...secured, summary: 'Record a named participant (with their consent)', body: personInput },
    },
    async (req, reply) =>
      reply.code(201).send(await inTransaction(database, (tx) => createPerson(tx, req.viewer, req.body))),
  );
  app.get(
    '/api/v1/people/:id',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'A named participant and their history across activities',
        params: idParam,
      },
    },
    async (req) => getPerson(db(), req.viewer, req.params.id),
  );
  app.get(
    '/api/v1/activities/:id/attendees',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: 'Named participants of an activity, with scores and certificates',
        params: idParam,
      },
    },
    async (req) => ({
      items: await attendees(db(), req.viewer, req.params.id),
    }),
  );
  app.put(
    '/api/v1/activities/:id/attendees',
    {
      ...policy('programme'),
      schema: {
        ...secured,
        summary:
          'Add or update a named participant of an activity (trainer or trainee, certificate, pre/post scores)',
        params: idParam,
        body: participationInput,
      },
    },
    async (req, reply) => {
      await inTransaction(database, (tx) => addParticipation(tx, req.viewer, req.params.id, req.body));
      return reply.code(204).send();
    },
  );
  app.get(
    '/assistance/people/:id',
    { ...policy('signed_in'), schema: { hide: true, params: idParam } },
    async (req, reply) =>
      sendPage(reply, PersonPage({ ui: req.ui, person: await getPerson(db(), req.viewer, req.params.id) })),
  );
  app.get(
    '/assistance/activities/:id/certificates/:person',
    { ...policy('signed_in'), schema: { hide: true, params: idParam.extend({ person: recordId }) } },
    async (req, reply) => {
      const [activity, person] = [
        await getActivity(db(), req.viewer, req.params.id),
        await getPerson(db(), req.viewer, req.params.person),
      ];
      if (!person.history.some((h) => h.activity === activity.id && h.certificate))
        throw new AppError(404, 'not_found', 'No certificate for this person and activity');
      return sendPage(reply, CertificatePage({ ui: req.ui, person, activity }));
    },
  );
  app.get(
    '/api/v1/assistance/public',
    {
      ...policy('public'),
      schema: {
        tags: ['assistance'],
        summary:
          "The programme in figures: its delivered activities and people trained per year and region, as the dashboard counts them for the caller's tier (counts under five withheld)",
      },
    },
    async (req) => publicFigures(db(), req.viewer),
  );
  app.get('/programme', { ...policy('public'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, PublicFiguresPage({ ui: req.ui, data: await publicFigures(db(), req.viewer) })),
  );
  app.get(
    '/api/v1/assistance/where',
    {
      ...policy('signed_in'),
      schema: {
        tags: ['assistance'],
        summary: "Who does what where: per country, each implementer's activities",
        querystring: z.object({
          country: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
        }),
      },
    },
    async (req) => ({
      items: await whoWhatWhere(db(), req.viewer, req.query),
    }),
  );
  app.get(
    '/assistance/where',
    {
      ...policy('signed_in'),
      schema: {
        hide: true,
        querystring: z.object({
          country: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
        }),
      },
    },
    async (req, reply) =>
      sendPage(reply, WherePage({ ui: req.ui, list: await whoWhatWhere(db(), req.viewer, req.query) })),
  );
  app.get('/assistance/overlaps', { ...policy('signed_in'), schema: { hide: true } }, async (req, reply) =>
    sendPage(reply, OverlapsPage({ ui: req.ui, list: await overlaps(db(), req.viewer) })),
  );
  app.post(
    '/assistance/overlaps',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      await inTransaction(database, (tx) =>
        reviewOverlap(
          tx,
          req.viewer,
          overlapReview.parse({
            a: Number(form.a),
            b: Number(form.b),
            verdict: form.verdict,
            note: form.note || undefined,
          }),
        ),
      );
      return reply.redirect('/assistance/overlaps', 303);
    },
  );
  app.get(
    '/assistance',
    { ...policy('signed_in'), schema: { hide: true, querystring: dashboardQuery } },
    async (req, reply) =>
      sendPage(
        reply,
        DashboardPage({
          ui: req.ui,
          data: await dashboard(db(), req.viewer, req.query),
          countries: await countryOptions(db(), req),
          donors: await organisationOptions(),
        }),
      ),
  );
  const requestsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: { form?: Form; errors?: Record<string, string> } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      RequestsPage({
        ui: req.ui,
        list: await listRequests(db(), req.viewer, requestQuery.parse(req.query ?? {})),
        countries: await countryOptions(db(), req),
        ...state,
      }),
      status,
    );
  app.get(
    '/assistance/requests',
    { ...policy('signed_in'), schema: { hide: true, querystring: requestQuery } },
    async (req, reply) => requestsPage(req, reply),
  );
  app.post(
    '/assistance/requests',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const parsed = requestInput.safeParse(form);
      if (!parsed.success)
        return requestsPage(req, reply, { form, errors: fieldErrors(parsed.error.issues) }, 400);
      const created = await inTransaction(database, (tx) => createRequest(tx, req.viewer, parsed.data));
      return reply.redirect(`/assistance/requests/${created.id}`, 303);
    },
  );
  app.get(
    '/assistance/requests/:id',
    {
      ...policy('signed_in'),
      schema: {
        hide: true,
        params: idParam,
        querystring: z.object({ error: z.string().max(500).optional() }),
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        RequestPage({
          ui: req.ui,
          request: await getRequest(db(), req.viewer, req.params.id),
          error: req.query.error,
        }),
      ),
  );
  app.post(
    '/assistance/requests/:id/transition',
    { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const parsed = transitionInput.safeParse({ to: form.to, reason: form.reason || undefined });
      const back = (error?: string) =>
        reply.redirect(
          `/assistance/requests/${req.params.id}${error ? `?error=${encodeURIComponent(error)}` : ''}`,
          303,
        );
      if (!parsed.success) return back(parsed.error.issues.map((i) => i.message).join('; '));
      try {
        await inTransaction(database, (tx) => transitionRequest(tx, req.viewer, req.params.id, parsed.data));
        return back();
      } catch (err) {
        if (err instanceof AppError && err.status === 409) return back(err.message);
        throw err;
      }
    },
  );
  /** What the activity form offers: open requests, organisations, countries, regions and concepts by name. */
  const activityChoices = async (req: FastifyRequest) => {
    const [open, orgs, countries, regions, concepts] = await Promise.all([
      openRequests(req),
      organisationOptions(),
      allCountryOptions(db(), req),
      regionOptions(db(), req),
      conceptOptions(db(), req),
    ]);
    return { open, orgs, countries, regions, concepts };
  };
  type ActivityChoices = Awaited<ReturnType<typeof activityChoices>>;
  /** The form read and checked: the activity, or a message per field (a picker sent a value it does not offer, a bad number …). */
  const readActivity = (req: FastifyRequest, form: Form, choices: ActivityChoices, keep?: Activity) => {
    const parsed = activityFromForm(form);
    const picked = choiceErrors(form, [
      {
        field: 'countries',
        allowed: choices.countries.map(([v]) => v),
        message: req.ui.t('form.choose_country'),
        list: true,
      },
      {
        field: 'region',
        allowed: [...choices.regions.map(([v]) => v), ...(keep?.region ? [keep.region] : [])],
        message: req.ui.t('form.choose_region'),
        optional: true,
      },
      {
        field: 'concepts',
        allowed: [...choices.concepts.map((c) => c.code), ...(keep?.concepts ?? [])],
        message: req.ui.t('form.unknown_concepts', { codes: listValue(form.concepts).join(', ') }),
        list: true,
      },
    ]);
    if (!listValue(form.countries).length) picked.countries = req.ui.t('form.choose_country');
    const errors: FieldErrors = { ...(parsed.success ? {} : parsed.errors), ...picked };
    return parsed.success && !Object.keys(errors).length
      ? { ok: true as const, value: parsed.data }
      : { ok: false as const, errors };
  };
  /** A refusal of the service (an unknown organisation or request) shown on the form, not as an error page. */
  const serviceRefusal = (err: unknown): FieldErrors | undefined =>
    err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)
      ? { form: err.message }
      : undefined;
  const activitiesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: { form?: Form; errors?: Record<string, string> } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      ActivitiesPage({
        ui: req.ui,
        list: await listActivities(db(), req.viewer, activityQuery.parse(req.query ?? {})),
        ...(await activityChoices(req)),
        ...state,
      }),
      status,
    );
  app.get(
    '/assistance/activities',
    { ...policy('signed_in'), schema: { hide: true, querystring: activityQuery } },
    async (req, reply) => activitiesPage(req, reply),
  );
  app.post(
    '/assistance/activities',
    { ...policy('programme'), schema: { hide: true, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const read = readActivity(req, form, await activityChoices(req));
      if (!read.ok) return activitiesPage(req, reply, { form, errors: read.errors }, 400);
      try {
        const created = await inTransaction(database, (tx) => createActivity(tx, req.viewer, read.value));
        return reply.redirect(`/assistance/activities/${created.id}?saved=1`, 303);
      } catch (err) {
        const errors = serviceRefusal(err);
        if (!errors) throw err;
        return activitiesPage(req, reply, { form, errors }, 400);
      }
    },
  );
  const activityPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    activity: Activity,
    state: { form?: Form; errors?: FieldErrors; saved?: boolean },
    status = 200,
  ) => {
    const [people, files] = [
      await attendees(db(), req.viewer, activity.id),
      await listAttachments(db(), req.viewer, 'activity', String(activity.id)),
    ];
    return sendPage(
      reply,
      ActivityPage({
        ui: req.ui,
        activity,
        ...(await activityChoices(req)),
        form: state.form ?? formOf(activity),
        errors: state.errors,
        saved: state.saved,
        attendees: people,
        files,
      }),
      status,
    );
  };
  app.get(
    '/assistance/activities/:id',
    {
      ...policy('signed_in'),
      schema: { hide: true, params: idParam, querystring: z.object({ saved: z.string().optional() }) },
    },
    async (req, reply) =>
      activityPage(req, reply, await getActivity(db(), req.viewer, req.params.id), {
        saved: !!req.query.saved,
      }),
  );
  app.post(
    '/assistance/activities/:id',
    { ...policy('programme'), schema: { hide: true, params: idParam, body: formBody } },
    async (req, reply) => {
      const form = req.body as Form;
      const activity = await getActivity(db(), req.viewer, req.params.id);
      const read = readActivity(req, form, await activityChoices(req), activity);
      if (!read.ok) return activityPage(req, reply, activity, { form, errors: read.errors }, 400);
      try {
        await inTransaction(database, (tx) => updateActivity(tx, req.viewer, req.params.id, read.value));
      } catch (err) {
        const errors = serviceRefusal(err);
        if (!errors) throw err;
        return activityPage(req, reply, activity, { form, errors }, 400);
      }
      return reply.redirect(`/assistance/activities/${req.params.id}?saved=1`, 303);
    },
  );
}
