/**
 * `cyrepo import akn|pdf|docx|text|image FILE…` (each file in its own transaction, a progress bar, a
 * summary or `--json`; a scan is read by OCR here, with a bar of its pages) and `cyrepo export akn WORK_URI`. The CLI acts with full access, audited as
 * "cli:import"; what it imports is published.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { system } from '../core/access.js';
import { CliError, withDatabase } from './support.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { exportAkn } from '../domains/intake/akn/export.js';
import { FORMATS, importFiles, type Format, type Meta } from '../domains/intake/service.js';

export type ImportOptions = Meta & { json?: boolean };

export async function importDocuments(format: Format, files: string[], opts: ImportOptions): Promise<void> {
  if (!files.length) throw new CliError(`say which ${format} files to import`);
  const inputs = await Promise.all(
    files.map(async (file) => ({
      file,
      format,
      bytes: await readFile(file).catch((err: NodeJS.ErrnoException) => {
        throw new CliError(`${file}: cannot read (${err.code ?? err.message})`);
      }),
    })),
  );
  await withDatabase(async (db, log, env) => {
    await prepareDatabase(db, env, log, { demo: false });
    const bar =
      !opts.json && process.stderr.isTTY && files.length > 1
        ? new SingleBar({ format: 'importing [{bar}] {value}/{total} {file}', stream: process.stderr })
        : null;
    bar?.start(files.length, 0, { file: '' });
    const { json: _json, ...meta } = opts;
    // A scan's pages, read by OCR: a bar of its own (a page takes seconds).
    let pages: SingleBar | null = null;
    const onPage = (file: string, page: number, total: number) => {
      if (opts.json || !process.stderr.isTTY || bar) return; // several files: the bar of files
      if (!pages) {
        pages = new SingleBar({ format: 'OCR [{bar}] page {value}/{total} {file}', stream: process.stderr });
        pages.start(total, 0, { file });
      }
      pages.update(page, { file });
      if (page === total) {
        pages.stop();
        pages = null;
      }
    };
    const reports = await importFiles(db, system('cli:import'), inputs, meta, {
      status: 'published',
      reader: 'operator',
      onFile: (r) => {
        (pages as SingleBar | null)?.stop(); // a scan that failed mid-way
        pages = null;
        bar?.increment({ file: r.file });
      },
      ocr: { onPage },
    });
    bar?.stop();
    if (opts.json) console.log(JSON.stringify({ files: reports }, null, 1));
    else {
      for (const r of reports) {
        if (!r.ok) console.error(`cyrepo: ${r.error}`);
        else
          console.log(
            `${r.file}: ${r.case ? `case ${r.case}` : `${r.expression} (${r.provisions} provisions)`}${r.warnings.length ? `; ${r.warnings.join('; ')}` : ''}`,
          );
      }
      const ok = reports.filter((r) => r.ok);
      console.log(
        `imported ${ok.length} of ${reports.length} files: ${ok.filter((r) => r.work).length} expressions (${ok.reduce((n, r) => n + r.provisions, 0)} provisions), ${ok.filter((r) => r.case).length} cases`,
      );
    }
    if (reports.some((r) => !r.ok)) process.exitCode = 1;
  });
}

export function intakeOptions(command: Command): Command {
  return command
    .option('--country <ISO3>', 'country (PDF, DOCX and text; overrides the file for Akoma Ntoso)')
    .option('--language <code>', 'language, e.g. eng, spa, ara')
    .option('--date <YYYY-MM-DD>', 'date of the expression (the version)')
    .option('--title <title>', 'title of the law')
    .option('--type <type>', 'act, code, decree, regulation, bill or order')
    .option('--number <number>', 'number of the law')
    .option('--year <YYYY>', 'year of the law (else from its title or date)')
    .option('--json', 'print the report as JSON');
}

export async function exportAknTo(work: string, opts: { language?: string; date?: string; out?: string }) {
  await withDatabase(async (db) => {
    const { xml } = await exportAkn(db.orm, system('cli'), work, opts);
    if (opts.out) await writeFile(opts.out, xml);
    else process.stdout.write(xml);
  });
}

export const isFormat = (v: string): v is Format => (FORMATS as readonly string[]).includes(v);
