/**
 * History and audit never show what the viewer may not see: a public case that cites a restricted
 * and a draft law, a public law amended by a restricted one, and restricted items of every kind in
 * the audit log. The history and audit pages and APIs — and every page linked from them — are
 * searched for the restricted marker, ids and addresses, as contributor, editor and reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePayload, workPayload } from './factories.js';
import { crawl, sessionAs, testApp, tokenAs, type Session, type TestApp } from './helpers.js';

const MARKER = 'QX7HISTORYMARKER';
const DRAFT = 'QX7DRAFTHISTORYMARKER';
let t: TestApp;
let admin: Record<string, string>;
let restricted: {
  work: string;
  uri: string;
  case: string;
  document: string;
  activity: number;
  assessment: number;
  attachment: number;
};
let draftWork: string;
let publicCase: string;
let roles: Record<'contributor' | 'editor' | 'reader' | 'officer', Session>;

beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = { authorization: `Bearer ${t.token}` };
  const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, expected = 200) => {
    const res = await t.app.inject({ method, url, headers: admin, payload });
    expect(res.statusCode, `${url} ${res.body}`).toBe(expected);
    return res.json();
  };
  const publish = async (kind: string, id: string) => {
    for (const to of ['in_review', 'published'])
      await call('POST', `/api/v1/${kind}/${id}/transition`, { to });
  };
  // A published restricted law whose provision headings carry the marker, and a public law still in draft.
  const secret = workPayload({ number: 'H1', tier: 'restricted', title: { eng: `Secret ${MARKER} Act` } });
  secret.expressions[0].provisions[1].heading = `${MARKER} heading`;
  const work = await call('POST', '/api/v1/works', secret, 201);
  await publish('works', work.id);
  const draft = workPayload({ number: 'H2', title: { eng: `Draft ${DRAFT} Act` } });
  draft.expressions[0].provisions[0].heading = `${DRAFT} heading`;
  draftWork = (await call('POST', '/api/v1/works', draft, 201)).id;
  // A public case that first cites a public provision, then also the restricted and the draft one, then changes its title.
  publicCase = (
    await call(
      'POST',
      '/api/v1/cases',
      casePayload({
        case_number: 'H-1',
        title: 'Republic v. Public',
        cites_provisions: [{ work: 'ke-act-2019-14', eid: 'sec_4' }],
      }),
      201,
    )
  ).id;
  await publish('cases', publicCase);
  await call('PATCH', `/api/v1/cases/${publicCase}`, {
    cites_provisions: [
      { work: 'ke-act-2019-14', eid: 'sec_4' },
      { work: work.id, eid: 'sec_2' },
      { work: draftWork, eid: 'sec_1' },
    ],
  });
  await call('PATCH', `/api/v1/cases/${publicCase}`, { title: 'Republic v. Public (on appeal)' });
  // A public law amended by the restricted one.
  await call(
    'POST',
    '/api/v1/works/ke-act-2019-14/events',
    { kind: 'amendment', date: '2025-01-01', amending_work: work.id, provisions: ['sec_4'] },
    201,
  );
  // Restricted items of other kinds, for the audit log.
  const rcase = (
    await call(
      'POST',
      '/api/v1/cases',
      casePayload({ case_number: 'H-R', tier: 'restricted', title: `Republic v. ${MARKER}` }),
      201,
    )
  ).id;
  const document = (
    await call(
      'POST',
      '/api/v1/documents',
      {
        type: 'lesson_learned',
        title: `Mentoring ${MARKER}`,
        language: 'eng',
        date: '2025-02-02',
        summary: MARKER,
        country: 'KEN',
        tier: 'restricted',
      },
      201,
    )
  ).id;
  const activity = (
    await call(
      'POST',
      '/api/v1/activities',
      {
        kind: 'training_course',
        title: `Course ${MARKER}`,
        countries: ['KEN'],
        planned_start: '2026-05-04',
        planned_end: '2026-05-08',
        tier: 'restricted',
      },
      201,
    )
  ).id;
  const framework = (await t.app.inject({ url: '/api/v1/frameworks', headers: admin }))
    .json()
    .items.find((f: { status: string }) => f.status === 'published');
  const assessment = (
    await call(
      'POST',
      '/api/v1/assessments',
      { country: 'KEN', framework: framework.id, started: '2026-02-02' },
      201,
    )
  ).id;
  await t.db.pool.query(`UPDATE assessment SET tier = 'restricted' WHERE id = $1`, [assessment]);
  await call('POST', `/api/v1/assessments/${assessment}/findings`, { text: `Finding ${MARKER}` }, 201);
  const boundary = '----hist';
  const file = await t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?owner_type=work&owner_id=${work.id}`,
    headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gazette.txt"\r\nContent-Type: text/plain\r\n\r\n${MARKER} gazette\r\n--${boundary}--\r\n`,
  });
  expect(file.statusCode, file.body).toBe(201);
  restricted = {
    work: work.id,
    uri: work.uri,
    case: rcase,
    document,
    activity,
    assessment,
    attachment: file.json().id,
  };
  roles = {
    contributor: await sessionAs(t, 'contributor', ['UGA']),
    editor: await sessionAs(t, 'editor'),
    reader: await sessionAs(t, 'reader'),
    officer: await sessionAs(t, 'programme_officer'),
  };
});
afterAll(() => t.close());

/** What must not appear: the marker, and the restricted law's id and address (and the draft law's, for non-editors). */
function leaks(body: string, role: string): string[] {
  const secrets = [
    MARKER,
    restricted.work,
    restricted.uri,
    restricted.case,
    restricted.document,
    ...(role === 'editor' ? [] : [DRAFT, draftWork]),
  ];
  return secrets.filter((s) => body.includes(s));
}

