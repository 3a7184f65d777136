/** International cooperation over HTTP: the legal basis and dual criminality API and page, and their refusals. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject(url);

describe('legal basis API', () => {
  it('Costa Rica → Argentina: Budapest, binding both since 2018-10-01, with what it allows', async () => {
    const res = await get('/api/v1/cooperation/legal-basis?from=CRI&to=ARG&on=2026-12-06');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.reciprocity).toBe(false);
    expect(body.bases).toHaveLength(1);
    expect(body.bases[0]).toMatchObject({
      instrument: 'ETS185',
      since: '2018-10-01',
      requesting: { standing: 'bound', entry_into_force: '2018-01-01' },
      requested: { standing: 'bound', entry_into_force: '2018-10-01' },
    });
    const preservation = body.bases[0].measures.find((m: { kind: string }) => m.kind === 'preservation');
    expect(preservation.articles[0]).toMatchObject({
      number: '29',
      title: 'Expedited preservation of stored computer data',
    });
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/v1/cooperation/legal-basis?from=CRI&to=CRI', 'querystring.to'],
      ['/api/v1/cooperation/legal-basis?from=XYZ&to=KEN', 'querystring.from'],
      ['/api/v1/cooperation/legal-basis?from=CRI&to=ken', 'to'],
      ['/api/v1/cooperation/legal-basis?from=CRI&to=KEN&on=2026-13-40', 'on'],
      ['/api/v1/cooperation/dual-criminality?from=CRI&to=KEN&offences=extradition', 'querystring.offences'],
      ['/api/v1/cooperation/dual-criminality?from=CRI&to=KEN&offences=no-such-thing', 'querystring.offences'],
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json()), url).toContain(field);
    }
  });
});

describe('legal basis matrix', () => {
  it('gives each pair of states the instruments binding both, on the API and the page', async () => {
    const res = await get('/api/v1/cooperation/matrix?countries=FRA,DEU,CRI,KEN&on=2026-12-06');
    expect(res.statusCode).toBe(200);
    const pairs = Object.fromEntries(
      res
        .json()
        .pairs.map((p: { a: string; b: string; instruments: { code: string }[] }) => [
          `${p.a}-${p.b}`,
          p.instruments.map((i) => i.code),
        ]),
    );
    expect(pairs).toEqual({
      'FRA-DEU': ['ETS185', 'ETS189'],
      'FRA-CRI': ['ETS185'],
      'FRA-KEN': [],
      'DEU-CRI': ['ETS185'],
      'DEU-KEN': [],
      'CRI-KEN': [],
    });
    const page = parse((await get('/cooperation/matrix?countries=CRI&countries=KEN&countries=FRA')).body);
    expect(page.querySelectorAll('table.matrix thead th').map((th) => th.text)).toEqual([
      'Costa Rica',
      'Kenya',
      'France',
    ]);
    expect(page.querySelector('a[href="/cooperation?from=CRI&to=KEN"]')?.text).toBe('reciprocity');
    expect(page.querySelector('a[href="/cooperation?from=CRI&to=FRA"]')?.text).toBe('Budapest Convention');
    expect((await get('/api/v1/cooperation/matrix?countries=CRI,XYZ')).statusCode).toBe(400);
  });
});

describe('dual criminality API', () => {
  it("quotes Kenya's and Costa Rica's provisions on illegal access from their accepted mappings", async () => {
    const res = await get(
      '/api/v1/cooperation/dual-criminality?from=CRI&to=KEN&offences=illegal-access,computer-fraud',
    );
    expect(res.statusCode).toBe(200);
    const [access] = res.json().offences;
    expect(access.concept).toBe('illegal-access');
    expect(access.requested.iso3).toBe('KEN');
    expect(['covered', 'partial']).toContain(access.requested.status);
    const kenya = access.requested.articles.flatMap(
      (a: { provisions: { label: string; text: string }[] }) => a.provisions,
    );
    expect(kenya.some((p: { label: string }) => /Unauthorised access/.test(p.label))).toBe(true);
    expect(kenya[0].text.length).toBeGreaterThan(40);
    expect(access.requesting.iso3).toBe('CRI');
    expect(access.both).toBe(['covered', 'partial'].includes(access.requesting.status));
  });
});

describe('cooperation page', () => {
  it('shows names, the reciprocity notice for Costa Rica → Kenya, and the provisions of both states', async () => {
    const res = await get('/cooperation?from=CRI&to=KEN&offences=illegal-access');
    expect(res.statusCode).toBe(200);
    const page = parse(res.body);
    expect(page.querySelector('#f-from option[selected]')?.text).toBe('Costa Rica');
    expect(page.querySelector('#f-to option[selected]')?.text).toBe('Kenya');
    const basis = page.querySelector('#legal-basis')!.text;
    expect(basis).toContain('No instrument recorded here binds both Costa Rica and Kenya');
    expect(basis).toContain('Budapest Convention');
    expect(basis).toContain('not signed (as recorded)');
    expect(page.querySelector('#dual-criminality')!.text).toContain('Unauthorised access');
  });

  it('says at the field what is wrong, with status 400', async () => {
    const res = await get('/cooperation?from=KEN&to=KEN');
    expect(res.statusCode).toBe(400);
    expect(parse(res.body).querySelector('#f-to')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('is linked from the country page, in Arabic too', async () => {
    const page = parse((await get('/countries/KEN')).body);
    expect(page.querySelector('a[href="/cooperation?to=KEN"]')?.text).toBe(
      'Legal basis for a request to Kenya',
    );
    const ar = await get('/cooperation?from=CRI&to=ARG&lang=ar');
    expect(ar.statusCode).toBe(200);
    expect(parse(ar.body).querySelector('#legal-basis')!.text).toContain('يلزم الدولتين');
  });
});

describe('competent authorities', () => {
  const KEN_EMAIL = 'central-authority@ke.example.org';
  const list = async (headers: Record<string, string> = {}, query = 'country=KEN') =>
    t.app.inject({ url: `/api/v1/authorities?${query}`, headers });

  it('everyone sees what Kenya’s authorities accept and need; only practitioners and programme staff their contacts', async () => {
    const anonymous = await list();
    expect(anonymous.statusCode).toBe(200);
    const items = anonymous.json().items;
    expect(items.map((a: { kind: string }) => a.kind)).toEqual(['central_mla', 'contact_24_7']);
    expect(items[0].requirements).toContain('English translation');
    expect(items[0]).not.toHaveProperty('contact');
    expect(anonymous.body).not.toContain(KEN_EMAIL);
    for (const role of ['reader', 'editor', 'contributor'] as const)
      expect((await list(await tokenAs(t, role, ['KEN'], 'read'))).body, role).not.toContain(KEN_EMAIL);
    for (const role of ['practitioner', 'programme_officer'] as const) {
      const seen = (await list(await tokenAs(t, role, [], 'read'))).json().items;
      expect(seen[0].contact.email, role).toBe(KEN_EMAIL);
    }
  });

  it('exports CSV with contact columns only for those who may see contacts', async () => {
    const open = await list({}, 'country=KEN&format=csv');
    expect(open.headers['content-type']).toContain('text/csv');
    expect(open.body.split('\n')[0]).not.toContain('contact_email');
    expect(open.body).not.toContain(KEN_EMAIL);
    const vetted = await list(await tokenAs(t, 'practitioner', [], 'read'), 'country=KEN&format=csv');
    expect(vetted.body.split('\n')[0]).toContain('contact_email');
    expect(vetted.body).toContain(KEN_EMAIL);
  });

  it('programme staff add and change an authority; the history names the contact fields changed, never their values', async () => {
    const officer = await tokenAs(t, 'programme_officer');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/authorities',
      headers: officer,
      payload: {
        country: 'UGA',
        kind: 'central_mla',
        name: 'Office of the Director of Public Prosecutions',
        languages: ['eng'],
        legal_bases: ['reciprocity'],
        contact: { email: 'dpp-secret@ug.example.org', phone: '+000 41 000' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/authorities/${id}`,
      headers: officer,
      payload: { turnaround_days: 45, contact: { email: 'dpp-new@ug.example.org', phone: '+000 41 000' } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      turnaround_days: 45,
      name: 'Office of the Director of Public Prosecutions',
      languages: ['eng'],
      legal_bases: ['reciprocity'],
    });
    const { rows } = await t.db.pool.query(
      "SELECT action, before::text || after::text AS body FROM audit_event WHERE entity_type = 'authority' AND entity_id = $1 ORDER BY id",
      [String(id)],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(rows.map((r) => r.body).join(' ')).not.toMatch(/dpp-|\+000 41/);
    expect(rows[1].body).toContain('"contact_fields_changed": ["email"]');
  });

  it('refuses unknown instruments and countries at the field, and practitioners who try to write', async () => {
    const officer = await tokenAs(t, 'programme_officer');
    const post = (payload: object, headers = officer) =>
      t.app.inject({ method: 'POST', url: '/api/v1/authorities', headers, payload });
    const base = { country: 'UGA', kind: 'designated', name: 'Uganda Police Force' };
    const badInstrument = await post({ ...base, designations: [{ instrument: 'XX999', article: '35' }] });
    expect(badInstrument.statusCode).toBe(400);
    expect(badInstrument.body).toContain('body.designations.0.instrument');
    const badCountry = await post({ ...base, country: 'XYZ' });
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.body).toContain('body.country');
    const badKind = await post({ ...base, kind: 'embassy' });
    expect(badKind.statusCode).toBe(400);
    expect((await post(base, await tokenAs(t, 'practitioner'))).statusCode).toBe(403);
  });

  it('the authority page shows requirements to all and the contact to a signed-in practitioner only', async () => {
    const [central] = (await list()).json().items;
    const open = await get(`/authorities/${central.id}`);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('English translation');
    expect(open.body).toContain('Contact details are shown to vetted practitioners');
    expect(open.body).not.toContain(KEN_EMAIL);
    const practitioner = await sessionAs(t, 'practitioner');
    const vetted = await t.app.inject({
      url: `/authorities/${central.id}`,
      headers: { cookie: practitioner.cookie },
    });
    expect(vetted.body).toContain(KEN_EMAIL);
    // a practitioner reaches neither the back office nor the programme's people
    expect(
      (await t.app.inject({ url: '/assistance', headers: { cookie: practitioner.cookie } })).statusCode,
    ).toBe(403);
  });

  it('the cooperation page names the requested state’s authorities and their requirements', async () => {
    const page = parse((await get('/cooperation?from=CRI&to=KEN')).body);
    const section = page.querySelector('#authorities')!.text;
    expect(section).toContain('Central Authority for Mutual Legal Assistance');
    expect(section).toContain('24/7 point of contact');
    expect(section).not.toContain(KEN_EMAIL);
  });
});
