/**
 * What is remembered between requests to save work on the hot paths (the countries' reference data,
 * date formats per language, the demo flag, normalised concept terms) never changes what anyone sees:
 * counts stay per viewer and current after a write, each language keeps its own date format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workPayload } from './factories.js';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const auth = () => ({ authorization: `Bearer ${t.token}` });
type CountryItem = {
  iso3: string;
  names: Record<string, string>;
  works: number;
  cases: number;
  documents: number;
};

describe('country reference data, read once', () => {
  it('counts stay per viewer and change at once after a write', async () => {
    const before = (await t.app.inject('/api/v1/countries/KEN')).json();
    const adminBefore = (await t.app.inject({ url: '/api/v1/countries/KEN', headers: auth() })).json();
    expect(before.names.en).toBe('Kenya');
    expect(before.region.en).toBe('Africa');

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: auth(),
      payload: workPayload({ number: '98' }),
    });
    expect(created.statusCode).toBe(201);

    // A draft: the admin counts it straight away, the public does not.
    expect((await t.app.inject({ url: '/api/v1/countries/KEN', headers: auth() })).json().works).toBe(
      adminBefore.works + 1,
    );
    expect((await t.app.inject('/api/v1/countries/KEN')).json().works).toBe(before.works);
    const listed = (await t.app.inject({ url: '/api/v1/countries?limit=500', headers: auth() })).json()
      .items as CountryItem[];
    expect(listed.find((c) => c.iso3 === 'KEN')!.works).toBe(adminBefore.works + 1);
    expect((await t.app.inject(`/api/v1/works/${created.json().id}`)).statusCode).toBe(404);
  });

  it('filters and sorts as before: by region, UN membership, most items first (ties by name)', async () => {
    const byName = (await t.app.inject('/api/v1/countries?limit=500')).json().items as CountryItem[];
    expect(byName.length).toBeGreaterThan(240);
    const english = byName.map((c) => c.names.en);
    expect(english.indexOf('Kenya')).toBeLessThan(english.indexOf('Senegal'));

    const total = (c: CountryItem) => c.works + c.cases + c.documents;
    const byItems = (await t.app.inject('/api/v1/countries?limit=500&sort=-items')).json()
      .items as CountryItem[];
    expect(byItems.map((c) => c.iso3)).toEqual(
      [...byName].sort((a, b) => total(b) - total(a)).map((c) => c.iso3),
    );
    expect(total(byItems[0])).toBeGreaterThan(0);

    const byCode = (await t.app.inject('/api/v1/countries?limit=500&sort=iso3')).json()
      .items as CountryItem[];
    expect(byCode.map((c) => c.iso3)).toEqual(byName.map((c) => c.iso3).sort());

    const eastAfrica = (await t.app.inject('/api/v1/countries?limit=500&region=014')).json()
      .items as CountryItem[];
    expect(eastAfrica.map((c) => c.iso3)).toContain('KEN');
    expect(eastAfrica.map((c) => c.iso3)).not.toContain('SEN');

    const nonMembers = (await t.app.inject('/api/v1/countries?limit=500&un_member=false')).json()
      .items as CountryItem[];
    expect(nonMembers.length).toBeGreaterThan(0);
    expect(nonMembers.map((c) => c.iso3)).not.toContain('KEN');

    expect((await t.app.inject('/api/v1/countries/XXX')).statusCode).toBe(404);
    expect((await t.app.inject('/api/v1/countries/ken')).json().iso3).toBe('KEN');
  });
});

describe('pages', () => {
  it('dates are formatted in each page language, one after the other', async () => {
    const fr = (await t.app.inject('/cases/vn-2025-tatc-08?lang=fr')).body;
    const en = (await t.app.inject('/cases/vn-2025-tatc-08?lang=en')).body;
    const fr2 = (await t.app.inject('/cases/vn-2025-tatc-08?lang=fr')).body;
    expect(fr).toContain('14 mars 2025');
    expect(en).toContain('14 March 2025');
    expect(fr2).toContain('14 mars 2025');
  });

  it('every page says the content is a demo', async () => {
    for (const path of ['/', '/countries/KEN', '/search?q=fraud'])
      expect((await t.app.inject(path)).body).toContain('class="notice"');
  });

  it('a search naming a concept in another language still finds it', async () => {
    const found = (await t.app.inject('/api/v1/search?q=acceso+il%C3%ADcito')).json();
    expect(found.expansions.map((e: { code: string }) => e.code)).toContain('illegal-access');
  });
});
