/**
 * Hostile files and requests (issue 13, M4 and the XML encodings of L6): ZIP bombs as DOCX and
 * XLSX, Akoma Ntoso nested 50,000 deep, a PDF of more pages than any law, multipart requests
 * larger than MAX_UPLOAD_MB in all or with too many files are refused with a 4xx and a stable
 * code, nothing is saved, and the server still answers. The file reader's worker ends jobs that
 * run out of time or memory. Akoma Ntoso declared ISO-8859-1, windows-1252 or UTF-16 is read as
 * such.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../src/core/errors.js';
import { Isolate } from '../src/core/files/isolate.js';
import { readContent } from '../src/domains/intake/read.js';
import {
  aknEncoded,
  docxBomb,
  docxOfManyParts,
  flatAkn,
  manyPagePdf,
  nestedAkn,
  xlsxOverlapBomb,
} from './hostile-make.js';
import { makeDocx, multipart } from './intake-files.js';
import { testApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t.close());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const META = {
  country: 'KEN',
  language: 'eng',
  date: '2021-05-01',
  title: 'Computer Misuse Act No. 99 of 2021',
};

const importVia = (
  files: { name: string; type: string; bytes: Buffer }[],
  fields: Record<string, string> = META,
) => t.app.inject({ method: 'POST', url: '/api/v1/imports', ...multipart(fields, files, t.token) });
const counts = async () =>
  (
    await t.db.pool.query(
      'SELECT (SELECT count(*) FROM legal_work)::int AS works, (SELECT count(*) FROM attachment)::int AS files',
    )
  ).rows[0];

/** The server still serves a page and an API call after the hostile request. */
async function stillAnswers() {
  expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
  const works = await t.app.inject({
    url: '/api/v1/works?limit=1',
    headers: { authorization: `Bearer ${t.token}` },
  });
  expect(works.statusCode).toBe(200);
}

/** One file imported through the API: refused with `code`, nothing saved. */
async function refused(name: string, type: string, bytes: Buffer, code: string) {
  const before = await counts();
  const res = await importVia([{ name, type, bytes }]);
  expect(res.statusCode, res.body).toBe(422);
  const [report] = res.json().files;
  expect(report).toMatchObject({ file: name, ok: false, code });
  expect(report.error).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
  expect(await counts()).toEqual(before);
  await stillAnswers();
  return report.error as string;
}

