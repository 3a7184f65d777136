import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload, workPayload } from './factories.js';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const auth = () => ({ authorization: `Bearer ${t.token}` });

describe('reference API', () => {
  it('lists every ISO country with names in the six UN languages and M49 regions', async () => {
    const res = await t.app.inject('/api/v1/countries');
    expect(res.statusCode).toBe(200);
    const { items, next_cursor } = res.json();
    expect(items).toHaveLength(250);
    expect(next_cursor).toBeNull();
    const kenya = items.find((c: { iso3: string }) => c.iso3 === 'KEN');
    expect(kenya.names).toMatchObject({
      en: 'Kenya',
      fr: 'Kenya',
      es: 'Kenya',
      ru: 'Кения',
      zh: '肯尼亚',
      ar: 'كينيا',
    });
    expect(kenya.subregion.en).toBe('Sub-Saharan Africa');
    expect(kenya.intermediate.en).toBe('Eastern Africa');
  });

  it('pages countries with a cursor and filters by region', async () => {
    const first = (await t.app.inject('/api/v1/countries?limit=100')).json();
    const second = (await t.app.inject(`/api/v1/countries?limit=100&cursor=${first.next_cursor}`)).json();
    const third = (await t.app.inject(`/api/v1/countries?limit=100&cursor=${second.next_cursor}`)).json();
    expect(third.next_cursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((c: { iso3: string }) => c.iso3);
    expect(new Set(all).size).toBe(250);
    const eastAfrica = (await t.app.inject('/api/v1/countries?region=014'))
      .json()
      .items.map((c: { iso3: string }) => c.iso3);
    expect(eastAfrica).toContain('KEN');
    expect(eastAfrica).not.toContain('THA');
    const busiest = (await t.app.inject('/api/v1/countries?sort=-items&limit=3')).json().items;
    expect(busiest[0].works + busiest[0].cases + busiest[0].documents).toBeGreaterThanOrEqual(
      busiest[2].works + busiest[2].cases + busiest[2].documents,
    );
    expect((await t.app.inject('/api/v1/countries?sort=colour')).statusCode).toBe(400);
  });

  it('gives an article with its crosswalk counterpart and the national provisions mapped to it', async () => {
    const res = await t.app.inject('/api/v1/instruments/ETS185/articles/2');
    const body = res.json();
    expect(body.title).toBe('Illegal access');
    expect(body.crosswalk).toEqual([expect.objectContaining({ instrument: 'UNCC2024', article: '7' })]);
    const countries = new Set(body.provisions.map((p: { country: string }) => p.country));
    expect(countries.size).toBeGreaterThanOrEqual(10);
    expect(body.concepts.map((c: { code: string }) => c.code)).toContain('illegal-access');
  });

  it('lists concepts with labels in English, French and Spanish', async () => {
    const { items } = (await t.app.inject('/api/v1/concepts')).json();
    expect(items.length).toBeGreaterThanOrEqual(40);
    for (const c of items) {
      expect(c.labels.en && c.labels.fr && c.labels.es).toBeTruthy();
      expect(c.articles.length).toBeGreaterThan(0);
    }
  });
});

describe('works API', () => {
  it('lists works newest first and walks every page with the cursor', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const res = (await t.app.inject(`/api/v1/works?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...res.items.map((w: { id: string }) => w.id));
      if (!res.next_cursor) break;
      cursor = res.next_cursor;
    }
    const all = (await t.app.inject('/api/v1/works?limit=200')).json().items.map((w: { id: string }) => w.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
    const years = (await t.app.inject('/api/v1/works?limit=200'))
      .json()
      .items.map((w: { year: number }) => w.year);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
  });

  it('filters works by country', async () => {
    const { items } = (await t.app.inject('/api/v1/works?country=THA')).json();
    expect(items.map((w: { country: string }) => w.country)).toEqual(['THA']);
  });

  it('creates, reads, updates and deletes a work with a token, recording each change in the audit log', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: auth(),
      payload: workPayload(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'ke-act-2024-99', uri: '/akn/ke/act/2024/99' });

    // A new work is a draft: the public does not see it, its author (an admin here) does.
    expect((await t.app.inject('/api/v1/works/ke-act-2024-99')).statusCode).toBe(404);
    const got = (await t.app.inject({ url: '/api/v1/works/ke-act-2024-99', headers: auth() })).json();
    expect(got.editorial_status).toBe('draft');
    expect(got.expression.provisions.map((p: { eid: string }) => p.eid)).toEqual(['sec_1', 'sec_2']);
    expect(got.expression.provisions[1].children[0].eid).toBe('sec_2__subsec_1');

    const mapped = (
      await t.app.inject({ url: '/api/v1/provisions?article=ETS185:2&work=ke-act-2024-99', headers: auth() })
    ).json();
    expect(mapped.items.map((p: { eid: string }) => p.eid)).toEqual(['sec_2']);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/ke-act-2024-99',
      headers: auth(),
      payload: { status: 'repealed' },
    });
    expect(patched.json().status).toBe('repealed');

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/works/ke-act-2024-99',
      headers: auth(),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/works/ke-act-2024-99', headers: auth() })).statusCode).toBe(
      404,
    );

    const { rows } = await t.db.pool.query(
      `SELECT action FROM audit_event WHERE entity_type = 'work' AND entity_id = 'ke-act-2024-99' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses writes without a valid token', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/works', payload: workPayload() });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: { authorization: 'Bearer nope' },
      payload: workPayload(),
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('answers 409 for a duplicate work URI and a duplicate expression language and date', async () => {
    const payload = workPayload({ number: '77' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/works', headers: auth(), payload })).statusCode,
    ).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/works', headers: auth(), payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    const expr = payload.expressions[0];
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works/ke-act-2024-77/expressions',
      headers: auth(),
      payload: expr,
    });
    expect(dup.statusCode).toBe(409);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works/ke-act-2024-77/expressions',
      headers: auth(),
      payload: { ...expr, language: 'swa', authoritative: false },
    });
    expect(other.statusCode).toBe(201);
  });

  it('answers 400 with the field errors for an invalid body, and writes nothing', async () => {
    const before = (await t.app.inject('/api/v1/works?limit=200')).json().items.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: auth(),
      payload: workPayload({ year: 'soon', country: 'kenya' }),
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_request');
    const fields = error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.year', 'body.country']));
    expect((await t.app.inject('/api/v1/works?limit=200')).json().items).toHaveLength(before);
  });

  it('answers 400 for a bad cursor or sort and 404 for unknown ids', async () => {
    expect((await t.app.inject('/api/v1/works?cursor=garbage')).json().error.code).toBe('invalid_cursor');
    expect((await t.app.inject('/api/v1/works?sort=colour')).statusCode).toBe(400);
    const missing = await t.app.inject('/api/v1/cases/no-such-case');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'not_found', message: 'Case no-such-case not found' });
    expect((await t.app.inject('/api/v1/provisions/999999999')).statusCode).toBe(404);
  });

  it('rolls back a work whose mapping names an unknown article', async () => {
    const payload = workPayload({ number: '55' });
    payload.expressions[0].provisions[1].mappings = [
      { instrument: 'ETS185', article: '999', coverage: 'full' },
    ];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/works', headers: auth(), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_reference');
    expect((await t.app.inject('/api/v1/works/ke-act-2024-55')).statusCode).toBe(404);
  });
});

