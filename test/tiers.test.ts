/**
 * Restricted and internal items never reach someone who may not see them: a unique marker in
 * restricted (and draft) items is searched for in every public page reachable from the home page,
 * every public API list and item, the OpenAPI document and the counts.
 */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload, workPayload } from './factories.js';
import { crawl, tokenAs, testApp, type TestApp } from './helpers.js';

const MARKER = 'QX7RESTRICTEDMARKER';
const INTERNAL = 'QX7INTERNALMARKER';
let t: TestApp;
let admin: Record<string, string>;
let reader: Record<string, string>;
let homeBefore: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = { authorization: `Bearer ${t.token}` };
  reader = await tokenAs(t, 'reader', [], 'read');
  homeBefore = (await t.app.inject('/')).body;
  const publish = async (kind: string, id: string) => {
    for (const to of ['in_review', 'published']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/${kind}/${id}/transition`,
        headers: admin,
        payload: { to },
      });
      expect(res.statusCode).toBe(200);
    }
  };
  const create = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: admin, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const work = workPayload({ number: 'R1', tier: 'restricted', title: { eng: `Secret ${MARKER} Act` } });
  work.expressions[0].provisions[1].text = `The ${MARKER} provision on unauthorised access.`;
  await publish('works', await create('/api/v1/works', work));
  await publish(
    'cases',
    await create(
      '/api/v1/cases',
      casePayload({
        case_number: 'R-1',
        tier: 'restricted',
        title: `Republic v. ${MARKER}`,
        brief: { facts: MARKER },
        cites_provisions: [{ work: 'ke-act-2019-14', eid: 'sec_4' }],
      }),
    ),
  );
  await publish(
    'documents',
    await create('/api/v1/documents', {
      type: 'lesson_learned',
      title: `Mentoring ${MARKER}`,
      language: 'eng',
      date: '2025-02-02',
      summary: MARKER,
      country: 'KEN',
      tier: 'restricted',
    }),
  );
  // A published internal item and an unpublished public draft.
  await publish(
    'documents',
    await create('/api/v1/documents', {
      type: 'report',
      title: `Internal ${INTERNAL}`,
      language: 'eng',
      date: '2025-02-03',
      summary: INTERNAL,
      country: 'KEN',
      tier: 'internal',
    }),
  );
  // An authority whose contact (restricted) carries the marker; its public part does not.
  const authority = await t.app.inject({
    method: 'POST',
    url: '/api/v1/authorities',
    headers: admin,
    payload: {
      country: 'KEN',
      kind: 'designated',
      name: 'Directorate of Criminal Investigations',
      requirements: 'A summary of the facts.',
      contact: { person: `Desk ${MARKER}`, email: `${MARKER.toLowerCase()}@example.org`, phone: MARKER },
    },
  });
  expect(authority.statusCode, authority.body).toBe(201);
  await create(
    '/api/v1/cases',
    casePayload({ case_number: 'D-1', title: `Draft ${MARKER}`, brief: { facts: MARKER } }),
  );
});
afterAll(() => t.close());

const SEARCHES = [
  '/api/v1/search?q=qx7restrictedmarkr',
  `/api/v1/search?q=${MARKER}`,
  `/api/v1/search?q=${INTERNAL}`,
  '/api/v1/search?q=Secret',
  '/api/v1/search?type=case&country=KEN&limit=50',
  `/search?q=${MARKER}`,
  `/feeds/search.atom?q=${MARKER}`,
  '/feeds/KEN/cases.atom',
  '/feeds/KEN/documents.atom',
  '/feeds/KEN/works.atom',
  '/feeds/search.atom',
];
const API_LISTS = [
  '/api/v1/works?limit=200',
  '/api/v1/cases?limit=200',
  '/api/v1/documents?limit=200',
  '/api/v1/provisions?limit=500',
  '/api/v1/countries',
  '/api/v1/articles',
  '/api/v1/instruments/ETS185/articles/2',
  '/api/v1/instruments/UNCC2024/articles/7',
  '/api/v1/countries/KEN',
  '/api/v1/authorities',
  '/api/v1/authorities?format=csv',
  '/api/openapi.json',
];

describe('access tiers', () => {
  it('the restricted marker appears on no public page reachable from the home page', async () => {
    const pages = await crawl(t, ['/']);
    expect(pages.size).toBeGreaterThan(300);
    const leaks = [...pages]
      .filter(([, body]) => body.includes(MARKER) || body.includes(INTERNAL))
      .map(([url]) => url);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('the marker appears in no public API list or item, and the items themselves are 404', async () => {
    for (const url of API_LISTS) expect((await t.app.inject(url)).body, url).not.toContain(MARKER);
    const works = (await t.app.inject({ url: '/api/v1/works?limit=200', headers: admin })).json().items;
    const secret = works.find((w: { title: { eng: string } }) => w.title.eng.includes(MARKER));
    expect(secret.tier).toBe('restricted');
    for (const url of [`/api/v1/works/${secret.id}`, secret.uri, `/api/v1/works/${secret.id}/history`])
      expect((await t.app.inject(url)).statusCode, url).toBeGreaterThanOrEqual(401);
    const provisions = (
      await t.app.inject({ url: `/api/v1/provisions?work=${secret.id}`, headers: admin })
    ).json().items;
    expect((await t.app.inject(`/api/v1/provisions/${provisions[0].id}`)).statusCode).toBe(404);
    // A public provision cited by the restricted case does not reveal it.
    const sec4 = (await t.app.inject('/api/v1/provisions?work=ke-act-2019-14'))
      .json()
      .items.find((p: { eid: string }) => p.eid === 'sec_4');
    expect((await t.app.inject(`/api/v1/provisions/${sec4.id}`)).body).not.toContain(MARKER);
  });

  it('search, its facets and the feeds never show or count restricted, internal or draft items to the public', async () => {
    for (const url of SEARCHES) {
      const body = (await t.app.inject(url)).body;
      // What the page or feed shows of the repository (the user's own query is echoed in links and titles).
      const doc = parse(body);
      const shown = url.startsWith('/search')
        ? `${doc.querySelector('ol.search-results')?.text} ${doc.querySelector('.facets')?.text} ${doc.querySelector('.suggestion')?.text ?? ''}`
        : url.startsWith('/feeds')
          ? body.replace(/<(title|id)>[^<]*<\/\1>|<link[^>]*>/g, '')
          : body;
      expect(shown.toLowerCase(), url).not.toContain(MARKER.toLowerCase());
      expect(shown.toLowerCase(), url).not.toContain(INTERNAL.toLowerCase());
    }
    expect((await t.app.inject(`/api/v1/search?q=${MARKER}`)).json().total).toBe(0);
    const officer = await tokenAs(t, 'programme_officer');
    expect(
      (await t.app.inject({ url: `/api/v1/search?q=${MARKER}`, headers: officer })).json().total,
    ).toBeGreaterThanOrEqual(3);
  });

  it('counts on the home page and per country do not include what the reader may not see', async () => {
    expect((await t.app.inject('/')).body.match(/<strong>[\d,]+<\/strong>/g)).toEqual(
      homeBefore.match(/<strong>[\d,]+<\/strong>/g),
    );
    const ken = (await t.app.inject('/api/v1/countries/KEN')).json();
    const kenAdmin = (await t.app.inject({ url: '/api/v1/countries/KEN', headers: admin })).json();
    expect(kenAdmin.works).toBe(ken.works + 1);
    expect(kenAdmin.documents).toBe(ken.documents + 2);
  });

  it('a reader sees internal items but not restricted ones; a programme officer sees both', async () => {
    const asReader = (await t.app.inject({ url: '/api/v1/documents?limit=200', headers: reader })).body;
    expect(asReader).toContain(INTERNAL);
    expect(asReader).not.toContain(MARKER);
    const officer = await tokenAs(t, 'programme_officer');
    const asOfficer = (await t.app.inject({ url: '/api/v1/documents?limit=200', headers: officer })).body;
    expect(asOfficer).toContain(MARKER);
    // The same pages do show the marker to someone allowed to see it (so the crawl can find leaks).
    expect((await t.app.inject({ url: '/cases?country=KEN', headers: officer })).body).toContain(MARKER);
    expect((await t.app.inject({ url: '/api/v1/authorities', headers: officer })).body).toContain(MARKER);
    expect((await t.app.inject({ url: '/api/v1/authorities', headers: reader })).body).not.toContain(MARKER);
    const readerPages = await crawl(t, ['/'], reader, 400);
    expect([...readerPages].filter(([, body]) => body.includes(MARKER)).map(([url]) => url)).toEqual([]);
  }, 120_000);
});
