/**
 * Hostile files benchmark (`npm run bench:hostile`): the server (in this process, on the embedded
 * PostgreSQL, MAX_UPLOAD_MB=25) is sent the files of the attack run of issue 13 (M4) — DOCX ZIP
 * bombs of 1 and 4 MB (1 and 4 GB unpacked), three at once, one lying about its sizes, an XLSX
 * bomb as an attachment, Akoma Ntoso of 50,000 nested sections, a PDF of 20,000 pages, one
 * request of 20 × 20 MB files — and real laws from ../shared/data/real (Akoma Ntoso, and a text
 * law also as PDF and DOCX). For each: the answer, the time, the peak RSS above the idle server
 * (sampled every 5 ms; worker threads included) and the longest event-loop block
 * (perf_hooks.monitorEventLoopDelay). Results are appended to bench/RESULTS.md (not with --dry);
 * BENCH_ONLY=TEXT runs only the files whose name holds TEXT.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { ensureAdminToken } from '../src/domains/accounts/tokens.js';
import { buildApp } from '../src/main/app.js';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { fileReader } from '../src/domains/intake/read.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { docxBomb, manyPagePdf, nestedAkn, zip, deflatedRun, packed } from '../test/hostile-make.js';
import { makeDocx, makePdf, multipart } from '../test/intake-files.js';

const REAL = new URL('../../shared/data/real/', import.meta.url).pathname;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const META = { country: 'TZA', language: 'eng', date: '2015-05-25', title: 'Cybercrimes Act No. 14 of 2015' };
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

type Sent = { status: number; body: string };
type Case = { name: string; size: number; send: () => Promise<Sent[]> };

/** A request over HTTP; `body` is written chunk by chunk (chunked) and writing stops once the server has answered. */
function send(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer | (() => Iterable<Buffer>),
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        port,
        path,
        method: 'POST',
        headers: Buffer.isBuffer(body)
          ? { ...headers, 'content-length': String(body.length) }
          : { ...headers, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', (err) => (answered ? undefined : reject(err)));
    if (Buffer.isBuffer(body)) return req.end(body);
    void (async () => {
      for (const chunk of body()) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(() => {});
  });
}

/** What the server said, briefly: the status and the code (of the error, or of the import report). */
function answer(r: Sent): string {
  try {
    const json = JSON.parse(r.body) as {
      error?: { code: string };
      files?: { ok: boolean; code: string | null; provisions: number }[];
    };
    if (json.error) return `${r.status} ${json.error.code}`;
    if (json.files)
      return `${r.status} ${json.files.map((f) => (f.ok ? `imported, ${f.provisions} provisions` : f.code)).join(', ')}`;
  } catch {
    /* not JSON */
  }
  return String(r.status);
}

const FILES = [
  'realAkn',
  'realText',
  'realPdf',
  'realDocx',
  'bomb1',
  'bomb4',
  'liar',
  'xlsxBomb',
  'nested',
  'pdf20k',
] as const;

/** Makes the files (in a child process, so that making them does not weigh on the server's memory). */
async function make(dir: string) {
  const realAkn = readFileSync(
    join(REAL, 'akn/legislation/uk-ukpga-1998-29-data-protection-act-1998.akn.xml'),
  );
  const realText = readFileSync(join(REAL, 'laws-dev/laws/tza-cybercrimes-act-2015.txt'));
  const textLines = realText
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim());
  const [realPdf, realDocx] = [await makePdf(textLines), await makeDocx(textLines)];
  const bomb1 = await docxBomb(1024);
  // four parts of 1 GB (a ZIP without ZIP64 holds less than 4 GB per entry)
  const gigabyte = await deflatedRun('word/document.xml', 1024);
  const bomb4 = zip([
    packed('[Content_Types].xml', '<Types/>'),
    ...['document', 'header1', 'footer1', 'endnotes'].map((n) => ({ ...gigabyte, name: `word/${n}.xml` })),
  ]);
  const liar = await docxBomb(1024, { lie: true });
  const sheet = await deflatedRun('xl/worksheets/sheet1.xml', 1024);
  const xlsxBomb = zip([packed('[Content_Types].xml', '<Types/>'), sheet]);
  const nested = nestedAkn(50_000);
  const pdf20k = await manyPagePdf(20_000);
  const made = { realAkn, realText, realPdf, realDocx, bomb1, bomb4, liar, xlsxBomb, nested, pdf20k };
  for (const name of FILES) writeFileSync(join(dir, name), made[name]);
}

