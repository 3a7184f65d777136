/** Assessments: the default framework, versions, scores within the rubric, weighted dimension scores, recommendation → request. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await tokenAs(t, 'programme_officer');
});
afterAll(() => t.close());
const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) =>
  t.app.inject({ method, url, payload: body, headers: officer });
type Dim = { code: string; indicators: { code: string; weight: number }[] };

describe('assessments', () => {
  it('assess a country against the published default framework: scores within the rubric, weighted by dimension', async () => {
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    expect(framework).toMatchObject({ code: 'ncc', version: 1, status: 'published' });
    const dims = framework.definition.dimensions as Dim[];
    expect(dims.map((d) => d.code)).toEqual([
      'legal',
      'policing',
      'forensics',
      'prosecution',
      'cooperation',
      'prevention',
      'children',
      'coordination',
    ]);
    const created = await call('POST', '/api/v1/assessments', {
      country: 'UGA',
      framework: framework.id,
      started: '2026-02-02',
      team: ['A. Assessor'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const [a, b] = dims[1].indicators;
    expect(
      (await call('PUT', `/api/v1/assessments/${id}/scores`, { indicator: a.code, score: 2 })).statusCode,
    ).toBe(200);
    const scored = (
      await call('PUT', `/api/v1/assessments/${id}/scores`, {
        indicator: b.code,
        score: 5,
        evidence: 'Unit visited',
      })
    ).json();
    const expected = Number(((a.weight * 2 + b.weight * 5) / (a.weight + b.weight)).toFixed(2));
    expect(scored.dimensions.find((d: { code: string }) => d.code === dims[1].code)).toMatchObject({
      score: expected,
      scored: 2,
    });
    expect(scored.status).toBe('in_progress');
    const outside = await call('PUT', `/api/v1/assessments/${id}/scores`, { indicator: a.code, score: 6 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/1 to 5; 6 is not/);
    expect(
      (await call('PUT', `/api/v1/assessments/${id}/scores`, { indicator: 'nope.nope', score: 3 })).json()
        .error.message,
    ).toMatch(/not an indicator/);
  });

  it('refuses an assessment against a draft version; a new version does not change past assessments', async () => {
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    const definition = { dimensions: framework.definition.dimensions.slice(0, 2) };
    const draft = (await call('POST', `/api/v1/frameworks/${framework.id}/versions`, definition)).json();
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    const refused = await call('POST', '/api/v1/assessments', {
      country: 'UGA',
      framework: draft.id,
      started: '2026-03-01',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('framework_not_published');
    expect(
      (await call('GET', `/api/v1/frameworks/${framework.id}`)).json().definition.dimensions,
    ).toHaveLength(8);
  });

  it("turns a recommendation into a request of the same country in one step, and refuses another country's request", async () => {
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    const id = (
      await call('POST', '/api/v1/assessments', {
        country: 'KEN',
        framework: framework.id,
        started: '2026-04-06',
      })
    ).json().id;
    const rec = (
      await call('POST', `/api/v1/assessments/${id}/recommendations`, {
        text: 'Train prosecutors in handling electronic evidence.',
        dimension: 'prosecution',
        priority: 'high',
        institution: 'Office of the Director of Public Prosecutions',
      })
    ).json();
    const linked = await call('POST', `/api/v1/recommendations/${rec.id}/request`, {
      received: '2026-04-20',
      kind: 'training',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const request = (await call('GET', `/api/v1/requests/${linked.json().request}`)).json();
    expect(request).toMatchObject({
      country: 'KEN',
      agency: 'Office of the Director of Public Prosecutions',
      description: 'Train prosecutors in handling electronic evidence.',
      priority: 'high',
      status: 'received',
    });
    expect(
      (await call('POST', `/api/v1/recommendations/${rec.id}/request`, { received: '2026-04-20' }))
        .statusCode,
    ).toBe(409);
    const other = (
      await call('POST', `/api/v1/assessments/${id}/recommendations`, { text: 'Something else.' })
    ).json();
    const uganda = (
      await call('POST', '/api/v1/requests', {
        country: 'UGA',
        agency: 'X',
        received: '2026-01-01',
        kind: 'training',
        description: 'Y',
      })
    ).json();
    const wrong = await call('POST', `/api/v1/recommendations/${other.id}/request`, {
      received: '2026-04-20',
      request: uganda.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe(
      `Request ${uganda.id} is from UGA; the recommendation concerns KEN`,
    );
    const s = await sessionAs(t, 'programme_officer');
    const page = parse((await t.app.inject({ url: `/assessments/${id}`, headers: s.headers })).body);
    expect(page.querySelector(`#rec-${rec.id} a`)!.getAttribute('href')).toBe(
      `/assistance/requests/${linked.json().request}`,
    );
    expect(page.querySelectorAll('form[action$="/scores"] > fieldset').length).toBe(8); // one per dimension
  });

  it('moves planned → in progress → validated → published; a published assessment is frozen; findings are kept', async () => {
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    const id = (
      await call('POST', '/api/v1/assessments', {
        country: 'UGA',
        framework: framework.id,
        started: '2026-05-04',
      })
    ).json().id;
    const early = await call('POST', `/api/v1/assessments/${id}/status`, { to: 'published' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'A planned assessment cannot become published; allowed: in_progress',
    );
    expect(
      (await call('POST', `/api/v1/assessments/${id}/status`, { to: 'in_progress' })).json().status,
    ).toBe('in_progress');
    expect(
      (await call('POST', `/api/v1/assessments/${id}/status`, { to: 'validated' })).json().error.code,
    ).toBe('nothing_scored');
    await call('PUT', `/api/v1/assessments/${id}/scores`, {
      indicator: 'forensics.laboratory',
      score: 2,
      evidence: 'Visited the police laboratory.',
    });
    const finding = await call('POST', `/api/v1/assessments/${id}/findings`, {
      dimension: 'forensics',
      text: 'No laboratory.',
    });
    expect(finding.statusCode).toBe(201);
    expect(finding.json().findings).toEqual([
      { id: expect.any(Number), dimension: 'forensics', text: 'No laboratory.' },
    ]);
    expect(
      (await call('POST', `/api/v1/assessments/${id}/findings`, { dimension: 'nope', text: 'x' })).statusCode,
    ).toBe(400);
    expect((await call('POST', `/api/v1/assessments/${id}/status`, { to: 'validated' })).json().status).toBe(
      'validated',
    );
    const locked = await call('PUT', `/api/v1/assessments/${id}/scores`, {
      indicator: 'forensics.laboratory',
      score: 3,
    });
    expect(locked.json().error).toMatchObject({
      code: 'assessment_validated',
      message: expect.stringMatching(/reopen it/),
    });
    expect((await call('POST', `/api/v1/assessments/${id}/status`, { to: 'published' })).json().status).toBe(
      'published',
    );
    const frozen = await call('PUT', `/api/v1/assessments/${id}/scores`, {
      indicator: 'forensics.laboratory',
      score: 4,
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('assessment_published');
    expect((await call('POST', `/api/v1/assessments/${id}/findings`, { text: 'Late.' })).statusCode).toBe(
      409,
    );

    // Published, it reads as a document: stages out of the rubric's five with their words, the evidence, the findings; no form
    const s = await sessionAs(t, 'programme_officer');
    const page = parse((await t.app.inject({ url: `/assessments/${id}`, headers: s.headers })).body);
    expect(page.querySelector('form[action$="/scores"]')).toBeNull();
    expect(page.querySelectorAll('#scores input, #scores textarea')).toHaveLength(0);
    const lab = page.querySelector('#ind-forensics\\.laboratory')!.nextElementSibling!;
    const rubric = framework.definition.dimensions
      .find((d: { code: string }) => d.code === 'forensics')
      .indicators.find((i: { code: string }) => i.code === 'forensics.laboratory').rubric as string[];
    expect(lab.querySelector('.score')!.text.trim()).toBe(`2 / 5 — ${rubric[1]}`);
    expect(lab.querySelector('.evidence')!.text).toContain('Visited the police laboratory.');
    expect(page.querySelector('#dim-forensics td.n')!.text).toBe('2 / 5');
    expect(page.querySelector('#dim-overall td.n')!.text).toBe('2 / 5');
    expect(page.querySelector('#findings')!.text).toContain('No laboratory.');
    expect(
      page.querySelectorAll('#scores .score').filter((x) => x.text.includes('Not scored')).length,
    ).toBeGreaterThan(0);
  });

  it("feeds the legal indicators with the coverage of the law, and shows a country's progress between two assessments", async () => {
    // The demo holds two assessments of Kenya (2014, 2017) and the chain recommendation → request → delivered course.
    const all = (await call('GET', '/api/v1/assessments?country=KEN')).json().items as {
      id: number;
      started: string;
    }[];
    const [from, to] = ['2014-03-03', '2017-03-06'].map((d) => all.find((a) => a.started === d)!.id);
    const progress = (await call('GET', `/api/v1/countries/KEN/progress?from=${from}&to=${to}`)).json();
    expect(progress).toMatchObject({ from, to });
    const forensics = progress.changes.find((c: { code: string }) => c.code === 'forensics');
    expect(forensics).toMatchObject({ before: 1, after: 3, change: 2 });
    const chain = progress.chain.find((r: { text: string }) => r.text.startsWith('Train examiners'));
    expect(chain).toMatchObject({ status: 'implemented', request_status: 'completed' });
    expect(chain.activities).toEqual([
      expect.objectContaining({ title: 'Digital forensics, Nairobi', status: 'delivered', people: 22 }),
    ]);
    const criminalisation = progress.coverage.find(
      (c: { category: string }) => c.category === 'criminalisation',
    );
    const matrix = (await call('GET', '/api/v1/coverage?country=KEN&instrument=ETS185')).json();
    const statuses = matrix.countries[0].statuses as Record<string, string>;
    const articles = matrix.articles
      .filter((a: { category: string }) => a.category === 'criminalisation')
      .map((a: { number: string }) => a.number);
    const points = articles.reduce(
      (n: number, a: string) => n + (statuses[a] === 'covered' ? 1 : statuses[a] === 'partial' ? 0.5 : 0),
      0,
    );
    expect(criminalisation).toMatchObject({
      articles: articles.length,
      share: Math.round((100 * points) / articles.length),
    });
    const s = await sessionAs(t, 'programme_officer');
    const page = parse(
      (await t.app.inject({ url: `/countries/KEN/progress?from=${from}&to=${to}`, headers: s.headers })).body,
    );
    expect(page.querySelectorAll('svg.radar').length).toBeGreaterThanOrEqual(3); // one per assessment and the comparison
    expect(page.querySelector('#change-forensics')!.text).toContain('+2');
    // Kenya's law dates from 2019: the 2017 assessment had no law to go on, and says so
    const assessment = parse((await t.app.inject({ url: `/assessments/${to}`, headers: s.headers })).body);
    expect(assessment.querySelector('#law-in-force')!.text).toMatch(
      /No law of this country was in force on 6 Mar\w* 2017/,
    );
    expect(assessment.querySelectorAll('.coverage-feed').map((f) => f.text)).toEqual(
      Array(3).fill(expect.stringMatching(/No law of this country was in force/)),
    );
    expect((await call('GET', `/api/v1/assessments/${to}`)).json()).toMatchObject({
      coverage_on: '2017-03-06',
      laws_in_force: [],
      coverage: Array(3).fill(expect.objectContaining({ covered: 0, partial: 0, share: 0, suggested: 1 })),
    });
    // an assessment of today: the law as it now stands (its 2023 version), as the coverage matrix says
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    const now = (
      await call('POST', '/api/v1/assessments', {
        country: 'KEN',
        framework: framework.id,
        started: '2026-01-05',
      })
    ).json().id;
    const current = parse((await t.app.inject({ url: `/assessments/${now}`, headers: s.headers })).body);
    const feed = current.querySelectorAll('.coverage-feed');
    expect(feed).toHaveLength(3); // substantive, procedural and cooperation law
    expect(feed[0]!.text).toContain(`${criminalisation.share} %`);
    expect(feed[0]!.text).toContain(`suggests stage ${criminalisation.suggested}`);
    expect(current.querySelector('#law-in-force a')!.getAttribute('href')).toBe(
      '/akn/ke/act/2019/14/eng@2023-01-12',
    );
    // in 2020, the version of 2019 was the one in force
    const mid = (
      await call('POST', '/api/v1/assessments', {
        country: 'KEN',
        framework: framework.id,
        started: '2020-06-01',
      })
    ).json().id;
    expect((await call('GET', `/api/v1/assessments/${mid}`)).json().laws_in_force).toEqual([
      expect.objectContaining({ work: 'ke-act-2019-14', version: '2019-05-21', language: 'eng' }),
    ]);
  });

  it('edits a draft framework on its page and publishes it; keeps evidence files; the request links back to its recommendation', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const form = (url: string, body: Record<string, string>) => postForm(t, s, url, body);
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string; version: number }) => f.status === 'published' && f.version === 1);
    const definition = structuredClone(framework.definition);
    definition.dimensions[0].indicators[0].weight = 3;
    const created = await form(`/frameworks/${framework.id}/versions`, {
      definition: JSON.stringify(definition),
    });
    expect(created.statusCode).toBe(303);
    const draftUrl = created.headers.location as string;
    definition.dimensions[0].indicators[0].rubric = ['only one stage'];
    const bad = await form(draftUrl, { definition: JSON.stringify(definition) });
    expect(decodeURIComponent(bad.headers.location as string)).toMatch(/a rubric has five stages/);
    expect(
      decodeURIComponent((await form(draftUrl, { definition: '{oops' })).headers.location as string),
    ).toMatch(/not valid JSON/);
    expect((await form(`${draftUrl}/publish`, {})).statusCode).toBe(303);
    const published = (await call('GET', `/api/v1/frameworks/${draftUrl.split('/').pop()}`)).json();
    expect(published.status).toBe('published');
    expect(published.definition.dimensions[0].indicators[0].weight).toBe(3);
    expect(
      (await call('PUT', `/api/v1/frameworks/${published.id}`, published.definition)).json().error.code,
    ).toBe('framework_published');

    const id = (
      await call('POST', '/api/v1/assessments', {
        country: 'TZA',
        framework: published.id,
        started: '2026-06-01',
      })
    ).json().id;
    const boundary = 'x-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="mission-report.txt"\r\nContent-Type: text/plain\r\n\r\nMission notes.\r\n--${boundary}--\r\n`;
    const upload = await t.app.inject({
      method: 'POST',
      url: `/files/assessment/${id}`,
      headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode, upload.body).toBe(303);
    const files = (await call('GET', `/api/v1/attachments?owner_type=assessment&owner_id=${id}`)).json()
      .items;
    expect(files).toEqual([
      expect.objectContaining({ filename: 'mission-report.txt', media_type: 'text/plain' }),
    ]);
    expect(
      (await t.app.inject({ url: `/api/v1/attachments?owner_type=assessment&owner_id=${id}` })).statusCode,
    ).toBe(404); // not to anonymous visitors
    const evidence = `--${boundary}\r\nContent-Disposition: form-data; name="indicator"\r\n\r\nforensics.laboratory\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lab-inventory.csv"\r\nContent-Type: text/csv\r\n\r\nitem,count\r\nwrite blocker,2\r\n--${boundary}--\r\n`;
    const attached = await t.app.inject({
      method: 'POST',
      url: `/files/assessment/${id}`,
      headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: evidence,
    });
    expect(attached.headers.location).toBe(`/assessments/${id}#ind-forensics.laboratory`);
    const shown = parse((await t.app.inject({ url: `/assessments/${id}`, headers: s.headers })).body);
    expect(shown.querySelector('#ind-forensics\\.laboratory .evidence-files')!.text).toContain(
      'lab-inventory.csv',
    );
    expect(shown.querySelector('section.attachments')!.text).toContain('mission-report.txt');
    expect(shown.querySelector('section.attachments')!.text).not.toContain('lab-inventory.csv');

    const rec = (
      await call('POST', `/api/v1/assessments/${id}/recommendations`, { text: 'Create a central authority.' })
    ).json();
    const request = (
      await call('POST', `/api/v1/recommendations/${rec.id}/request`, { received: '2026-06-10' })
    ).json().request;
    const page = parse(
      (await t.app.inject({ url: `/assistance/requests/${request}`, headers: s.headers })).body,
    );
    expect(page.querySelector('.from-recommendation a')!.getAttribute('href')).toBe(
      `/assessments/${id}#rec-${rec.id}`,
    );
  });

  it('corrects the details of an assessment, and removes a finding or a recommendation that did not become a request', async () => {
    const framework = (await call('GET', '/api/v1/frameworks'))
      .json()
      .items.find((f: { status: string }) => f.status === 'published');
    const id = (
      await call('POST', '/api/v1/assessments', {
        country: 'RWA',
        framework: framework.id,
        started: '2026-07-06',
        team: ['A'],
      })
    ).json().id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}`,
      payload: { team: ['A', 'B'], ended: '2026-07-17', summary: 'Two weeks in Kigali.' },
      headers: officer,
    });
    expect(patched.json()).toMatchObject({
      team: ['A', 'B'],
      ended: '2026-07-17',
      summary: 'Two weeks in Kigali.',
    });
    const backwards = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}`,
      payload: { ended: '2026-01-01' },
      headers: officer,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toBe('the assessment ends before it starts');
    const finding = (await call('POST', `/api/v1/assessments/${id}/findings`, { text: 'Typo.' })).json()
      .findings[0];
    const s = await sessionAs(t, 'programme_officer');
    const form = (url: string, body: Record<string, string> = {}) => postForm(t, s, url, body);
    expect((await form(`/findings/${finding.id}/delete`)).headers.location).toBe(`/assessments/${id}`);
    expect((await call('GET', `/api/v1/assessments/${id}`)).json().findings).toEqual([]);
    const kept = (
      await call('POST', `/api/v1/assessments/${id}/recommendations`, { text: 'Keep me.' })
    ).json();
    const linked = (
      await call('POST', `/api/v1/assessments/${id}/recommendations`, { text: 'Request me.' })
    ).json();
    await call('POST', `/api/v1/recommendations/${linked.id}/request`, { received: '2026-07-20' });
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/recommendations/${linked.id}`,
      headers: officer,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/set its status to dropped/);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/recommendations/${kept.id}`, headers: officer }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call('GET', `/api/v1/assessments/${id}`))
        .json()
        .recommendations.map((r: { text: string }) => r.text),
    ).toEqual(['Request me.']);
    await form(`/assessments/${id}/details`, {
      started: '2026-07-07',
      ended: '2026-07-17',
      team: 'A, B, C',
      summary: '',
    });
    expect((await call('GET', `/api/v1/assessments/${id}`)).json()).toMatchObject({
      started: '2026-07-07',
      team: ['A', 'B', 'C'],
      summary: null,
    });
  });
});
