import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { loadReference } from './load.js';

let db: TestDb;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

const count = async (table: string) =>
  (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('reference data', () => {
  it('loads idempotently: a second load changes no counts', async () => {
    const before = await Promise.all(
      [
        'country',
        'instrument_article',
        'article_crosswalk',
        'concept',
        'concept_article',
        'instrument_party',
      ].map(count),
    );
    await loadReference(db.pool);
    const after = await Promise.all(
      [
        'country',
        'instrument_article',
        'article_crosswalk',
        'concept',
        'concept_article',
        'instrument_party',
      ].map(count),
    );
    expect(after).toEqual(before);
    expect(before[0]).toBe(250);
  });

  it('has the four instruments with their articles and categories', async () => {
    const { rows } = await db.pool.query(
      `SELECT instrument, count(*)::int AS n FROM instrument_article GROUP BY instrument ORDER BY instrument`,
    );
    expect(rows).toEqual([
      { instrument: 'CETS224', n: 25 },
      { instrument: 'ETS185', n: 48 },
      { instrument: 'ETS189', n: 16 },
      { instrument: 'UNCC2024', n: 68 },
    ]);
  });

  it('holds the English text of the Budapest Convention and its First Protocol', async () => {
    const { rows } = await db.pool.query(
      `SELECT instrument, count(*)::int AS n FROM instrument_article WHERE text ? 'eng' GROUP BY instrument ORDER BY instrument`,
    );
    expect(rows).toEqual([
      { instrument: 'ETS185', n: 48 },
      { instrument: 'ETS189', n: 16 },
    ]);
    const art2 = (
      await db.pool.query(
        `SELECT text->>'eng' AS t FROM instrument_article WHERE instrument = 'ETS185' AND number = '2'`,
      )
    ).rows[0].t;
    expect(art2).toMatch(
      /^Each Party shall adopt .* the access to the whole or any part of a computer system without right\./,
    );
  });

  it('has at least 40 concepts with English, French and Spanish labels, each linked to articles', async () => {
    const { rows } = await db.pool.query(
      `SELECT c.code, c.labels, count(ca.*)::int AS links FROM concept c LEFT JOIN concept_article ca ON ca.concept = c.code GROUP BY c.code`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const r of rows) {
      expect(r.labels.en && r.labels.fr && r.labels.es, r.code).toBeTruthy();
      expect(r.links, r.code).toBeGreaterThan(0);
    }
  });

  it('records instrument parties for the demo countries with a source note', async () => {
    const { rows } = await db.pool.query(
      `SELECT country, status FROM instrument_party WHERE instrument = 'ETS185' AND country IN ('CRI', 'PHL', 'SEN')`,
    );
    expect(rows.map((r) => r.country).sort()).toEqual(['CRI', 'PHL', 'SEN']);
  });

  const m49 = new URL('../../../../shared/data/real/countries/unsd-m49-en.csv', import.meta.url);
  it.runIf(existsSync(m49))('matches the UN M49 table for every country (real data)', async () => {
    const table = parse(readFileSync(m49), { columns: true, bom: true }) as Record<string, string>[];
    const { rows } = await db.pool.query(
      'SELECT iso3, numeric, region_code, subregion_code, intermediate_code FROM country',
    );
    const byIso = new Map(rows.map((r) => [r.iso3, r]));
    for (const r of table) {
      const c = byIso.get(r['ISO-alpha3 Code']);
      expect(c, r['Country or Area']).toMatchObject({
        numeric: r['M49 Code'],
        region_code: r['Region Code'] || null,
        subregion_code: r['Sub-region Code'] || null,
        intermediate_code: r['Intermediate Region Code'] || null,
      });
    }
    // every country of the table, and besides them only the European Union (no M49 number) and Antarctica (not in the export)
    expect(
      rows
        .map((r) => r.iso3)
        .filter((iso) => !table.some((x) => x['ISO-alpha3 Code'] === iso))
        .sort(),
    ).toEqual(['ATA', 'EUU'].filter((x) => !table.some((r) => r['ISO-alpha3 Code'] === x)));
  });
});
