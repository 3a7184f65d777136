/**
 * IATI: every real file in ../shared/data/real/iati imports (should-pass) or is refused naming the
 * element and line (should-fail), nothing kept from a refused file; the UNHCR file's 134
 * activities and 2,678 transactions are all there; export → import round-trips. Runs where
 * ../shared exists (CI), the round trip always.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/core/access.js';
import { createActivity } from '../src/domains/assistance/activities.js';
import { exportIati, importIati, kindOfTitle } from '../src/domains/assistance/iati-import.js';
import { declaredBy } from '../src/domains/assistance/iati-organisation.js';
import { overlaps } from '../src/domains/assistance/overlaps.js';
import { activityInput } from '../src/domains/assistance/activities.js';
import { rows } from '../src/core/db/query.js';
import { testDatabase, type TestDb } from './helpers.js';
import { schemaProblems } from '../src/core/files/xsd.js';
import { IATI_SCHEMA } from '../src/domains/assistance/iati-schema.js';

const REAL = new URL('../../shared/data/real/iati/', import.meta.url).pathname;
const ORG = { ref: 'XX-CYREPO', name: 'Global Programme on Cybercrime' };
const by = system('test');
let db: TestDb;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());
const fileOf = (file: string) => ({
  file,
  chunks: () => createReadStream(file, { highWaterMark: 16 * 1024 }),
});
const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(db.orm, q))[0].n;

describe.skipIf(!existsSync(REAL))('real IATI files', () => {
  it('the schemas cyrepo validates with are the official IATI 2.03 schemas, unchanged', () => {
    const official = join(REAL, '../schemas/iati-2.03');
    for (const f of readdirSync(official))
      expect(
        readFileSync(new URL(f, IATI_SCHEMA.activities.main)).equals(readFileSync(join(official, f))),
        f,
      ).toBe(true);
  });

  it('imports the publisher files and the should-pass tests; refuses the should-fail tests naming element and line, keeping nothing', async () => {
    const pass = [
      ...readdirSync(REAL)
        .filter((f) => f.includes('activit') || f.startsWith('oipa') || f.startsWith('spain'))
        .map((f) => join(REAL, f)),
      ...readdirSync(join(REAL, 'schema-tests/should-pass')).map((f) =>
        join(REAL, 'schema-tests/should-pass', f),
      ),
    ];
    const reports = await importIati(db, by, pass.map(fileOf));
    expect(reports.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    const unhcr = reports.find((r) => r.file.includes('unhcr'))!;
    expect(unhcr).toMatchObject({ activities: 134, transactions: 2678 });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM activity WHERE iati_identifier LIKE 'XM-DAC-41121-%'`),
    ).toBe(134);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM activity_transaction t JOIN activity a ON a.id = t.activity_id WHERE a.iati_identifier LIKE 'XM-DAC-41121-%'`,
      ),
    ).toBe(2678);
    const before = await count(sql`SELECT count(*)::int AS n FROM activity`);
    const fail = readdirSync(join(REAL, 'schema-tests/should-fail')).map((f) =>
      join(REAL, 'schema-tests/should-fail', f),
    );
    const refused = await importIati(db, by, fail.map(fileOf));
    for (const r of refused)
      expect(r, r.file).toMatchObject({
        ok: false,
        error: expect.stringMatching(/: line \d+: (<[a-z-]+>: )?\S/),
      });
    expect(refused.find((r) => r.file.endsWith('20-two-reporting-orgs.xml'))!.error).toMatch(
      /<iati-activity>: an activity has exactly one reporting-org \(found 2\)/,
    );
    expect(refused.find((r) => r.file.endsWith('transaction-40-non-decimal-value.xml'))!.error).toMatch(
      /<value>: a transaction value must be a decimal number, not "xxx"/,
    );
    expect(await count(sql`SELECT count(*)::int AS n FROM activity`)).toBe(before);
  });
});

describe.skipIf(!existsSync(REAL))('IATI organisation files', () => {
  const example = join(REAL, 'official-organisation-standard-example-annotated-2.03.xml');

  it('imports the official example: the organisation, its budgets by kind, expenditure and documents; again replaces, not adds', async () => {
    for (const round of [1, 2]) {
      const [report] = await importIati(db, by, [fileOf(example)]);
      expect(report, `${round}: ${report.error}`).toMatchObject({
        ok: true,
        organisations: 1,
        budgets: 5,
        documents: 6,
        warnings: [],
      });
    }
    const [org] = await rows<{ id: number; name: string; kind: string }>(
      db.orm,
      sql`SELECT id, name, kind FROM organisation WHERE iati_ref = 'AA-AAA-123456789'`,
    );
    expect(org).toMatchObject({ name: 'Organisation name', kind: 'international_organisation' });
    const { budgets, documents } = await declaredBy(db.orm, org.id);
    expect(
      budgets.map((b) => [
        b.kind,
        b.status,
        b.period_start,
        b.period_end,
        b.value,
        b.currency,
        b.country,
        b.region,
        b.recipient,
      ]),
    ).toEqual([
      ['total', 'committed', '2014-01-01', '2014-12-31', 250000000, 'USD', null, null, null],
      ['expenditure', null, '2014-01-01', '2014-12-31', 250000000, 'USD', null, null, null],
      ['country', 'committed', '2014-01-01', '2014-12-31', 25000000, 'USD', 'AFG', null, null],
      ['region', 'committed', '2014-01-01', '2014-12-31', 25000000, 'USD', null, '99:A1', null],
      ['organisation', 'committed', '2014-01-01', '2014-12-31', 2500000, 'USD', null, null, 'Org Name'],
    ]);
    expect(documents).toHaveLength(6);
    expect(documents[0]).toMatchObject({
      title: 'Annual Report 2013',
      categories: ['B01'],
      date: '2014-02-05',
      countries: ['AFG'],
    });
  });

  it('refuses an organisation file that breaks the schema, naming the line, and keeps nothing of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-org-'));
    const broken = readFileSync(example, 'utf8')
      .replace('AA-AAA-123456789</organisation-identifier>', 'ZZ-BROKEN-1</organisation-identifier>')
      .replace(/<total-budget status="2">/, '<total-budget status="2"><budget-note>not IATI</budget-note>');
    writeFileSync(join(dir, 'org.xml'), broken);
    const [report] = await importIati(db, by, [fileOf(join(dir, 'org.xml'))]);
    const line = broken.split('\n').findIndex((l) => l.includes('<budget-note>')) + 1;
    expect(report.ok).toBe(false);
    expect(report.error).toContain(
      `org.xml: line ${line}: Element 'budget-note': This element is not expected.`,
    );
    expect(await rows(db.orm, sql`SELECT 1 FROM organisation WHERE iati_ref = 'ZZ-BROKEN-1'`)).toEqual([]);
  });
});

describe('IATI export', () => {
  it("the demo's activities validate against the official IATI 2.03 schema; those without a date are named, not written", async () => {
    const demo = await testDatabase({ demo: true });
    try {
      const undated = await createActivity(
        demo.orm,
        by,
        activityInput.parse({
          kind: 'workshop',
          title: 'Undated workshop',
          countries: ['KEN'],
          status: 'planned',
        }),
      );
      const { xml, written, left } = await exportIati(demo.orm, by, ORG);
      expect(written).toBeGreaterThanOrEqual(20);
      expect((xml.match(/<iati-activity /g) ?? []).length).toBe(written);
      expect(left).toEqual([`XX-CYREPO-${undated.id} (Undated workshop): no planned or actual date`]);
      expect(await schemaProblems(xml, IATI_SCHEMA.activities)).toEqual([]);
      // every activity has a description, its own or worded from the record
      expect((xml.match(/<description type="1">/g) ?? []).length).toBe(written);
      // several countries share the activity: their percentages add up to 100
      for (const activity of xml.split('<iati-activity ').slice(1)) {
        const shares = [...activity.matchAll(/percentage="([\d.]+)"/g)].map((m) => Number(m[1]));
        if (shares.length) expect(Math.round(shares.reduce((a, b) => a + b, 0) * 100)).toBe(10_000);
      }
    } finally {
      await demo.close();
    }
  });

  it('a file that breaks the schema is refused naming its line and the problem', async () => {
    await createActivity(
      db.orm,
      by,
      activityInput.parse({
        kind: 'workshop',
        title: 'Dated workshop',
        countries: ['KEN'],
        planned_start: '2026-05-04',
        status: 'planned',
      }),
    );
    const { xml } = await exportIati(db.orm, by, ORG);
    const broken = xml.replace(/<description type="1">.*?<\/description>/, '');
    const problems = await schemaProblems(broken, IATI_SCHEMA.activities);
    const line = broken.split('\n').findIndex((l) => l.includes('<participating-org')) + 1;
    expect(problems[0]).toMatchObject({ line });
    expect(problems[0].message).toMatch(/participating-org.*description/);
    // the importer names it too, and keeps nothing of the file
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-'));
    writeFileSync(join(dir, 'broken.xml'), broken);
    const other = await testDatabase();
    try {
      const [report] = await importIati(other, by, [fileOf(join(dir, 'broken.xml'))]);
      expect(report.ok).toBe(false);
      expect(report.error).toContain(
        `broken.xml: line ${line}: Element 'participating-org': This element is not expected. Expected is ( description ).`,
      );
      expect(report.error).toContain('(IATI 2.03 schema)');
      expect(await rows(other.orm, sql`SELECT 1 FROM activity WHERE implementer IS NOT NULL`)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("round-trips the programme's own activities through export and import", async () => {
    const a = await createActivity(
      db.orm,
      by,
      activityInput.parse({
        kind: 'training_course',
        title: 'Cryptocurrency investigations',
        countries: ['KEN', 'UGA'],
        planned_start: '2026-03-02',
        planned_end: '2026-03-06',
        status: 'planned',
        cost: 12000,
        currency: 'USD',
      }),
    );
    const { xml } = await exportIati(db.orm, by, ORG);
    expect(xml).toContain(`<iati-identifier>XX-CYREPO-${a.id}</iati-identifier>`);
    const other = await testDatabase();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-'));
      writeFileSync(join(dir, 'out.xml'), xml);
      const [report] = await importIati(other, by, [fileOf(join(dir, 'out.xml'))]);
      expect(report).toMatchObject({ ok: true });
      const [back] = await rows<{
        title: string;
        planned_start: string;
        planned_end: string;
        status: string;
        countries: string[];
      }>(
        other.orm,
        sql`SELECT a.title, a.planned_start::text, a.planned_end::text, a.status, (SELECT array_agg(country ORDER BY country) FROM activity_country WHERE activity_id = a.id) AS countries FROM activity a WHERE a.iati_identifier = ${`XX-CYREPO-${a.id}`}`,
      );
      expect(back).toEqual({
        title: 'Cryptocurrency investigations',
        planned_start: '2026-03-02',
        planned_end: '2026-03-06',
        status: 'planned',
        countries: ['KEN', 'UGA'],
      });
      // and the export of what came back is the same file (but for the reporting organisation of imported activities)
      expect((await exportIati(other.orm, by, ORG)).xml).not.toContain('<iati-activity '); // imported activities are other implementers'
    } finally {
      await other.close();
    }
  });

  it("reads an imported activity's kind from its title, so that coordination finds it next to the programme's own", async () => {
    expect(
      [
        'Training of prosecutors on electronic evidence',
        'Atelier régional sur la cybercriminalité',
        'Campaña de sensibilización en escuelas',
        'Support to the national police',
        'Needs assessment mission, Fiji',
      ].map(kindOfTitle),
    ).toEqual(['training_course', 'workshop', 'outreach_campaign', 'other', 'assessment_mission']);
    const own = await createActivity(
      db.orm,
      by,
      activityInput.parse({
        kind: 'training_course',
        title: 'Online investigations, Dakar',
        countries: ['SEN'],
        planned_start: '2026-09-07',
        planned_end: '2026-09-11',
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-kind-'));
    const activity = (id: string, title: string) =>
      `<iati-activity default-currency="EUR"><iati-identifier>XE-EXAMPLE-${id}</iati-identifier><reporting-org ref="XE-EXAMPLE" type="10"><narrative>Example Agency</narrative></reporting-org><title><narrative>${title}</narrative></title><description><narrative>${title}.</narrative></description><participating-org ref="XE-EXAMPLE" role="4"/><activity-status code="2"/><activity-date iso-date="2026-09-01" type="1"/><activity-date iso-date="2026-09-30" type="3"/><recipient-country code="SN"/></iati-activity>`;
    writeFileSync(
      join(dir, 'agency.xml'),
      `<?xml version="1.0"?><iati-activities version="2.03">${activity('1', 'Training for cybercrime investigators')}${activity('2', 'Support to the national police')}</iati-activities>`,
    );
    const [report] = await importIati(db, by, [fileOf(join(dir, 'agency.xml'))]);
    expect(report, report.error ?? '').toMatchObject({ ok: true, activities: 2 });
    const pairs = await overlaps(db.orm, by);
    const mine = pairs
      .filter((p) => p.a.id === own.id || p.b.id === own.id)
      .map((p) => (p.a.id === own.id ? p.b.title : p.a.title));
    expect(mine).toEqual(['Training for cybercrime investigators']); // not the police support, whose kind says nothing
  });

  it('prints the CLI summary as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-cli-'));
    writeFileSync(
      join(dir, 'bad.xml'),
      '<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier><title><narrative>T</narrative></title></iati-activity></iati-activities>',
    );
    const res = await promisify(execFile)(
      'node',
      [
        new URL('../bin/cyrepo.js', import.meta.url).pathname,
        'import',
        'iati',
        join(dir, 'bad.xml'),
        '--json',
      ],
      { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' } },
    ).catch((e) => e as { code: number; stdout: string });
    expect((res as { code: number }).code).toBe(1);
    const { files } = JSON.parse(res.stdout);
    expect(files).toEqual([
      {
        file: join(dir, 'bad.xml'),
        ok: false,
        activities: 0,
        transactions: 0,
        organisations: 0,
        budgets: 0,
        documents: 0,
        warnings: [],
        error: `${join(dir, 'bad.xml')}: line 1: <iati-activity>: an activity has exactly one reporting-org (found 0)`,
      },
    ]);
  });
});
