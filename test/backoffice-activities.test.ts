/** The activity form as a programme officer uses it: countries, region and concepts by name, cost and implementer, the confirmation after saving. */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, sessionAs, testApp, type Session, type TestApp } from './helpers.js';

let t: TestApp;
let officer: Session;
beforeAll(async () => {
  t = await testApp({ demo: true });
  officer = await sessionAs(t, 'programme_officer');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: officer.headers });
const api = async (url: string) =>
  (await t.app.inject({ url, headers: { authorization: `Bearer ${t.token}` } })).json();
/** The message tied to a field by aria-describedby. */
const errorAt = (html: string, name: string) => {
  const root = parse(html);
  const field = root.querySelector(`form [name="${name}"]`)!;
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.length ? root.querySelector(`#${ids[0]}`)!.text : undefined;
};

describe('activity form', () => {
  it('offers countries and regions by name, records cost and implementer, and confirms the save', async () => {
    const page = parse((await get('/assistance/activities')).body);
    const form = page.querySelector('form[action="/assistance/activities"]')!;
    const countries = form.querySelector('select[name="countries"]')!;
    expect(countries.hasAttribute('multiple')).toBe(true);
    expect(
      countries
        .querySelectorAll('option')
        .find((o) => o.text.trim() === 'Kenya')!
        .getAttribute('value'),
    ).toBe('KEN');
    expect(form.querySelector('select[name="region"] option[value="014"]')!.text.trim()).toBe(
      'Eastern Africa',
    );
    for (const name of ['cost', 'currency', 'cost_usd', 'implementer'])
      expect(form.querySelector(`[name="${name}"]`), name).not.toBeNull();

    const fields = {
      kind: 'workshop',
      title: 'Cybercrime legislation workshop, Nairobi',
      countries: 'KEN,UGA',
      region: '014',
      status: 'planned',
      planned_start: '2026-10-05',
      tier: 'internal',
      cost: '12500',
      currency: 'EUR',
      cost_usd: '13400',
      implementer: 'Council of Europe',
      concepts: ',illegal-access',
    };
    const wrong = await postForm(t, officer, '/assistance/activities', { ...fields, countries: 'KEN,XXX' });
    expect(wrong.statusCode).toBe(400);
    expect(errorAt(wrong.body, 'countries')).toBe('Choose a country from the list.');
    expect(parse(wrong.body).querySelector('.message.error')!.text).not.toContain('XXX'); // the top says to look below

    const created = await postForm(t, officer, '/assistance/activities', fields);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/assistance\/activities\/\d+\?saved=1$/);
    const shown = parse((await get(String(created.headers.location))).body);
    expect(shown.querySelector('[role=status]')!.text).toContain('Activity saved.');
    expect(shown.querySelector('[role=status]')!.text).toContain('Kenya, Uganda');
    const id = String(created.headers.location).split('/').pop()!.split('?')[0];
    expect(await api(`/api/v1/activities/${id}`)).toMatchObject({
      countries: ['KEN', 'UGA'],
      region: '014',
      cost: 12500,
      currency: 'EUR',
      cost_usd: 13400,
      implementer: 'Council of Europe',
      concepts: ['illegal-access'],
    });
    // without ?saved the page says nothing of a save
    expect((await get(`/assistance/activities/${id}`)).body).not.toContain('Activity saved.');

    // saving the form as shown keeps what it holds (region, cost, implementer, concepts, tier)
    const edit = parse(shown.toString()).querySelector(`form[action="/assistance/activities/${id}"]`)!;
    const values: Record<string, string> = {};
    for (const el of edit.querySelectorAll('input, select, textarea')) {
      const name = el.getAttribute('name');
      const type = el.getAttribute('type') ?? '';
      if (!name || (['checkbox', 'radio'].includes(type) && !el.hasAttribute('checked'))) continue;
      const value =
        el.tagName === 'SELECT'
          ? el
              .querySelectorAll('option[selected]')
              .map((o) => o.getAttribute('value')!)
              .join(',')
          : el.tagName === 'TEXTAREA'
            ? el.text
            : (el.getAttribute('value') ?? '');
      values[name] = name in values ? `${values[name]},${value}` : value;
    }
    const again = await postForm(t, officer, `/assistance/activities/${id}`, {
      ...values,
      status: 'ongoing',
    });
    expect(again.statusCode).toBe(303);
    expect(await api(`/api/v1/activities/${id}`)).toMatchObject({
      status: 'ongoing',
      countries: ['KEN', 'UGA'],
      region: '014',
      cost: 12500,
      currency: 'EUR',
      implementer: 'Council of Europe',
      concepts: ['illegal-access'],
      tier: 'internal',
    });
  });
});
