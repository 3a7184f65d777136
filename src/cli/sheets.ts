/**
 * `cyrepo import sheet RECORDS FILE [--of ID] [--check]` and `cyrepo export sheet RECORDS --out FILE
 * [--of ID] [--lang fr]`: the spreadsheets of the web pages (activities, participants, contributions,
 * needs, laws, mappings, authorities) from the command line, checked row by row the same way — every
 * problem printed with its line and column and nothing written, or every row written in one
 * transaction. The CLI acts with full access, audited as "cli:import".
 */
import { readFile, writeFile } from 'node:fs/promises';
import { system } from '../core/access.js';
import { inTransaction } from '../core/db/tx.js';
import { readSheet, writeSheet } from '../core/files/sheet.js';
import { previewSheet } from '../core/files/sheet-import.js';
import { translator, UI_LANGUAGES, type UiLang } from '../core/i18n.js';
import { isSheetName, saveSheet, SHEETS, type SheetRecords } from '../domains/imports/sheets.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { CliError, withDatabase } from './support.js';

type SheetOptions = { of?: string; check?: boolean; out?: string; lang?: string };
const rowsOf = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** The records a command names, and the record they belong to (--of) where they need one. */
function recordsOf(name: string | undefined, opts: SheetOptions): SheetRecords<unknown, unknown> {
  const names = Object.keys(SHEETS).join(', ');
  if (!name) throw new CliError(`say which records: ${names}`);
  if (!isSheetName(name)) throw new CliError(`unknown records "${name}"; use ${names}`);
  if ((name === 'participants' || name === 'mappings') && !opts.of)
    throw new CliError(`say whose ${name}: --of ${name === 'participants' ? 'ACTIVITY_ID' : 'WORK_ID'}`);
  return SHEETS[name] as SheetRecords<unknown, unknown>;
}

export async function importSheetFile(
  name: string | undefined,
  file: string | undefined,
  opts: SheetOptions,
) {
  const records = recordsOf(name, opts);
  if (!file) throw new CliError(`say which file to import: cyrepo import sheet ${name} FILE`);
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`${file}: cannot read (${err.code ?? err.message})`);
  });
  await withDatabase(async (db, log, env) => {
    await prepareDatabase(db, env, log, { demo: false });
    const by = system('cli:import');
    const rows = await readSheet(bytes, file);
    const preview = previewSheet(await records.kind(db.orm, by, opts.of ?? ''), rows);
    const problems = preview.flatMap((r) =>
      r.errors.map((e) => `${file}: line ${r.line}, column ${e.field}: ${e.message}`),
    );
    if (problems.length) {
      for (const p of problems) console.error(`cyrepo: ${p}`);
      throw new CliError(`${file}: ${problems.length} problems; nothing was imported`);
    }
    const adds = preview.filter((r) => r.action === 'create').length;
    if (opts.check)
      return console.log(
        `${file}: ${rowsOf(rows.length)}, all right: ${adds} to add, ${rows.length - adds} to change`,
      );
    const done = await inTransaction(db, (tx) => saveSheet(tx, by, records, opts.of ?? '', rows));
    console.log(`${file}: ${done.created} added, ${done.updated} changed, ${done.unchanged} unchanged`);
  });
}

export async function exportSheetTo(name: string | undefined, opts: SheetOptions) {
  const records = recordsOf(name, opts);
  const out = opts.out;
  if (!out) throw new CliError('say where to write the spreadsheet: --out FILE.xlsx');
  const lang = (opts.lang ?? 'en') as UiLang;
  if (!UI_LANGUAGES.includes(lang)) throw new CliError(`--lang ${lang}: use ${UI_LANGUAGES.join(', ')}`);
  await withDatabase(async (db, log, env) => {
    await prepareDatabase(db, env, log, { demo: false });
    const t = translator(lang);
    const sheet = await records.sheet(db.orm, system('cli:export'), opts.of ?? '', lang, t);
    await writeFile(out, await writeSheet(sheet.title, sheet.columns, sheet.rows, t('import.lists')));
    console.log(`${out}: ${rowsOf(sheet.rows.length)}`);
  });
}