describe('ZIP bombs', () => {
  it('refuses a DOCX that unpacks to 100 MB, without unpacking it all', async () => {
    const bomb = await docxBomb(100);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refused('bomb.docx', DOCX, bomb, 'file_too_complex')).toMatch(/unpacks to more than 64 MB/);
  });

  it('refuses a DOCX whose directory says 1 KB but which unpacks to 100 MB', async () => {
    expect(await refused('liar.docx', DOCX, await docxBomb(100, { lie: true }), 'file_too_complex')).toMatch(
      /unpacks to more than 64 MB/,
    );
  });

  it('refuses a DOCX of 2,500 parts', async () => {
    expect(await refused('parts.docx', DOCX, docxOfManyParts(2_500), 'file_too_complex')).toMatch(
      /2501 files in the archive; at most 2000/,
    );
  });

  it('refuses a damaged DOCX as corrupt, not as a server error', async () => {
    const good = await docxBomb(1);
    await refused('cut.docx', DOCX, good.subarray(0, good.length - 30), 'corrupt_file');
  });

  it('still stores a real spreadsheet and a real DOCX as attachments', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Figures').addRows(Array.from({ length: 2_000 }, (_, i) => [i, `row ${i}`, i * 1.5]));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const { id } = (
      await t.db.pool.query(
        "SELECT id FROM legal_work WHERE editorial_status = 'published' ORDER BY id LIMIT 1",
      )
    ).rows[0];
    for (const [name, type, bytes] of [
      ['figures.xlsx', XLSX, xlsx],
      ['notes.docx', DOCX, await makeDocx(['1. A note.'])],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/attachments?owner_type=work&owner_id=${id}`,
        ...multipart({}, [{ name, type, bytes }], t.token),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ filename: name, media_type: type, size: bytes.length });
    }
  });

  it('refuses to store an XLSX whose overlapping entries unpack to 600 MB (413 file_too_complex)', async () => {
    const before = await counts();
    const bomb = await xlsxOverlapBomb(60, 10);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?owner_type=work&owner_id=ke-act-2018-5',
      ...multipart({}, [{ name: 'figures.xlsx', type: XLSX, bytes: bomb }], t.token),
    });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'file_too_complex',
      message: expect.stringMatching(/^figures\.xlsx: .*unpacks to more than 512 MB/),
    });
    expect(await counts()).toEqual(before);
    await stillAnswers();
  });
});

describe('Akoma Ntoso, PDF', () => {
  it('refuses an act of 50,000 nested sections quickly and saves nothing', async () => {
    expect(await refused('nested.xml', 'application/xml', nestedAkn(50_000), 'file_too_complex')).toMatch(
      /nested more than 128 deep/,
    );
  });

  it('still imports an act nested 40 deep', async () => {
    const res = await importVia([{ name: 'deep.xml', type: 'application/xml', bytes: nestedAkn(40) }], {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().files[0]).toMatchObject({ ok: true, provisions: 40 });
  });

  it("bounds the provisions of an upload, not of the operator's command line; nesting is bounded for both", async () => {
    const flat = flatAkn(200_001);
    await expect(readContent('akn', flat, 'flat.xml')).rejects.toMatchObject({
      status: 413,
      code: 'file_too_complex',
      message: 'flat.xml: the file is too complex to read (more than 200,000 provisions)',
    });
    const read = await readContent('akn', flat, 'flat.xml', 'operator');
    expect(read.kind === 'akn' && read.doc.provisions.length).toBe(200_001);
    await expect(readContent('akn', nestedAkn(50_000), 'nested.xml', 'operator')).rejects.toMatchObject({
      code: 'file_too_complex',
    });
  });

  it('refuses a PDF of 3,001 pages before reading its pages', async () => {
    expect(
      await refused('long.pdf', 'application/pdf', await manyPagePdf(3_001), 'file_too_complex'),
    ).toMatch(/3,001 pages; at most 3,000/);
  }, 60_000);

  it("shows the refusal on the editors' upload page with 413", async () => {
    const { sessionAs } = await import('./helpers.js');
    const editor = await sessionAs(t, 'editor', ['KEN']);
    // The form's CSRF token comes first in the body, as the upload form sends it.
    const body = multipart({ _csrf: editor.csrf, ...META }, [
      { name: 'nested.xml', type: 'application/xml', bytes: nestedAkn(50_000) },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/edit/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: editor.cookie },
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain(
      'nested.xml: the file is too complex to read (elements nested more than 128 deep)',
    );
  });
});

describe('multipart limits', () => {
  it('refuses files that are together larger than MAX_UPLOAD_MB, however the request is sent', async () => {
    const small = await testApp({ db: t.db, maxUploadMb: 1 });
    try {
      const files = [0, 1, 2].map((i) => ({
        name: `part${i}.txt`,
        type: 'text/plain',
        bytes: Buffer.alloc(600_000, 'a'),
      }));
      const before = await counts();
      const declared = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart(META, files, t.token),
      });
      expect(declared.statusCode).toBe(413);
      expect(declared.json().error.code).toBe('payload_too_large');
      // without a length: the files are counted as they arrive
      const body = multipart(META, files, t.token);
      const chunked = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...body.headers, 'transfer-encoding': 'chunked' },
        payload: Readable.from([body.payload]),
      });
      expect(chunked.statusCode, chunked.body).toBe(413);
      expect(chunked.json().error).toMatchObject({
        code: 'payload_too_large',
        message: 'The files together are larger than 1 MB',
      });
      // the rest of the body is not read: the connection ends with the answer (else it would stay
      // open, unread, and hold up the server's shutdown)
      expect(chunked.headers.connection).toBe('close');
      expect(await counts()).toEqual(before);
      // a body cut short is the client's error
      const cut = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: body.headers,
        payload: body.payload.subarray(0, 1000),
      });
      expect(cut.statusCode).toBe(400);
      expect(cut.json().error.code).toBe('invalid_multipart');
    } finally {
      await small.app.close();
    }
  });

  it('answers a file upload cut short with 400 invalid_multipart', async () => {
    const body = multipart(
      {},
      [{ name: 'a.txt', type: 'text/plain', bytes: Buffer.alloc(100_000, 'a') }],
      t.token,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?owner_type=work&owner_id=x',
      headers: body.headers,
      payload: body.payload.subarray(0, 50_000),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_multipart');
  });

  it('refuses more than 20 files in one import', async () => {
    const files = Array.from({ length: 21 }, (_, i) => ({
      name: `f${i}.txt`,
      type: 'text/plain',
      bytes: Buffer.from('1. Text.'),
    }));
    const res = await importVia(files);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'too_many_files',
      message: 'Send at most 20 files in one request',
    });
  });

  it('refuses a form of hundreds of fields', async () => {
    const fields = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, 'x']));
    const res = await importVia([{ name: 'a.txt', type: 'text/plain', bytes: Buffer.from('1. Text.') }], {
      ...META,
      ...fields,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_many_fields');
  });
});

describe('XML encodings', () => {
  for (const [encoding, number] of [
    ['ISO-8859-1', '101'],
    ['windows-1252', '102'],
    ['UTF-16', '103'],
  ] as const) {
    it(`reads an act declared ${encoding} as ${encoding}`, async () => {
      const text =
        encoding === 'windows-1252'
          ? '“Données” means data – whatever its form’s cost in €.'
          : 'Les données à caractère personnel, « où » qu’elles soient.'.replace('’', "'");
      const res = await importVia(
        [{ name: `loi-${number}.xml`, type: 'application/xml', bytes: aknEncoded(encoding, number, text) }],
        {},
      );
      expect(res.statusCode, res.body).toBe(201);
      const work = (
        await t.app.inject({
          url: `/api/v1/works/ke-act-2020-${number}`,
          headers: { authorization: `Bearer ${t.token}` },
        })
      ).json();
      expect(work.expression.title).toBe(`Loi n° ${number} sur la sécurité`);
      expect(work.expression.provisions[0]).toMatchObject({ heading: 'Définitions', text });
      expect(JSON.stringify(work)).not.toContain('\uFFFD');
    });
  }

  it('refuses an encoding it cannot read with a clear message', async () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="x-klingon"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>',
    );
    expect(await refused('klingon.xml', 'application/xml', bytes, 'unsupported_encoding')).toMatch(
      /encoded as "x-klingon"/,
    );
  });
});

describe("the file reader's worker", () => {
  const JOBS = new URL('./isolate-jobs.ts', import.meta.url);

  it('ends a job that runs past its time, and the next job gets a new worker', async () => {
    const reader = new Isolate({ heapMb: 64, timeMs: 3_000, queue: 4 });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 50);
      const spin = reader.run(JOBS, { kind: 'spin' }, 'spin.pdf');
      await expect(spin).rejects.toMatchObject({
        status: 413,
        code: 'file_too_complex',
        message: 'spin.pdf: the file is too complex to read (reading it takes longer than 3 s)',
      });
      clearInterval(timer);
      // the main thread kept running while the worker spun
      expect(ticks).toBeGreaterThan(5);
      expect(await reader.run(JOBS, { kind: 'echo', value: 42 }, 'next')).toBe(42);
    } finally {
      await reader.close();
    }
  });

  it('ends a job that runs out of memory, as 413 file_too_complex', async () => {
    const reader = new Isolate({ heapMb: 48, timeMs: 60_000, queue: 4 });
    try {
      await expect(reader.run(JOBS, { kind: 'allocate' }, 'huge.docx')).rejects.toMatchObject({
        status: 413,
        code: 'file_too_complex',
        message: 'huge.docx: the file is too complex to read (it needs more than 48 MB of memory)',
      });
      expect(await reader.run(JOBS, { kind: 'echo', value: 'ok' }, 'next')).toBe('ok');
    } finally {
      await reader.close();
    }
  });

  it('refuses jobs beyond its queue with 503 busy', async () => {
    const reader = new Isolate({ heapMb: 64, timeMs: 3_000, queue: 1 });
    try {
      const first = reader.run(JOBS, { kind: 'spin' }, 'a').catch((e: AppError) => e);
      const second = reader.run(JOBS, { kind: 'echo', value: 1 }, 'b');
      await expect(reader.run(JOBS, { kind: 'echo', value: 2 }, 'c')).rejects.toMatchObject({
        status: 503,
        code: 'busy',
      });
      expect(await first).toMatchObject({ code: 'file_too_complex' });
      expect(await second).toBe(1);
    } finally {
      await reader.close();
    }
  });
});
