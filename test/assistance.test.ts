/** Technical assistance: requests through their status machine, activities with participants, the dashboard, access. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, sessionAs, tokenAs, testApp, type TestApp } from './helpers.js';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await tokenAs(t, 'programme_officer');
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object, headers = officer) =>
  t.app.inject({ method, url, payload: body, headers });
const request = {
  country: 'KEN',
  agency: 'National Police Service, Cybercrime Unit',
  received: '2026-02-03',
  kind: 'training',
  description: 'Training of investigators in digital evidence.',
};

describe('requests', () => {
  it('move along the status machine with who and when; a move it does not allow is a 409 listing the allowed ones', async () => {
    const created = await call('POST', '/api/v1/requests', request);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'received',
      next: ['under_review', 'declined', 'withdrawn'],
    });
    const jump = await call('POST', `/api/v1/requests/${id}/transitions`, { to: 'completed' });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { allowed: ['under_review', 'declined', 'withdrawn'] },
    });
    expect((await call('POST', `/api/v1/requests/${id}/transitions`, { to: 'declined' })).statusCode).toBe(
      400,
    ); // a reason is needed
    for (const to of ['under_review', 'accepted'])
      expect((await call('POST', `/api/v1/requests/${id}/transitions`, { to })).statusCode).toBe(200);
    const got = (await call('GET', `/api/v1/requests/${id}`)).json();
    expect(got.transitions.map((x: { to_status: string; by: string }) => x.to_status)).toEqual([
      'received',
      'under_review',
      'accepted',
    ]);
    expect(got.transitions[1].by).toMatch(/programme_officer/);
    const corrected = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/requests/${id}`,
      payload: { priority: 'high' },
      headers: officer,
    });
    expect(corrected.json()).toMatchObject({ priority: 'high', status: 'accepted' });
  });

  it('refuses bad input naming the field', async () => {
    const bad = await call('POST', '/api/v1/requests', { ...request, received: '03/02/2026' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toMatch(/received/);
  });

  it('are internal: the public and editors cannot write them; anonymous callers cannot read them', async () => {
    expect((await t.app.inject('/api/v1/requests')).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/requests', request, await tokenAs(t, 'editor'))).statusCode).toBe(
      403,
    );
  });
});

describe('activities and the dashboard', () => {
  it('deliver a request: the activity answers it, participants are counted, and the dashboard follows', async () => {
    const before = (await call('GET', '/api/v1/assistance/dashboard?year=2026')).json();
    const id = (await call('POST', '/api/v1/requests', { ...request, received: '2026-03-01' })).json().id;
    await call('POST', `/api/v1/requests/${id}/transitions`, { to: 'under_review' });
    await call('POST', `/api/v1/requests/${id}/transitions`, { to: 'accepted' });
    const activity = {
      kind: 'training_course',
      title: 'Digital evidence for investigators',
      countries: ['KEN'],
      planned_start: '2026-05-04',
      planned_end: '2026-05-08',
      requests: [id],
      status: 'planned',
    };
    const created = await call('POST', '/api/v1/activities', activity);
    expect(created.statusCode, created.body).toBe(201);
    expect((await call('GET', `/api/v1/requests/${id}`)).json().status).toBe('in_progress');
    const delivered = await call('PUT', `/api/v1/activities/${created.json().id}`, {
      ...activity,
      status: 'delivered',
      actual_start: '2026-05-04',
      actual_end: '2026-05-08',
      participants: [
        { role: 'investigator', sex: 'female', count: 7 },
        { role: 'investigator', sex: 'male', count: 9 },
        { role: 'prosecutor', sex: 'female', count: 3 },
      ],
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json().people).toBe(19);
    expect((await call('GET', `/api/v1/requests/${id}`)).json().status).toBe('completed');
    const after = (await call('GET', '/api/v1/assistance/dashboard?year=2026')).json();
    expect(after.people.total - before.people.total).toBe(19);
    expect(after.requests.met - before.requests.met).toBe(1);
    const women = (d: { people: { by_sex: { sex: string; n: number }[] } }) =>
      d.people.by_sex.find((x) => x.sex === 'female')?.n ?? 0;
    expect(women(after) - women(before)).toBe(10);
    const csv = await call('GET', '/api/v1/assistance/dashboard?year=2026&format=csv');
    expect(csv.body.split('\n')[0]).toBe('figure,key,value');
    expect(csv.body).toContain('people_by_role,investigator,');
  });

  it('refuses end dates before start dates, unknown currencies and negative counts, naming the field', async () => {
    const base = { kind: 'workshop', title: 'X', countries: ['UGA'] };
    const dates = await call('POST', '/api/v1/activities', {
      ...base,
      planned_start: '2026-05-08',
      planned_end: '2026-05-01',
    });
    expect(dates.statusCode).toBe(400);
    expect(JSON.stringify(dates.json().error.details)).toMatch(/planned_end/);
    const money = await call('POST', '/api/v1/activities', { ...base, cost: 100, currency: 'XYZ' });
    expect(JSON.stringify(money.json().error.details)).toMatch(/currency/);
    const count = await call('POST', '/api/v1/activities', {
      ...base,
      participants: [{ role: 'judge', sex: 'male', count: -1 }],
    });
    expect(count.statusCode).toBe(400);
    expect(JSON.stringify(count.json().error.details)).toMatch(/participants/);
  });

  it('shows the dashboard page with its figures and the request and activity pages', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const page = parse((await t.app.inject({ url: '/assistance', headers: s.headers })).body);
    expect(page.querySelectorAll('figure.figure').length).toBe(8);
    for (const url of [
      '/assistance/overlaps',
      '/assistance/funding',
      '/assistance/activities',
      '/assistance/where',
    ])
      expect((await t.app.inject({ url, headers: s.headers })).statusCode, url).toBe(200);
    const requests = parse((await t.app.inject({ url: '/assistance/requests', headers: s.headers })).body);
    expect(requests.querySelector('table.list tbody tr')).not.toBeNull();
    const anonymous = await t.app.inject('/assistance');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });

  it('records a mentored investigation from its restricted page', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const post = (body: Record<string, string>) => postForm(t, s, '/assistance/mentoring', body);
    const before = (await call('GET', '/api/v1/mentored-investigations?country=BEN')).json().items.length;
    expect(
      (await post({ country: 'BEN', opened: '2026-02-02', status: 'open', mentor: 'Mentor, West Africa' }))
        .headers.location,
    ).toBe('/assistance/mentoring');
    expect((await call('GET', '/api/v1/mentored-investigations?country=BEN')).json().items).toHaveLength(
      before + 1,
    );
    const bad = await post({
      country: 'BEN',
      opened: '2026-02-02',
      closed: '2026-01-01',
      status: 'closed',
      mentor: 'M',
    });
    expect(decodeURIComponent(bad.headers.location as string)).toMatch(/closed before it was opened/);
    const page = parse(
      (
        await t.app.inject({
          url: '/assistance/mentoring?from=2026-01-01&to=2026-12-31&country=BEN',
          headers: s.headers,
        })
      ).body,
    );
    expect(page.querySelector('[role=status]')!.text).toBe(`Investigations: ${before + 1}`);
    expect(
      (await t.app.inject({ url: '/assistance/mentoring', headers: (await sessionAs(t, 'editor')).headers }))
        .statusCode,
    ).toBe(403);
  });

  it("shows an organisation's contributions and the activities it took part in, by role", async () => {
    const s = await sessionAs(t, 'programme_officer');
    const norway = (
      (await call('GET', '/api/v1/organisations')).json().items as { id: number; name: string }[]
    ).find((o) => o.name === 'Norway')!;
    const org = (await call('GET', `/api/v1/organisations/${norway.id}`)).json();
    expect(org.contributions.map((c: { usd: number }) => c.usd)).toEqual([350000]);
    expect(org.activities.length).toBeGreaterThan(0);
    expect(org.activities.every((a: { role: string }) => a.role === 'funding')).toBe(true);
    const page = parse(
      (await t.app.inject({ url: `/assistance/organisations/${norway.id}`, headers: s.headers })).body,
    );
    expect(page.querySelectorAll('#activities tr')).toHaveLength(org.activities.length);
    expect(page.querySelector(`a[href^="/reports/donor?donor=${norway.id}"]`)).not.toBeNull();
    const list = parse((await t.app.inject({ url: '/assistance/organisations', headers: s.headers })).body);
    expect(list.querySelector(`a[href="/assistance/organisations/${norway.id}"]`)!.text).toBe('Norway');
    expect((await t.app.inject({ url: `/api/v1/organisations/999999`, headers: officer })).statusCode).toBe(
      404,
    );
  });

  it('records an activity with its partners and their roles from the page, and keeps them when it is saved again', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const orgs = (await call('GET', '/api/v1/organisations')).json().items as { id: number; name: string }[];
    const interpol = orgs.find((o) => o.name === 'INTERPOL')!;
    const norway = orgs.find((o) => o.name === 'Norway')!;
    const post = (url: string, body: Record<string, string>) => postForm(t, s, url, body);
    const fields = {
      kind: 'workshop',
      title: 'Partners on the form',
      countries: 'SEN',
      status: 'planned',
      'partner.0.org': String(interpol.id),
      'partner.0.role': 'implementing',
      'partner.1.org': String(norway.id),
      'partner.1.role': 'funding',
      'partner.2.org': '',
      'partner.2.role': 'host',
    };
    const created = await post('/assistance/activities', fields);
    expect(created.statusCode, created.body).toBe(303);
    const url = created.headers.location as string;
    const activity = (await call('GET', url.replace('/assistance/', '/api/v1/'))).json();
    expect(activity.partners).toEqual(
      expect.arrayContaining([
        { organisation: interpol.id, name: 'INTERPOL', role: 'implementing' },
        { organisation: norway.id, name: 'Norway', role: 'funding' },
      ]),
    );
    const page = parse((await t.app.inject({ url, headers: s.headers })).body);
    expect(
      page
        .querySelectorAll('fieldset.partners select[name$=".org"] option[selected]')
        .map((o) => o.text.trim())
        .sort(),
    ).toEqual(['INTERPOL', 'Norway']);
    expect(page.querySelectorAll('fieldset.partners select[name$=".org"]')).toHaveLength(4); // two recorded, two empty
    const again = await post(url, { ...fields, 'partner.1.org': '' });
    expect(again.statusCode).toBe(303);
    expect((await call('GET', url.replace('/assistance/', '/api/v1/'))).json().partners).toEqual([
      { organisation: interpol.id, name: 'INTERPOL', role: 'implementing' },
    ]);
  });
});

describe('coordination: possible duplicates', () => {
  it('flags a planted duplicate (other implementer, same country, overlapping dates, same kind) and not the same activity in another country', async () => {
    const base = {
      kind: 'training_course',
      title: 'First responders and digital evidence',
      planned_start: '2026-09-07',
      planned_end: '2026-09-11',
      concepts: ['electronic-evidence'],
    };
    const ours = (await call('POST', '/api/v1/activities', { ...base, countries: ['GHA'] })).json();
    const theirs = (
      await call('POST', '/api/v1/activities', {
        ...base,
        title: 'Electronic evidence course',
        countries: ['GHA'],
        implementer: 'Another Partner Org',
        planned_start: '2026-09-10',
        planned_end: '2026-09-12',
      })
    ).json();
    const elsewhere = (
      await call('POST', '/api/v1/activities', {
        ...base,
        countries: ['SEN'],
        implementer: 'Another Partner Org',
      })
    ).json();
    const list = (await call('GET', '/api/v1/activities/overlaps?reviewed=no')).json().items as {
      a: { id: number };
      b: { id: number };
      countries: string[];
      shared: { concepts: string[]; same_kind: boolean };
    }[];
    const pair = (x: number, y: number) =>
      list.find((o) => (o.a.id === x && o.b.id === y) || (o.a.id === y && o.b.id === x));
    expect(pair(ours.id, theirs.id)).toMatchObject({
      countries: ['GHA'],
      shared: { concepts: ['electronic-evidence'], same_kind: true },
    });
    expect(pair(ours.id, elsewhere.id)).toBeUndefined();
    const where = (await call('GET', '/api/v1/assistance/where?country=GHA')).json().items as {
      implementer: string | null;
      activities: number;
    }[];
    expect(where.map((w) => w.implementer).sort()).toEqual(expect.arrayContaining(['Another Partner Org']));
    expect(where.find((w) => w.implementer === null)!.activities).toBeGreaterThanOrEqual(1);
    expect(
      (
        await call('POST', '/api/v1/activities/overlaps/reviews', {
          a: theirs.id,
          b: ours.id,
          verdict: 'complementary',
          note: 'different audiences',
        })
      ).statusCode,
    ).toBe(204);
    const open = (await call('GET', '/api/v1/activities/overlaps?reviewed=no')).json().items;
    expect(
      open.some((o: { a: { id: number }; b: { id: number } }) => o.a.id === ours.id && o.b.id === theirs.id),
    ).toBe(false);
  });
});

describe('mentored investigations', () => {
  it('are restricted: only programme officers see the records; the dashboard shows everyone else counts only', async () => {
    const created = await call('POST', '/api/v1/mentored-investigations', {
      country: 'PHL',
      concept: 'computer-fraud',
      opened: '2026-01-15',
      mentor: 'Mentor Zeta-Quill',
      notes: 'MENTORING-SECRET',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await call('GET', '/api/v1/mentored-investigations'))
        .json()
        .items.map((i: { mentor: string }) => i.mentor),
    ).toContain('Mentor Zeta-Quill');
    for (const role of ['editor', 'reader', 'contributor'] as const) {
      const h = await tokenAs(t, role, role === 'contributor' ? ['PHL'] : []);
      expect((await call('GET', '/api/v1/mentored-investigations', undefined, h)).statusCode).toBe(403);
      const dash = await call('GET', '/api/v1/assistance/dashboard', undefined, h);
      expect(dash.json().mentored.mentored).toBeGreaterThanOrEqual(1);
      for (const url of [
        '/api/v1/assistance/dashboard',
        '/api/v1/activities',
        '/api/v1/requests',
        `/api/v1/search?q=${encodeURIComponent('Zeta-Quill')}`,
      ]) {
        const body = (await call('GET', url, undefined, h)).body;
        expect(body, `${role} ${url}`).not.toMatch(/Zeta-Quill|MENTORING-SECRET/);
      }
    }
  });
});

describe('partners and money', () => {
  it('computes the funding position per year and region: earmarked money, a share of the rest, the gap and the months funded', async () => {
    const donor = (
      await call('POST', '/api/v1/organisations', {
        name: 'Donor State A',
        kind: 'government',
        roles: ['donor'],
      })
    ).json();
    expect(donor.id).toBeGreaterThan(0);
    const funded = await call('POST', '/api/v1/activities', {
      kind: 'workshop',
      title: 'Funded workshop',
      countries: ['KEN'],
      partners: [{ organisation: donor.id, role: 'funding' }],
    });
    expect(funded.json().partners, funded.body).toEqual([
      { organisation: donor.id, name: 'Donor State A', role: 'funding' },
    ]);
    expect(
      (
        await call('POST', '/api/v1/activities', {
          kind: 'workshop',
          title: 'X',
          countries: ['KEN'],
          partners: [{ organisation: 99999, role: 'funding' }],
        })
      ).json().error.message,
    ).toBe('Unknown organisation: 99999');
    expect(
      (await call('POST', '/api/v1/organisations', { name: 'donor state a', kind: 'government' })).statusCode,
    ).toBe(409);
    for (const need of [
      { year: 2027, region: '014', post: 'Regional coordinator', usd: 120000 },
      { year: 2027, region: '013', post: 'Regional coordinator', usd: 120000 },
    ])
      expect((await call('PUT', '/api/v1/funding-needs', need)).statusCode).toBe(204);
    // 60,000 earmarked for Eastern Africa (via Kenya), 120,000 unearmarked → 60,000 to each region
    expect(
      (
        await call('POST', '/api/v1/contributions', {
          donor: donor.id,
          amount: 55000,
          currency: 'EUR',
          usd: 60000,
          pledged: '2026-11-01',
          received: '2026-12-01',
          period_start: 2027,
          period_end: 2027,
          earmark: 'country',
          earmark_value: 'KEN',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/contributions', {
          donor: donor.id,
          amount: 240000,
          currency: 'USD',
          pledged: '2026-11-01',
          received: '2026-12-15',
          period_start: 2027,
          period_end: 2028,
        })
      ).statusCode,
    ).toBe(201);
    // a pledge not yet received does not count
    await call('POST', '/api/v1/contributions', {
      donor: donor.id,
      amount: 1000000,
      currency: 'USD',
      pledged: '2026-11-20',
      period_start: 2027,
      period_end: 2027,
    });
    const position = (await call('GET', '/api/v1/funding-position?year=2027')).json().items as {
      region: string;
      needed: number;
      earmarked: number;
      share: number;
      gap: number;
      months: number;
    }[];
    expect(position.find((p) => p.region === '014')).toMatchObject({
      needed: 120000,
      earmarked: 60000,
      share: 60000,
      gap: 0,
      months: 12,
    });
    expect(position.find((p) => p.region === '013')).toMatchObject({
      needed: 120000,
      earmarked: 0,
      share: 60000,
      gap: 60000,
      months: 6,
    });
  });

  it('refuses unknown currencies, a missing USD value and earmarks that do not exist, naming the field', async () => {
    const donor = (await call('GET', '/api/v1/organisations')).json().items[0];
    const base = {
      donor: donor.id,
      amount: 100,
      pledged: '2026-01-01',
      period_start: 2026,
      period_end: 2026,
    };
    expect(
      JSON.stringify(
        (await call('POST', '/api/v1/contributions', { ...base, currency: 'XYZ', usd: 1 })).json().error
          .details,
      ),
    ).toMatch(/currency/);
    expect(
      JSON.stringify(
        (await call('POST', '/api/v1/contributions', { ...base, currency: 'EUR' })).json().error.details,
      ),
    ).toMatch(/usd/);
    expect(
      (
        await call('POST', '/api/v1/contributions', {
          ...base,
          currency: 'USD',
          earmark: 'country',
          earmark_value: 'XXX',
        })
      ).json().error.message,
    ).toBe('Unknown country XXX');
  });
});

describe('outreach', () => {
  it('counts the people an awareness campaign reached by audience, on the activity and the dashboard (JSON and Excel)', async () => {
    const before = (await call('GET', '/api/v1/assistance/dashboard?year=2026')).json().outreach;
    const created = await call('POST', '/api/v1/activities', {
      kind: 'outreach_campaign',
      title: 'Safer online, schools campaign',
      countries: ['PHL'],
      actual_start: '2026-02-09',
      actual_end: '2026-02-20',
      status: 'delivered',
      audiences: [
        { audience: 'children', count: 1200 },
        { audience: 'teachers', count: 80 },
        { audience: 'caregivers', count: 300 },
      ],
      channels: ['schools', 'social_media'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ reached: 1580, channels: ['schools', 'social_media'] });
    const after = (await call('GET', '/api/v1/assistance/dashboard?year=2026')).json().outreach;
    expect(after.total - before.total).toBe(1580);
    const xlsx = await call('GET', '/api/v1/assistance/dashboard?year=2026&format=xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rowsOut = wb.getWorksheet('Dashboard')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(
      rowsOut.some((r) => r[1] === 'outreach_by_audience' && r[2] === 'children' && Number(r[3]) >= 1200),
    ).toBe(true);
    expect(
      (
        await call('POST', '/api/v1/activities', {
          kind: 'outreach_campaign',
          title: 'X',
          countries: ['PHL'],
          audiences: [{ audience: 'children', count: -5 }],
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('named participants', () => {
  it("keep, with consent, attendance, scores and certificates, and a person's history across activities as trainee then trainer; the public sees nothing", async () => {
    const person = (
      await call('POST', '/api/v1/people', {
        name: 'Amina Okello',
        sex: 'female',
        role: 'investigator',
        agency: 'Uganda Police Force',
        country: 'UGA',
        consent_date: '2026-03-01',
      })
    ).json();
    expect((await call('POST', '/api/v1/people', { name: 'No Consent', role: 'judge' })).statusCode).toBe(
      400,
    );
    const base = { kind: 'training_course', countries: ['UGA'], status: 'delivered' };
    const course = (
      await call('POST', '/api/v1/activities', {
        ...base,
        title: 'Digital forensics I',
        actual_start: '2026-03-02',
        actual_end: '2026-03-06',
      })
    ).json();
    const tot = (
      await call('POST', '/api/v1/activities', {
        ...base,
        title: 'Digital forensics I — training of trainers',
        actual_start: '2026-09-07',
        actual_end: '2026-09-09',
      })
    ).json();
    expect(
      (
        await call('PUT', `/api/v1/activities/${course.id}/attendees`, {
          person: person.id,
          certificate: true,
          pre_score: 45,
          post_score: 82,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await call('PUT', `/api/v1/activities/${tot.id}/attendees`, { person: person.id, as_trainer: true }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call('PUT', `/api/v1/activities/${tot.id}/attendees`, { person: person.id, pre_score: 120 }))
        .statusCode,
    ).toBe(400);
    const history = (await call('GET', `/api/v1/people/${person.id}`)).json().history;
    expect(history.map((h: { title: string; as_trainer: boolean }) => [h.title, h.as_trainer])).toEqual([
      ['Digital forensics I', false],
      ['Digital forensics I — training of trainers', true],
    ]);
    const s = await sessionAs(t, 'programme_officer');
    const page = parse(
      (await t.app.inject({ url: `/assistance/activities/${course.id}`, headers: s.headers })).body,
    );
    expect(page.querySelector('table.attendees')!.text).toContain('+37');
    const certificate = await t.app.inject({
      url: `/assistance/activities/${course.id}/certificates/${person.id}`,
      headers: s.headers,
    });
    expect(parse(certificate.body).querySelector('.certificate .who')!.text).toBe('Amina Okello');
    expect(
      (
        await t.app.inject({
          url: `/assistance/activities/${tot.id}/certificates/${person.id}`,
          headers: s.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.app.inject(`/api/v1/people/${person.id}`)).statusCode).toBe(401);
    expect((await t.app.inject(`/api/v1/search?q=${encodeURIComponent('Amina Okello')}`)).body).not.toContain(
      'Okello',
    );
  });
});

describe('public figures', () => {
  it("show the programme's delivered activities and people trained per year and region for the caller's tier, withholding small counts", async () => {
    const base = {
      kind: 'training_course',
      countries: ['KEN'],
      actual_start: '2026-06-01',
      status: 'delivered',
      participants: [{ role: 'judge', sex: 'female', count: 19 }],
    };
    expect(
      (await call('POST', '/api/v1/activities', { ...base, title: 'Public course', tier: 'public' }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/activities', {
          ...base,
          title: 'Internal course',
          tier: 'internal',
          participants: [{ role: 'judge', sex: 'male', count: 500 }],
        })
      ).statusCode,
    ).toBe(201);
    const body = (await t.app.inject('/api/v1/assistance/public')).json();
    expect(body.withheld_below).toBe(5);
    const eastAfrica2026 = body.rows.find(
      (r: { year: number; region: string }) => r.year === 2026 && r.region === '014',
    );
    expect(eastAfrica2026.people).toBe(19); // the public-tier course only: internal ones are not the public's
    expect(eastAfrica2026.activities).toBeNull(); // fewer than five activities
    const forOfficer = (await call('GET', '/api/v1/assistance/public'))
      .json()
      .rows.find((r: { year: number; region: string }) => r.year === 2026 && r.region === '014');
    expect(forOfficer.people).toBeGreaterThanOrEqual(19 + 500 + 19);
    const page = parse((await t.app.inject('/programme')).body);
    expect(page.querySelector('table.public-figures')!.text).toMatch(/fewer than 5/);
    expect(page.querySelector('#how-counted')!.text).toMatch(/start date/);
    expect(JSON.stringify(body)).not.toMatch(/Okello|Zeta-Quill|Cybercrime Unit/);
  });
});

describe('activity documents', () => {
  it('keeps an agenda with the activity, seen by whoever sees the activity', async () => {
    const activity = (
      await call('POST', '/api/v1/activities', {
        kind: 'workshop',
        title: 'Workshop with an agenda',
        countries: ['SEN'],
      })
    ).json();
    const boundary = '----agenda';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="agenda.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('Day 1: opening'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?owner_type=activity&owner_id=${activity.id}`,
      payload,
      headers: { ...officer, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(
      (await call('GET', `/api/v1/attachments?owner_type=activity&owner_id=${activity.id}`))
        .json()
        .items.map((f: { filename: string }) => f.filename),
    ).toEqual(['agenda.txt']);
    expect(
      (await t.app.inject(`/api/v1/attachments?owner_type=activity&owner_id=${activity.id}`)).statusCode,
    ).toBe(404); // internal activity: the public sees nothing
  });
});
