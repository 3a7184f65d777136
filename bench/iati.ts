/**
 * IATI import benchmark (`npm run bench:iati`): the UNHCR publisher file (134 activities, 2,678
 * transactions) and a generated file of about 100 MB (the UNHCR activities repeated with new
 * identifiers), imported into the embedded PostgreSQL — activities per second and peak RSS.
 * Results are appended to bench/RESULTS.md. Needs ../shared/data/real.
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
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { importIati } from '../src/domains/assistance/iati-import.js';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

const UNHCR = new URL('../../shared/data/real/iati/unhcr-XM-DAC-41121-activities-2023.xml', import.meta.url)
  .pathname;
const lines: string[] = [];
const out = (s = '') => (lines.push(s), console.log(s));
let peak = 0;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5).unref();

/** The UNHCR activities repeated `times` times with fresh identifiers, written piece by piece. */
function bigFile(path: string, times: number): number {
  const text = readFileSync(UNHCR, 'utf8');
  const start = text.indexOf('<iati-activity ');
  const end = text.lastIndexOf('</iati-activities>');
  const body = text.slice(start, end);
  const fd = openSync(path, 'w');
  writeSync(fd, '<?xml version="1.0" encoding="UTF-8"?><iati-activities version="2.03">');
  for (let i = 0; i < times; i++)
    writeSync(fd, body.replaceAll('<iati-identifier>XM-DAC-41121-', `<iati-identifier>XX-BENCH-${i}-`));
  writeSync(fd, '</iati-activities>');
  closeSync(fd);
  return times * 134;
}

async function main() {
  if (!existsSync(UNHCR)) return console.log('the IATI benchmark needs ../shared/data/real');
  out(
    `## IATI import (\`npm run bench:iati\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL)`,
  );
  out();
  out('| file | size MB | activities | transactions | seconds | activities/s | peak RSS MB |');
  out('|---|---|---|---|---|---|---|');
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-iati-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-iati-db-'));
  const env = loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const db = await openDatabase(env, log);
  try {
    await prepareDatabase(db, env, log, { demo: false });
    const big = join(dir, 'big.xml');
    bigFile(big, 25);
    for (const file of [UNHCR, big]) {
      global.gc?.();
      peak = process.memoryUsage().rss;
      const t = performance.now();
      const [r] = await importIati(db, system('bench'), [
        { file, chunks: () => createReadStream(file, { highWaterMark: 256 * 1024 }) },
      ]);
      const s = (performance.now() - t) / 1000;
      if (!r.ok) throw new Error(r.error ?? 'failed');
      out(
        `| ${file === UNHCR ? 'UNHCR 2023 (real)' : 'UNHCR × 25 (generated)'} | ${(statSync(file).size / 2 ** 20).toFixed(1)} | ${r.activities.toLocaleString('en')} | ${r.transactions.toLocaleString('en')} | ${s.toFixed(1)} | ${Math.round(r.activities / s).toLocaleString('en')} | ${(peak / 2 ** 20).toFixed(0)} |`,
      );
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  out();
  out(
    "Each activity is saved as soon as it is read (SAX, 256 KB chunks); the whole file is one transaction. An IATI 2.03 file of up to 100 MB is also kept in memory and validated against the official IATI schema by libxml2 (xmllint-wasm, in a worker thread; streaming above 32 MB) before the transaction commits: that is most of the time and memory shown. Larger files are checked by the reader's own rules only, in bounded memory.",
  );
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();
