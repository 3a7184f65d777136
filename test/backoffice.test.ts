/** The back-office forms for cases and documents, used as a person would: open, fill in, save, check. */
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, type Session, type TestApp } from './helpers.js';

let t: TestApp;
let kenyan: Session;
let editor: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  kenyan = await sessionAs(t, 'contributor', ['KEN']);
  editor = await sessionAs(t, 'editor');
});
afterAll(() => t.close());

const get = (url: string, session?: Session) =>
  t.app.inject({ url, headers: session ? { cookie: session.cookie } : {} });
const post = (url: string, session: Session, payload: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie },
    payload: { _csrf: session.csrf, ...payload },
  });
/** The API as the administrator sees it (drafts included). */
const api = async (url: string) =>
  (await t.app.inject({ url, headers: { authorization: `Bearer ${t.token}` } })).json();
const count = async (table: string) =>
  (await t.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

/** The values a browser would send for the form with this action (without the buttons); a name sent more than once is joined with commas, as the server reads it. */
function formValues(root: HTMLElement, action: string): Record<string, string> {
  const form = root.querySelector(`form[action="${action}"]`)!;
  const out: Record<string, string> = {};
  const add = (name: string, value: string) => (out[name] = name in out ? `${out[name]},${value}` : value);
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const name = el.getAttribute('name');
    const type = el.getAttribute('type') ?? '';
    if (
      !name ||
      ['submit', 'file'].includes(type) ||
      (['checkbox', 'radio'].includes(type) && !el.hasAttribute('checked'))
    )
      continue;
    if (el.tagName === 'TEXTAREA') add(name, el.text);
    else if (el.tagName === 'SELECT')
      add(name, (el.querySelector('option[selected]') ?? el.querySelector('option'))!.getAttribute('value')!);
    else add(name, el.getAttribute('value') ?? '');
  }
  return out;
}

/** The inline message next to the field with this name, if it has one. */
const errorFor = (root: HTMLElement, name: string) =>
  root
    .querySelectorAll('.field.has-error')
    .find((f) => f.querySelector(`[name="${name}"]`))
    ?.querySelector('.error')?.text;

const options = (root: HTMLElement, name: string) =>
  root.querySelectorAll(`select[name="${name}"] option`).map((o) => o.getAttribute('value'));

const CASE = {
  country: 'KEN',
  title: 'Republic v. M.W.',
  court: 'Chief Magistrate’s Court at Milimani',
  court_level: 'first_instance',
  date: '2023-03-14',
  case_number: 'Criminal Case No. E77 of 2023',
  ecli: '',
  language: 'eng',
  outcome: 'convicted',
  sentence: 'Fine of KES 200,000',
  tier: 'public',
  concepts: 'illegal-access, computer-fraud',
  keywords: 'SIM swap, mobile money',
  'brief.facts': 'The accused took over the complainant’s mobile money account after a SIM swap.',
  'brief.decision': 'Convicted on both counts.',
  citations: 'ke-act-2019-14 sec_4\r\nETS185 2',
};
const PARTY_0 = {
  'party.0.role': 'defendant',
  'party.0.name': 'M.W.',
  'party.0.kind': 'person',
  'party.0.charges': 'Unauthorised access (s. 4), Computer fraud (s. 9(a), (b))',
};
const PARTY_1 = {
  'party.1.role': 'complainant',
  'party.1.name': 'Republic',
  'party.1.kind': 'state',
  'party.1.charges': '',
};

