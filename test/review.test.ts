/** Review of legislation: suggestions (API and CLI), mappings with their checks, and the review queue pages. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './intake-files.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const api = (url: string, init: { method?: 'POST' | 'PATCH' | 'DELETE'; body?: object } = {}) =>
  t.app.inject({
    method: init.method ?? 'GET',
    url,
    payload: init.body,
    headers: { authorization: `Bearer ${t.token}` },
  });
type Item = {
  eid: string;
  number: string | null;
  heading: string | null;
  suggestions: { article: string; score: number; strong: boolean; evidence: { type: string }[] }[];
};

describe('suggestions', () => {
  it('ranks the Budapest articles for each provision of a law, with the evidence, best first', async () => {
    const res = await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?instrument=ETS185&language=eng');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    const access = items.find((i) => i.eid === 'sec_3')!;
    expect(access.heading).toBe('Unauthorised access');
    expect(access.suggestions[0]).toMatchObject({ article: '2', strong: true });
    expect(access.suggestions[0].evidence.map((e) => e.type)).toContain('concept');
    const scores = access.suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(items.find((i) => i.eid === 'sec_19')!.suggestions[0].article).toBe('18'); // production order
    // "Short title and commencement" has no counterpart: no strong suggestion
    expect(items.find((i) => i.eid === 'sec_1')!.suggestions.some((s) => s.strong)).toBe(false);
  });

  it('a large law is asked for page by page: the pages together are the whole list, in order', async () => {
    const whole = (
      await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?instrument=ETS185&language=eng&limit=500')
    ).json();
    expect(whole.next_after).toBeNull();
    expect(whole.items).toHaveLength(whole.total);
    const paged: Item[] = [];
    let after: string | null = '';
    while (after !== null) {
      const page: { items: Item[]; next_after: string | null } = (
        await t.app.inject(
          `/api/v1/works/ke-act-2019-14/suggestions?instrument=ETS185&language=eng&limit=4${after ? `&after=${after}` : ''}`,
        )
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      after = page.next_after;
    }
    expect(paged).toEqual(whole.items);
    const bad = await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?after=sec_9999');
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?limit=100000')).statusCode).toBe(
      400,
    );
  });

  it('works for a law imported from plain text, in Spanish', async () => {
    const text =
      'Artículo 1. Acceso ilícito. El que acceda sin autorización a un sistema informático será sancionado.\nArtículo 2. Interceptación ilícita. El que intercepte datos informáticos será sancionado.\nArtículo 3. Vigencia. Esta ley rige desde su publicación.';
    const up = multipart(
      { country: 'PER', language: 'spa', date: '2021-01-01', title: 'Ley de prueba No. 31000' },
      [{ name: 'ley.txt', type: 'text/plain', bytes: Buffer.from(text) }],
      t.token,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/imports', ...up })).statusCode).toBe(201);
    const items = (await api('/api/v1/works/pe-act-2021-31000/suggestions?instrument=ETS185')).json()
      .items as Item[];
    expect(items.map((i) => i.eid)).toEqual(['art_1', 'art_2', 'art_3']);
    expect(items.slice(0, 2).map((i) => i.suggestions[0]?.article)).toEqual(['2', '3']);
    // The commencement article has no counterpart: whatever is shown is not strong.
    expect(items[2].suggestions.some((s) => s.strong)).toBe(false);
  });

  it('gives an empty list and a note for a work with no provisions in that language, and 404 for an unknown instrument', async () => {
    const none = (
      await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?instrument=ETS185&language=fra')
    ).json();
    expect(none).toMatchObject({ items: [], note: expect.stringMatching(/no text in this language/) });
    expect((await t.app.inject('/api/v1/works/ke-act-2019-14/suggestions?instrument=NOPE')).statusCode).toBe(
      404,
    );
  });

  it('prints the same suggestions from the CLI as JSON', async () => {
    const { stdout } = await promisify(execFile)(
      'node',
      [
        new URL('../bin/cyrepo.js', import.meta.url).pathname,
        'suggest',
        '/akn/ke/act/2019/14',
        '--instrument',
        'ETS185',
        '--language',
        'eng',
        '--json',
      ],
      {
        env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'warn' },
      },
    );
    const items = JSON.parse(stdout) as Item[];
    expect(items.find((i) => i.eid === 'sec_3')!.suggestions[0]).toMatchObject({ article: '2' });
    expect(Object.keys(items[0]).sort()).toEqual(['eid', 'heading', 'number', 'suggestions']);
  });
});

describe('mappings', () => {
  it('maps, refuses duplicates, unknown articles and provisions, and changes coverage; the audit history keeps it', async () => {
    const created = await api('/api/v1/mappings', {
      method: 'POST',
      body: {
        work: 'ke-act-2019-14',
        eid: 'sec_14',
        instrument: 'ETS185',
        article: '13',
        coverage: 'partial',
        rationale: 'sanctions only',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      article: '13',
      coverage: 'partial',
      status: 'accepted',
      source: 'editor',
    });
    const dup = await api('/api/v1/mappings', {
      method: 'POST',
      body: { work: 'ke-act-2019-14', eid: 'sec_14', instrument: 'ETS185', article: '13', coverage: 'full' },
    });
    expect(dup.statusCode).toBe(409);
    const unknown = await api('/api/v1/mappings', {
      method: 'POST',
      body: { work: 'ke-act-2019-14', eid: 'sec_14', instrument: 'ETS185', article: '99', coverage: 'full' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'unknown_article',
      message: 'ETS185 has no article 99',
    });
    const otherInstrument = await api('/api/v1/mappings', {
      method: 'POST',
      body: {
        work: 'ke-act-2019-14',
        eid: 'sec_14',
        instrument: 'ETS185',
        article: 'UNCC2024:7',
        coverage: 'full',
      },
    });
    expect(otherInstrument.json().error.message).toMatch(/ETS185 has no article UNCC2024:7/);
    expect(
      (
        await api('/api/v1/mappings', {
          method: 'POST',
          body: {
            work: 'ke-act-2019-14',
            eid: 'sec_99',
            instrument: 'ETS185',
            article: '2',
            coverage: 'full',
          },
        })
      ).json().error.code,
    ).toBe('unknown_provision');
    const changed = await api(`/api/v1/mappings/${created.json().id}`, {
      method: 'PATCH',
      body: { coverage: 'full' },
    });
    expect(changed.json().coverage).toBe('full');
    const history = parse(
      (
        await t.app.inject({
          url: '/history/work/ke-act-2019-14',
          headers: { authorization: `Bearer ${t.token}` },
        })
      ).body,
    ).text;
    expect(history).toMatch(/mappings\[sec_14 ETS185 13\]\.coveragepartialfull/);
    expect((await api(`/api/v1/mappings/${created.json().id}`, { method: 'DELETE' })).statusCode).toBe(204);
  });

  it('lets the public see accepted mappings only', async () => {
    expect(
      (await t.app.inject('/api/v1/mappings?country=KEN&instrument=ETS185')).json().items.length,
    ).toBeGreaterThan(10);
    expect((await t.app.inject('/api/v1/mappings?status=rejected')).statusCode).toBe(403);
  });
});

describe('the review queue', () => {
  it('accepts a suggestion, rejects another and changes a coverage in one click each', async () => {
    const editor = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: '/review/UGA/ETS185', headers: editor.headers });
    expect(page.statusCode).toBe(200);
    const doc = parse(page.body);
    const item = doc
      .querySelectorAll('section.review-item')
      .find((s) => s.querySelector('.suggestion form button.primary'))!;
    const eid = item.getAttribute('id')!;
    const form = (action: string, n = 0) => {
      const f = item.querySelectorAll(`.suggestion form[action$="/${action}"]`)[n];
      return Object.fromEntries(
        f.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
      );
    };
    const post = (url: string, body: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(body).toString(),
        headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
      });
    const accept = form('accept');
    // The form carries the version of the learned model that made the suggestion, and it is recorded.
    expect(Number(accept.model)).toBeGreaterThan(0);
    const res = await post('/review/UGA/ETS185/accept', accept);
    expect(res.statusCode).toBe(303);
    const [{ model_version }] = (
      await t.db.pool.query(
        'SELECT model_version FROM mapping WHERE work_id = $1 AND eid = $2 AND article = $3',
        [accept.work, eid, accept.article],
      )
    ).rows;
    expect(model_version).toBe(Number(accept.model));
    expect(res.headers.location).toBe(`/review/UGA/ETS185#${eid}`);
    const mapped = (await t.app.inject(`/api/v1/mappings?work=${accept.work}&instrument=ETS185`)).json()
      .items;
    expect(
      mapped.some(
        (m: { eid: string; article: string; source: string }) =>
          m.eid === eid && m.article === accept.article && m.source === 'suggester',
      ),
    ).toBe(true);
    // the same again is refused, and the queue says why
    const again = await post('/review/UGA/ETS185/accept', accept);
    expect(new URL(again.headers.location as string, 'http://x').searchParams.get('error')).toMatch(
      /already mapped/,
    );
    const after = parse(
      (await t.app.inject({ url: '/review/UGA/ETS185?show=all', headers: editor.headers })).body,
    );
    expect(after.querySelector(`#${eid} .accepted .badge`)!.text).toContain(`Art. ${accept.article}`);

    // reject a suggestion of another provision: it is not suggested again, and the queue says so
    const other = after
      .querySelectorAll('section.review-item')
      .find((s) => s.getAttribute('id') !== eid && s.querySelector('.suggestion form[action$="/reject"]'))!;
    const reject = Object.fromEntries(
      other
        .querySelector('.suggestion form[action$="/reject"]')!
        .querySelectorAll('input')
        .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
    );
    expect((await post('/review/UGA/ETS185/reject', reject)).statusCode).toBe(303);
    const afterReject = parse(
      (await t.app.inject({ url: '/review/UGA/ETS185?show=all', headers: editor.headers })).body,
    );
    const otherNow = afterReject.querySelector(`#${other.getAttribute('id')}`)!;
    expect(
      otherNow.querySelectorAll('.suggestion input[name=article]').map((i) => i.getAttribute('value')),
    ).not.toContain(reject.article);
    expect(otherNow.text).toContain(`Rejected: Art. ${reject.article}`);

    // change the accepted mapping to partial
    const change = afterReject.querySelector(`#${eid} .accepted form`)!;
    const changeBody = {
      ...Object.fromEntries(
        change.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
      ),
      coverage: 'partial',
      op: 'change',
    };
    expect((await post(change.getAttribute('action')!, changeBody)).statusCode).toBe(303);
    const final = parse(
      (await t.app.inject({ url: '/review/UGA/ETS185?show=all', headers: editor.headers })).body,
    );
    expect(final.querySelector(`#${eid} .accepted .badge`)!.text).toMatch(/Partial/i);
  });
});

describe('accepting all strong suggestions', () => {
  const COUNTRIES = [
    'SEN',
    'PHL',
    'THA',
    'IDN',
    'VNM',
    'JOR',
    'MOZ',
    'CPV',
    'DJI',
    'GTM',
    'PAN',
    'CRI',
    'GHA',
    'PER',
  ];

  it('defaults "Map to" to the top suggestion (or asks for an article), and accepts exactly the strong ones in one step', async () => {
    const editor = await sessionAs(t, 'editor');
    const queue = async (iso3: string) =>
      parse((await t.app.inject({ url: `/review/${iso3}/ETS185`, headers: editor.headers })).body);
    let country = '';
    let page = parse('');
    for (const c of COUNTRIES) {
      page = await queue(c);
      if (page.querySelector('form.accept-strong')) {
        country = c;
        break;
      }
    }
    expect(country).not.toBe('');
    const items = page.querySelectorAll('section.review-item');
    // "Map to": the top suggestion is chosen, with the article's title; with none, an empty "choose" option
    for (const item of items) {
      const selected = item.querySelector('.map-other select[name="article"] option[selected]')!;
      const top = item.querySelector('.suggestion input[name="article"]')?.getAttribute('value') ?? '';
      expect(selected.getAttribute('value')).toBe(top);
      if (!top) expect(selected.text).toMatch(/Choose an article/);
    }
    expect(page.querySelector('.map-other option[value="2"]')!.text).toMatch(/Art\. 2 — Illegal access/);
    // the strong ones: an open provision (no accepted mapping) whose first suggestion is strong
    const expected = items
      .filter(
        (i) =>
          !i.querySelector('.accepted') &&
          i.querySelector('ol.suggestions > li')?.classList.contains('strong'),
      )
      .map(
        (i) =>
          `${i.getAttribute('id')}:${i.querySelector('.suggestion input[name="article"]')!.getAttribute('value')}`,
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(page.querySelector('form.accept-strong button')!.text).toContain(`(${expected.length})`);

    // a read-only token may not; a contributor of another country may not
    const url = `/api/v1/reviews/${country}/ETS185/accept-strong`;
    expect(
      (await t.app.inject({ method: 'POST', url, headers: await tokenAs(t, 'editor', [], 'read') }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url, headers: await tokenAs(t, 'contributor', ['KEN']) }))
        .statusCode,
    ).toBe(403);
    const res = await t.app.inject({ method: 'POST', url, headers: await tokenAs(t, 'editor') });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.accepted).toBe(expected.length);
    expect(
      result.mappings.map((m: { eid: string; article: string }) => `${m.eid}:${m.article}`).sort(),
    ).toEqual(expected);
    const works = [...new Set(result.mappings.map((m: { work: string }) => m.work))];
    const accepted = (
      await Promise.all(
        works.map(async (w) => (await api(`/api/v1/mappings?work=${w}&instrument=ETS185`)).json().items),
      )
    ).flat();
    for (const m of result.mappings)
      expect(accepted).toContainEqual(
        expect.objectContaining({ eid: m.eid, article: m.article, coverage: 'full', source: 'suggester' }),
      );

    // nothing strong is left: no button; pressing it again (the page form) accepts none and says so
    const after = await queue(country);
    expect(after.querySelector('form.accept-strong')).toBeNull();
    const again = await t.app.inject({
      method: 'POST',
      url: `/review/${country}/ETS185/accept-strong`,
      payload: 'show=open',
      headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.statusCode).toBe(303);
    const shown = parse(
      (await t.app.inject({ url: String(again.headers.location), headers: editor.headers })).body,
    );
    expect(shown.querySelector('.message.ok')!.text).toBe('Strong suggestions accepted: 0.');
  });
});

describe('coverage', () => {
  it("computes each article's status from accepted mappings, as JSON, CSV and Excel", async () => {
    const json = (await t.app.inject('/api/v1/coverage?instrument=ETS185&country=KEN')).json();
    const ken = json.countries[0];
    expect(ken.iso3).toBe('KEN');
    expect(ken.statuses['2']).toBe('covered');
    expect(ken.provisions['2'][0].uri).toMatch(/^\/akn\/ke\/act\/2019\/14\/eng@[\d-]+\/~sec_3$/);
    expect(['not_reviewed', 'missing']).toContain(ken.statuses['10']);
    expect(ken.criminalisation).toBeGreaterThan(50);
    const csv = await t.app.inject('/api/v1/coverage?instrument=ETS185&region=014&format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('country,country_name,instrument,article,article_title,category,status,provisions');
    expect(
      lines.some((l) =>
        l.startsWith('KEN,Kenya,ETS185,2,Illegal access,criminalisation,covered,/akn/ke/act/2019/14/'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('CRI,'))).toBe(false); // Costa Rica is not in Eastern Africa
    const xlsx = await t.app.inject('/api/v1/coverage?instrument=ETS185&format=xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const matrix = wb.getWorksheet('Matrix')!;
    const kenRow = matrix.getRows(2, matrix.rowCount - 1)!.find((r) => r.getCell(1).value === 'Kenya')!;
    expect(kenRow.getCell(3).value).toBe('covered'); // Art. 1 Definitions
  });

  it('turns an article to missing once the review is complete, and shows it on the country and matrix pages', async () => {
    const editor = await sessionAs(t, 'editor');
    const status = await t.app.inject({
      method: 'POST',
      url: '/review/GTM/ETS185/status',
      payload: 'status=complete',
      headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status.statusCode).toBe(303);
    const page = parse((await t.app.inject('/coverage/GTM?instrument=ETS185')).body);
    expect(page.querySelector('[role=status]')!.text).toMatch(/Review complete/);
    const missing = page.querySelectorAll('tr.st-missing').map((r) => r.getAttribute('id'));
    expect(missing.length).toBeGreaterThan(0);
    const matrix = parse((await t.app.inject('/coverage?instrument=ETS185&sort=share')).body);
    const gtm = matrix.querySelector('tr#GTM')!;
    expect(gtm.querySelectorAll('td.st-missing').length).toBe(missing.length);
    expect(matrix.querySelector('figure.map svg a[href="/coverage/GTM?instrument=ETS185"]')).not.toBeNull();
  });
});

describe('the gap report', () => {
  it('lists covered, partial and missing articles with the provisions quoted, saves recommendations, and downloads as DOCX', async () => {
    const editor = await sessionAs(t, 'editor');
    const page = parse(
      (await t.app.inject({ url: '/coverage/CRI/gap-report?instrument=ETS185', headers: editor.headers }))
        .body,
    );
    expect(page.querySelector('h1')!.text).toBe('Gap report: Costa Rica and the Budapest Convention');
    const covered = page.querySelector('section.gap-covered')!;
    expect(covered.querySelector('#art-2 blockquote a')!.getAttribute('href')).toMatch(
      /^\/akn\/cr\/act\/2019\/9735\/spa@[\d-]+\/~art_\d+$/,
    );
    expect(covered.querySelector('#art-2 blockquote')!.getAttribute('lang')).toBe('es');
    const gap = page.querySelectorAll('section.gap-not_reviewed article, section.gap-missing article')[0];
    const article = gap.getAttribute('id')!.slice(4);
    const save = await t.app.inject({
      method: 'POST',
      url: '/coverage/CRI/gap-report?instrument=ETS185',
      payload: new URLSearchParams({
        summary: 'Substantive law largely in line.',
        [`rec.${article}`]: 'Introduce a specific offence.',
      }).toString(),
      headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(save.statusCode).toBe(303);
    // The review is still in progress: its reviewers see it, the public does not.
    const report = (
      await t.app.inject({
        url: `/api/v1/coverage/CRI/gap-report?instrument=ETS185`,
        headers: editor.headers,
      })
    ).json();
    expect(report.review.summary).toBe('Substantive law largely in line.');
    expect(
      (await t.app.inject(`/api/v1/coverage/CRI/gap-report?instrument=ETS185`)).json().review,
    ).toBeNull();
    expect(report.articles.find((a: { number: string }) => a.number === article).recommendation).toBe(
      'Introduce a specific offence.',
    );
    const docx = await t.app.inject({
      url: '/coverage/CRI/gap-report.docx?instrument=ETS185',
      headers: editor.headers,
    });
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const { default: mammoth } = await import('mammoth');
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('Gap report: Costa Rica and the Budapest Convention');
    expect(text).toContain('Introduce a specific offence.');
    expect(text).toMatch(/Art\. 2 — Illegal access/);
  });
});

describe('comparison and crosswalk', () => {
  it('shows the provisions of chosen countries on one article side by side, each in its language', async () => {
    const api1 = (await t.app.inject('/api/v1/compare?article=ETS185:2&countries=KEN,CRI,SEN')).json();
    expect(api1.subject.title).toBe('ETS185 Art. 2 — Illegal access');
    expect(api1.columns.map((c: { iso3: string }) => c.iso3)).toEqual(['KEN', 'CRI', 'SEN']);
    expect(api1.columns.map((c: { provisions: { language: string }[] }) => c.provisions[0].language)).toEqual(
      ['eng', 'spa', 'fra'],
    );
    // In Arabic, Jordan's law reads in Arabic (in English, its English translation would be shown).
    const page = parse(
      (await t.app.inject('/compare?concept=illegal-access&country=KEN&country=JOR&lang=ar')).body,
    );
    expect(page.querySelectorAll('.compare-grid > section').map((s) => s.getAttribute('id'))).toEqual([
      'KEN',
      'JOR',
    ]);
    expect(page.querySelector('#JOR article')!.getAttribute('dir')).toBe('rtl');
    expect(page.querySelector('#JOR article p.text')!.text.length).toBeGreaterThan(20); // the text of its paragraphs
    expect((await t.app.inject('/api/v1/compare?article=ETS185:2&concept=illegal-access')).statusCode).toBe(
      400,
    );
    expect((await t.app.inject('/api/v1/compare?article=ETS185:2&countries=XXX')).statusCode).toBe(400);
  });

  it("shows each country's coverage of both articles of each crosswalk pair", async () => {
    const page = parse((await t.app.inject('/crosswalk')).body);
    const row = page
      .querySelectorAll('table.crosswalk tbody tr')
      .find((r) => r.querySelector('td')!.text.includes('Art. 2. Illegal access'))!;
    const ken = row.querySelector('.pair-coverage a[href="/coverage/KEN"]')!;
    expect(ken.querySelectorAll('span').map((s) => s.getAttribute('class'))).toEqual([
      'st-covered',
      'st-covered',
    ]);
  });
});
