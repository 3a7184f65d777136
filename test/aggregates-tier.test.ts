/**
 * Every aggregate gives the public the same answer whether or not drafts, internal or restricted
 * items exist: the public site (every page reachable from the home page) and the aggregate APIs —
 * coverage, matrix, map, comparison, gap reports, crosswalk, articles, `/programme`, feeds — are
 * read signed out, then drafts, internal and restricted laws with accepted mappings, a completed
 * review of a draft, hidden cases, documents and activities are added, and everything is read again.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload, workPayload } from './factories.js';
import { crawl, sessionAs, testApp, type TestApp } from './helpers.js';

const MARKER = 'QZ9HIDDENAGGREGATE';
let t: TestApp;
let admin: Record<string, string>;

const AGGREGATES = [
  '/coverage',
  '/coverage?instrument=UNCC2024',
  '/coverage?sort=share',
  '/coverage/KEN',
  '/coverage/GHA',
  '/coverage/KEN/gap-report',
  '/coverage/GHA/gap-report',
  '/coverage/KEN/gap-report?instrument=UNCC2024',
  '/api/v1/coverage',
  '/api/v1/coverage?instrument=UNCC2024',
  '/api/v1/coverage?format=csv',
  '/api/v1/coverage/KEN/gap-report',
  '/api/v1/coverage/GHA/gap-report',
  '/api/v1/reviews/GHA/ETS185',
  '/api/v1/reviews/KEN/ETS185',
  '/compare?article=ETS185:2',
  '/compare?article=ETS185:2&country=KEN&country=GHA',
  '/compare?concept=illegal-access',
  '/api/v1/compare?article=ETS185:2',
  '/api/v1/compare?article=ETS185:7&countries=KEN,GHA',
  '/crosswalk',
  '/countries',
  '/countries/KEN',
  '/countries/GHA',
  '/api/v1/countries',
  '/api/v1/countries/KEN',
  '/api/v1/articles',
  '/api/v1/instruments/ETS185/articles/2',
  '/instruments/ETS185/articles/2',
  '/instruments/ETS185/articles/7',
  '/programme',
  '/feeds/search.atom',
  '/feeds/KEN/works.atom',
  '/feeds/KEN/cases.atom',
  '/feeds/KEN/provisions.atom',
  '/',
];

/** What changes from one request to the next whatever the data: per-request tokens and nonces. */
const normalise = (body: string) =>
  body
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/<updated>[^<]*<\/updated>/g, '<updated/>');

/** The text of a Word or Excel download (their zip archives carry the time they were made). */
async function officeText(url: string): Promise<string | null> {
  const res = await t.app.inject(url);
  const type = String(res.headers['content-type']);
  if (type.includes('wordprocessingml'))
    return (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
  if (!type.includes('spreadsheetml')) return null;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.worksheets
    .map((sheet) =>
      sheet
        .getSheetValues()
        .map((row) => JSON.stringify(row))
        .join('\n'),
    )
    .join('\n\n');
}

async function readAll(): Promise<Map<string, string>> {
  const pages = await crawl(t, ['/', ...AGGREGATES]);
  for (const url of AGGREGATES) if (!pages.has(url)) pages.set(url, (await t.app.inject(url)).body);
  for (const url of pages.keys())
    if (/\.docx|\/docx\?|format=xlsx/.test(url)) pages.set(url, (await officeText(url)) ?? pages.get(url)!);
  return new Map([...pages].map(([url, body]) => [url, normalise(body)]));
}

let before: Map<string, string>;

beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = { authorization: `Bearer ${t.token}` };
  before = await readAll();

  const send = async (method: 'POST' | 'PATCH', url: string, payload: object, expected = [200, 201]) => {
    const res = await t.app.inject({ method, url, headers: admin, payload });
    expect(expected, `${url}: ${res.body}`).toContain(res.statusCode);
    return res.json();
  };
  const publish = async (kind: string, id: string) => {
    for (const to of ['in_review', 'published'])
      await send('POST', `/api/v1/${kind}/${id}/transition`, { to });
  };
  const law = (country: string, number: string, tier: string, articles: string[]) => {
    const w = workPayload({ country, number, tier, title: { eng: `${MARKER} ${tier} Act ${number}` } });
    w.expressions[0].provisions[1].text = `${MARKER}: a person who accesses a computer system without authority commits an offence.`;
    w.expressions[0].provisions[1].mappings = articles.map((article) => ({
      instrument: 'ETS185',
      article,
      coverage: 'full',
    }));
    return w;
  };
  // Published laws of restricted and internal tier, covering articles Kenya's public laws may not.
  await publish(
    'works',
    (await send('POST', '/api/v1/works', law('KEN', 'R7', 'restricted', ['2', '7', '8']))).id,
  );
  await publish('works', (await send('POST', '/api/v1/works', law('KEN', 'I7', 'internal', ['3', '9']))).id);
  // Drafts: one in Kenya, one in Ghana (no public law), whose review is marked complete.
  await send('POST', '/api/v1/works', law('KEN', 'D7', 'public', ['4', '5']));
  await send('POST', '/api/v1/works', law('GHA', 'D8', 'public', ['2', '3']));
  await send('PATCH', '/api/v1/reviews/GHA/ETS185', {
    status: 'complete',
    summary: `${MARKER} summary`,
    recommendations: { '4': `${MARKER} recommendation` },
  });
  // Hidden cases, documents and programme records.
  await publish(
    'cases',
    (
      await send(
        'POST',
        '/api/v1/cases',
        casePayload({
          case_number: 'R-9',
          tier: 'restricted',
          title: `Republic v. ${MARKER}`,
          cites_provisions: [{ work: 'ke-act-2019-14', eid: 'sec_4' }],
        }),
      )
    ).id,
  );
  await send('POST', '/api/v1/cases', casePayload({ case_number: 'D-9', title: `Draft ${MARKER}` }));
  await publish(
    'documents',
    (
      await send('POST', '/api/v1/documents', {
        type: 'report',
        title: `Internal ${MARKER}`,
        language: 'eng',
        date: '2025-02-03',
        summary: MARKER,
        country: 'KEN',
        tier: 'internal',
      })
    ).id,
  );
  for (const tier of ['internal', 'restricted'])
    await send('POST', '/api/v1/activities', {
      kind: 'workshop',
      title: `${MARKER} ${tier} workshop`,
      countries: ['KEN', 'GHA'],
      actual_start: '2016-03-01',
      actual_end: '2016-03-03',
      status: 'delivered',
      tier,
      participants: [{ role: 'prosecutor', sex: 'female', count: 40, country: 'KEN' }],
    });
}, 300_000);
afterAll(() => t?.close());

