/**
 * Reports: the 2016 programme report of the demo against its records and the seed report's
 * headline figures; a hand-built fixture with every figure computed by hand; an empty period;
 * bad input; DOCX read back; donor report and country profile; repository use without personal data.
 */
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read back from the API, asserted field by field
type Json = Record<string, any>;
let demo: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  demo = await testApp({ demo: true });
  officer = await tokenAs(demo, 'programme_officer');
});
afterAll(() => demo.close());
const get = (t: TestApp, url: string, headers: Record<string, string>) => t.app.inject({ url, headers });
const count = async (t: TestApp, query: string) => Number((await t.db.pool.query(query)).rows[0].n);

describe('the 2016 programme report from the demo data', () => {
  it("shows the seed report's headline figures, each equal to what the records say", async () => {
    const res = await get(demo, '/api/v1/reports/programme?from=2016-01-01&to=2016-12-31', officer);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json().figures as Record<string, number>;
    const in2016 = `a.status = 'delivered' AND coalesce(a.actual_start, a.planned_start) BETWEEN '2016-01-01' AND '2016-12-31'`;
    const trained = await count(
      demo,
      `SELECT sum(p.count) AS n FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE ${in2016} AND p.role IN ('investigator', 'prosecutor', 'judge')`,
    );
    const reached = await count(
      demo,
      `SELECT sum(x.count) AS n FROM audience_count x JOIN activity a ON a.id = x.activity_id WHERE ${in2016}`,
    );
    const mentored = await count(
      demo,
      `SELECT count(*) AS n FROM mentored_investigation WHERE opened <= '2016-12-31' AND (closed IS NULL OR closed >= '2016-01-01')`,
    );
    const served = await count(
      demo,
      `SELECT count(DISTINCT ac.country) AS n FROM activity_country ac JOIN activity a ON a.id = ac.activity_id WHERE a.status = 'delivered' AND coalesce(a.actual_start, a.planned_start) <= '2016-12-31'`,
    );
    expect(f.investigators_prosecutors_judges_trained).toBe(trained);
    expect(f.people_reached).toBe(reached);
    expect(f.investigations_mentored).toBe(mentored);
    expect(f.member_states_served_since_start).toBe(served);
    // "Over 250 investigators, prosecutors and judges … over 11,000 … over 200 investigations … over 50 Member States"
    expect(trained).toBeGreaterThan(250);
    expect(reached).toBeGreaterThan(11000);
    expect(mentored).toBeGreaterThan(200);
    expect(served).toBeGreaterThan(50);
    // The summary says it in words, with the same figures.
    const summary = res.json().sections.find((s: Json) => s.id === 'summary').text as string;
    expect(summary).toContain(`${trained} of them investigators, prosecutors and judges`);
    expect(summary).toContain(
      `outreach reached ${reached.toLocaleString('en')} people, and ${mentored} investigations were mentored`,
    );
    // The six donors of the report paid in 2016; the three regions have activities.
    expect(
      res
        .json()
        .sections.find((s: Json) => s.id === 'funding')
        .tables[0].rows.map((r: Json) => r.cells[0])
        .sort(),
    ).toEqual([
      'Australia',
      'Canada',
      'Japan',
      'Norway',
      'United Kingdom of Great Britain and Northern Ireland',
      'United States of America',
    ]);
    expect(
      Object.keys(f)
        .filter((k) => k.startsWith('by_region.'))
        .map((k) => k.split('.')[1]),
    ).toEqual(expect.arrayContaining(['013', '014', '035']));
  });

  it('links each figure to the records behind it: the linked list holds what the figure counts', async () => {
    const page = parse((await get(demo, '/reports/programme?from=2016-01-01&to=2016-12-31', officer)).body);
    const fig = page.querySelector('#fig-activities_delivered')!;
    const href = fig.querySelector('a')!.getAttribute('href')!;
    const list = await get(demo, href.replace('/assistance/activities', '/api/v1/activities'), officer);
    expect(list.json().items).toHaveLength(Number(fig.getAttribute('data-value')));
    const row = page.querySelector('#tab-by_region tr[data-key="014"]')!;
    const eastAfrica = await get(
      demo,
      row.querySelector('a')!.getAttribute('href')!.replace('/assistance/activities', '/api/v1/activities'),
      officer,
    );
    expect(eastAfrica.json().items).toHaveLength(Number(row.querySelectorAll('td')[0]!.text));
    for (const name of ['investigations_mentored', 'investigations_opened', 'investigations_closed']) {
      const el = page.querySelector(`#fig-${name}`)!;
      const records = await get(
        demo,
        el
          .querySelector('a')!
          .getAttribute('href')!
          .replace('/assistance/mentoring', '/api/v1/mentored-investigations'),
        officer,
      );
      expect(records.json().items, name).toHaveLength(Number(el.getAttribute('data-value')));
    }
    // Readers get the counts, not the link to restricted records.
    const reader = await sessionAs(demo, 'reader');
    const forReader = parse(
      (await get(demo, '/reports/programme?from=2016-01-01&to=2016-12-31', reader.headers)).body,
    );
    expect(forReader.querySelector('#fig-investigations_mentored a')).toBeNull();
  });

  it('downloads as DOCX that reads back with the same figures', async () => {
    const json = (await get(demo, '/api/v1/reports/programme?from=2016-01-01&to=2016-12-31', officer)).json();
    const docx = await get(
      demo,
      '/api/v1/reports/programme?from=2016-01-01&to=2016-12-31&format=docx',
      officer,
    );
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    for (const name of [
      'investigators_prosecutors_judges_trained',
      'people_reached',
      'investigations_mentored',
      'member_states_served_since_start',
    ])
      expect(text).toContain(json.figures[name].toLocaleString('en'));
    expect(text).toContain('Implementation of the Global Programme on Cybercrime');
  });

  it('a period with nothing recorded gives an honest empty report, not an error', async () => {
    const res = await get(demo, '/api/v1/reports/programme?from=1999-01-01&to=1999-12-31', officer);
    expect(res.statusCode).toBe(200);
    expect(res.json().empty).toBe(true);
    expect(res.json().figures.activities_delivered).toBe(0);
    expect(
      parse(
        (await get(demo, '/reports/programme?from=1999-01-01&to=1999-12-31', officer)).body,
      ).querySelector('[role=status]')!.text,
    ).toMatch(/Nothing was recorded/);
  });

  it('refuses bad input with a clear message', async () => {
    const backwards = await get(demo, '/api/v1/reports/programme?from=2016-12-31&to=2016-01-01', officer);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toMatch(/ends before it starts/);
    expect(
      (await get(demo, '/api/v1/reports/donor?from=2016-01-01&to=2016-12-31', officer)).json().error.message,
    ).toMatch(/needs the donor/);
    expect(
      (await get(demo, '/api/v1/reports/donor?from=2016-01-01&to=2016-12-31&donor=99999', officer))
        .statusCode,
    ).toBe(404);
    expect(
      (await get(demo, '/api/v1/reports/country?from=2016-01-01&to=2016-12-31&country=XXX', officer))
        .statusCode,
    ).toBe(404);
    expect((await get(demo, '/api/v1/reports/programme?from=2016-01-01&to=2016-12-31', {})).statusCode).toBe(
      401,
    );
  });

  it("a donor's report lists its contributions and the activities it funded", async () => {
    const orgs = (await get(demo, '/api/v1/organisations', officer)).json().items as Json[];
    const norway = orgs.find((o) => o.name === 'Norway')!;
    const r = (
      await get(demo, `/api/v1/reports/donor?donor=${norway.id}&from=2016-01-01&to=2016-12-31`, officer)
    ).json();
    expect(r.figures.received_usd).toBe(350000);
    const funded = await count(
      demo,
      `SELECT count(*) AS n FROM activity a JOIN activity_partner ap ON ap.activity_id = a.id WHERE ap.organisation_id = ${norway.id} AND ap.role = 'funding' AND a.status = 'delivered' AND a.actual_start BETWEEN '2016-01-01' AND '2016-12-31'`,
    );
    expect(r.figures.activities_funded).toBe(funded);
    expect(funded).toBeGreaterThan(0);
  });

  it("a donor's report names what a contribution is earmarked for, in the reader's language", async () => {
    const orgs = (await get(demo, '/api/v1/organisations', officer)).json().items as Json[];
    const uk = orgs.find((o) => String(o.name).startsWith('United Kingdom'))!;
    const rowsOf = async () => {
      const r = (
        await get(demo, `/api/v1/reports/donor?donor=${uk.id}&from=2016-01-01&to=2016-12-31`, officer)
      ).json();
      return r.sections
        .flatMap((s: Json) => s.tables as Json[])
        .find((x: Json) => x.name === 'contributions')
        .rows.map((row: Json) => (row.cells as string[])[4]);
    };
    expect(await rowsOf()).toContain('region: South-eastern Asia');
    const page = (
      await get(demo, `/reports/donor?donor=${uk.id}&from=2016-01-01&to=2016-12-31&lang=fr`, officer)
    ).body;
    expect(page).toContain('région: Asie du Sud-Est');
  });

  it("a country profile shows the law's coverage, the assessments and the assistance", async () => {
    const r = (
      await get(demo, '/api/v1/reports/country?country=KEN&from=2016-01-01&to=2016-12-31', officer)
    ).json();
    expect(r.subject).toBe('Kenya');
    expect(r.figures.laws).toBeGreaterThan(0);
    expect(r.figures.assessments).toBe(1); // the 2017 one is after the period
    // Kenya's own participants: the regional workshop's (five countries, participants not by country) are not all Kenya's.
    const kenyan = await count(
      demo,
      `SELECT sum(p.count) AS n FROM participant_count p JOIN activity a ON a.id = p.activity_id WHERE a.status = 'delivered' AND a.actual_start BETWEEN '2016-01-01' AND '2016-12-31'
      AND (SELECT array_agg(country) FROM activity_country WHERE activity_id = a.id) = '{KEN}'`,
    );
    expect(r.figures.people_trained).toBe(kenyan);
    expect(Object.keys(r.figures).some((k) => k.startsWith('coverage.criminalisation'))).toBe(true);
  });
});

