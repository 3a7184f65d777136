/**
 * Intake through the API, the editors' pages and the CLI: PDF, DOCX and text made here (English,
 * Spanish, Arabic) become the right provisions; Akoma Ntoso exports; bad files are refused with a
 * message naming the file, and nothing is imported.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf, multipart } from './intake-files.js';
import { sessionAs, testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ENGLISH = [
  'COMPUTER MISUSE ACT',
  'PART I - PRELIMINARY',
  'Short title',
  '1. This Act may be cited as the Computer Misuse Act.',
  'PART II - OFFENCES',
  'Unauthorised access',
  '2. (1) A person who accesses a computer system without authority commits an offence.',
  '(2) A person who commits an offence under subsection (1) is liable—',
  '(a) to a fine; or',
  '(b) to imprisonment.',
];
const SPANISH = [
  'LEY DE DELITOS INFORMÁTICOS',
  'CAPÍTULO I',
  'De los delitos',
  'Artículo 1. Acceso ilícito. El que acceda sin autorización a un sistema informático será sancionado con prisión.',
  'Artículo 2.- Interceptación ilícita',
  '1. El que intercepte datos informáticos.',
  '2. La pena se agravará cuando:',
  'a) el autor sea funcionario público;',
  'b) se obtenga beneficio.',
];
const ARABIC = [
  'قانون مكافحة الجرائم المعلوماتية',
  'الفصل الأول',
  'الجرائم الماسة بالأنظمة',
  'المادة 1',
  'يعاقب بالحبس كل من دخل عمدا نظام معلومات دون تصريح.',
  'المادة 2 - الاعتراض غير المشروع',
  'يعاقب كل من اعترض بيانات إلكترونية.',
];

async function importVia(
  files: { name: string; type: string; bytes: Buffer }[],
  fields: Record<string, string>,
) {
  return t.app.inject({ method: 'POST', url: '/api/v1/imports', ...multipart(fields, files, t.token) });
}
const get = (url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${t.token}` } });
const workCount = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM legal_work')).rows[0].n as number;

describe('importing PDF, DOCX and text', () => {
  it('imports an English PDF into parts, sections, subsections and paragraphs, keeping the file', async () => {
    const res = await importVia([{ name: 'cma.pdf', type: PDF, bytes: await makePdf(ENGLISH) }], {
      country: 'KEN',
      language: 'eng',
      date: '2021-05-01',
      title: 'Computer Misuse Act No. 7 of 2021',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [report] = res.json().files;
    expect(report).toMatchObject({
      ok: true,
      work: '/akn/ke/act/2021/7',
      expression: '/akn/ke/act/2021/7/eng@2021-05-01',
      provisions: 9,
    });
    const work = (await get('/api/v1/works/ke-act-2021-7')).json();
    const [preamble, part1, part2] = work.expression.provisions;
    expect(preamble.text).toBe('COMPUTER MISUSE ACT');
    expect(part1).toMatchObject({ kind: 'part', number: 'I', heading: 'PRELIMINARY' });
    expect(part1.children[0]).toMatchObject({
      eid: 'sec_1',
      number: '1',
      heading: 'Short title',
      text: 'This Act may be cited as the Computer Misuse Act.',
    });
    const s2 = part2.children[0];
    expect(s2).toMatchObject({ eid: 'sec_2', heading: 'Unauthorised access' });
    expect(s2.children.map((c: { eid: string }) => c.eid)).toEqual(['sec_2__subsec_1', 'sec_2__subsec_2']);
    expect(
      s2.children[1].children.map((c: { number: string; text: string }) => `${c.number}:${c.text}`),
    ).toEqual(['a:to a fine; or', 'b:to imprisonment.']);
    const files = (await get('/api/v1/attachments?owner_type=work&owner_id=ke-act-2021-7')).json().items;
    expect(files).toMatchObject([{ filename: 'cma.pdf', media_type: PDF, page_count: 1 }]);
    // the original's text is searchable
    const found = (
      await get(`/api/v1/search?q=${encodeURIComponent('cited as the Computer Misuse Act')}`)
    ).json();
    expect(found.items.map((i: { url: string }) => i.url)).toContain(
      '/akn/ke/act/2021/7/eng@2021-05-01/~sec_1',
    );
    // the file's words are found in the provisions, not again through the law as a whole (else
    // every query would find every law whose original file is kept)
    const viaFile = (
      await get(`/api/v1/search?q=${encodeURIComponent('"liable— (a) to a fine"')}&type=work`)
    ).json();
    expect(viaFile.items).toEqual([]);
  });

  it('imports a Spanish PDF and a Spanish DOCX into articles, apartados and letters', async () => {
    for (const [name, type, bytes, number] of [
      ['delitos.pdf', PDF, await makePdf(SPANISH), '1'],
      ['delitos.docx', DOCX, await makeDocx(SPANISH), '2'],
    ] as const) {
      const res = await importVia([{ name, type, bytes }], {
        country: 'CRI',
        language: 'spa',
        date: '2020-01-15',
        title: 'Ley de delitos informáticos',
        number,
      });
      expect(res.statusCode, res.body).toBe(201);
      const work = (await get(`/api/v1/works/cr-act-2020-${number}`)).json();
      const chapter = work.expression.provisions.find((p: { kind: string }) => p.kind === 'chapter');
      expect(chapter).toMatchObject({ number: 'I', heading: 'De los delitos' });
      const [a1, a2] = chapter.children;
      expect(a1).toMatchObject({
        eid: 'art_1',
        heading: 'Acceso ilícito',
        text: 'El que acceda sin autorización a un sistema informático será sancionado con prisión.',
      });
      expect(a2).toMatchObject({ eid: 'art_2', heading: 'Interceptación ilícita' });
      expect(a2.children.map((c: { eid: string }) => c.eid)).toEqual(['art_2__subsec_1', 'art_2__subsec_2']);
      expect(a2.children[1].children.map((c: { number: string }) => c.number)).toEqual(['a', 'b']);
    }
  });

  it('imports an Arabic DOCX into articles stored as Arabic', async () => {
    const res = await importVia([{ name: 'qanun.docx', type: DOCX, bytes: await makeDocx(ARABIC, true) }], {
      country: 'JOR',
      language: 'ar',
      date: '2023-09-01',
      title: 'قانون الجرائم الإلكترونية',
      number: '17',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().files[0].expression).toBe('/akn/jo/act/2023/17/ara@2023-09-01');
    const work = (await get('/api/v1/works/jo-act-2023-17')).json();
    const chapter = work.expression.provisions.find((p: { kind: string }) => p.kind === 'chapter');
    expect(chapter.heading).toBe('الجرائم الماسة بالأنظمة');
    expect(
      chapter.children.map((a: { eid: string; heading?: string; text: string }) => [
        a.eid,
        a.heading ?? '',
        a.text,
      ]),
    ).toEqual([
      ['art_1', '', 'يعاقب بالحبس كل من دخل عمدا نظام معلومات دون تصريح.'],
      ['art_2', 'الاعتراض غير المشروع', 'يعاقب كل من اعترض بيانات إلكترونية.'],
    ]);
  });

  it('adds a file for an existing work as a new version of it', async () => {
    const lines = ENGLISH.map((l) => l.replace('liable—', 'liable on conviction—'));
    const res = await importVia(
      [{ name: 'cma-2024.txt', type: 'text/plain', bytes: Buffer.from(lines.join('\n')) }],
      { country: 'KEN', language: 'eng', date: '2024-02-01', title: 'Computer Misuse Act No. 7 of 2021' },
    );
    expect(res.json().files[0]).toMatchObject({
      ok: true,
      work: '/akn/ke/act/2021/7',
      expression: '/akn/ke/act/2021/7/eng@2024-02-01',
    });
    const work = (await get('/api/v1/works/ke-act-2021-7')).json();
    expect(work.expressions.map((e: { date: string }) => e.date).sort()).toEqual([
      '2021-05-01',
      '2024-02-01',
    ]);
  });
});

describe('Akoma Ntoso through the API', () => {
  const AKN = `<?xml version="1.0" encoding="UTF-8"?>\r\n<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><an:act name="act"><an:meta><an:identification source="#x">
    <an:FRBRWork><an:FRBRuri value="/akn/ug/act/2011/2"/><an:FRBRdate date="2011-02-14" name="assent"/><an:FRBRcountry value="ug"/><an:FRBRnumber value="2"/></an:FRBRWork>
    <an:FRBRExpression><an:FRBRuri value="/akn/ug/act/2011/2/eng@2011-02-14"/><an:FRBRlanguage language="en"/></an:FRBRExpression></an:identification></an:meta>
    <an:preface><an:p><an:docTitle>Computer Misuse Act, 2011</an:docTitle></an:p></an:preface>
    <an:body><an:part eId="part_1"><an:num>PART I</an:num><an:heading>Preliminary</an:heading>
      <an:section eId="sec_2"><an:num>2.</an:num><an:heading>Interpretation</an:heading><an:content><an:p>In this Act— <an:def refersTo="#t1">“computer”</an:def> means an electronic device; <an:authorialNote eId="n1"><an:p>not law text</an:p></an:authorialNote></an:p></an:content></an:section>
      <an:section eId="sec_12"><an:num>12.</an:num><an:heading>Unauthorised access</an:heading><an:subsection eId="sec_12__subsec_1"><an:num>(1)</an:num><an:content><an:p>A person who intentionally accesses a computer commits an offence.</an:p></an:content></an:subsection></an:section>
    </an:part></an:body></an:act></an:akomaNtoso>`;

  it('imports a prefixed-namespace act with CRLF, two-letter codes and a definition, and shows the defined term', async () => {
    const res = await importVia(
      [{ name: 'cma.akn.xml', type: 'application/xml', bytes: Buffer.from(AKN) }],
      {},
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().files[0]).toMatchObject({
      work: '/akn/ug/act/2011/2',
      expression: '/akn/ug/act/2011/2/eng@2011-02-14',
      provisions: 4,
    });
    const work = (await get('/api/v1/works/ug-act-2011-2')).json();
    const [part] = work.expression.provisions;
    expect(part).toMatchObject({ kind: 'part', number: 'PART I', heading: 'Preliminary' });
    expect(part.children[0]).toMatchObject({
      eid: 'sec_2',
      number: '2',
      text: 'In this Act— “computer” means an electronic device;',
    });
    expect(part.children[1].children[0]).toMatchObject({ eid: 'sec_12__subsec_1', number: '(1)' });
    const page = parse((await get('/akn/ug/act/2011/2')).body);
    expect(page.querySelector('details.definitions a[href="#sec_2"]')!.text).toBe('computer');
    const again = await get('/api/v1/works/ug-act-2011-2/akn');
    expect(again.body).toContain('<def refersTo="#term-computer">computer</def>');
  });
});

describe('bad files', () => {
  const cases: [
    string,
    { name: string; type: string; bytes: () => Promise<Buffer> | Buffer },
    Record<string, string>,
    RegExp,
  ][] = [
    [
      'malformed XML',
      {
        name: 'broken.xml',
        type: 'application/xml',
        bytes: () =>
          Buffer.from(
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body></act>',
          ),
      },
      {},
      /broken\.xml: .*(mismatch|unexpected|closing)/i,
    ],
    [
      'a wrong root element',
      { name: 'html.xml', type: 'application/xml', bytes: () => Buffer.from('<html><body/></html>') },
      {},
      /html\.xml: the root element is <html>/,
    ],
    [
      'an external entity',
      {
        name: 'xxe.xml',
        type: 'application/xml',
        bytes: () =>
          Buffer.from(
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><section eId="sec_1"><content><p>&x;</p></content></section></body></act></akomaNtoso>',
          ),
      },
      {},
      /xxe\.xml: a DOCTYPE declaration is not allowed/,
    ],
    [
      'an unknown country code',
      {
        name: 'zz.xml',
        type: 'application/xml',
        bytes: () =>
          Buffer.from(
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta><identification source="#x"><FRBRWork><FRBRuri value="/akn/zz/act/2020/1"/><FRBRdate date="2020-01-01" name="x"/><FRBRcountry value="zz"/></FRBRWork><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta><body><section eId="sec_1"><content><p>x</p></content></section></body></act></akomaNtoso>',
          ),
      },
      {},
      /zz\.xml: unknown country code "zz"/,
    ],
    [
      'an image-only PDF',
      { name: 'scan.pdf', type: PDF, bytes: () => makePdf([]) },
      { country: 'KEN', language: 'eng', date: '2020-01-01', title: 'Scanned' },
      /scan\.pdf: no text layer \(the pages are images, as in a scan\): send it to POST \/api\/v1\/imports\/scans/,
    ],
    [
      'a corrupt PDF',
      { name: 'corrupt.pdf', type: PDF, bytes: () => Buffer.from('%PDF-1.7\n1 0 obj garbage') },
      { country: 'KEN', language: 'eng', date: '2020-01-01', title: 'Corrupt' },
      /corrupt\.pdf: (the PDF cannot be read|.*no text layer)/,
    ],
    [
      'a password-protected PDF',
      { name: 'locked.pdf', type: PDF, bytes: () => makePdf(['Section 1. Secret'], { password: 'x' }) },
      { country: 'KEN', language: 'eng', date: '2020-01-01', title: 'Locked' },
      /locked\.pdf: the PDF is password-protected/,
    ],
    [
      'a password-protected DOCX',
      {
        name: 'locked.docx',
        type: DOCX,
        bytes: () =>
          Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      },
      { country: 'KEN', language: 'eng', date: '2020-01-01', title: 'Locked' },
      /locked\.docx: the file is password-protected/,
    ],
    [
      "a text file without the law's metadata",
      { name: 'law.txt', type: 'text/plain', bytes: () => Buffer.from('Section 1. Short title') },
      {},
      /law\.txt: say the country, language, date, title/,
    ],
  ];
  for (const [what, file, fields, message] of cases)
    it(`refuses ${what} with 422 naming the file, and imports nothing`, async () => {
      const before = await workCount();
      const res = await importVia([{ name: file.name, type: file.type, bytes: await file.bytes() }], fields);
      expect(res.statusCode).toBe(422);
      const [report] = res.json().files;
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(message);
      expect(await workCount()).toBe(before);
    });

  it('with several files, saves the good ones and says which failed', async () => {
    const good = Buffer.from('Section 1. Short title\nThis Act is the Good Act.');
    const res = await importVia(
      [
        { name: 'good.txt', type: 'text/plain', bytes: good },
        { name: 'bad.xml', type: 'application/xml', bytes: Buffer.from('<nope/>') },
      ],
      { country: 'UGA', language: 'eng', date: '2019-01-01', title: 'Good Act', format: 'text' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().files.map((f: { file: string; ok: boolean }) => [f.file, f.ok])).toEqual([
      ['good.txt', true],
      ['bad.xml', false],
    ]);
  });
});

describe('Akoma Ntoso export', () => {
  it('gives an expression as AKN 3.0 XML that names its FRBR identifiers and provisions', async () => {
    const res = await get('/api/v1/works/cr-act-2020-1/akn');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/akn\+xml/);
    expect(res.body).toContain('<FRBRuri value="/akn/cr/act/2020/1/spa@2020-01-15"/>');
    expect(res.body).toMatch(/<article eId="art_1">\s*<num>1<\/num>\s*<heading>Acceso ilícito<\/heading>/);
  });
});

/** The values a browser would send from a form as it is rendered. */
function formValues(form: HTMLElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const name = el.getAttribute('name');
    if (!name || (el.getAttribute('type') === 'checkbox' && el.getAttribute('checked') === undefined))
      continue;
    values[name] =
      el.tagName === 'TEXTAREA'
        ? el.text
        : el.tagName === 'SELECT'
          ? (el.querySelector('option[selected]')?.getAttribute('value') ?? '')
          : (el.getAttribute('value') ?? '');
  }
  return values;
}

