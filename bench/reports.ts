/**
 * Report generation benchmark (`npm run bench:reports`): the programme, donor and country reports
 * for 2016 of the demo data, then of a dataset ten times larger (the demo's activities with their
 * participants, outreach and partners, mentored investigations, requests and contributions copied
 * nine more times, and a year of repository use), and a hundred times larger — median of 7 runs of building the report and
 * writing it as HTML and as DOCX, in the embedded PostgreSQL. Results are appended to bench/RESULTS.md.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { openDatabase, type Database } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { reportHtml } from '../src/cli/reports.js';
import { reportDocx } from '../src/reports/docx.js';
import { makeReport, type ReportKind } from '../src/reports/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { translator } from '../src/core/i18n.js';

const lines: string[] = [];
const out = (s = '') => (lines.push(s), console.log(s));
const t = translator('en');
const viewer = system('bench');
const RUNS = 7;

/** Copies the programme's records `times` more times (new ids, same dates), and adds a year of repository use. */
async function multiply(db: Database, times: number) {
  await db.pool.query(`
    DROP TABLE IF EXISTS copy_map;
    CREATE TEMP TABLE copy_map AS SELECT a.id AS old, nextval('activity_id_seq')::int AS new, k FROM activity a, generate_series(1, ${times}) k;
    INSERT INTO activity (id, kind, title, description, sectors, region, planned_start, planned_end, actual_start, actual_end, hours, mode, audience, concepts, cost, currency, cost_usd, status, implementer, tier, created_by, updated_by, channels)
      SELECT m.new, a.kind, a.title || ' (' || m.k || ')', a.description, a.sectors, a.region, a.planned_start, a.planned_end, a.actual_start, a.actual_end, a.hours, a.mode, a.audience, a.concepts, a.cost, a.currency, a.cost_usd, a.status, a.implementer, a.tier, 'bench', 'bench', a.channels
      FROM copy_map m JOIN activity a ON a.id = m.old;
    INSERT INTO activity_country (activity_id, country) SELECT m.new, c.country FROM copy_map m JOIN activity_country c ON c.activity_id = m.old;
    INSERT INTO participant_count (activity_id, role, sex, country, agency, count) SELECT m.new, p.role, p.sex, p.country, p.agency, p.count FROM copy_map m JOIN participant_count p ON p.activity_id = m.old;
    INSERT INTO audience_count (activity_id, audience, count) SELECT m.new, x.audience, x.count FROM copy_map m JOIN audience_count x ON x.activity_id = m.old;
    INSERT INTO activity_partner (activity_id, organisation_id, role) SELECT m.new, p.organisation_id, p.role FROM copy_map m JOIN activity_partner p ON p.activity_id = m.old;
    INSERT INTO mentored_investigation (country, concept, opened, closed, status, mentor, created_by) SELECT country, concept, opened, closed, status, mentor, 'bench' FROM mentored_investigation, generate_series(1, ${times});
    INSERT INTO assistance_request (country, agency, received, kind, description, priority, status, decline_reason, created_by, updated_by)
      SELECT country, agency, received, kind, description, priority, status, decline_reason, 'bench', 'bench' FROM assistance_request, generate_series(1, ${times});
    INSERT INTO contribution (donor_id, amount, currency, usd, pledged, received, period_start, period_end, earmark, earmark_value, created_by)
      SELECT donor_id, amount, currency, usd, pledged, received, period_start, period_end, earmark, earmark_value, 'bench' FROM contribution, generate_series(1, ${times});
    TRUNCATE usage_daily, search_daily;
    INSERT INTO usage_daily (day, section, views) SELECT d, s, (random() * 400)::int FROM generate_series('2016-01-01'::date, '2016-12-31', '1 day') d, unnest(ARRAY['home', 'search', 'countries', 'laws', 'cases', 'documents', 'instruments', 'coverage']) s ON CONFLICT DO NOTHING;
    INSERT INTO search_daily (day, term, searches, zero_results) SELECT d, 'term ' || n, (random() * 20)::int, (random() * 2)::int FROM generate_series('2016-01-01'::date, '2016-12-31', '1 day') d, generate_series(1, 200) n ON CONFLICT DO NOTHING;
    ANALYZE;`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeReports(db: Database, label: string, donor: number) {
  const query = { from: '2016-01-01', to: '2016-12-31', format: 'json' as const };
  const cases: [ReportKind, object][] = [
    ['programme', {}],
    ['donor', { donor }],
    ['country', { country: 'KEN' }],
  ];
  for (const [kind, extra] of cases) {
    const build: number[] = [];
    const html: number[] = [];
    const docx: number[] = [];
    let figures = 0;
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      const report = await makeReport(db.orm, viewer, kind, { ...query, ...extra }, t);
      build.push(performance.now() - t0);
      t0 = performance.now();
      reportHtml(report, 'https://cyrepo.example');
      html.push(performance.now() - t0 + build.at(-1)!);
      t0 = performance.now();
      await reportDocx(report, 'https://cyrepo.example', { period: '2016', empty: '' });
      docx.push(performance.now() - t0 + build.at(-1)!);
      figures = report.sections.reduce(
        (n, s) => n + s.figures.length + s.tables.reduce((m, x) => m + x.rows.length, 0),
        0,
      );
    }
    out(
      `| ${label} | ${kind} | ${figures} | ${median(build).toFixed(0)} | ${median(html).toFixed(0)} | ${median(docx).toFixed(0)} |`,
    );
  }
}

async function main() {
  out(
    `## Reports (\`npm run bench:reports\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]!.model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL)`,
  );
  out();
  out(
    'Year 2016; median of 7 runs in milliseconds; HTML and DOCX include building the report from the records.',
  );
  out();
  out('| data | report | figures and rows | build ms | HTML ms | DOCX ms |');
  out('|---|---|---|---|---|---|');
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-reports-'));
  const env = loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const db = await openDatabase(env, log);
  try {
    await prepareDatabase(db, env, log, { demo: true });
    const { rows } = await db.pool.query(`SELECT id FROM organisation WHERE name = 'Norway'`);
    const count = async () =>
      (await db.pool.query(`SELECT count(*)::int AS n FROM activity`)).rows[0].n as number;
    await timeReports(db, `demo (${await count()} activities)`, rows[0].id);
    await multiply(db, 9);
    await timeReports(db, `demo × 10 (${await count()} activities)`, rows[0].id);
    await multiply(db, 9); // and once more, to see how it grows
    await timeReports(db, `demo × 100 (${await count()} activities)`, rows[0].id);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();