describe('a report of a hand-built fixture', () => {
  it('gives every figure as computed by hand', async () => {
    const t = await testApp();
    try {
      const h = await tokenAs(t, 'programme_officer');
      const post = async (url: string, body: object) => {
        const res = await t.app.inject({ method: 'POST', url, payload: body, headers: h });
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json();
      };
      const donor = await post('/api/v1/organisations', {
        name: 'Donor A',
        kind: 'government',
        roles: ['donor'],
      });
      const partner = await post('/api/v1/organisations', { name: 'Partner B', kind: 'private_sector' });
      await post('/api/v1/contributions', {
        donor: donor.id,
        amount: 100000,
        currency: 'USD',
        pledged: '2020-01-10',
        received: '2020-02-01',
        period_start: 2020,
        period_end: 2020,
      });
      await post('/api/v1/contributions', {
        donor: donor.id,
        amount: 50000,
        currency: 'EUR',
        usd: 55000,
        pledged: '2020-03-01',
        received: '2021-01-05',
        period_start: 2021,
        period_end: 2021,
      });
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/funding-needs',
        payload: { year: 2020, post: 'Officer', usd: 160000 },
        headers: h,
      });
      const base = { status: 'delivered' };
      await post('/api/v1/activities', {
        ...base,
        kind: 'training_course',
        title: 'One',
        countries: ['KEN'],
        actual_start: '2020-03-02',
        partners: [
          { organisation: donor.id, role: 'funding' },
          { organisation: partner.id, role: 'implementing' },
        ],
        participants: [
          { role: 'investigator', sex: 'female', count: 7 },
          { role: 'investigator', sex: 'male', count: 5 },
          { role: 'policy_maker', sex: 'male', count: 2 },
        ],
      });
      await post('/api/v1/activities', {
        ...base,
        kind: 'training_course',
        title: 'Two',
        countries: ['UGA', 'TZA'],
        actual_start: '2020-06-01',
        participants: [
          { role: 'judge', sex: 'female', count: 3 },
          { role: 'prosecutor', sex: 'not_recorded', count: 4 },
        ],
      });
      await post('/api/v1/activities', {
        ...base,
        kind: 'outreach_campaign',
        title: 'Three',
        countries: ['KEN'],
        actual_start: '2020-09-01',
        audiences: [
          { audience: 'children', count: 120 },
          { audience: 'caregivers', count: 30 },
        ],
      });
      await post('/api/v1/activities', {
        kind: 'training_course',
        title: 'Planned, not delivered',
        countries: ['RWA'],
        planned_start: '2020-10-01',
        participants: [{ role: 'investigator', sex: 'male', count: 50 }],
      });
      await post('/api/v1/activities', {
        ...base,
        kind: 'conference',
        title: 'Four, two regions',
        countries: ['KEN', 'PHL'],
        actual_start: '2020-11-02',
      });
      await post('/api/v1/activities', {
        ...base,
        kind: 'training_course',
        title: "Another organisation's",
        implementer: 'Other Org',
        countries: ['KEN'],
        actual_start: '2020-03-02',
        participants: [{ role: 'judge', sex: 'male', count: 100 }],
      });
      await post('/api/v1/activities', {
        ...base,
        kind: 'workshop',
        title: 'Before the period',
        countries: ['ETH'],
        actual_start: '2019-12-01',
        participants: [{ role: 'judge', sex: 'male', count: 9 }],
      });
      await post('/api/v1/mentored-investigations', { country: 'KEN', opened: '2019-11-01', mentor: 'M' }); // open through 2020
      await post('/api/v1/mentored-investigations', {
        country: 'UGA',
        opened: '2020-05-01',
        closed: '2020-07-01',
        status: 'closed',
        mentor: 'M',
      });
      await post('/api/v1/mentored-investigations', {
        country: 'UGA',
        opened: '2019-01-01',
        closed: '2019-06-01',
        status: 'closed',
        mentor: 'M',
      }); // before
      const req1 = await post('/api/v1/requests', {
        country: 'MWI',
        agency: 'Police',
        received: '2020-04-01',
        kind: 'training',
        description: 'x',
      });
      await post(`/api/v1/requests/${req1.id}/transitions`, { to: 'declined', reason: 'no_funding' });
      await post('/api/v1/requests', {
        country: 'ZMB',
        agency: 'Police',
        received: '2020-05-01',
        kind: 'training',
        description: 'y',
      });

      const r = (await get(t, '/api/v1/reports/programme?from=2020-01-01&to=2020-12-31', h)).json();
      expect(r.empty).toBe(false);
      expect(r.figures).toMatchObject({
        activities_delivered: 4, // One, Two, Three, Four (not the other organisation's)
        member_states_served: 4, // KEN, UGA, TZA, PHL
        member_states_served_since_start: 5, // + ETH in 2019
        people_trained: 21, // 7 + 5 + 2 + 3 + 4
        investigators_prosecutors_judges_trained: 19, // without the 2 policy makers
        people_reached: 150,
        investigations_mentored: 2,
        investigations_opened: 1,
        investigations_closed: 1,
        investigations_countries: 2,
        requests_received: 2,
        requests_met: 0,
        requests_declined_no_funding: 1,
        partners: 1,
        funding_received_usd: 100000, // the EUR one arrived in 2021
        funding_needed_usd: 160000,
        funding_gap_usd: 60000,
        'trained_by_role.investigator': 12,
        'trained_by_role.judge': 3,
        'trained_by_role.prosecutor': 4,
        'trained_by_role.policy_maker': 2,
        'trained_by_sex.female': 10,
        'trained_by_sex.male': 7,
        'trained_by_sex.not_recorded': 4,
        'reached_by_audience.children': 120,
        'reached_by_audience.caregivers': 30,
        'by_region.014.activities': 3, // One, Two, Three
        'by_region.014.countries': 3, // KEN, UGA, TZA
        'by_region.014.trained': 21,
        'by_region.014.reached': 150,
        'by_region.035.activities': 0, // PHL only through Four,
        'by_region.035.countries': 1, // which counts once, under several regions
        'by_region.multi.activities': 1,
        'by_region.multi.trained': 0,
        funding_surplus_usd: 0,
        [`donors.${donor.id}`]: 100000,
      });
      const d = (
        await get(t, `/api/v1/reports/donor?donor=${donor.id}&from=2020-01-01&to=2020-12-31`, h)
      ).json();
      expect(d.figures).toMatchObject({
        pledged_usd: 155000,
        received_usd: 100000,
        contributions: 2,
        activities_funded: 1,
        people_trained: 14,
        people_reached: 0,
      });
    } finally {
      await t.close();
    }
  });
});

