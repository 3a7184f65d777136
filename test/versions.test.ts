/** A law over time: point in time, changes between versions, side by side, and the timeline (demo Kenyan law with two versions). */
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const WORK = '/akn/ke/act/2019/14';
const api = (url: string, init: { method?: 'POST' | 'DELETE'; body?: object } = {}) =>
  t.app.inject({
    method: init.method ?? 'GET',
    url,
    payload: init.body,
    headers: { authorization: `Bearer ${t.token}` },
  });

describe('point in time', () => {
  it('gives the expression in force on a date through the API', async () => {
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14?at=2020-06-01')).json().expression.date).toBe(
      '2019-05-21',
    );
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14?at=2023-01-12')).json().expression.date).toBe(
      '2023-01-12',
    );
    expect(
      (await t.app.inject('/api/v1/works/ke-act-2019-14?at=2030-01-01&language=eng')).json().expression.date,
    ).toBe('2023-01-12');
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14?at=2018-01-01')).statusCode).toBe(404);
  });

  it('shows the law as it stood on a date, saying which version that is', async () => {
    const res = await t.app.inject(`${WORK}/eng@2021-01-01`);
    expect(res.statusCode).toBe(200);
    const doc = parse(res.body);
    expect(doc.querySelector('p.notice[role=status]')!.text).toMatch(/2021.*2019/);
    expect(doc.querySelector('#sec_3 .text')!.text).toContain('five million shillings');
    expect(doc.querySelector('#sec_13a')).toBeNull();
    const now = parse((await t.app.inject(`${WORK}/eng@2024-01-01`)).body);
    expect(now.querySelector('#sec_3 .text')!.text).toContain(
      'ten million shillings or to imprisonment for a term not exceeding five years',
    );
    expect(now.querySelector('#sec_13a h3')!.text).toBe('13A Cyber extortion');
  });

  it('takes a date from the form and goes to its address', async () => {
    const res = await t.app.inject(`${WORK}?at=2020-02-02&language=eng`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${WORK}/eng@2020-02-02`);
    expect((await t.app.inject(`${WORK}/eng@1999-01-01`)).statusCode).toBe(404);
  });
});

describe('changes between versions', () => {
  it('aligns the provisions by eId and marks what changed, word by word (API)', async () => {
    const res = await t.app.inject('/api/v1/works/ke-act-2019-14/diff?from=eng@2019-05-21&to=eng@2023-01-12');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toMatchObject({ changed: 1, added: 1, removed: 1 });
    const byEid = Object.fromEntries(body.provisions.map((p: { eid: string }) => [p.eid, p]));
    expect(byEid.sec_13a.status).toBe('added');
    expect(byEid.sec_14.status).toBe('removed');
    const s3 = byEid.sec_3;
    expect(s3.status).toBe('changed');
    expect(
      s3.text.filter((w: { op: string }) => w.op === 'delete').map((w: { text: string }) => w.text.trim()),
    ).toEqual(['five', 'three']);
    expect(
      s3.text.filter((w: { op: string }) => w.op === 'insert').map((w: { text: string }) => w.text.trim()),
    ).toEqual(['ten', 'five']);
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14/diff?from=nonsense')).statusCode).toBe(400);
  });

  it('shows the changes on a page, with only the changed provisions unless asked', async () => {
    const doc = parse(
      (await t.app.inject('/works/ke-act-2019-14/compare?a=eng@2019-05-21&b=eng@2023-01-12')).body,
    );
    expect(doc.querySelectorAll('.diff-row').map((r) => r.getAttribute('id'))).toEqual([
      'sec_3',
      'sec_14',
      'sec_13a',
    ]);
    expect(doc.querySelector('#sec_3 ins')!.text.trim()).toBe('ten');
    expect(doc.querySelector('#sec_3 del')!.text.trim()).toBe('five');
    const all = parse(
      (await t.app.inject('/works/ke-act-2019-14/compare?a=eng@2019-05-21&b=eng@2023-01-12&all=1')).body,
    );
    expect(all.querySelectorAll('.diff-row.unchanged').length).toBeGreaterThan(20);
  });
});

describe('translations side by side', () => {
  it('shows the English and the Kiswahili texts provision by provision, with the translation notice', async () => {
    const page = await t.app.inject(`${WORK}/eng@2019-05-21`);
    const link = parse(page.body).querySelector('a[href*="view=parallel"]')!.getAttribute('href')!;
    const doc = parse((await t.app.inject(link)).body);
    expect(
      doc.querySelectorAll('table.parallel th').map((th) => th.querySelector('a')!.getAttribute('href')),
    ).toEqual([`${WORK}/eng@2019-05-21`, `${WORK}/swa@2019-05-21`]);
    const row = doc.querySelector('tr#sec_3')!;
    expect(row.querySelectorAll('td')[0].getAttribute('lang')).toBe('en');
    expect(row.querySelectorAll('td')[1].text).toMatch(/kompyuta/i);
    expect(doc.querySelector('p.notice')).not.toBeNull();
  });
});

describe('timeline and events', () => {
  it('lists the versions, the commencement and the amendment on the work page', async () => {
    const doc = parse((await t.app.inject(`${WORK}/eng@2023-01-12`)).body);
    const items = doc.querySelectorAll('.timeline li').map((li) => li.text.replace(/\s+/g, ' ').trim());
    // English and Kiswahili of 2019, the commencement, the amendment, the English of 2023
    expect(items).toHaveLength(5);
    expect(items[2]).toMatch(/Commenced/);
    expect(items[3]).toMatch(
      /Amended — Computer Misuse and Cybercrimes \(Amendment\) Act, 2022 \(fictional\) · affects 3 Unauthorised access, 13A Cyber extortion, s. 14/,
    );
    expect(
      doc.querySelector('.timeline a[href*="/compare?a=eng@2019-05-21&b=eng@2023-01-12"]'),
    ).not.toBeNull();
  });

  it('records and deletes events through the API, refusing an amendment that names no amending law', async () => {
    const bad = await api('/api/v1/works/ke-act-2019-14/events', {
      method: 'POST',
      body: { kind: 'amendment', date: '2024-03-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toMatch(/amending law/);
    const created = await api('/api/v1/works/ke-act-2019-14/events', {
      method: 'POST',
      body: { kind: 'commencement', date: '2024-03-01', provisions: ['sec_13a'] },
    });
    expect(created.statusCode).toBe(201);
    const { items } = (await t.app.inject('/api/v1/works/ke-act-2019-14/events')).json();
    expect(items.map((e: { kind: string; date: string }) => `${e.kind}@${e.date}`)).toEqual([
      'commencement@2019-06-03',
      'amendment@2023-01-12',
      'commencement@2024-03-01',
    ]);
    expect(
      (await api(`/api/v1/works/ke-act-2019-14/events/${created.json().id}`, { method: 'DELETE' }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/works/ke-act-2019-14/events',
          payload: { kind: 'repeal', date: '2024-01-01' },
        })
      ).statusCode,
    ).toBe(401);
  });
});