describe("the editors' import page", () => {
  it('previews the proposed provisions in the law editor, then saves the law with its file', async () => {
    const editor = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: '/edit/import', headers: editor.headers });
    expect(page.statusCode).toBe(200);
    const csrf = parse(page.body)
      .querySelector('form > input[name=_csrf]:first-child')!
      .getAttribute('value')!;
    const text = Buffer.from(
      'Section 1. Short title\nThis Act may be cited as the Preview Act.\nSection 2. Offences\n(1) A person who intercepts data commits an offence.',
    );
    const upload = multipart(
      { _csrf: csrf, country: 'GHA', language: 'eng', date: '2022-07-01', title: 'Preview Act No. 3' },
      [{ name: 'preview.txt', type: 'text/plain', bytes: text }],
    );
    const preview = await t.app.inject({
      method: 'POST',
      url: '/edit/import',
      payload: upload.payload,
      headers: { cookie: editor.cookie, ...upload.headers },
    });
    expect(preview.statusCode).toBe(200);
    const doc = parse(preview.body);
    expect(doc.querySelector('.notice')!.text).toContain('preview.txt');
    const values = formValues(doc.querySelector('form[action="/edit/work/new"]')!);
    expect(values).toMatchObject({
      'p.0.eid': 'sec_1',
      'p.0.heading': 'Short title',
      'p.1.eid': 'sec_2',
      'p.2.eid': 'sec_2__subsec_1',
      'p.2.depth': '1',
      number: '3',
      country: 'GHA',
    });
    values['p.1.heading'] = 'Interception'; // the editor corrects the proposal
    const saved = await t.app.inject({
      method: 'POST',
      url: '/edit/work/new',
      payload: new URLSearchParams({ ...values, op: 'save' }).toString(),
      headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303);
    const work = (await t.app.inject({ url: '/api/v1/works/gh-act-2022-3', headers: editor.headers })).json();
    expect(work.expression.provisions[1]).toMatchObject({ eid: 'sec_2', heading: 'Interception' });
    const files = (
      await t.app.inject({
        url: '/api/v1/attachments?owner_type=work&owner_id=gh-act-2022-3',
        headers: editor.headers,
      })
    ).json().items;
    expect(files.map((f: { filename: string }) => f.filename)).toEqual(['preview.txt']);
  });

  it('saves a file of a law the repository already has as a new version of it', async () => {
    const editor = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: '/edit/import', headers: editor.headers });
    const csrf = parse(page.body)
      .querySelector('form > input[name=_csrf]:first-child')!
      .getAttribute('value')!;
    const text = Buffer.from(
      'Section 1. Short title\nThis Act may be cited as the Preview Act.\nSection 2. Interception\n(1) A person who intercepts data without right commits an offence.',
    );
    const upload = multipart(
      {
        _csrf: csrf,
        country: 'GHA',
        language: 'eng',
        date: '2024-03-01',
        title: 'Preview Act No. 3 of 2022',
      },
      [{ name: 'preview-2024.txt', type: 'text/plain', bytes: text }],
    );
    const preview = await t.app.inject({
      method: 'POST',
      url: '/edit/import',
      payload: upload.payload,
      headers: { cookie: editor.cookie, ...upload.headers },
    });
    const doc = parse(preview.body);
    expect(
      doc
        .querySelectorAll('.notice')
        .map((n) => n.text)
        .join(' '),
    ).toContain('already has this law (/akn/gh/act/2022/3)');
    const values = formValues(doc.querySelector('form[action="/edit/work/new"]')!);
    const saved = await t.app.inject({
      method: 'POST',
      url: '/edit/work/new',
      payload: new URLSearchParams({ ...values, op: 'save' }).toString(),
      headers: { ...editor.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303);
    expect(saved.headers.location).toMatch(/^\/edit\/work\/gh-act-2022-3\?expression=\d+$/);
    const work = (await t.app.inject({ url: '/api/v1/works/gh-act-2022-3', headers: editor.headers })).json();
    expect(work.expressions.map((e: { date: string }) => e.date).sort()).toEqual([
      '2022-07-01',
      '2024-03-01',
    ]);
    const files = (
      await t.app.inject({
        url: '/api/v1/attachments?owner_type=work&owner_id=gh-act-2022-3',
        headers: editor.headers,
      })
    ).json().items;
    expect(files.map((f: { filename: string }) => f.filename)).toEqual(['preview.txt', 'preview-2024.txt']);
  });

  it('shows the problem on the upload page when a file cannot be read', async () => {
    const editor = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: '/edit/import', headers: editor.headers });
    const csrf = parse(page.body)
      .querySelector('form > input[name=_csrf]:first-child')!
      .getAttribute('value')!;
    const upload = multipart(
      { _csrf: csrf, country: 'GHA', language: 'eng', date: '2022-07-01', title: 'X' },
      [{ name: 'locked.pdf', type: PDF, bytes: await makePdf(['Section 1. Secret'], { password: 'x' }) }],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/edit/import',
      payload: upload.payload,
      headers: { cookie: editor.cookie, ...upload.headers },
    });
    expect(res.statusCode).toBe(422);
    expect(parse(res.body).querySelector('[role=alert], .message, .error')?.text ?? res.body).toMatch(
      /locked\.pdf: the PDF is password-protected/,
    );
  });
});

