/** `cyrepo import iati FILE…` (streamed, progress bar, summary or --json) and `cyrepo export iati --out FILE`. */
import { createReadStream } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { system } from '../core/access.js';
import { CliError, withDatabase } from './support.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { exportIati, importIati } from '../domains/assistance/iati-import.js';
import { exportIatiOrganisation } from '../domains/assistance/iati-organisation.js';

export async function importIatiFiles(files: string[], json: boolean): Promise<void> {
  if (!files.length) throw new CliError('say which IATI files to import');
  for (const f of files) await access(f).catch(() => Promise.reject(new CliError(`${f}: cannot read`)));
  await withDatabase(async (db, log, env) => {
    await prepareDatabase(db, env, log, { demo: false });
    const bar =
      !json && process.stderr.isTTY && files.length > 1
        ? new SingleBar({ format: 'importing [{bar}] {value}/{total} {file}', stream: process.stderr })
        : null;
    bar?.start(files.length, 0, { file: '' });
    const reports = await importIati(
      db,
      system('cli:import'),
      files.map((file) => ({ file, chunks: () => createReadStream(file, { highWaterMark: 256 * 1024 }) })),
      (r) => bar?.increment({ file: r.file }),
    );
    bar?.stop();
    if (json)
      console.log(
        JSON.stringify(
          {
            files: reports,
          },
          null,
          1,
        ),
      );
    else {
      for (const r of reports) {
        if (r.ok)
          console.log(
            `${r.file}: ${r.organisations ? `${r.organisations} organisations, ${r.budgets} budgets, ${r.documents} documents` : `${r.activities} activities, ${r.transactions} transactions`}${r.warnings.length ? `; ${r.warnings.join('; ')}` : ''}`,
          );
        else console.error(`cyrepo: ${r.error}`);
      }
      console.log(`imported ${reports.filter((r) => r.ok).length} of ${reports.length} files`);
    }
    if (reports.some((r) => !r.ok)) process.exitCode = 1;
  });
}

export async function exportIatiTo(out: string | undefined): Promise<void> {
  if (!out) throw new CliError('say where to write the IATI file: --out FILE');
  await withDatabase(async (db, _log, env) => {
    const { xml, written, left } = await exportIati(db.orm, system('cli:export'), {
      ref: env.IATI_ORG_REF,
      name: env.IATI_ORG_NAME,
    });
    await writeFile(out, xml);
    console.log(`wrote ${written} activities to ${out}`);
    for (const l of left) console.error(`cyrepo: left out ${l}`);
  });
}

export async function exportIatiOrganisationTo(out: string | undefined): Promise<void> {
  if (!out) throw new CliError('say where to write the IATI organisation file: --out FILE');
  await withDatabase(async (db, _log, env) => {
    await writeFile(
      out,
      await exportIatiOrganisation(db.orm, system('cli:export'), {
        ref: env.IATI_ORG_REF,
        name: env.IATI_ORG_NAME,
      }),
    );
    console.log(`wrote the organisation file of ${env.IATI_ORG_NAME} to ${out}`);
  });
}