describe('cases and documents API', () => {
  it('creates a case citing a provision and shows it on the provision', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: auth(),
      payload: casePayload({
        cites_provisions: [{ work: 'ke-act-2019-14', eid: 'sec_4' }],
        cites_articles: [{ instrument: 'ETS185', article: '2' }],
      }),
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.id).toBe('ken-2024-cr-1-2024');
    expect(created.parties).toEqual([
      { role: 'defendant', name: 'A.B.', kind: 'person', charges: ['unauthorised access'] },
    ]);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: auth(),
      payload: { title: 'Republic v. A.B. and another' },
    });
    expect(patched.json()).toMatchObject({
      title: 'Republic v. A.B. and another',
      parties: created.parties,
      court_level: 'first_instance',
      cites_articles: created.cites_articles,
    });
    const provisions = (await t.app.inject('/api/v1/provisions?work=ke-act-2019-14')).json().items;
    const sec4 = provisions.find((p: { eid: string }) => p.eid === 'sec_4');
    const detail = (await t.app.inject({ url: `/api/v1/provisions/${sec4.id}`, headers: auth() })).json();
    expect(detail.cases.map((c: { id: string }) => c.id)).toContain('ken-2024-cr-1-2024');
    // Until it is published, the public does not see the new case on the provision.
    const publicDetail = (await t.app.inject(`/api/v1/provisions/${sec4.id}`)).json();
    expect(publicDetail.cases.map((c: { id: string }) => c.id)).not.toContain('ken-2024-cr-1-2024');
  });

  it('filters cases and documents and pages through them', async () => {
    const cases = (await t.app.inject('/api/v1/cases?country=THA')).json().items;
    expect(cases.length).toBe(4);
    const page1 = (await t.app.inject('/api/v1/documents?limit=5')).json();
    const page2 = (await t.app.inject(`/api/v1/documents?limit=5&cursor=${page1.next_cursor}`)).json();
    expect(page1.items.map((d: { id: string }) => d.id)).not.toContain(page2.items[0].id);
    const strategies = (await t.app.inject('/api/v1/documents?type=strategy')).json().items;
    expect(strategies.length).toBeGreaterThan(0);
    expect(strategies.every((d: { type: string }) => d.type === 'strategy')).toBe(true);
  });

  it('updates and deletes a document', async () => {
    const doc = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: auth(),
      payload: {
        type: 'good_practice',
        title: 'Preserving volatile evidence',
        language: 'eng',
        date: '2025-01-10',
        summary: 'How first responders keep RAM.',
        country: 'KEN',
      },
    });
    expect(doc.statusCode).toBe(201);
    const id = doc.json().id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${id}`,
      headers: auth(),
      payload: { title: 'Preserving volatile digital evidence' },
    });
    expect(patched.json()).toMatchObject({
      title: 'Preserving volatile digital evidence',
      summary: 'How first responders keep RAM.',
      country: 'KEN',
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/documents/${id}`, headers: auth() })).statusCode,
    ).toBe(204);
  });
});

describe('limits', () => {
  it('answers 413 for a body over the limit', async () => {
    const small = await testApp({ maxUploadMb: 0.01 });
    try {
      const payload = workPayload({ title: { eng: 'x'.repeat(20_000) } });
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/v1/works',
        headers: { authorization: `Bearer ${small.token}` },
        payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });
});