describe('case editor', () => {
  let caseId: string;

  it('lets a Kenyan contributor create a draft case with parties and citations', async () => {
    const blank = parse((await get('/edit/case/new', kenyan)).body);
    expect(options(blank, 'country')).toEqual(['KEN']);
    expect(blank.querySelectorAll('[name$=".name"]')).toHaveLength(1);

    const added = await post('/edit/case/new', kenyan, { ...CASE, ...PARTY_0, op: 'add-party' });
    expect(added.statusCode).toBe(200);
    const twoRows = parse(added.body);
    expect(twoRows.querySelector('input[name="party.0.name"]')!.getAttribute('value')).toBe('M.W.');
    expect(twoRows.querySelector('input[name="party.1.name"]')!.getAttribute('value')).toBe('');
    expect(twoRows.querySelector('input[name="title"]')!.getAttribute('value')).toBe(CASE.title);
    expect(await count(`legal_case WHERE title = 'Republic v. M.W.'`)).toBe(0);

    const saved = await post('/edit/case/new', kenyan, {
      ...formValues(twoRows, '/edit/case/new'),
      ...PARTY_1,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/^\/edit\/case\/ken-2023-[a-z0-9-]+$/);
    caseId = String(saved.headers.location).split('/').pop()!;

    const edit = parse((await get(`/edit/case/${caseId}`, kenyan)).body);
    expect(edit.querySelector('input[name="title"]')!.getAttribute('value')).toBe(CASE.title);
    expect(edit.querySelector('input[name="court"]')!.getAttribute('value')).toBe(CASE.court);
    expect(edit.querySelector('input[name="party.0.charges"]')!.getAttribute('value')).toBe(
      'Unauthorised access (s. 4), Computer fraud (s. 9(a), (b))',
    );
    expect(edit.querySelector('input[name="party.1.name"]')!.getAttribute('value')).toBe('Republic');
    expect(edit.querySelector('textarea[name="citations"]')!.text.split('\n')).toEqual([
      'ke-act-2019-14 sec_4',
      'ETS185 2',
    ]);
    expect(edit.querySelector('textarea[name="brief.facts"]')!.text).toBe(CASE['brief.facts']);
    expect(edit.querySelector('.workflow')!.text).toContain('Draft');

    expect((await get(`/cases/${caseId}`)).statusCode).toBe(404);
    const mine = await get(`/cases/${caseId}`, kenyan);
    expect(mine.statusCode).toBe(200);
    const shown = parse(mine.body).text;
    for (const text of [
      'M.W.',
      'Republic',
      'Computer fraud (s. 9(a), (b))',
      'Budapest Convention Art. 2',
      'The Computer Misuse and Cybercrimes Act',
    ])
      expect(shown).toContain(text);
  });

  it('saves a change of one field and keeps the rest', async () => {
    const before = parse((await get(`/edit/case/${caseId}`, kenyan)).body);
    const res = await post(`/edit/case/${caseId}`, kenyan, {
      ...formValues(before, `/edit/case/${caseId}`),
      sentence: 'Fine of KES 250,000',
    });
    expect(res.statusCode).toBe(200);
    expect(parse(res.body).querySelector('.message.ok')).not.toBeNull();
    const c = await api(`/api/v1/cases/${caseId}`);
    expect(c.sentence).toBe('Fine of KES 250,000');
    expect(c.parties.map((p: { name: string }) => p.name)).toEqual(['M.W.', 'Republic']);
    expect(c.parties[0].charges).toEqual(['Unauthorised access (s. 4)', 'Computer fraud (s. 9(a), (b))']);
    expect(c.cites_articles).toHaveLength(1);
    expect(c.brief.decision).toBe(CASE['brief.decision']);
  });

  it('shows a message next to each bad field and creates nothing', async () => {
    const before = await count('legal_case');
    const res = await post('/edit/case/new', kenyan, {
      ...CASE,
      ...PARTY_0,
      title: '',
      date: '2023-02-30',
      citations: 'ETS185 2\nsection four of the act',
    });
    expect(res.statusCode).toBe(400);
    const root = parse(res.body);
    expect(errorFor(root, 'title')).toBeTruthy();
    expect(errorFor(root, 'date')).toBeTruthy();
    expect(errorFor(root, 'citations')).toContain('section four of the act');
    expect(errorFor(root, 'court')).toBeUndefined();
    expect(root.querySelector('input[name="party.0.name"]')!.getAttribute('value')).toBe('M.W.');

    const unknown = await post('/edit/case/new', kenyan, {
      ...CASE,
      case_number: 'E78 of 2023',
      citations: 'ke-act-1999-1 sec_1',
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorFor(parse(unknown.body), 'citations')).toBeTruthy();
    expect(await count('legal_case')).toBe(before);
  });

  it('keeps a contributor to their own countries', async () => {
    const before = await count('legal_case');
    // Ghana is not among the countries the form offers a Kenyan contributor: refused at the field.
    const forced = await post('/edit/case/new', kenyan, {
      ...CASE,
      country: 'GHA',
      case_number: 'E79 of 2023',
    });
    expect(forced.statusCode).toBe(400);
    expect(errorFor(parse(forced.body), 'country')).toBe('Choose a country from the list.');
    expect(await count('legal_case')).toBe(before);
    const ugandan = 'ug-2021-cm-cr-233';
    expect((await get(`/cases/${ugandan}`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await get(`/edit/case/${ugandan}`, kenyan)).statusCode);
    expect([403, 404]).toContain(
      (await post(`/edit/case/${ugandan}`, kenyan, { title: 'Changed' })).statusCode,
    );
    expect((await api(`/api/v1/cases/${ugandan}`)).title).not.toBe('Changed');
  });

  it('shows HTML in a title as text', async () => {
    const res = await post('/edit/case/new', kenyan, {
      ...CASE,
      title: '<script>alert(1)</script> v. State',
      case_number: 'E80 of 2023',
    });
    expect(res.statusCode).toBe(303);
    const body = (await get(String(res.headers.location), kenyan)).body;
    expect(body).toMatch(/&lt;script(&gt;|>)alert/);
    expect(body).not.toContain('<script>alert');
  });

  it('takes a file on the edit page and refuses a type it does not accept', async () => {
    const upload = (filename: string, type: string, text: string) => {
      const boundary = '----cyrepobackoffice';
      // The token is the form's first field, as the edit page's upload form sends it.
      const payload = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${kenyan.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${text}\r\n--${boundary}--\r\n`,
      );
      const url = `/edit/case/${caseId}/attachments`;
      return t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: kenyan.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const ok = await upload('judgment notes.txt', 'text/plain', 'Notes on the judgment.');
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/edit/case/${caseId}#files`);
    const files = () => count(`attachment WHERE owner_type = 'case' AND owner_id = '${caseId}'`);
    expect(await files()).toBe(1);
    expect(parse((await get(`/edit/case/${caseId}`, kenyan)).body).querySelector('#files')!.text).toContain(
      'judgment notes.txt',
    );
    const exe = await upload('setup.exe', 'application/x-msdownload', 'not really a program');
    expect(exe.statusCode).toBe(415);
    expect(await files()).toBe(1);
  });
});

describe('document editor', () => {
  const id = 'ke-2023-lesson-hospital-ransomware';

  it('lets an editor change a title; the other fields stay and the history shows the change', async () => {
    const before = await api(`/api/v1/documents/${id}`);
    const root = parse((await get(`/edit/document/${id}`, editor)).body);
    const form = formValues(root, `/edit/document/${id}`);
    expect(form.title).toBe(before.title);
    const res = await post(`/edit/document/${id}`, editor, {
      ...form,
      title: 'Lessons from a hospital ransomware investigation',
    });
    expect(res.statusCode).toBe(200);
    const after = await api(`/api/v1/documents/${id}`);
    expect(after.title).toBe('Lessons from a hospital ransomware investigation');
    for (const field of ['summary', 'body', 'authors', 'concepts', 'country', 'region', 'url', 'date'])
      expect(after[field], field).toEqual(before[field]);

    const history = parse((await get(`/history/document/${id}`, editor)).body);
    const latest = history.querySelector('ol.history > li')!;
    const changed = latest
      .querySelectorAll('tbody tr')
      .filter((r) => !/^updated_/.test(r.querySelector('code')!.text));
    expect(changed.map((r) => r.querySelector('code')!.text)).toEqual(['title']);
    expect(changed[0].querySelector('.del')!.text).toBe(before.title);
    expect(changed[0].querySelector('.ins')!.text).toBe('Lessons from a hospital ransomware investigation');
  });

  it('saves only the fields a form sends', async () => {
    const before = await api(`/api/v1/documents/${id}`);
    const res = await post(`/edit/document/${id}`, editor, {
      title: 'Ransomware at a county hospital: lessons learned',
    });
    expect(res.statusCode).toBe(200);
    const after = await api(`/api/v1/documents/${id}`);
    expect(after).toMatchObject({
      ...before,
      title: 'Ransomware at a county hospital: lessons learned',
      updated_at: after.updated_at,
    });
  });

  it('offers regions and languages by name and keeps their codes; a region it does not offer is refused at the field', async () => {
    const root = parse((await get(`/edit/document/${id}`, editor)).body);
    const region = root.querySelector('select[name="region"]')!;
    expect(region.querySelector('option[value="014"]')!.text.trim()).toBe('Eastern Africa');
    expect(root.querySelector('select[name="language"] option[selected]')!.getAttribute('value')).toBe('eng');
    expect(root.querySelector('select[name="language"] option[value="swa"]')!.text.trim()).toBe('Swahili');
    const form = formValues(root, `/edit/document/${id}`);
    const bad = await post(`/edit/document/${id}`, editor, { ...form, region: '999' });
    expect(bad.statusCode).toBe(400);
    expect(errorFor(parse(bad.body), 'region')).toBe('Choose a region from the list.');
    expect(
      (await post(`/edit/document/${id}`, editor, { ...form, region: '014', language: 'swa' })).statusCode,
    ).toBe(200);
    expect(await api(`/api/v1/documents/${id}`)).toMatchObject({ region: '014', language: 'swa' });
    await post(`/edit/document/${id}`, editor, { ...form });
  });

  it('creates a document for a contributor’s country, with inline errors first', async () => {
    const root = parse((await get('/edit/document/new', kenyan)).body);
    expect(options(root, 'country')).toEqual(['KEN']);
    const payload = {
      ...formValues(root, '/edit/document/new'),
      title: 'Electronic evidence checklist',
      authors: 'A. Njoroge\nB. Achieng',
      summary: '',
    };
    const bad = await post('/edit/document/new', kenyan, payload);
    expect(bad.statusCode).toBe(400);
    expect(errorFor(parse(bad.body), 'summary')).toBeTruthy();
    const ok = await post('/edit/document/new', kenyan, {
      ...payload,
      summary: 'What to seize and how to document it.',
    });
    expect(ok.statusCode).toBe(303);
    const doc = await api(`/api/v1/documents/${String(ok.headers.location).split('/').pop()}`);
    expect(doc).toMatchObject({
      country: 'KEN',
      authors: ['A. Njoroge', 'B. Achieng'],
      editorial_status: 'draft',
    });
  });
});
