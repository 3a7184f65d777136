/** Funding over HTTP: donors' contributions, what posts need, the funding position (API), and the funding page with its forms. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import { policy } from '../shell/auth.js';
import type { Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { formBody } from '../editorial/form-support.js';
import { listRegions } from '../../domains/reference/service.js';
import { runForm } from '../shell/form-post.js';
import { sendPage } from '../shell/ui.js';
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
import { FundingPage } from './funding-views.js';
import { yearNumber } from '../../core/codes.js';
import { secured, type Form } from './route-support.js';

export async function fundingApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

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
}

export async function fundingPages(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const database = app.deps.db;
  const db = () => database.orm;

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
}