async function main() {
  if (!existsSync(REAL))
    return console.log(`${REAL} not found; the hostile files benchmark needs the real data`);
  if (!(globalThis as { gc?: unknown }).gc)
    console.log('(run with node --expose-gc for a settled idle figure)');
  console.log('making the files…');
  const fileDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-hostile-files-'));
  execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--make', fileDir], {
    stdio: 'inherit',
  });
  const { realAkn, realText, realPdf, realDocx, bomb1, bomb4, liar, xlsxBomb, nested, pdf20k } =
    Object.fromEntries(FILES.map((name) => [name, readFileSync(join(fileDir, name))])) as Record<
      (typeof FILES)[number],
      Buffer
    >;
  rmSync(fileDir, { recursive: true, force: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-hostile-'));
  const env = loadEnv({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    MAX_UPLOAD_MB: '25',
    RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_URL: 'http://127.0.0.1',
  });
  const log = pino({ level: 'silent' });
  const db = await openDatabase(env, log);
  const app = await buildApp({ db, env, log });
  try {
    await prepareDatabase(db, env, log, { demo: false });
    const token = await ensureAdminToken(db.orm, env.ADMIN_EMAIL);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const post = (
      path: string,
      fields: Record<string, string>,
      files: { name: string; type: string; bytes: Buffer }[],
    ) => {
      const m = multipart(fields, files, token);
      return send(port, path, m.headers, m.payload);
    };
    const imp = (name: string, type: string, bytes: Buffer, fields: Record<string, string> = {}) =>
      post('/api/v1/imports', fields, [{ name, type, bytes }]);
    /** 20 files of 20 MB, sent from a child process (as from another machine) and made while being sent. */
    const twentyByTwenty = () =>
      new Promise<Sent>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', new URL(import.meta.url).pathname, '--send-20x20', String(port), token],
          (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Sent)),
        ),
      );
    const cases: Case[] = [
      {
        name: 'real: UK Data Protection Act 1998, Akoma Ntoso',
        size: realAkn.length,
        send: async () => [await imp('dpa-1998.akn.xml', 'application/xml', realAkn)],
      },
      {
        name: 'real: Tanzania Cybercrimes Act 2015, text',
        size: realText.length,
        send: async () => [await imp('tza-2015.txt', 'text/plain', realText, META)],
      },
      {
        name: 'real: the same act as PDF (pdfkit)',
        size: realPdf.length,
        send: async () => [
          await imp('tza-2015.pdf', 'application/pdf', realPdf, { ...META, date: '2015-05-26' }),
        ],
      },
      {
        name: 'real: the same act as DOCX (docx)',
        size: realDocx.length,
        send: async () => [await imp('tza-2015.docx', DOCX, realDocx, { ...META, date: '2015-05-27' })],
      },
      {
        name: 'DOCX ZIP bomb, 1 GB unpacked',
        size: bomb1.length,
        send: async () => [await imp('bomb1.docx', DOCX, bomb1, META)],
      },
      {
        name: 'DOCX ZIP bomb, 4 GB unpacked',
        size: bomb4.length,
        send: async () => [await imp('bomb4.docx', DOCX, bomb4, META)],
      },
      {
        name: 'three 4 GB DOCX bombs at once',
        size: 3 * bomb4.length,
        send: () => Promise.all([0, 1, 2].map((i) => imp(`bomb4-${i}.docx`, DOCX, bomb4, META))),
      },
      {
        name: 'DOCX bomb declaring 1 KB, 1 GB unpacked',
        size: liar.length,
        send: async () => [await imp('liar.docx', DOCX, liar, META)],
      },
      {
        name: 'XLSX bomb as an attachment, 1 GB unpacked',
        size: xlsxBomb.length,
        send: async () => [
          await post('/api/v1/attachments?owner_type=work&owner_id=tz-act-2015-14', {}, [
            { name: 'sheet.xlsx', type: XLSX, bytes: xlsxBomb },
          ]),
        ],
      },
      {
        name: 'Akoma Ntoso, 50,000 nested sections',
        size: nested.length,
        send: async () => [await imp('nested.xml', 'application/xml', nested)],
      },
      {
        name: 'PDF of 20,000 pages',
        size: pdf20k.length,
        send: async () => [await imp('long.pdf', 'application/pdf', pdf20k, META)],
      },
      {
        name: '20 × 20 MB files in one request (chunked)',
        size: 400 * 2 ** 20,
        send: async () => [await twentyByTwenty()],
      },
    ].filter((c) => !process.env.BENCH_ONLY || c.name.includes(process.env.BENCH_ONLY));

    out(
      `## Hostile files (\`npm run bench:hostile\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'}, MAX_UPLOAD_MB=25)`,
    );
    out();
    out(
      'Each file sent over HTTP to the server in this process; RSS sampled every 5 ms (worker threads included), above the idle server measured before the first file.',
    );
    out();
    out('| file | size MB | answer | seconds | peak RSS above idle MB | longest event-loop block ms |');
    out('|---|---|---|---|---|---|');
    // Warm-up (not measured): the first request compiles routes and serialisers, the first file starts the reader.
    await imp('warm-up.txt', 'text/plain', Buffer.from('1. Warm-up.\n'), {
      ...META,
      title: 'Warm-up Act No. 1 of 2000',
      date: '2000-01-01',
    });
    await fileReader.close();
    gc();
    await new Promise((r) => setTimeout(r, 500));
    const idle = process.memoryUsage.rss();
    for (const c of cases) {
      gc();
      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const t = performance.now();
      const answers = await c.send();
      const seconds = (performance.now() - t) / 1000;
      delay.disable();
      clearInterval(sampler);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      if (health.status !== 200) throw new Error(`/health answered ${health.status} after ${c.name}`);
      const said = [...new Set(answers.map(answer))].join('; ');
      out(
        `| ${c.name} | ${mb(c.size)} | ${answers.length > 1 ? `${answers.length} × ` : ''}${said} | ${seconds.toFixed(1)} | ${Math.max(0, (peak - idle) / 2 ** 20).toFixed(0)} | ${(delay.max / 1e6).toFixed(0)} |`,
      );
    }
    await fileReader.close();
    gc();
    await new Promise((r) => setTimeout(r, 2_000));
    out();
    out(
      `Idle RSS ${mb(idle)} MB; after the run, with the file reader's worker ended, ${mb(process.memoryUsage().rss)} MB.`,
    );
  } finally {
    await app.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!process.argv.includes('--dry'))
    appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

/** The client of the 20 × 20 MB request (in a child process): prints the answer as JSON. */
async function sendTwentyByTwenty(port: number, token: string) {
  const boundary = '----cyrepobench';
  const block = Buffer.alloc(2 ** 20, 'a');
  const sent = await send(
    port,
    '/api/v1/imports',
    { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    function* () {
      for (let f = 0; f < 20; f++) {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f${f}.txt"\r\nContent-Type: text/plain\r\n\r\n`,
        );
        for (let i = 0; i < 20; i++) yield block;
        yield Buffer.from('\r\n');
      }
      yield Buffer.from(`--${boundary}--\r\n`);
    },
  );
  process.stdout.write(JSON.stringify(sent));
  process.exit(0);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === '--make') await make(args[0]);
else if (mode === '--send-20x20') await sendTwentyByTwenty(Number(args[0]), args[1]);
else await main();
