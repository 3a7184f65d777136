/** International cooperation over HTTP: the legal basis and dual criminality API and page, and their refusals. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers.js';

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
