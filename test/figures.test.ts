/**
 * One definition per programme figure: for several periods, filters and viewers, each figure on the
 * dashboard (API and page), in the reports (JSON and page), on `/programme` and from the API equals
 * a count made here from the records as the API lists them — and the tables add up to the summary.
 * The demo data gets a few more records first: a public and a restricted activity, another
 * implementer's, a planned one, and money earmarked for a region with no need line.
 */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../src/core/i18n.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read back from the API, asserted field by field
type Json = Record<string, any>;
type Viewer = 'officer' | 'reader';
const TIERS: Record<Viewer | 'anonymous', string[]> = {
  officer: ['public', 'internal', 'restricted'],
  reader: ['public', 'internal'],
  anonymous: ['public'],
};
const CJ = ['investigator', 'prosecutor', 'judge'];
const PERIODS: [string, string, number | undefined][] = [
  ['2015-01-01', '2015-12-31', 2015],
  ['2016-01-01', '2016-12-31', 2016],
  ['2017-01-01', '2017-12-31', 2017],
  ['0001-01-01', '9999-12-31', undefined],
];

let t: TestApp;
const headers: Record<Viewer, Record<string, string>> = { officer: {}, reader: {} };
let activities: Json[]; // every activity, with its participants
let regionOf: Map<string, string>;
let orgs: Json[];

const get = async (url: string, h: Record<string, string> = headers.officer) => {
  const res = await t.app.inject({ url, headers: h });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res;
};
const json = async (url: string, h?: Record<string, string>) => (await get(url, h)).json();
const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);

