/**
 * Intake benchmark (`npm run bench:intake`): import throughput of the largest real Akoma Ntoso
 * files (read only, and read + saved with search indexing, in one transaction each) on the
 * embedded PostgreSQL, and the peak memory of reading a generated 100 MB Akoma Ntoso file as a
 * stream. Results are appended to bench/RESULTS.md. Needs ../shared/data/real.
 */
import {
  appendFileSync,
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { readAkn } from '../src/domains/intake/akn/parse.js';
import { countProvisions, importFiles } from '../src/domains/intake/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

const REAL = new URL('../../shared/data/real/akn/legislation/', import.meta.url).pathname;
const FILES = [
  'uk-ukpga-1998-29-data-protection-act-1998.akn.xml',
  'za-constitution-1996-eng.akn.xml',
  'tz-constitution-1977-swa.akn.xml',
];
const log = pino({ level: 'silent' });
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

/** A synthetic act of about `size` bytes (sections with two subsections), written piece by piece. */
function bigAkn(path: string, size: number): number {
  const fd = openSync(path, 'w');
  const head =
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta><identification source="#b"><FRBRWork><FRBRuri value="/akn/ke/act/2000/big"/><FRBRdate date="2000-01-01" name="x"/><FRBRcountry value="ke"/></FRBRWork><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta><body>';
  const text =
    'A person who intentionally and without right accesses the whole or any part of a computer system commits an offence and is liable on conviction to a fine. ';
  let length = writeSync(fd, head);
  let n = 0;
  while (length < size) {
    n++;
    length += writeSync(
      fd,
      `<section eId="sec_${n}"><num>${n}.</num><heading>Section ${n}</heading><subsection eId="sec_${n}__subsec_1"><num>(1)</num><content><p>${text.repeat(3)}</p></content></subsection><subsection eId="sec_${n}__subsec_2"><num>(2)</num><content><p>${text.repeat(2)}</p></content></subsection></section>`,
    );
  }
  writeSync(fd, '</body></act></akomaNtoso>');
  closeSync(fd);
  return n * 3;
}

async function main() {
  if (!existsSync(REAL)) return console.log(`${REAL} not found; the intake benchmark needs the real data`);
  out(
    `## Intake (\`npm run bench:intake\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL)`,
  );
  out();
  out('| file | size KB | provisions | read ms | provisions/s read | read + save ms | provisions/s saved |');
  out('|---|---|---|---|---|---|---|');
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-intake-'));
  const env = loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const db = await openDatabase(env, log);
  try {
    await prepareDatabase(db, env, log, { demo: false });
    for (const name of FILES) {
      const bytes = readFileSync(join(REAL, name));
      const t0 = performance.now();
      const doc = await readAkn(Readable.from([bytes]));
      const readMs = performance.now() - t0;
      const n = countProvisions(doc.provisions);
      const t1 = performance.now();
      const [report] = await importFiles(
        db,
        system('bench'),
        [{ file: name, format: 'akn', bytes }],
        {},
        { status: 'published' },
      );
      const saveMs = performance.now() - t1;
      if (!report.ok) throw new Error(report.error ?? 'import failed');
      out(
        `| ${name} | ${(bytes.length / 1024).toFixed(0)} | ${n.toLocaleString('en')} | ${readMs.toFixed(0)} | ${Math.round(n / (readMs / 1000)).toLocaleString('en')} | ${saveMs.toFixed(0)} | ${Math.round(n / (saveMs / 1000)).toLocaleString('en')} |`,
      );
    }
    out();
    out(`Peak RSS during these imports: ${mb(peak)} MB.`);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const big = join(mkdtempSync(join(tmpdir(), 'cyrepo-bench-big-')), 'big.akn.xml');
  const expected = bigAkn(big, 100 * 2 ** 20);
  peak = process.memoryUsage().rss;
  const before = peak;
  const t = performance.now();
  const doc = await readAkn(createReadStream(big, { highWaterMark: 256 * 1024 }));
  const ms = performance.now() - t;
  const n = countProvisions(doc.provisions);
  if (n !== expected) throw new Error(`read ${n} provisions, expected ${expected}`);
  out(
    `Reading a generated ${mb(statSync(big).size)} MB Akoma Ntoso file as a stream (${n.toLocaleString('en')} provisions): ${(ms / 1000).toFixed(1)} s (${Math.round(n / (ms / 1000)).toLocaleString('en')} provisions/s); RSS ${mb(before)} MB before, peak ${mb(peak)} MB.`,
  );
  // The whole import (read, save, index, audit) in a child process whose heap is capped at 600 MB.
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-big-db-'));
  const { DATABASE_URL: _server, ...withoutServer } = process.env; // the child runs its own embedded PostgreSQL
  const child = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--max-old-space-size=600',
        '--import',
        'tsx',
        new URL('./intake-big.ts', import.meta.url).pathname,
        big,
      ],
      { env: { ...withoutServer, DATA_DIR: dir }, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .at(-1)!,
  ) as { ms: number; provisions: number; maxRssMb: number };
  out(
    `Importing it (read, save, search index, audit snapshot; one transaction) with the heap capped at 600 MB: ${(child.ms / 1000).toFixed(0)} s, ${Math.round(child.provisions / (child.ms / 1000)).toLocaleString('en')} provisions/s, peak RSS ${child.maxRssMb.toFixed(0)} MB.`,
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(big, { force: true });
  clearInterval(sampler);
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();
