/**
 * The programme's figures, from the service that owns them, on a handful of records made for the
 * purpose: which activities count (delivered, the programme's own, visible to the viewer, started in
 * the period), whose participants a country counts, and what became of requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from '../../../test/helpers.js';
import { ANONYMOUS, system, type Viewer } from '../../core/access.js';
import { createActivity, activityInput } from './activities.js';
import { activityFigures, requestFigures, yearScope } from './figures.js';
import { createRequest, requestInput, transitionRequest } from './requests.js';

let db: TestDb;
const admin = system('test');
const reader: Viewer = { ...ANONYMOUS, role: 'reader', name: 'reader', userId: 1, via: 'session' };
const activity = (a: object) => createActivity(db.orm, admin, activityInput.parse(a));

beforeAll(async () => {
  db = await testDatabase();
  const delivered = { kind: 'workshop', status: 'delivered', actual_start: '2020-03-01' };
  await activity({
    ...delivered,
    title: 'Two countries, public',
    tier: 'public',
    countries: ['KEN', 'UGA'],
    participants: [
      { role: 'judge', sex: 'female', country: 'KEN', count: 4 },
      { role: 'prosecutor', sex: 'male', country: 'UGA', count: 3 },
      { role: 'policy_maker', sex: 'female', count: 2 }, // no country: not Kenya's alone
    ],
    audiences: [{ audience: 'adults', count: 30 }],
  });
  await activity({
    ...delivered,
    title: 'Kenya alone, internal',
    countries: ['KEN'],
    participants: [{ role: 'investigator', sex: 'male', count: 5 }],
  });
  await activity({
    ...delivered,
    title: 'Restricted',
    tier: 'restricted',
    countries: ['GTM'],
    participants: [{ role: 'judge', sex: 'male', count: 7 }],
  });
  await activity({
    ...delivered,
    title: 'Another implementer',
    implementer: 'Other',
    countries: ['KEN'],
    participants: [{ role: 'judge', sex: 'male', count: 100 }],
  });
  await activity({
    kind: 'workshop',
    title: 'Planned',
    countries: ['KEN'],
    planned_start: '2020-05-01',
    participants: [{ role: 'judge', sex: 'male', count: 50 }],
  });
  await activity({
    ...delivered,
    actual_start: '2021-01-10',
    title: 'Next year',
    countries: ['KEN'],
    participants: [{ role: 'judge', sex: 'male', count: 9 }],
  });

  const request = (country: string) =>
    createRequest(
      db.orm,
      admin,
      requestInput.parse({
        country,
        agency: 'Police',
        received: '2020-02-01',
        kind: 'training',
        description: 'Training',
      }),
    );
  const met = await request('KEN');
  for (const to of ['under_review', 'accepted', 'in_progress'] as const)
    await transitionRequest(db.orm, admin, met.id, { to });
  const declined = await request('KEN');
  await transitionRequest(db.orm, admin, declined.id, { to: 'declined', reason: 'no_funding' });
  await request('UGA');
});
afterAll(() => db.close());

describe('activity figures', () => {
  it('count the programme’s delivered activities started in the period, as far as the viewer may see', async () => {
    const y2020 = yearScope(2020);
    expect(await activityFigures(db.orm, admin, y2020)).toMatchObject({
      activities: 3,
      served: 3,
      trained: 21,
      trained_cj: 19,
      reached: 30,
    });
    expect(await activityFigures(db.orm, reader, y2020)).toMatchObject({
      activities: 2,
      served: 2,
      trained: 14,
    });
    expect(await activityFigures(db.orm, ANONYMOUS, y2020)).toMatchObject({ activities: 1, trained: 9 });
    expect((await activityFigures(db.orm, admin, yearScope(2021))).trained).toBe(9);
  });

  it('give a country its own participants, and those without a country only from activities in it alone', async () => {
    const kenya = await activityFigures(db.orm, admin, { ...yearScope(2020), country: 'KEN' });
    expect(kenya).toMatchObject({ activities: 2, served: 1, trained: 9, reached: 0 });
    expect(kenya.by_role).toEqual([
      { role: 'investigator', n: 5 },
      { role: 'judge', n: 4 },
    ]);
  });

  it('add up: by sex, by role and by region each total the people trained', async () => {
    const f = await activityFigures(db.orm, admin, yearScope(2020));
    const total = (l: { n: number }[]) => l.reduce((n, x) => n + x.n, 0);
    expect(total(f.by_sex)).toBe(f.trained);
    expect(total(f.by_role)).toBe(f.trained);
    expect(f.by_region.reduce((n, r) => n + r.trained, 0)).toBe(f.trained);
  });
});

describe('request figures', () => {
  it('say what became of the requests received in the period', async () => {
    expect(await requestFigures(db.orm, admin, yearScope(2020))).toMatchObject({
      received: 3,
      met: 1,
      open: 1,
      declined_no_funding: 1,
      declined_other: 0,
      withdrawn: 0,
    });
    expect((await requestFigures(db.orm, admin, { ...yearScope(2020), country: 'UGA' })).received).toBe(1);
    expect((await requestFigures(db.orm, admin, yearScope(2019))).received).toBe(0);
  });
});
