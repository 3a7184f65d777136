/**
 * The programme's IATI files over HTTP validate against the official IATI 2.03 schemas and show
 * what the caller may see; the organisation file's budgets are the funding figures' money received;
 * an imported organisation file shows on the organisation's page and in who does what where.
 */
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forPublication, system } from '../src/core/access.js';
import { rows } from '../src/core/db/query.js';
import { schemaProblems } from '../src/core/files/xsd.js';
import { fundingFigures } from '../src/domains/assistance/funding-figures.js';
import { importIati } from '../src/domains/assistance/iati-import.js';
import { IATI_SCHEMA } from '../src/domains/assistance/iati-schema.js';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());
const admin = () => ({ authorization: `Bearer ${t.token}` });

describe('IATI files of the programme', () => {
  it('the activity file validates and holds what the caller may see: the public the public activities, staff also internal ones', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/iati/activities.xml' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['content-type']).toContain('application/xml');
    expect(await schemaProblems(anonymous.body, IATI_SCHEMA.activities)).toEqual([]);
    const staff = await t.app.inject({ url: '/api/v1/iati/activities.xml', headers: admin() });
    expect(await schemaProblems(staff.body, IATI_SCHEMA.activities)).toEqual([]);
    const count = (xml: string) => (xml.match(/<iati-activity /g) ?? []).length;
    const [{ public: pub, visible }] = await rows<{ public: number; visible: number }>(
      t.db.orm,
      sql`SELECT count(*) FILTER (WHERE tier = 'public')::int AS public, count(*) FILTER (WHERE tier <> 'restricted')::int AS visible
          FROM activity WHERE implementer IS NULL AND coalesce(planned_start, actual_start, planned_end, actual_end) IS NOT NULL`,
    );
    expect(count(anonymous.body)).toBe(pub);
    expect(count(staff.body)).toBe(visible);
    expect(visible).toBeGreaterThan(pub);
  });

  it('the organisation file validates; its budget per year is the money received, as the funding figures give it to the caller', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/iati/organisation.xml' });
    expect(anonymous.statusCode).toBe(200);
    expect(await schemaProblems(anonymous.body, IATI_SCHEMA.organisations)).toEqual([]);
    const res = await t.app.inject({ url: '/api/v1/iati/organisation.xml', headers: admin() });
    expect(await schemaProblems(res.body, IATI_SCHEMA.organisations)).toEqual([]);
    const totals = [
      ...res.body.matchAll(
        /<total-budget status="2"><period-start iso-date="(\d{4})-01-01"\/>.*?>(\d+)<\/value>/g,
      ),
    ].map((m) => [Number(m[1]), Number(m[2])]);
    // restricted contributions never go into a file for publication
    const figures = await fundingFigures(t.db.orm, forPublication(system('test')));
    expect(totals).toEqual(
      figures.years.filter((y) => y.received > 0).map((y) => [y.year, Math.round(y.received)]),
    );
    expect(totals.length).toBeGreaterThan(0);
  });
});

describe("another organisation's IATI organisation file", () => {
  it('shows its budgets and documents on its page, and its country budgets in who does what where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cyrepo-iati-org-'));
    writeFileSync(
      join(dir, 'org.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2026-01-10T00:00:00Z">
 <iati-organisation default-currency="EUR" last-updated-datetime="2026-01-10T00:00:00Z" xml:lang="en">
  <organisation-identifier>XM-EXAMPLE-7</organisation-identifier>
  <name><narrative>Example Cyber Fund</narrative><narrative xml:lang="fr">Fonds cyber exemple</narrative></name>
  <reporting-org ref="XM-EXAMPLE-7" type="60"><narrative>Example Cyber Fund</narrative></reporting-org>
  <total-budget status="2"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value value-date="2026-01-01">1500000</value></total-budget>
  <recipient-country-budget status="1"><recipient-country code="KE"/><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value value-date="2026-01-01">300000</value></recipient-country-budget>
  <document-link format="text/html" url="https://example.org/strategy"><title><narrative>Strategy 2026–2030</narrative></title><category code="B02"/><language code="en"/><document-date iso-date="2026-01-05"/></document-link>
  <document-link format="text/html" url="javascript:alert(1)"><title><narrative>Not a web address</narrative></title><category code="B01"/></document-link>
 </iati-organisation>
</iati-organisations>
`,
    );
    const [report] = await importIati(t.db, system('test'), [
      { file: 'org.xml', chunks: () => createReadStream(join(dir, 'org.xml')) },
    ]);
    expect(report, report.error ?? '').toMatchObject({
      ok: true,
      organisations: 1,
      budgets: 2,
      documents: 2,
    });
    const [{ id }] = await rows<{ id: number }>(
      t.db.orm,
      sql`SELECT id FROM organisation WHERE iati_ref = 'XM-EXAMPLE-7'`,
    );

    const api = (await t.app.inject({ url: `/api/v1/organisations/${id}`, headers: admin() })).json();
    expect(api.kind).toBe('civil_society');
    expect(
      api.declared.budgets.map((b: { kind: string; value: number; currency: string }) => [
        b.kind,
        b.value,
        b.currency,
      ]),
    ).toEqual([
      ['total', 1500000, 'EUR'],
      ['country', 300000, 'EUR'],
    ]);
    const page = await t.app.inject({ url: `/assistance/organisations/${id}?lang=fr`, headers: admin() });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Déclaré dans son fichier d'organisation IATI");
    expect(page.body).toContain('budget pour un pays');
    expect(page.body).toContain(
      '<a href="https://example.org/strategy" rel="noopener noreferrer nofollow">Strategy 2026–2030</a>',
    );
    expect(page.body).not.toContain('javascript:alert');

    const where = (
      await t.app.inject({ url: '/api/v1/assistance/where?country=KEN', headers: admin() })
    ).json();
    expect(where.budgets).toMatchObject([
      { iso3: 'KEN', organisation_name: 'Example Cyber Fund', value: 300000, status: 'indicative' },
    ]);
    const wherePage = await t.app.inject({ url: '/assistance/where?country=KEN', headers: admin() });
    expect(wherePage.body).toContain(`<a href="/assistance/organisations/${id}">Example Cyber Fund</a>`);
  });
});
