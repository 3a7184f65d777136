/**
 * IATI files imported in the background from the web: the upload answers at once (202), a server
 * process takes the job from the database, and the imports page and API show the report — or the
 * file's first problem with its line. A job run again after its process died imports nothing twice.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../src/core/jobs.js';
import { runImport, startImportWorker } from '../src/domains/imports/run.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';
import { multipart } from './intake-files.js';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  officer = await tokenAs(t, 'programme_officer');
});
afterAll(() => t.close());

const ORG = `<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2026-01-10T00:00:00Z">
 <iati-organisation default-currency="USD" last-updated-datetime="2026-01-10T00:00:00Z">
  <organisation-identifier>XM-JOB-1</organisation-identifier>
  <name><narrative>Background Fund</narrative></name>
  <reporting-org ref="XM-JOB-1" type="40"><narrative>Background Fund</narrative></reporting-org>
  <recipient-country-budget status="2"><recipient-country code="UG"/><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value value-date="2026-01-01">80000</value></recipient-country-budget>
 </iati-organisation>
</iati-organisations>
`;
const BAD =
  '<iati-activities version="2.03">\n<iati-activity><iati-identifier>X-1</iati-identifier></iati-activity>\n</iati-activities>\n';
type Job = {
  id: number;
  status: string;
  report: { organisations: number; budgets: number } | null;
  error: string | null;
};
const job = async (id: number) =>
  (await t.app.inject({ url: `/api/v1/imports/${id}`, headers: officer })).json() as Job;

describe('imports in the background', () => {
  it('answers 202 at once; a worker takes the jobs; the report, or the first problem with its line, shows', async () => {
    const { payload, headers } = multipart({}, [
      { name: 'org.xml', type: 'application/xml', bytes: Buffer.from(ORG) },
      { name: 'bad.xml', type: 'application/xml', bytes: Buffer.from(BAD) },
    ]);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/iati',
      payload,
      headers: { ...headers, ...officer },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const [org, bad] = (sent.json().items as Job[]).map((j) => j.id);
    expect((await job(org)).status).toBe('queued');

    const jobs = createJobs(t.db, pino({ level: 'silent' }), { worker: true });
    try {
      await startImportWorker(jobs, t.db);
      const pending = async () =>
        [await job(org), await job(bad)].some((j) => ['queued', 'running'].includes(j.status));
      for (let i = 0; i < 60 && (await pending()); i++) await new Promise((r) => setTimeout(r, 500));
    } finally {
      await jobs.stop();
    }
    expect(await job(org)).toMatchObject({
      status: 'done',
      report: { organisations: 1, budgets: 1 },
      error: null,
    });
    expect(await job(bad)).toMatchObject({
      status: 'failed',
      error: 'bad.xml: line 2: <iati-activity>: an activity has exactly one reporting-org (found 0)',
    });
    // the file is not kept once imported
    expect(
      (await t.db.pool.query('SELECT count(*)::int AS n FROM import_job WHERE file IS NOT NULL')).rows[0].n,
    ).toBe(0);

    // a job whose process died mid-way runs again from the start: nothing is there twice
    await t.db.pool.query(`UPDATE import_job SET status = 'running', file = $2 WHERE id = $1`, [
      org,
      Buffer.from(ORG),
    ]);
    await runImport(t.db, t.app.jobs, org);
    expect((await job(org)).status).toBe('done');
    const counts = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM organisation WHERE iati_ref = 'XM-JOB-1')::int AS orgs,
              (SELECT count(*) FROM organisation_budget b JOIN organisation o ON o.id = b.organisation_id WHERE o.iati_ref = 'XM-JOB-1')::int AS budgets`,
    );
    expect(counts.rows[0]).toEqual({ orgs: 1, budgets: 1 });
  });

  it('the page: send files, see them waiting (the page refreshes itself), then their report', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const { payload, headers } = multipart({ _csrf: s.csrf }, [
      { name: 'org2.xml', type: 'application/xml', bytes: Buffer.from(ORG) },
    ]);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/imports/iati',
      payload,
      headers: { ...headers, cookie: s.cookie },
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const waiting = await t.app.inject({ url: '/imports', headers: { cookie: s.cookie } });
    expect(waiting.body).toContain('org2.xml');
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="5"');
    const [{ id }] = (await t.db.pool.query(`SELECT id FROM import_job WHERE filename = 'org2.xml'`)).rows;
    await runImport(t.db, t.app.jobs, id);
    const done = await t.app.inject({ url: '/imports', headers: { cookie: s.cookie } });
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(done.body).toContain('1 organisation, 1 budget, 0 documents');
  });
});
