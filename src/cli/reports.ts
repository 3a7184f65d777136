/** `cyrepo report programme|donor|country [--donor ID | --country ISO3] --from DATE --to DATE --format html|docx|json --out FILE`. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderToString } from 'preact-render-to-string';
import { system } from '../core/access.js';
import { CliError, withDatabase } from './support.js';
import { prepareDatabase } from '../domains/setup/prepare.js';
import { translator } from '../core/i18n.js';
import { reportDocx } from '../reports/docx.js';
import { figuresByName, type Report } from '../reports/model.js';
import { makeReport, REPORT_KINDS, reportJson, reportQuery, type ReportKind } from '../reports/service.js';
import { ReportArticle } from '../web/reports/views.js';

const t = translator('en');

/** A report as one HTML file: styles inlined, links resolved against the public address. */
export function reportHtml(report: Report, publicUrl: string): string {
  const css = readFileSync(new URL('../web/shell/assets/app.css', import.meta.url), 'utf8');
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(report.title)}</title><base href="${esc(publicUrl)}"><style>${css}</style></head><body><main>${renderToString(ReportArticle({ t, report }))}</main></body></html>`;
}

export function reportCommands(program: Command) {
  program
    .command('report')
    .description(
      'write the programme implementation report, a donor report or a country profile for a period',
    )
    .argument('<kind>', 'programme, donor or country')
    .option('--donor <id>', 'donor organisation id (donor report)')
    .option('--country <iso3>', 'country (country profile)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD)')
    .option('--format <format>', 'html, docx or json', 'html')
    .requiredOption('--out <file>', 'file to write')
    .action(
      async (
        kind: string,
        opts: { donor?: string; country?: string; from: string; to: string; format: string; out: string },
      ) => {
        if (!(REPORT_KINDS as readonly string[]).includes(kind))
          throw new CliError(`unknown report "${kind}"; use programme, donor or country`);
        if (kind === 'donor' && !opts.donor)
          throw new CliError('a donor report needs --donor ID (the organisation id of the donor)');
        if (kind === 'country' && !opts.country) throw new CliError('a country profile needs --country ISO3');
        const parsed = reportQuery.safeParse({ ...opts, country: opts.country?.toUpperCase() });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new CliError(`--${String(issue.path[0] ?? 'from')}: ${issue.message}`);
        }
        await withDatabase(async (db, log, env) => {
          await prepareDatabase(db, env, log, { demo: false });
          const report = await makeReport(db.orm, system('cli:report'), kind as ReportKind, parsed.data, t);
          const period = `${report.from} – ${report.to}`;
          if (parsed.data.format === 'docx')
            await writeFile(
              opts.out,
              await reportDocx(report, env.PUBLIC_URL, {
                period,
                empty: t('rep.empty'),
                howCounted: t('rep.how_counted'),
              }),
            );
          else if (parsed.data.format === 'json')
            await writeFile(opts.out, JSON.stringify(reportJson(report), null, 1));
          else await writeFile(opts.out, reportHtml(report, env.PUBLIC_URL));
          console.log(
            `wrote ${report.title} (${period}, ${Object.keys(figuresByName(report)).length} figures${report.empty ? '; nothing recorded in the period' : ''}) to ${opts.out}`,
          );
        });
      },
    );
}