describe('aggregates follow the caller’s tier and the editorial status of what they are built from', () => {
  it('the public gets the same answer on every aggregate page and API before and after hidden items are added', async () => {
    const after = await readAll();
    expect(after.size).toBeGreaterThan(300);
    const changed = [...after]
      .filter(([url, body]) => before.has(url) && before.get(url) !== body)
      .map(([url]) => url);
    expect(changed).toEqual([]);
    const leaks = [...after].filter(([, body]) => body.includes(MARKER)).map(([url]) => url);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('those who review a country see the draft’s review; the public never sees who reviewed', async () => {
    const editor = await sessionAs(t, 'editor');
    const review = (
      await t.app.inject({ url: '/api/v1/reviews/GHA/ETS185', headers: editor.headers })
    ).json();
    expect(review).toMatchObject({
      status: 'complete',
      summary: `${MARKER} summary`,
      reviewer: expect.stringMatching(/^token:/),
    });
    const report = (
      await t.app.inject({ url: '/api/v1/coverage/GHA/gap-report', headers: editor.headers })
    ).json();
    expect(report.counts.covered).toBe(2);
    expect(report.counts.missing).toBeGreaterThan(10);
    // Kenya's review completed by an editor: the public sees it, without the reviewer's name.
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/reviews/KEN/ETS185',
      headers: editor.headers,
      payload: { status: 'complete' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const kenya = (await t.app.inject('/api/v1/reviews/KEN/ETS185')).json();
    expect(kenya).toMatchObject({ status: 'complete', reviewer: null });
    const page = (await t.app.inject('/coverage/KEN/gap-report')).body;
    expect(page).not.toContain(editor.email);
    expect((await t.app.inject({ url: '/coverage/KEN/gap-report', headers: editor.headers })).body).toContain(
      editor.email,
    );
  });

  it('no API answer names a member of staff to the public; signed-in readers see who did what', async () => {
    const editor = await sessionAs(t, 'editor');
    const work = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/works',
        headers: editor.headers,
        payload: workPayload({ number: 'E7' }),
      })
    ).json();
    for (const to of ['in_review', 'published'])
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/works/${work.id}/transition`,
        headers: admin,
        payload: { to },
      });
    const urls = [
      `/api/v1/works/${work.id}`,
      `/api/v1/works?country=KEN&limit=200`,
      `/api/v1/mappings?country=KEN&limit=500`,
      '/api/v1/cases?limit=5',
      '/api/v1/documents?limit=5',
    ];
    for (const url of urls) {
      const body = (await t.app.inject(url)).body;
      expect(body, url).not.toContain(editor.email);
      expect(body, url).not.toMatch(/"(created_by|updated_by|reviewer)":"/);
    }
    const reader = await sessionAs(t, 'reader');
    expect(
      (await t.app.inject({ url: `/api/v1/works/${work.id}`, headers: reader.headers })).json().created_by,
    ).toBe(`user:${editor.email}`);
  });
});
