/** The law editor through its forms: create with provisions, the editing operations, errors, saving. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, type Session, type TestApp } from './helpers.js';

let t: TestApp;
let kenya: Session;
let editor: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  kenya = await sessionAs(t, 'contributor', ['KEN']);
  editor = await sessionAs(t, 'editor');
});
afterAll(() => t.close());

const post = (s: Session, url: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: { ...form, _csrf: s.csrf } });
const get = (s: Session, url: string) => t.app.inject({ url, headers: { cookie: s.cookie } });
const values = (html: string, name: string) =>
  parse(html)
    .querySelectorAll(`[name^="p."][name$=".${name}"]`)
    .map((e) => e.getAttribute('value') ?? e.text);

const newLaw = {
  country: 'KEN',
  type: 'act',
  number: '21',
  year: '2025',
  'title.0.lang': 'eng',
  'title.0.text': 'Cyber Security Act',
  'title.1.lang': 'swa',
  'title.1.text': 'Sheria ya Usalama wa Mtandao',
  status: 'in_force',
  tier: 'public',
  concepts: 'illegal-access',
  language: 'eng',
  date: '2025-04-01',
  expression_title: 'Cyber Security Act, 2025',
  authoritative: 'on',
  'p.0.kind': 'section',
  'p.0.number': '1',
  'p.0.heading': 'Short title',
  'p.0.text': 'This Act may be cited as the Cyber Security Act.\n\nIt comes into force on publication.',
  'p.0.depth': '0',
  'p.1.kind': 'section',
  'p.1.number': '2',
  'p.1.heading': 'Unauthorised access',
  'p.1.text': 'A person who accesses a computer system without authority commits an offence.',
  'p.1.depth': '0',
};

describe('law editor', () => {
  it('applies editing operations without saving, then creates the law as a draft', async () => {
    const split = await post(kenya, '/edit/work/new', { ...newLaw, op: 'split:0' });
    expect(split.statusCode).toBe(200);
    expect(values(split.body, 'text')).toEqual([
      'This Act may be cited as the Cyber Security Act.',
      'It comes into force on publication.',
      newLaw['p.1.text'],
    ]);
    const form = Object.fromEntries(
      parse(split.body)
        .querySelectorAll('form[action="/edit/work/new"] [name]')
        .filter((e) => e.getAttribute('type') !== 'checkbox' || e.hasAttribute('checked'))
        .map((e) => [
          e.getAttribute('name')!,
          e.tagName === 'TEXTAREA'
            ? e.text
            : (e.getAttribute('value') ?? e.querySelector('option[selected]')?.getAttribute('value') ?? ''),
        ]),
    );
    const indented = await post(kenya, '/edit/work/new', { ...form, authoritative: 'on', op: 'indent:1' });
    expect(parse(indented.body).querySelector('input[name="p.1.depth"]')!.getAttribute('value')).toBe('1');
    const created = await post(kenya, '/edit/work/new', {
      ...newLaw,
      'p.2.kind': 'subsection',
      'p.2.number': '(1)',
      'p.2.text': 'Penalty: a fine.',
      'p.2.depth': '1',
      op: 'save',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/edit/work/ke-act-2025-21');
    const api = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2025-21', headers: { cookie: kenya.cookie } })
    ).json();
    expect(api).toMatchObject({
      editorial_status: 'draft',
      title: { eng: 'Cyber Security Act', swa: 'Sheria ya Usalama wa Mtandao' },
      created_by: `user:${kenya.email}`,
    });
    expect(api.expression.provisions.map((p: { eid: string }) => p.eid)).toEqual(['sec_1', 'sec_2']);
    expect(api.expression.provisions[1].children[0].eid).toBe('sec_2__subsec_1');
    expect((await t.app.inject('/akn/ke/act/2025/21')).statusCode).toBe(404);
  });

  it('shows what is wrong next to each field and creates nothing', async () => {
    const res = await post(kenya, '/edit/work/new', {
      ...newLaw,
      number: '22',
      'title.0.lang': '',
      'title.1.lang': 'xx',
      date: '1 April',
      'p.0.eid': 'Section One',
      op: 'save',
    });
    expect(res.statusCode).toBe(400);
    const page = parse(res.body);
    const errors = Object.fromEntries(
      page
        .querySelectorAll(
          '.field.has-error > [name], .field.has-error > input, .field.has-error > select, .field.has-error > textarea',
        )
        .map((f) => [
          f.getAttribute('name'),
          page.querySelector(`#${f.getAttribute('aria-describedby')!.split(' ').pop()}`)!.text,
        ]),
    );
    expect(Object.keys(errors).sort()).toEqual(['date', 'p.0.eid', 'title.0.lang', 'title.1.lang']);
    expect(errors['title.1.lang']).toBe('Choose a language from the list.');
    expect(
      (await t.app.inject({ url: '/api/v1/works/ke-act-2025-22', headers: { cookie: kenya.cookie } }))
        .statusCode,
    ).toBe(404);
  });

  it('offers countries, languages and concepts by name and stores their codes; a value the picker does not offer is refused at its field', async () => {
    const blank = parse((await get(editor, '/edit/work/new?lang=fr')).body);
    const country = blank.querySelector('select[name="country"]')!;
    const kenyaOption = country.querySelectorAll('option').find((o) => o.text.trim() === 'Kenya')!;
    expect(kenyaOption.getAttribute('value')).toBe('KEN');
    // sorted by the name in French: Allemagne before Autriche, both before Kenya
    const names = country.querySelectorAll('option').map((o) => o.text.trim());
    expect(names.indexOf('Allemagne')).toBeLessThan(names.indexOf('Autriche'));
    expect(blank.querySelector('select[name="language"] option[value="spa"]')!.text.trim()).toBe('espagnol');
    expect(blank.querySelector('select[name="title.0.lang"] option[selected]')!.getAttribute('value')).toBe(
      'eng',
    );
    const access = blank.querySelector('input[type="checkbox"][name="concepts"][value="illegal-access"]')!;
    expect(access.parentNode!.text.trim()).toBe('Accès illégal');

    const law = {
      ...newLaw,
      number: '23',
      country: 'KEN',
      concepts: 'illegal-access,electronic-evidence',
      op: 'save',
    };
    const wrong = await post(editor, '/edit/work/new', {
      ...law,
      country: 'XXX',
      concepts: 'illegal-access,made-up',
    });
    expect(wrong.statusCode).toBe(400);
    const page = parse(wrong.body);
    const select = page.querySelector('select[name="country"]')!;
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector(`#${select.getAttribute('aria-describedby')}`)!.text).toBe(
      'Choose a country from the list.',
    );
    const concepts = page.querySelector('fieldset.concepts')!;
    expect(
      page.querySelector(`#${concepts.getAttribute('aria-describedby')!.split(' ').pop()}`)!.text,
    ).toContain('made-up');
    expect(page.querySelector('.message.error')!.text).not.toContain('ISO'); // the top says to look below, the fields say what

    expect((await post(editor, '/edit/work/new', law)).statusCode).toBe(303);
    const api = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2025-23', headers: { cookie: editor.cookie } })
    ).json();
    expect(api).toMatchObject({
      country: 'KEN',
      concepts: ['illegal-access', 'electronic-evidence'],
      title: { eng: 'Cyber Security Act', swa: 'Sheria ya Usalama wa Mtandao' },
    });
  });

  it('edits metadata and provisions, keeping a history, and refuses another country’s law', async () => {
    const page = await get(kenya, '/edit/work/ke-act-2025-21');
    expect(page.statusCode).toBe(200);
    const edit = parse(page.body);
    expect(edit.querySelector('select[name="title.0.lang"] option[selected]')!.getAttribute('value')).toBe(
      'eng',
    );
    expect(edit.querySelector('input[name="title.0.text"]')!.getAttribute('value')).toBe(
      'Cyber Security Act',
    );
    expect(edit.querySelector('input[name="title.2.text"]')!.getAttribute('value')).toBe(''); // a row to add a language
    expect(
      edit.querySelector('input[name="concepts"][value="illegal-access"]')!.hasAttribute('checked'),
    ).toBe(true);
    const meta = await post(kenya, '/edit/work/ke-act-2025-21/meta', {
      'title.0.lang': 'eng',
      'title.0.text': 'Cybersecurity Act',
      'title.1.lang': '',
      'title.1.text': '',
      status: 'in_force',
      tier: 'public',
      concepts: ',illegal-access',
    });
    expect(meta.statusCode).toBe(200);
    expect(parse(meta.body).querySelector('.message.ok')).not.toBeNull();
    const expression = parse(page.body)
      .querySelector('form[action*="/provisions?expression="]')!
      .getAttribute('action')!;
    const rows = {
      'p.0.kind': 'section',
      'p.0.number': '1',
      'p.0.text': 'Short title and commencement.',
      'p.0.depth': '0',
      'p.0.eid': 'sec_1',
    };
    expect((await post(kenya, expression, { ...rows, op: 'save' })).statusCode).toBe(200);
    const api = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2025-21', headers: { cookie: kenya.cookie } })
    ).json();
    expect(api.title.eng).toBe('Cybersecurity Act');
    expect(api.expression.provisions.map((p: { text: string }) => p.text)).toEqual([
      'Short title and commencement.',
    ]);
    const history = await get(kenya, '/history/work/ke-act-2025-21');
    expect(parse(history.body).querySelectorAll('.history > li')).toHaveLength(3);
    expect(history.body).toContain('Cybersecurity Act');
    // Another country's law: not editable by the Kenyan contributor.
    expect((await get(kenya, '/edit/work/th-act-2021-14')).statusCode).toBe(403);
    expect((await get(editor, '/edit/work/th-act-2021-14')).statusCode).toBe(200);
  });

  it('moves the law through the workflow from its edit page', async () => {
    const submit = await post(kenya, '/edit/work/ke-act-2025-21/transition', { to: 'in_review' });
    expect(submit.statusCode).toBe(303);
    const page = await get(editor, '/edit/work/ke-act-2025-21');
    const buttons = parse(page.body)
      .querySelectorAll('.workflow form button')
      .map((b) => b.text);
    expect(buttons).toEqual(['Back to draft', 'Publish']);
    expect((await post(editor, '/edit/work/ke-act-2025-21/transition', { to: 'published' })).statusCode).toBe(
      303,
    );
    expect((await t.app.inject('/akn/ke/act/2025/21')).statusCode).toBe(200);
  });
});
