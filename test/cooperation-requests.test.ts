/** The request writer and log: drafting through the API and the form, the DOCX, who sees a request, the statistics. */
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
let prosecutor: Record<string, string>;
let colleague: Record<string, string>;
let stranger: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  prosecutor = await tokenAs(t, 'practitioner');
  colleague = await tokenAs(t, 'practitioner');
  stranger = await tokenAs(t, 'practitioner');
  // The prosecutor and the colleague work for the same office (set by an administrator through the API).
  const office = await t.app.inject({
    method: 'POST',
    url: '/api/v1/organisations',
    headers: { authorization: `Bearer ${t.token}` },
    payload: { name: 'Fiscalía Adjunta de Delitos Informáticos', kind: 'government' },
  });
  expect(office.statusCode, office.body).toBe(201);
  const { rows } = await t.db.pool.query(
    "SELECT user_id FROM api_token WHERE name = 'practitioner test' ORDER BY id LIMIT 2",
  );
  for (const { user_id } of rows) {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user_id}`,
      headers: { authorization: `Bearer ${t.token}` },
      payload: { organisation_id: office.json().id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().organisation_id).toBe(office.json().id);
  }
});
afterAll(() => t.close());

const KENYA_CENTRAL = 'Office of the Attorney-General, Central Authority for Mutual Legal Assistance';
const kenyaAuthority = async () =>
  (await t.app.inject('/api/v1/authorities?country=KEN&kind=central_mla')).json().items[0].id as number;
const preservation = async () => ({
  requesting: 'CRI',
  requested: 'KEN',
  kind: 'preservation',
  legal_basis: 'reciprocity',
  authority_id: await kenyaAuthority(),
  requesting_authority: 'Fiscalía Adjunta de Delitos Informáticos',
  reference: 'CR-2026-0042',
  offences: ['illegal-access'],
  facts:
    'Between 3 and 5 March 2026 the payroll system of a public hospital in San José was accessed without right from an account hosted in Kenya.',
  data_sought: {
    provider: 'Example Hosting Ltd (Nairobi)',
    identifiers: ['203.0.113.17 at 2026-03-04 02:13:45', 'user admin-payroll@example.org'],
    date_from: '2026-03-01',
    date_to: '2026-03-06',
    time_zone: 'UTC-6',
  },
});
const post = async (payload: object, headers = prosecutor) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cooperation/requests', headers, payload });
const docxText = async (id: number, headers = prosecutor) => {
  const res = await t.app.inject({ url: `/api/v1/cooperation/requests/${id}/docx`, headers });
  expect(res.statusCode).toBe(200);
  return (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
};

describe('request writer', () => {
  it('drafts a preservation request to Kenya; the DOCX carries the authority, both laws and the data sought', async () => {
    const res = await post(await preservation());
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const got = (
      await t.app.inject({ url: `/api/v1/cooperation/requests/${id}`, headers: prosecutor })
    ).json();
    expect(got.checklist).toEqual([]);
    const text = await docxText(id);
    expect(text).toContain('Request for the expedited preservation of stored computer data');
    expect(text).toContain(KENYA_CENTRAL);
    expect(text).toContain('on the basis of reciprocity');
    expect(text).toMatch(/Unauthorised access/); // Kenya's provision, from the accepted mappings
    expect(text).toMatch(/Acceso ilícito/); // Costa Rica's provision
    expect(text).toContain('203.0.113.17 at 2026-03-04 02:13:45');
    expect(text).toContain('UTC-6');
  });

  it('lists what is missing, and writes to a Spanish-speaking authority in Spanish', async () => {
    const costaRica = (await t.app.inject('/api/v1/authorities?country=CRI&kind=central_mla')).json().items[0]
      .id;
    const res = await post({
      requesting: 'KEN',
      requested: 'CRI',
      kind: 'subscriber',
      legal_basis: 'reciprocity',
      authority_id: costaRica,
      offences: ['computer-fraud'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { checklist } = (
      await t.app.inject({ url: `/api/v1/cooperation/requests/${res.json().id}`, headers: prosecutor })
    ).json();
    expect(checklist.map((m: { code: string }) => m.code)).toEqual(
      expect.arrayContaining([
        'requesting_authority',
        'facts',
        'provider',
        'identifiers',
        'period',
        'time_zone',
      ]),
    );
    const text = await docxText(res.json().id);
    expect(text).toContain('Solicitud de información sobre los abonados');
    expect(text).toContain('[por completar]');
  });

  it('writes in Arabic when asked', async () => {
    const res = await post({ ...(await preservation()), language: 'ara' });
    expect(await docxText(res.json().id)).toContain('طلب التحفظ العاجل على بيانات حاسوبية مخزنة');
  });

  it('refuses a legal basis that does not bind both states, a kind it does not allow, and dates out of order', async () => {
    const base = await preservation();
    const cases: [object, string][] = [
      [{ ...base, legal_basis: 'ETS185' }, 'body.legal_basis'],
      [
        { ...base, requesting: 'FRA', requested: 'DEU', authority_id: null, legal_basis: 'ETS189' },
        'body.kind',
      ],
      [{ ...base, status: 'executed', sent_on: '2026-03-10', answered_on: '2026-03-01' }, 'body.answered_on'],
      [{ ...base, data_sought: { ...base.data_sought, date_to: '2026-02-01' } }, 'body.data_sought.date_to'],
      [{ ...base, requested: 'ARG', legal_basis: 'ETS185' }, 'body.authority_id'],
      [{ ...base, offences: ['extradition'] }, 'body.offences'],
      [{ ...base, requested: 'XYZ' }, 'body.requested'],
      [{ ...base, requesting: 'XYZ' }, 'body.requesting'],
      [{ ...base, requested: 'CRI' }, 'body.requested'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.body, field).toContain(field);
    }
    // Under the Budapest Convention, which binds Costa Rica and Argentina, preservation is allowed (Art. 29).
    expect(
      (await post({ ...base, requested: 'ARG', legal_basis: 'ETS185', authority_id: null })).statusCode,
    ).toBe(201);
  });

  it('a request is seen by its organisation and programme staff only; others get 404, readers 403', async () => {
    const id = (await post(await preservation())).json().id;
    const get = (headers: Record<string, string>) =>
      t.app.inject({ url: `/api/v1/cooperation/requests/${id}`, headers });
    expect((await get(colleague)).statusCode).toBe(200);
    expect((await get(await tokenAs(t, 'programme_officer'))).statusCode).toBe(200);
    expect((await get(stranger)).statusCode).toBe(404);
    expect((await get(await tokenAs(t, 'reader'))).statusCode).toBe(403);
    expect((await t.app.inject(`/api/v1/cooperation/requests/${id}`)).statusCode).toBe(401);
    const list = (await t.app.inject({ url: '/api/v1/cooperation/requests', headers: stranger })).json()
      .items;
    expect(list.some((r: { id: number }) => r.id === id)).toBe(false);
  });
});

describe('request log statistics', () => {
  it('counts sent requests and the median turnaround, without any request text, for the programme only', async () => {
    const base = await preservation();
    for (const [sent, answered, status] of [
      ['2026-04-01', '2026-04-11', 'executed'],
      ['2026-04-02', '2026-04-22', 'refused'],
      ['2026-04-03', null, 'sent'],
    ] as const)
      expect((await post({ ...base, status, sent_on: sent, answered_on: answered })).statusCode).toBe(201);
    const officer = await tokenAs(t, 'programme_officer');
    const stats = await t.app.inject({
      url: '/api/v1/cooperation/statistics?from=2026-04-01&to=2026-04-30',
      headers: officer,
    });
    expect(stats.statusCode).toBe(200);
    const body = stats.json();
    expect(body.total).toMatchObject({ sent: 3, executed: 1, refused: 1, pending: 1, median_days: 15 });
    expect(body.by_requested).toEqual([expect.objectContaining({ key: 'KEN', sent: 3 })]);
    expect(body.by_offence).toEqual([expect.objectContaining({ key: 'illegal-access', sent: 3 })]);
    expect(stats.body).not.toContain('payroll');
    expect(
      (await t.app.inject({ url: '/api/v1/cooperation/statistics', headers: prosecutor })).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      url: '/api/v1/cooperation/statistics?from=2026-05-01&to=2026-04-01',
      headers: officer,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('request writer pages', () => {
  it('a practitioner writes a request through the form and sees the print view with the checklist', async () => {
    const s = await sessionAs(t, 'practitioner');
    const form = parse(
      (
        await t.app.inject({
          url: '/cooperation/requests/new?requesting=CRI&requested=KEN',
          headers: { cookie: s.cookie },
        })
      ).body,
    );
    const basisOptions = form.querySelectorAll('#f-legal_basis option').map((o) => o.text);
    expect(basisOptions).toEqual(['reciprocity']);
    const authority = form
      .querySelectorAll('#f-authority_id option')
      .find((o) => o.text.includes('Attorney-General'))!;
    const res = await postForm(t, s, '/cooperation/requests', {
      requesting: 'CRI',
      requested: 'KEN',
      kind: 'subscriber',
      legal_basis: 'reciprocity',
      authority_id: authority.getAttribute('value')!,
      offences: 'illegal-access',
      identifiers: 'user@example.org\n203.0.113.9',
      confidential: 'on',
    });
    expect(res.statusCode, res.body).toBe(303);
    const page = parse(
      (await t.app.inject({ url: res.headers.location as string, headers: { cookie: s.cookie } })).body,
    );
    expect(page.querySelector('#checklist')!.text).toContain('a summary of the facts');
    expect(page.querySelector('#document')!.text).toContain('Request for subscriber information');
    expect(page.querySelector('#document')!.text).toContain('user@example.org');
    expect(page.querySelector('a[href$="/docx"]')).not.toBeNull();
  });

  it('says at the field what is wrong', async () => {
    const s = await sessionAs(t, 'practitioner');
    const res = await postForm(t, s, '/cooperation/requests', {
      requesting: 'CRI',
      requested: 'KEN',
      kind: 'preservation',
      legal_basis: 'reciprocity',
      date_from: '2026-03-05',
      date_to: '2026-03-01',
    });
    expect(res.statusCode).toBe(400);
    expect(parse(res.body).querySelector('#f-date_to')?.getAttribute('aria-invalid')).toBe('true');
  });
});