describe('repository use', () => {
  it('counts page views and searches per day, top searches and searches with no result, and keeps nothing about the visitor', async () => {
    const t = await testApp({ demo: true });
    try {
      for (const url of [
        '/',
        '/search?q=computer',
        '/search?q=Computer',
        '/search?q=zzzqqq',
        '/api/v1/search?q=zzzqqq',
        '/countries/KEN',
      ])
        await t.app.inject({
          url,
          headers: { 'user-agent': 'TestAgent/1.0', 'x-forwarded-for': '203.0.113.9' },
        });
      const staff = (await sessionAs(t, 'programme_officer')).headers;
      for (const url of ['/assistance', '/reports', '/countries/KEN/progress'])
        expect((await t.app.inject({ url, headers: staff })).statusCode).toBe(200); // staff at work: not counted
      const h = await tokenAs(t, 'programme_officer');
      const use = (await get(t, '/api/v1/usage', h)).json();
      expect(use.searches).toBe(4);
      expect(use.zero_result_searches).toBe(2);
      expect(use.top_searches[0]).toEqual({ term: 'computer', searches: 2 });
      expect(use.zero_results).toEqual([{ term: 'zzzqqq', searches: 2 }]);
      expect(use.sections).toEqual([
        { section: 'search', views: 3 },
        { section: 'countries', views: 1 },
        { section: 'home', views: 1 },
      ]);
      const stored =
        JSON.stringify((await t.db.pool.query('SELECT * FROM usage_daily')).rows) +
        JSON.stringify((await t.db.pool.query('SELECT * FROM search_daily')).rows);
      expect(stored).not.toMatch(/TestAgent|203\.0\.113/);
      const page = parse((await t.app.inject({ url: '/usage', headers: staff })).body);
      expect(page.querySelector('#use-none')!.text).toContain('zzzqqq');
      expect((await get(t, '/api/v1/usage', await tokenAs(t, 'reader'))).statusCode).toBe(403);
      const backwards = await get(t, '/api/v1/usage?from=2030-01-01&to=2029-01-01', h);
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.message).toBe('to: the period ends before it starts');
      const report = (await get(t, `/api/v1/reports/programme?from=${use.from}&to=${use.to}`, h)).json();
      expect(report.figures.searches).toBe(4);
      expect(report.figures.zero_result_searches).toBe(2);
      expect(report.figures['top_searches.computer']).toBe(2);
      const forReader = (
        await get(t, `/api/v1/reports/programme?from=${use.from}&to=${use.to}`, await tokenAs(t, 'reader'))
      ).json();
      expect(forReader.figures.searches).toBe(4);
      expect(JSON.stringify(forReader)).not.toContain('zzzqqq'); // what people searched for is for programme staff only
    } finally {
      await t.close();
    }
  });
});