const HISTORY = () => [
  `/history/case/${publicCase}`,
  `/api/v1/cases/${publicCase}/history`,
  '/history/work/ke-act-2019-14',
  '/api/v1/works/ke-act-2019-14/history',
  '/api/v1/works/ke-act-2019-14/events',
];
const AUDIT = [
  '/admin/audit',
  '/api/v1/audit?limit=500',
  '/admin/audit?entity_type=work',
  '/admin/audit?entity_type=attachment',
  '/admin/audit?entity_type=activity',
  '/admin/audit?entity_type=assessment',
];

describe('history and audit, by tier', () => {
  it('the history of a public case shows a contributor or an editor its public citation, but nothing of the restricted (or draft) law it cites', async () => {
    for (const role of ['contributor', 'editor'] as const) {
      const api = await t.app.inject({
        url: `/api/v1/cases/${publicCase}/history`,
        headers: roles[role].headers,
      });
      expect(api.statusCode).toBe(200);
      expect(leaks(api.body, role), role).toEqual([]);
      const changes = api
        .json()
        .items.flatMap(
          (e: { changes: { field: string; before: string | null; after: string | null }[] }) => e.changes,
        );
      // The public citation is there; the hidden ones are only counted.
      expect(changes.some((c: { field: string }) => c.field === 'cites_provisions[sec_4].work')).toBe(true);
      expect(changes).toContainEqual({
        field: 'cites_provisions_not_shown',
        before: null,
        after: role === 'editor' ? '1 cited provision you cannot see' : '2 cited provisions you cannot see',
      });
      const page = await t.app.inject({ url: `/history/case/${publicCase}`, headers: roles[role].headers });
      expect(page.statusCode).toBe(200);
      expect(leaks(page.body, role), role).toEqual([]);
      expect(page.body).toContain('cited provision');
    }
    // Someone who may see the restricted law sees its heading in the same history.
    const officer = await t.app.inject({
      url: `/api/v1/cases/${publicCase}/history`,
      headers: roles.officer.headers,
    });
    expect(officer.body).toContain(`${MARKER} heading`);
    expect(officer.body).toContain(restricted.work);
    expect(officer.body).not.toContain('cannot see');
  });

  it('the history and events of a public law amended by a restricted one do not name it, except to programme staff', async () => {
    for (const role of ['contributor', 'editor'] as const) {
      const api = await t.app.inject({
        url: '/api/v1/works/ke-act-2019-14/history',
        headers: roles[role].headers,
      });
      expect(api.statusCode).toBe(200);
      expect(leaks(api.body, role), role).toEqual([]);
      expect(api.body).toContain('a law you cannot see');
      const events = await t.app.inject({
        url: '/api/v1/works/ke-act-2019-14/events',
        headers: roles[role].headers,
      });
      expect(leaks(events.body, role), role).toEqual([]);
    }
    expect((await t.app.inject({ url: '/api/v1/works/ke-act-2019-14/events' })).body).not.toContain(
      restricted.work,
    );
    expect(
      (await t.app.inject({ url: '/api/v1/works/ke-act-2019-14/history', headers: roles.officer.headers }))
        .body,
    ).toContain(restricted.work);
    // Programme staff may see the restricted law: its events name and link it for them.
    const forOfficer = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2019-14/events', headers: roles.officer.headers })
    ).json().items as { amending_work: string | null; amending_uri: string | null }[];
    expect(forOfficer.map((e) => e.amending_work)).toContain(restricted.work);
    expect(forOfficer.map((e) => e.amending_uri)).toContain(restricted.uri);
  });

  it('the audit log shows an editor no entry about a restricted work, case, document, activity, assessment or file; a programme officer sees them all', async () => {
    const hidden = (items: { entity_type: string; entity_id: string }[]) =>
      items.filter(
        (a) =>
          [restricted.work, restricted.case, restricted.document].includes(a.entity_id) ||
          (a.entity_type === 'activity' && a.entity_id === String(restricted.activity)) ||
          (a.entity_type === 'assessment' && a.entity_id === String(restricted.assessment)) ||
          (a.entity_type === 'attachment' && a.entity_id === String(restricted.attachment)),
      );
    const asEditor = await t.app.inject({ url: '/api/v1/audit?limit=500', headers: roles.editor.headers });
    expect(asEditor.statusCode).toBe(200);
    expect(hidden(asEditor.json().items)).toEqual([]);
    // The editor still sees the entries about what they may see.
    expect(
      asEditor.json().items.filter((a: { entity_id: string }) => a.entity_id === publicCase).length,
    ).toBeGreaterThanOrEqual(4);
    expect(asEditor.json().items.some((a: { entity_id: string }) => a.entity_id === draftWork)).toBe(true);
    const byId = await t.app.inject({
      url: `/api/v1/audit?entity_id=${restricted.work}`,
      headers: roles.editor.headers,
    });
    expect(byId.json().items).toEqual([]);
    const asOfficer = (
      await t.app.inject({ url: '/api/v1/audit?limit=500', headers: roles.officer.headers })
    ).json().items;
    expect(new Set(hidden(asOfficer).map((a: { entity_type: string }) => a.entity_type))).toEqual(
      new Set(['work', 'case', 'document', 'activity', 'assessment', 'attachment']),
    );
    // Accounts and tokens are for administrators.
    const userEntries = (headers: Record<string, string>) =>
      t.app.inject({ url: '/api/v1/audit?entity_type=user', headers }).then((r) => r.json().items.length);
    expect(await userEntries(admin)).toBeGreaterThan(0);
    expect(await userEntries(roles.officer.headers)).toBe(0);
    expect(await userEntries(await tokenAs(t, 'editor'))).toBe(0);
  });

  for (const role of ['contributor', 'editor', 'reader'] as const)
    it(`a ${role} finds nothing restricted on the history and audit pages or anything they link to`, async () => {
      const pages = await crawl(t, [...HISTORY(), ...AUDIT], roles[role].headers, 250);
      expect(pages.size).toBeGreaterThan(role === 'reader' ? 10 : 30);
      const found = [...pages].flatMap(([url, body]) => leaks(body, role).map((s) => `${url}: ${s}`));
      expect(found).toEqual([]);
    }, 120_000);

  it('the crawl would find the marker: the same pages show it to a programme officer', async () => {
    const pages = await crawl(t, [...HISTORY(), ...AUDIT], roles.officer.headers, 40);
    expect([...pages.values()].some((body) => body.includes(MARKER))).toBe(true);
    expect([...pages.values()].some((body) => body.includes(restricted.work))).toBe(true);
  }, 120_000);
});
