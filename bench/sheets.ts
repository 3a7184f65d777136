/**
 * Spreadsheet import benchmark (`npm run bench:sheets`): files of the largest size a sheet may have
 * (5,000 rows) of activities, laws to add, participants and authorities, generated with names in
 * several languages, read from XLSX, previewed (every row checked) and imported in one transaction,
 * into the embedded PostgreSQL — seconds and peak RSS. Results are appended to bench/RESULTS.md. It
 * says whether a sheet can be imported while its request waits, or must go to a background job.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { system } from '../src/core/access.js';
import type { Orm } from '../src/core/db/connect.js';
import { openDatabase } from '../src/core/db/connect.js';
import { inTransaction } from '../src/core/db/tx.js';
import { loadEnv } from '../src/core/env.js';
import { readSheet } from '../src/core/files/sheet.js';
import { importSheet, previewSheet, type SheetKind } from '../src/core/files/sheet-import.js';
import { activityInput, createActivity } from '../src/domains/assistance/activities.js';
import { activitiesKind } from '../src/domains/assistance/activity-sheet.js';
import { participantsKind } from '../src/domains/assistance/participant-sheet.js';
import { authoritiesKind } from '../src/domains/cooperation/authority-import.js';
import { worksKind } from '../src/domains/legislation/sheet.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

const ROWS = 5000;
const lines: string[] = [];
const out = (s = '') => (lines.push(s), console.log(s));
let peak = 0;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5).unref();

const COUNTRIES = [
  'Kenya',
  'Ouganda',
  'Nigeria',
  'Ghana',
  'Sénégal',
  'Côte d’Ivoire',
  'Brasil',
  'México',
  'Egypt',
];
const pick = <T>(list: T[], i: number) => list[i % list.length];

/** An XLSX file of `rows` under `header`, as a user would upload it. */
async function xlsx(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('rows');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const cases: {
  name: string;
  file(): Promise<Buffer>;
  kind(db: Orm): Promise<SheetKind<unknown, unknown>>;
}[] = [
  {
    name: 'activities',
    file: () =>
      xlsx(
        ['kind', 'title', 'countries', 'planned_start', 'planned_end', 'status', 'hours'],
        Array.from({ length: ROWS }, (_, i) => [
          pick(['atelier', 'training course', 'taller', 'mentoring'], i),
          `Activity ${i}`,
          `${pick(COUNTRIES, i)}; ${pick(COUNTRIES, i + 3)}`,
          '2031-03-02',
          '2031-03-04',
          pick(['prévue', 'planned', 'prevista'], i),
          16,
        ]),
      ),
    kind: (db) => activitiesKind(db, system('bench')),
  },
  {
    name: 'laws to add',
    file: () =>
      xlsx(
        ['country', 'type', 'year', 'number', 'title', 'language', 'date_adopted', 'status'],
        Array.from({ length: ROWS }, (_, i) => [
          pick(COUNTRIES, i),
          pick(['act', 'loi', 'decreto'], i),
          1990 + (i % 35),
          String(i),
          `Law ${i} on cybercrime`,
          pick(['English', 'français', 'español'], i),
          `${1990 + (i % 35)}-06-01`,
          pick(['in force', 'en vigueur', ''], i),
        ]),
      ),
    kind: (db) => worksKind(db, system('bench')),
  },
  {
    name: "an activity's participants",
    file: () =>
      xlsx(
        ['role', 'sex', 'country', 'agency', 'count'],
        Array.from({ length: ROWS }, (_, i) => [
          pick(['prosecutors', 'enquêteurs', 'jueces'], i),
          pick(['women', 'hommes', 'mujeres'], i),
          pick(COUNTRIES, i),
          `Agency ${i}`,
          2,
        ]),
      ),
    kind: async (db) => {
      const a = await createActivity(
        db,
        system('bench'),
        activityInput.parse({
          kind: 'training_course',
          title: 'Bench training',
          countries: ['KEN'],
          status: 'delivered',
          actual_start: '2030-01-01',
          actual_end: '2030-01-05',
        }),
      );
      return participantsKind(db, system('bench'), a.id) as never;
    },
  },
  {
    name: 'authorities',
    file: () =>
      xlsx(
        ['country', 'kind', 'name', 'languages', 'channels', 'designations'],
        Array.from({ length: ROWS }, (_, i) => [
          pick(COUNTRIES, i),
          pick(['24/7 point of contact', 'central_mla', 'Police-to-police channel'], i),
          `Authority ${i}`,
          'English; français',
          'e-mail; INTERPOL',
          'ETS185 35',
        ]),
      ),
    kind: (db) => authoritiesKind(db, system('bench')) as never,
  },
];

async function main() {
  out(
    `## Spreadsheet import (\`npm run bench:sheets\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL)`,
  );
  out();
  out(
    `| sheet (${ROWS.toLocaleString('en')} rows, XLSX) | KB | read s | preview s | import s | peak RSS MB |`,
  );
  out('|---|---|---|---|---|---|');
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-sheets-'));
  const env = loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const db = await openDatabase(env, log);
  try {
    await prepareDatabase(db, env, log, { demo: false });
    for (const c of cases) {
      const bytes = await c.file();
      global.gc?.();
      peak = process.memoryUsage().rss;
      let t = performance.now();
      const rows = await readSheet(bytes, 'bench.xlsx');
      const read = (performance.now() - t) / 1000;
      t = performance.now();
      const preview = previewSheet(await c.kind(db.orm), rows);
      const previewed = (performance.now() - t) / 1000;
      const bad = preview.filter((r) => r.errors.length);
      if (bad.length) throw new Error(`${c.name}: ${JSON.stringify(bad[0])}`);
      t = performance.now();
      const done = await inTransaction(db, async (tx) => importSheet(await c.kind(tx), rows));
      const imported = (performance.now() - t) / 1000;
      if (done.created !== ROWS) throw new Error(`${c.name}: ${JSON.stringify(done)}`);
      out(
        `| ${c.name} | ${Math.round(bytes.length / 1024)} | ${read.toFixed(2)} | ${previewed.toFixed(2)} | ${imported.toFixed(1)} | ${(peak / 2 ** 20).toFixed(0)} |`,
      );
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  out();
  out(
    'Read: the XLSX parsed into rows; preview: every row checked against what the kind preloads (no query per row); import: preview again, then every row written, one transaction. Sheets of more than 500 rows are written by a background job (src/domains/imports/sheet-job.ts).',
  );
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();