beforeAll(async () => {
  t = await testApp({ demo: true });
  headers.officer = await tokenAs(t, 'programme_officer');
  headers.reader = await tokenAs(t, 'reader');
  const post = async (url: string, body: object) => {
    const res = await t.app.inject({ method: 'POST', url, payload: body, headers: headers.officer });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  orgs = (await json('/api/v1/organisations')).items;
  const norway = orgs.find((o) => o.name === 'Norway')!;
  const delivered = { status: 'delivered', kind: 'workshop' };
  await post('/api/v1/activities', {
    ...delivered,
    title: 'Public, two regions',
    tier: 'public',
    countries: ['KEN', 'PHL'],
    actual_start: '2016-09-01',
    partners: [{ organisation: norway.id, role: 'funding' }],
    participants: [
      { role: 'judge', sex: 'female', country: 'KEN', count: 5 },
      { role: 'policy_maker', sex: 'male', count: 7 },
    ],
    audiences: [{ audience: 'adults', count: 40 }],
  });
  await post('/api/v1/activities', {
    ...delivered,
    title: 'Restricted',
    tier: 'restricted',
    countries: ['GTM'],
    actual_start: '2016-10-01',
    participants: [{ role: 'prosecutor', sex: 'male', count: 9 }],
  });
  await post('/api/v1/activities', {
    ...delivered,
    title: 'Another implementer',
    implementer: 'Other Org',
    countries: ['KEN'],
    actual_start: '2016-05-01',
    participants: [{ role: 'judge', sex: 'male', count: 100 }],
  });
  await post('/api/v1/activities', {
    kind: 'training_course',
    title: 'Planned',
    countries: ['UGA'],
    planned_start: '2016-11-01',
    participants: [{ role: 'investigator', sex: 'male', count: 50 }],
  });
  await post('/api/v1/activities', {
    ...delivered,
    title: 'Public, El Salvador',
    tier: 'public',
    countries: ['SLV'],
    planned_start: '2017-03-01',
    participants: [{ role: 'investigator', sex: 'female', count: 6 }],
  });
  await post('/api/v1/contributions', {
    donor: norway.id,
    amount: 50000,
    currency: 'USD',
    pledged: '2016-12-01',
    received: '2016-12-20',
    period_start: 2017,
    period_end: 2017,
    earmark: 'region',
    earmark_value: '145',
  });
  const list = (await json('/api/v1/activities')).items as Json[];
  activities = await Promise.all(list.map((a) => json(`/api/v1/activities/${a.id}`)));
  regionOf = new Map(
    (
      await t.db.pool.query(
        `SELECT iso3, coalesce(intermediate_code, subregion_code, region_code) AS r FROM country`,
      )
    ).rows.map((r) => [r.iso3, r.r]),
  );
});
afterAll(() => t.close());

/** The activities a figure counts, chosen here from the list: the programme's own, delivered, visible, started in the period. */
function counted(
  viewer: Viewer | 'anonymous',
  from: string,
  to: string,
  filter: { country?: string; donor?: number } = {},
) {
  return activities.filter((a) => {
    const start = a.actual_start ?? a.planned_start;
    return (
      a.status === 'delivered' &&
      !a.implementer &&
      TIERS[viewer].includes(a.tier) &&
      start &&
      start >= from &&
      start <= to &&
      (!filter.country || a.countries.includes(filter.country)) &&
      (filter.donor === undefined ||
        a.partners.some((p: Json) => p.organisation === filter.donor && p.role === 'funding'))
    );
  });
}
function expected(list: Json[], country?: string) {
  const alone = (a: Json) => !country || a.countries.every((c: string) => c === country);
  const participants = list.flatMap((a) =>
    a.participants.filter((p: Json) => !country || p.country === country || (!p.country && alone(a))),
  );
  const regions = new Map<
    string,
    { activities: number; countries: Set<string>; trained: number; reached: number }
  >();
  const row = (r: string) =>
    regions.get(r) ?? regions.set(r, { activities: 0, countries: new Set(), trained: 0, reached: 0 }).get(r)!;
  for (const a of list) {
    const own = new Set(a.countries.map((c: string) => regionOf.get(c)));
    const r = row(a.region ?? (own.size === 1 ? [...own][0] : 'multi'));
    r.activities++;
    r.trained += sum(a.participants, (p: Json) => p.count);
    r.reached += a.reached;
    for (const c of a.countries) row(regionOf.get(c)!).countries.add(c);
  }
  return {
    activities: list.length,
    served: new Set(list.flatMap((a) => a.countries.filter((c: string) => !country || c === country))).size,
    trained: sum(participants, (p) => p.count),
    trained_cj: sum(
      participants.filter((p) => CJ.includes(p.role)),
      (p) => p.count,
    ),
    reached: sum(list.filter(alone), (a) => a.reached),
    regions,
  };
}
/** Contributions received, split evenly over the years they pay for, within the years given. */
const moneyFor = (contributions: Json[], fromYear: number, toYear: number) =>
  sum(
    contributions.filter((c) => c.received),
    (c) =>
      (c.usd / (c.period_end - c.period_start + 1)) *
      Math.max(0, Math.min(toYear, c.period_end) - Math.max(fromYear, c.period_start) + 1),
  );
const dashUrl = (year?: number, extra = '') =>
  `/api/v1/assistance/dashboard?${year ? `year=${year}` : ''}${extra}`;

describe('each programme figure has one value wherever it is shown', () => {
  it.each(
    PERIODS.flatMap(([from, to, year]) =>
      (['officer', 'reader'] as const).map((v) => [from, to, year, v] as const),
    ),
  )('%s – %s (%s) for a %s: dashboard, report and the records agree', async (from, to, year, viewer) => {
    const h = headers[viewer];
    const report = await json(`/api/v1/reports/programme?from=${from}&to=${to}`, h);
    const f = report.figures as Record<string, number>;
    const dash = await json(dashUrl(year), h);
    const want = expected(counted(viewer, from, to));
    const figures = {
      activities: 'activities_delivered',
      served: 'member_states_served',
      trained: 'people_trained',
      trained_cj: 'investigators_prosecutors_judges_trained',
      reached: 'people_reached',
    } as const;
    for (const [k, name] of Object.entries(figures)) {
      expect(f[name], name).toBe(want[k as keyof typeof figures]);
      expect(dash.summary[k], `dashboard ${k}`).toBe(want[k as keyof typeof figures]);
    }
    expect(dash.people.total).toBe(want.trained);
    expect(dash.outreach.total).toBe(want.reached);
    // The regional table: each row as counted here, and the rows add up to the summary.
    const rows = Object.keys(f)
      .filter((k) => /^by_region\.[^.]+\.activities$/.test(k))
      .map((k) => k.split('.')[1]!);
    expect(rows.sort()).toEqual([...want.regions.keys()].sort());
    for (const [code, r] of want.regions) {
      expect(
        [f[`by_region.${code}.activities`], f[`by_region.${code}.trained`], f[`by_region.${code}.reached`]],
        code,
      ).toEqual([r.activities, r.trained, r.reached]);
      if (code !== 'multi') expect(f[`by_region.${code}.countries`], code).toBe(r.countries.size);
    }
    const column = (c: string) => sum(rows, (r) => f[`by_region.${r}.${c}`] ?? 0);
    expect([column('activities'), column('countries'), column('trained'), column('reached')]).toEqual([
      f.activities_delivered,
      f.member_states_served,
      f.people_trained,
      f.people_reached,
    ]);
    expect(dash.people.by_region.map((r: Json) => [r.region, r.activities, r.countries, r.trained])).toEqual(
      rows
        .map((r) => [
          r,
          f[`by_region.${r}.activities`],
          f[`by_region.${r}.countries`] ?? 0,
          f[`by_region.${r}.trained`],
        ])
        .sort(
          (a, b) =>
            dash.people.by_region.findIndex((x: Json) => x.region === a[0]) -
            dash.people.by_region.findIndex((x: Json) => x.region === b[0]),
        ),
    );
    // Tables by role, sex, kind and audience add up to their figures, and match the dashboard's.
    const table = (name: string) =>
      Object.fromEntries(
        Object.entries(f)
          .filter(([k]) => k.startsWith(`${name}.`))
          .map(([k, v]) => [k.slice(name.length + 1), v]),
      );
    expect(table('trained_by_role')).toEqual(
      Object.fromEntries(dash.people.by_role.map((x: Json) => [x.role, x.n])),
    );
    expect(table('trained_by_sex')).toEqual(
      Object.fromEntries(dash.people.by_sex.map((x: Json) => [x.sex, x.n])),
    );
    expect(table('activities_by_kind')).toEqual(
      Object.fromEntries(dash.activities.by_kind.map((x: Json) => [x.kind, x.n])),
    );
    expect(sum(Object.values(table('reached_by_audience')), (n) => n)).toBe(f.people_reached);
    // Mentored investigations: open at some time in the period; counts are the same for every viewer.
    const investigations = (await json('/api/v1/mentored-investigations')).items as Json[];
    const mentored = investigations.filter((i) => i.opened <= to && (!i.closed || i.closed >= from));
    expect([f.investigations_mentored, dash.mentored.mentored]).toEqual([mentored.length, mentored.length]);
    expect([f.investigations_opened, dash.mentored.opened]).toEqual(
      Array(2).fill(mentored.filter((i) => i.opened >= from).length),
    );
    // Requests: received in the period.
    const requests = ((await json('/api/v1/requests', h)).items as Json[]).filter(
      (r) => r.received >= from && r.received <= to,
    );
    expect([f.requests_received, dash.requests.received]).toEqual([requests.length, requests.length]);
    // Money: received contributions split evenly over the years they pay for; the donors and position tables add up to it.
    const contributions = (await json('/api/v1/contributions', h)).items as Json[];
    const years = year
      ? [year, year]
      : [
          Math.min(...contributions.map((c) => c.period_start)),
          Math.max(...contributions.map((c) => c.period_end)),
        ];
    const received = moneyFor(contributions, years[0]!, years[1]!);
    expect(Math.abs(f.funding_received_usd! - received)).toBeLessThanOrEqual(1);
    expect(Math.abs(sum(dash.funding, (y: Json) => y.received) - received)).toBeLessThanOrEqual(1);
    const donors = Object.entries(f).filter(([k]) => /^donors\.\d+$/.test(k));
    const position = Object.entries(f).filter(([k]) => /^position\..*\.received$/.test(k));
    expect(Math.abs(sum(donors, ([, v]) => v) - f.funding_received_usd!)).toBeLessThanOrEqual(donors.length);
    expect(Math.abs(sum(position, ([, v]) => v) - f.funding_received_usd!)).toBeLessThanOrEqual(
      position.length,
    );
    expect(
      Math.abs(
        f.funding_needed_usd! - f.funding_received_usd! - (f.funding_gap_usd! - f.funding_surplus_usd!),
      ),
    ).toBeLessThanOrEqual(3);
    expect(Math.abs(sum(dash.funding, (y: Json) => y.needed) - f.funding_needed_usd!)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['2016-01-01', '2016-12-31', 'KEN'],
    ['2016-01-01', '2016-12-31', 'PHL'],
    ['2015-01-01', '2015-12-31', 'GHA'],
    ['0001-01-01', '9999-12-31', 'SLV'],
  ])(
    '%s – %s, country %s: the country profile, the dashboard and the records agree',
    async (from, to, country) => {
      const year = from.startsWith('0001') ? undefined : Number(from.slice(0, 4));
      const f = (await json(`/api/v1/reports/country?country=${country}&from=${from}&to=${to}`)).figures;
      const dash = await json(dashUrl(year, `&country=${country}`));
      const want = expected(counted('officer', from, to, { country }), country);
      expect([f.activities_delivered, f.people_trained, f.people_reached]).toEqual([
        want.activities,
        want.trained,
        want.reached,
      ]);
      expect([
        dash.summary.activities,
        dash.summary.trained,
        dash.summary.reached,
        dash.summary.served,
      ]).toEqual([want.activities, want.trained, want.reached, want.served]);
      const requests = ((await json(`/api/v1/requests?country=${country}`)).items as Json[]).filter(
        (r) => r.received >= from && r.received <= to,
      );
      expect([f.requests_received, dash.requests.received]).toEqual([requests.length, requests.length]);
      const investigations = (
        (await json(`/api/v1/mentored-investigations?country=${country}`)).items as Json[]
      ).filter((i) => i.opened <= to && (!i.closed || i.closed >= from));
      expect(dash.mentored.mentored).toBe(investigations.length);
    },
  );

  it.each([
    ['2016-01-01', '2016-12-31', 'Norway'],
    ['2016-01-01', '2016-12-31', 'United States of America'],
    ['2017-01-01', '2017-12-31', 'United States of America'],
    ['0001-01-01', '9999-12-31', 'Japan'],
  ])(
    '%s – %s, donor %s: the donor report, the programme report, the dashboard and the records agree',
    async (from, to, name) => {
      const donor = orgs.find((o) => o.name === name)!.id as number;
      const year = from.startsWith('0001') ? undefined : Number(from.slice(0, 4));
      const d = (await json(`/api/v1/reports/donor?donor=${donor}&from=${from}&to=${to}`)).figures;
      const p = (await json(`/api/v1/reports/programme?from=${from}&to=${to}`)).figures;
      const dash = await json(dashUrl(year, `&donor=${donor}`));
      const want = expected(counted('officer', from, to, { donor }));
      expect([d.activities_funded, d.people_trained, d.people_reached]).toEqual([
        want.activities,
        want.trained,
        want.reached,
      ]);
      expect([dash.summary.activities, dash.summary.trained, dash.summary.reached]).toEqual([
        want.activities,
        want.trained,
        want.reached,
      ]);
      const contributions = (await json(`/api/v1/contributions?donor=${donor}`)).items as Json[];
      const money = year ? moneyFor(contributions, year, year) : moneyFor(contributions, 0, 9999);
      expect(Math.abs(d.received_usd - money)).toBeLessThanOrEqual(1);
      expect(p[`donors.${donor}`] ?? 0).toBe(d.received_usd);
    },
  );

  it('/programme and its API give each viewer the dashboard figures per year and region, withholding counts under five', async () => {
    const officer = await sessionAs(t, 'programme_officer');
    for (const [who, h] of [
      ['anonymous', {}],
      ['officer', officer.headers],
    ] as const) {
      const api = await json('/api/v1/assistance/public', h);
      const page = parse((await get('/programme', h)).body);
      const viewer = who === 'anonymous' ? 'anonymous' : 'officer';
      const years = [
        ...new Set(
          counted(viewer, '0001-01-01', '9999-12-31').map((a) =>
            Number((a.actual_start ?? a.planned_start).slice(0, 4)),
          ),
        ),
      ];
      expect(years.length).toBeGreaterThan(0);
      for (const y of years) {
        const want = expected(counted(viewer, `${y}-01-01`, `${y}-12-31`));
        const rows = (api.rows as Json[]).filter((r) => r.year === y);
        expect(rows.map((r) => r.region).sort(), `${who} ${y}`).toEqual([...want.regions.keys()].sort());
        for (const r of rows) {
          const w = want.regions.get(r.region)!;
          expect(r.activities, `${who} ${y} ${r.region}`).toBe(w.activities < 5 ? null : w.activities);
          expect(r.people).toBe(w.trained < 5 ? null : w.trained);
          const cells = page.querySelector(`tr[data-key="${y}.${r.region}"]`)!.querySelectorAll('td');
          expect(cells[2]!.text).toBe(
            r.activities === null ? 'fewer than 5' : r.activities.toLocaleString('en'),
          );
        }
      }
      expect(page.querySelector('#how-counted')!.text).toMatch(/several regions/i);
    }
  });

  it('shows on the pages the figures of the API, with how each is counted', async () => {
    const s = await sessionAs(t, 'programme_officer');
    const f = (await json('/api/v1/reports/programme?from=2015-01-01&to=2015-12-31')).figures;
    const report = parse((await get('/reports/programme?from=2015-01-01&to=2015-12-31', s.headers)).body);
    for (const name of [
      'activities_delivered',
      'member_states_served',
      'people_trained',
      'funding_received_usd',
    ])
      expect(Number(report.querySelector(`#fig-${name}`)!.getAttribute('data-value')), name).toBe(f[name]);
    for (const id of ['summary', 'assistance', 'mentoring', 'funding'])
      expect(report.querySelector(`#how-${id}`)!.text.length, id).toBeGreaterThan(40);
    const dash = await json(dashUrl(2015));
    const page = parse((await get('/assistance?year=2015', s.headers)).body);
    for (const k of ['activities', 'served', 'trained', 'reached'])
      expect(Number(page.querySelector(`#fig-${k}`)!.getAttribute('data-value')), k).toBe(dash.summary[k]);
    expect(page.querySelector('#how-counted')!.text).toMatch(/start date/);
    // One activity in the last quarter of 2015, in 25 countries: the summary says so in words, in each language's plural.
    const quarter = (await json('/api/v1/reports/programme?from=2015-10-01&to=2015-12-31')).sections[0]
      .text as string;
    expect(quarter).toMatch(/delivered 1 activity in (\d+) Member States/);
    const fr = parse(
      (await get('/reports/programme?from=2015-10-01&to=2015-12-31&lang=fr', s.headers)).body,
    ).querySelector('#sec-summary p')!.text;
    expect(fr).toMatch(/1 activité dans \d+ États Membres/);
  });
});

describe('plurals and numbers from the catalogs', () => {
  const msg =
    '{n, plural, =0 {no activity} one {# activity in {where}} few {# few} many {# many} two {# two} other {# activities}}';
  it.each([
    [
      'en',
      [0, 1, 2, 5, 21, 12750],
      [
        'no activity',
        '1 activity in KEN',
        '2 activities',
        '5 activities',
        '21 activities',
        '12,750 activities',
      ],
    ],
    ['fr', [1, 2, 12750], ['1 activity in KEN', '2 activities', '12\u202f750 activities']],
    ['ru', [1, 3, 5, 21], ['1 activity in KEN', '3 few', '5 many', '21 activity in KEN']],
    ['ar', [1, 2, 3, 11, 100], ['1 activity in KEN', '2 two', '3 few', '11 many', '100 activities']],
    ['zh', [1, 2], ['1 activities', '2 activities']],
    ['es', [1, 2], ['1 activity in KEN', '2 activities']],
  ] as const)('%s picks the branch its plural rules give', (lang, ns, want) => {
    expect(ns.map((n) => formatMessage(lang, msg, { n, where: 'KEN' }))).toEqual(want);
  });
  it('groups numbers as the language does, but not years or ids, and leaves unknown variables as they are', () => {
    expect(
      formatMessage('en', '{total} people in {year}, request {id}, {missing}', {
        total: 12750,
        year: 2016,
        id: 12345,
      }),
    ).toBe('12,750 people in 2016, request 12345, {missing}');
    expect(formatMessage('es', '{total}', { total: 12750 })).toBe('12.750');
  });
});
