/**
 * The cyrepo command line. Every command reads the same configuration (DATA_DIR, DATABASE_URL, …)
 * as the server. Errors print one line saying what is wrong and exit with code 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { accountCommands } from '../cli/accounts.js';
import { analysisCommands } from '../cli/analysis.js';
import { reportCommands } from '../cli/reports.js';
import { exportBundle } from '../domains/bundle/export.js';
import { BundleError, importBundle, parseBundle } from '../domains/bundle/import.js';
import { migrate } from '../core/db/migrate.js';
import { isRepositoryEmpty } from '../domains/demo/load.js';
import { ConfigError } from '../core/env.js';
import { AppError } from '../core/errors.js';
import { rebuildSearch } from '../domains/search/rebuild.js';
import { CliError, config, withDatabase } from '../cli/support.js';
import { exportIatiOrganisationTo, exportIatiTo, importIatiFiles } from '../cli/assistance.js';
import { exportAknTo, importDocuments, intakeOptions, isFormat, type ImportOptions } from '../cli/intake.js';
import { createLogger } from '../core/log.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { exportSheetTo, importSheetFile } from '../cli/sheets.js';

const program = new Command()
  .name('cyrepo')
  .description('Open repository of cybercrime legislation, case law and documents')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate, load the reference data, and serve the web pages and API (HOST, PORT)')
  .option('--demo', 'load the fictional demo content when the repository is empty')
  .action(async (opts: { demo?: boolean }) => {
    const { env } = config();
    const log = createLogger(env);
    // The web application is loaded only to serve: every other command starts faster without it.
    const { serve } = await import('./cluster.js');
    await serve(env, log, { demo: !!opts.demo });
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .action(() =>
    withDatabase(async (db) => {
      const applied = await migrate(db.pool);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
    }),
  );

program
  .command('seed')
  .description(
    'load the reference data (countries, instruments, articles, concepts, parties) and the default assessment framework',
  )
  .option('--demo', 'also load the fictional demo content (only into an empty repository)')
  .action((opts: { demo?: boolean }) =>
    withDatabase(async (db, log, env) => {
      const demoWanted = !!opts.demo;
      if (demoWanted && !(await isRepositoryEmpty(db.orm).catch(() => true)))
        throw new CliError(
          'the repository is not empty; the demo content loads only into an empty repository',
        );
      // The same start-up path as `cyrepo serve`: migrations, reference data, framework, demo, search index, first admin.
      const ready = await prepareDatabase(db, env, log, { demo: demoWanted });
      const ref = ready.reference;
      console.log(
        `reference data: ${ref.countries} countries, ${ref.instruments} instruments, ${ref.articles} articles, ${ref.concepts} concepts, ${ref.parties} parties`,
      );
      if (demoWanted) {
        const demo = ready.demo;
        if (!demo)
          throw new CliError(
            'the repository is not empty; the demo content loads only into an empty repository',
          );
        console.log(
          `demo content: ${demo.works} laws (${demo.provisions} provisions) in ${demo.countries} countries, ${demo.cases} cases, ${demo.documents} documents`,
        );
      }
      if (!ready.admin.has_password)
        console.log(
          `to sign in as the administrator, set a password with: npx cyrepo user reset ${ready.admin.email}`,
        );
    }),
  );

program
  .command('export')
  .description(
    "write all repository data to a JSON bundle (--out), an expression as Akoma Ntoso (export akn WORK_URI), the programme's activities (export iati) or organisation file (export iati-organisation) as IATI 2.03, or records as the XLSX of their page (export sheet RECORDS --out FILE: activities, participants, contributions, needs, laws, mappings, authorities)",
  )
  .argument('[format]', 'akn for Akoma Ntoso (default: the JSON bundle)')
  .argument('[work]', 'with akn: the work URI (/akn/ke/act/2018/5) or id; with sheet: which records')
  .option(
    '--out <file>',
    'where to write (required for the bundle; Akoma Ntoso goes to standard output without it)',
  )
  .option('--language <code>', 'with akn: which language')
  .option('--date <YYYY-MM-DD>', 'with akn: which version')
  .option('--of <id>', 'with sheet: the activity (participants) or the law (mappings) whose records')
  .option('--lang <code>', 'with sheet: the language of the names (en, fr, es, ar, ru, zh)')
  .action(
    (
      format: string | undefined,
      work: string | undefined,
      opts: { out?: string; language?: string; date?: string; of?: string; lang?: string },
    ) => {
      if (format === 'sheet') return exportSheetTo(work, opts);
      if (format === 'akn') {
        if (!work) throw new CliError('say which work to export: cyrepo export akn /akn/ke/act/2018/5');
        return exportAknTo(work, opts);
      }
      if (format === 'iati') return exportIatiTo(opts.out);
      if (format === 'iati-organisation') return exportIatiOrganisationTo(opts.out);
      if (format)
        throw new CliError(
          `unknown export format "${format}"; use akn, iati, iati-organisation or sheet, or no format for the JSON bundle`,
        );
      const out = opts.out;
      if (!out) throw new CliError('say where to write the bundle: --out FILE');
      return withDatabase(async (db) => {
        await migrate(db.pool);
        const bundle = await exportBundle(db.pool);
        await writeFile(out, `${JSON.stringify(bundle, null, 1)}\n`);
        console.log(
          `exported ${bundle.works.length} works, ${bundle.cases.length} cases, ${bundle.documents.length} documents, ${bundle.attachments.length} attachments to ${out}`,
        );
      });
    },
  );

intakeOptions(
  program
    .command('import')
    .description(
      'import laws and judgments (akn | pdf | docx | text | image FILE…, each file all or nothing; a scanned PDF or an image is read by OCR, page by page), IATI files (iati FILE…), a spreadsheet of records as their page takes it (sheet RECORDS FILE [--of ID] [--check]) or a JSON bundle made by export (bundle FILE)',
    )
    .argument('<format>', 'akn, pdf, docx, text, image (a scan: PNG, JPEG, TIFF), iati, sheet or bundle')
    .argument('[files...]', 'the files')
    .option('--of <id>', 'with sheet: the activity (participants) or the law (mappings) whose records')
    .option('--check', 'with sheet: check every row, write nothing'),
).action((format: string, files: string[], opts: ImportOptions & { of?: string; check?: boolean }) => {
  if (format === 'sheet') return importSheetFile(files[0], files[1], opts);
  if (isFormat(format)) return importDocuments(format, files, opts);
  if (format === 'iati') return importIatiFiles(files, !!opts.json);
  // `cyrepo import repo.json` (a bundle) as before
  if (format === 'bundle' || format.endsWith('.json'))
    return importBundleFile(format === 'bundle' ? files[0] : format);
  throw new CliError(
    `unknown import format "${format}"; use akn, pdf, docx, text, image, iati, sheet or bundle`,
  );
});

function importBundleFile(file: string | undefined) {
  if (!file) throw new CliError('say which bundle to import: cyrepo import bundle FILE');
  return withDatabase(async (db, log, env) => {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new CliError(`${file}: cannot read (${err.code ?? err.message})`);
    });
    const bundle = parseBundle(text, file);
    await prepareDatabase(db, env, log, { demo: false });
    const counts = await importBundle(db.pool, bundle, 'cli:import').catch(
      (err: { code?: string; detail?: string; message: string }) => {
        if (err.code === '23505')
          throw new CliError(`${file}: already in the database: ${err.detail ?? err.message}`);
        if (err.code === '23503')
          throw new CliError(
            `${file}: refers to something that does not exist: ${err.detail ?? err.message}`,
          );
        throw err;
      },
    );
    await rebuildSearch(db.orm);
    await db.pool.query('ANALYZE'); // fresh planner statistics after a bulk load
    console.log(
      `imported ${counts.works} works (${counts.provisions} provisions), ${counts.mappings} mappings, ${counts.cases} cases, ${counts.documents} documents, ${counts.attachments} attachments`,
    );
  });
}

accountCommands(program);
analysisCommands(program);
reportCommands(program);

program.addOption(new Option('--version').hideHelp()).on('option:version', () => {
  console.log('cyrepo 0.1.0');
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof CliError || err instanceof BundleError || err instanceof AppError)
    console.error(`cyrepo: ${err.message}`);
  else console.error(`cyrepo: ${(err as Error).message}`);
  process.exit(1);
}
