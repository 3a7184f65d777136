import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { legalBasis, standingOn } from './legal-basis.js';

let db: TestDb;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

const find = (from: string, to: string, on: string) => legalBasis(db.orm, { from, to, on });
/** The instruments binding both, with the date from which they bind both (null: a date not recorded). */
const bases = async (from: string, to: string, on: string) =>
  Object.fromEntries((await find(from, to, on)).bases.map((b) => [b.instrument, b.since]));

// Expectations read by hand from src/domains/reference/data/instrument-parties.csv (CoE Treaty
// Office and UN Treaty Collection records) and instruments.csv (ETS 185 in force 2004-07-01,
// ETS 189 2006-03-01; CETS 224 and the UN Convention not yet in force).
describe('legal basis finder, against the party data', () => {
  it('Costa Rica → Kenya: nothing binds both; reciprocity; what each has signed is listed', async () => {
    const r = await find('CRI', 'KEN', '2026-12-06');
    expect(r.bases).toEqual([]);
    expect(r.reciprocity).toBe(true);
    const budapest = r.pending.find((b) => b.instrument === 'ETS185')!;
    expect(budapest.requesting).toMatchObject({
      standing: 'bound',
      ratification: '2017-09-22',
      entry_into_force: '2018-01-01',
    });
    expect(budapest.requested.standing).toBe('none');
    expect(r.pending.find((b) => b.instrument === 'UNCC2024')?.requesting.standing).toBe('signed');
  });

  it('France → Germany: the Budapest Convention since 2009-07-01 and its First Protocol (dates not recorded)', async () => {
    expect(await bases('FRA', 'DEU', '2026-12-06')).toEqual({ ETS185: '2009-07-01', ETS189: null });
  });

  it('Costa Rica → Argentina, Brazil → Chile, United Kingdom → Mauritius: Budapest from the later entry into force', async () => {
    expect(await bases('CRI', 'ARG', '2026-12-06')).toEqual({ ETS185: '2018-10-01' });
    expect(await bases('BRA', 'CHL', '2026-12-06')).toEqual({ ETS185: '2023-03-01' });
    expect(await bases('GBR', 'MUS', '2026-12-06')).toEqual({ ETS185: '2014-03-01' });
  });

  it('Ghana → Nigeria: not before Nigeria is bound (2022-11-01), then Budapest', async () => {
    expect(await bases('GHA', 'NGA', '2022-10-31')).toEqual({});
    expect(await bases('GHA', 'NGA', '2022-11-01')).toEqual({ ETS185: '2022-11-01' });
  });

  it('Costa Rica → United States before Costa Rica was bound: reciprocity, Budapest not yet in force for Costa Rica', async () => {
    const r = await find('CRI', 'USA', '2017-06-01');
    expect(r.reciprocity).toBe(true);
    expect(r.pending.find((b) => b.instrument === 'ETS185')?.requesting.standing).toBe('not_yet_in_force');
    expect(await bases('CRI', 'USA', '2026-12-06')).toEqual({ ETS185: '2018-01-01' });
  });

  it('United States → France before the Convention itself entered into force (2004-07-01): nothing', async () => {
    expect(await bases('USA', 'FRA', '2004-06-30')).toEqual({});
    expect(await bases('USA', 'FRA', '2007-01-01')).toEqual({ ETS185: '2007-01-01' });
  });

  it('Senegal → Peru: parties by accession with dates not recorded: bound, date unknown', async () => {
    expect(await bases('SEN', 'PER', '2026-12-06')).toEqual({ ETS185: null });
  });

  it('Serbia → Japan: Budapest; the Second Protocol ratified by both but not in force', async () => {
    const r = await find('SRB', 'JPN', '2026-12-06');
    expect(Object.fromEntries(r.bases.map((b) => [b.instrument, b.since]))).toEqual({ ETS185: null });
    const second = r.pending.find((b) => b.instrument === 'CETS224')!;
    expect([second.requesting.standing, second.requested.standing]).toEqual([
      'not_yet_in_force',
      'not_yet_in_force',
    ]);
  });

  it('Philippines → Thailand: both signed the UN Convention only: reciprocity', async () => {
    const r = await find('THA', 'PHL', '2026-12-06');
    expect(r.bases).toEqual([]);
    const un = r.pending.find((b) => b.instrument === 'UNCC2024')!;
    expect([un.requesting.standing, un.requested.standing]).toEqual(['signed', 'signed']);
  });

  it('says what Budapest allows, from its cooperation articles: preservation Art. 29, stored data Art. 31, 24/7 Art. 35', async () => {
    const [budapest] = (await find('CRI', 'ARG', '2026-12-06')).bases;
    const articles = Object.fromEntries(
      budapest.measures.map((m) => [m.kind, m.articles.map((a) => a.number)]),
    );
    expect(articles).toMatchObject({
      preservation: ['29'],
      traffic_data: ['30'],
      stored_content: ['31'],
      real_time: ['33'],
      interception: ['34'],
      network_24_7: ['35'],
      extradition: ['24'],
    });
    expect(articles.general).toEqual(expect.arrayContaining(['25', '27']));
  });

  it('refuses the same state twice and unknown countries, naming the field', async () => {
    await expect(find('FRA', 'FRA', '2026-12-06')).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: 'querystring.to' }] },
    });
    await expect(find('XYZ', 'FRA', '2026-12-06')).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: 'querystring.from' }] },
    });
  });
});

describe('standingOn', () => {
  const party = (status: string, eif: string | null) => ({
    status,
    signature: null,
    ratification: null,
    entry_into_force: eif,
    reservations: null,
    source_note: null,
  });
  it('binds a party once both the instrument and the state are in force', () => {
    expect(standingOn(party('party', '2010-01-01'), '2004-07-01', '2009-12-31')).toBe('not_yet_in_force');
    expect(standingOn(party('party', '2010-01-01'), '2004-07-01', '2010-01-01')).toBe('bound');
    expect(standingOn(party('ratified', null), '2004-07-01', '2026-01-01')).toBe('not_yet_in_force');
    expect(standingOn(party('ratified', '2020-01-01'), null, '2026-01-01')).toBe('not_yet_in_force');
    expect(standingOn(party('signed', null), '2004-07-01', '2026-01-01')).toBe('signed');
    expect(standingOn(null, '2004-07-01', '2026-01-01')).toBe('none');
  });
});
