/**
 * Reservations and declarations: recorded by staff editors (API and the instrument's page), public
 * to read; an article a country reserved is "reserved" in its coverage and gap report (JSON and DOCX),
 * not "missing", and leaves the share of criminalisation it owes; a declaration or a withdrawn
 * reservation changes nothing; bad input is named at its field.
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
let editor: Record<string, string>;
let country: string;
let missing: string; // a criminalisation article no provision of the country covers
let crim: Set<string>;
let was: string; // its status: missing, or not yet reviewed
beforeAll(async () => {
  t = await testApp({ demo: true });
  editor = await tokenAs(t, 'editor');
  const { countries, articles } = (await t.app.inject('/api/v1/coverage?instrument=ETS185')).json() as {
    countries: { iso3: string; reviewed: boolean; statuses: Record<string, string> }[];
    articles: { number: string; category: string }[];
  };
  crim = new Set(articles.filter((a) => a.category === 'criminalisation').map((a) => a.number));
  const open = (c: (typeof countries)[number]) =>
    Object.entries(c.statuses).find(([n, st]) => crim.has(n) && (st === 'missing' || st === 'not_reviewed'));
  const found = countries.find((c) => open(c))!;
  country = found.iso3;
  [missing, was] = open(found)!;
});
afterAll(() => t.close());

const record = (body: Record<string, unknown>, headers = editor) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload: body });
const gap = async () =>
  (await t.app.inject(`/api/v1/coverage/${country}/gap-report?instrument=ETS185`)).json() as {
    counts: Record<string, number>;
    articles: { number: string; status: string; reservations: { kind: string; text: string }[] }[];
  };

describe('reservations and declarations', () => {
  it('make an article reserved, not missing, in coverage and the gap report', async () => {
    const before = await gap();
    const declared = await record({
      country,
      instrument: 'ETS185',
      article: missing,
      kind: 'declaration',
      text: 'The Party declares that it will apply this article through its criminal code.',
      made_on: '2019-01-01',
    });
    expect(declared.statusCode, declared.body).toBe(201);
    expect((await gap()).articles.find((a) => a.number === missing)!.status).toBe(was);

    const text = 'The Party reserves the right not to apply this article.';
    const withdrawn = await record({
      country,
      instrument: 'ETS185',
      article: missing,
      kind: 'reservation',
      text,
      made_on: '2010-01-01',
      withdrawn_on: '2015-01-01',
    });
    expect(withdrawn.statusCode).toBe(201);
    expect((await gap()).articles.find((a) => a.number === missing)!.status).toBe(was);

    const made = await record({
      country,
      instrument: 'ETS185',
      article: missing,
      kind: 'reservation',
      text,
      made_on: '2020-03-01',
      source: 'Treaty Office',
    });
    expect(made.statusCode, made.body).toBe(201);
    const after = await gap();
    const article = after.articles.find((a) => a.number === missing)!;
    expect(article.status).toBe('reserved');
    expect(article.reservations.map((r) => r.kind).sort()).toEqual([
      'declaration',
      'reservation',
      'reservation',
    ]);
    expect(after.counts).toMatchObject({ [was]: before.counts[was] - 1, reserved: 1 });
    const coverage = (await t.app.inject(`/api/v1/coverage?instrument=ETS185&country=${country}`)).json();
    expect(coverage.countries[0].statuses[missing]).toBe('reserved');
    const statuses = coverage.countries[0].statuses as Record<string, string>;
    // the reserved article is not owed: the share is of the others
    const owed = [...crim].filter((n) => statuses[n] !== 'reserved');
    const points = owed.reduce(
      (p, n) => p + ({ covered: 1, partial: 0.5 }[statuses[n] as 'covered'] ?? 0),
      0,
    );
    expect(coverage.countries[0].criminalisation).toBe(Math.round((100 * points) / owed.length));

    // the DOCX quotes it under "Reserved"
    const docx = await t.app.inject(`/coverage/${country}/gap-report.docx?instrument=ETS185&lang=en`);
    const words = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(words).toContain('Reserved (1)');
    expect(words).toContain(`Reservation (2020-03-01): ${text}`);
    // the public reads them; the article page shows them
    expect(
      (await t.app.inject(`/api/v1/reservations?country=${country}&instrument=ETS185`)).json().items,
    ).toHaveLength(3);
    const page = await t.app.inject(`/instruments/ETS185/articles/${missing}?lang=en`);
    expect(page.body).toContain(text);
    expect((await t.app.inject(`/countries/${country}?lang=en`)).body).toContain(text);
  });

  it('names bad input at its field; only staff editors record', async () => {
    const bad = await record({
      country,
      instrument: 'ETS185',
      article: '999',
      kind: 'reservation',
      text: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      { field: 'article', message: 'ETS185 has no article 999' },
    ]);
    const dates = await record({
      country,
      instrument: 'ETS185',
      article: missing,
      kind: 'reservation',
      text: 'x',
      made_on: '2020-01-01',
      withdrawn_on: '2019-01-01',
    });
    expect(dates.statusCode).toBe(400);
    expect(JSON.stringify(dates.json().error)).toContain('withdrawn on or after the day it was made');
    const contributor = await tokenAs(t, 'contributor', [country]);
    expect(
      (
        await record(
          { country, instrument: 'ETS185', article: missing, kind: 'reservation', text: 'x' },
          contributor,
        )
      ).statusCode,
    ).toBe(403);
  });

  it("the instrument's page: staff editors record one by names, and delete it", async () => {
    const s = await sessionAs(t, 'editor');
    const form = await t.app.inject({ url: '/instruments/ETS185/reservations?lang=en', headers: s.headers });
    expect(form.body).toContain('name="country"');
    const empty = await postForm(t, s, '/instruments/ETS185/reservations', {
      country,
      article: missing,
      kind: 'reservation',
      text: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('the text as deposited');
    const saved = await postForm(t, s, '/instruments/ETS185/reservations', {
      country,
      article: '2',
      kind: 'declaration',
      text: 'Declaration on Article 2.',
      made_on: '2021-05-05',
    });
    expect(saved.statusCode).toBe(303);
    const listed = await t.app.inject({
      url: '/instruments/ETS185/reservations?lang=en',
      headers: s.headers,
    });
    expect(listed.body).toContain('Declaration on Article 2.');
    const [declared] = (await t.app.inject('/api/v1/reservations?instrument=ETS185&article=2')).json()
      .items as { id: number; text: string }[];
    expect(declared.text).toBe('Declaration on Article 2.');
    const id = declared.id;
    const gone = await postForm(t, s, `/reservations/${id}/delete`);
    expect(gone.statusCode).toBe(303);
    expect((await t.app.inject(`/api/v1/reservations/${id}`)).statusCode).toBe(404);
    const anonymous = await t.app.inject('/instruments/ETS185/reservations?lang=en');
    expect(anonymous.body).not.toContain('name="country"');
  });
});