describe('cyrepo import and export akn', () => {
  const exec = promisify(execFile);
  const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-intake-'));
  const cyrepo = async (args: string[]) => {
    try {
      const { stdout, stderr } = await exec('node', [bin, ...args], {
        env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'warn' },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('imports text files and prints the JSON report; a bad file exits 1 with its name', async () => {
    writeFileSync(
      join(dir, 'a.txt'),
      'Article 1. Scope\nThis law applies to computer data.\nArticle 2. Illegal access\nAccess without right is an offence.',
    );
    writeFileSync(join(dir, 'b.txt'), '');
    const res = await cyrepo([
      'import',
      'text',
      join(dir, 'a.txt'),
      join(dir, 'b.txt'),
      '--country',
      'SEN',
      '--language',
      'fra',
      '--date',
      '2016-06-01',
      '--title',
      'Loi No. 2016-29',
      '--json',
    ]);
    expect(res.code).toBe(1);
    const { files } = JSON.parse(res.stdout);
    expect(files[0]).toMatchObject({
      file: join(dir, 'a.txt'),
      ok: true,
      work: '/akn/sn/act/2016/2016-29',
      provisions: 2,
      error: null,
    });
    expect(files[1]).toMatchObject({ ok: false, error: `${join(dir, 'b.txt')}: the file is empty` });
    const exported = await cyrepo(['export', 'akn', '/akn/sn/act/2016/2016-29']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /<article eId="art_2">\s*<num>2<\/num>\s*<heading>Illegal access<\/heading>/,
    );
  });

  it('says what is wrong with an unknown format', async () => {
    const res = await cyrepo(['import', 'rtf', 'x.rtf']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(
      'cyrepo: unknown import format "rtf"; use akn, pdf, docx, text, image, iati, sheet or bundle',
    );
  });
});
