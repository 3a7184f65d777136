/**
 * The imports page: the files imported in the background, with their status and report, and the
 * form to send IATI files (programme staff); and the page of one import, with its progress page by
 * page (a scan read by OCR) and, when done, the way on to the law editor.
 */
import { formatNumber } from '../../core/i18n.js';
import type { ImportJob, LawReport, ScanReport } from '../../domains/imports/jobs.js';
import { UNCERTAIN_BELOW } from '../../domains/intake/scan.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';

const waiting = (j: ImportJob) => j.status === 'queued' || j.status === 'running';
const isScan = (j: ImportJob): j is ImportJob & { report: ScanReport | null } => j.kind === 'scan';
const isLaw = (j: ImportJob): j is ImportJob & { report: LawReport | null } => j.kind === 'law';

/** What an import did, in a line. */
function summary(ui: Ui, j: ImportJob): string {
  const t = ui.t;
  if (isScan(j)) {
    const r = j.report;
    if (waiting(j))
      return j.pages_total ? t('imp.progress', { done: j.pages_done, total: j.pages_total }) : '';
    return r
      ? t('imp.report_scan', {
          pages: j.pages_total ?? 0,
          confidence: Math.round(r.confidence ?? 0),
          uncertain: r.uncertain,
          provisions: r.provisions,
        })
      : '';
  }
  if (isLaw(j))
    return j.report
      ? [t('imp.report_law', { provisions: j.report.provisions }), ...j.report.warnings].join(' · ')
      : '';
  const r = j.report;
  if (r && j.kind === 'sheet' && 'created' in r)
    return t('imp.report_sheet', { created: r.created, updated: r.updated });
  if (!r || !('activities' in r)) return '';
  const counts = r.organisations
    ? t('imp.report_organisations', {
        organisations: r.organisations,
        budgets: r.budgets,
        documents: r.documents,
      })
    : t('imp.report_activities', { activities: r.activities, transactions: r.transactions });
  return [counts, ...r.warnings].join(' · ');
}

export function ImportsPage({
  ui,
  list,
  maxMb,
  iati,
}: {
  ui: Ui;
  list: ImportJob[];
  maxMb: number;
  /** whether the viewer may send IATI files (programme staff) */
  iati: boolean;
}) {
  const t = ui.t;
  return (
    <Layout
      ui={ui}
      title={t('imp.title')}
      head={list.some(waiting) ? <meta http-equiv="refresh" content="5" /> : undefined}
    >
      <h1>{t('imp.title')}</h1>
      <Nav ui={ui} />
      <p>{t('imp.intro')}</p>
      {iati && (
        <form method="post" action="/imports/iati" enctype="multipart/form-data" class="stack">
          <Csrf ui={ui} />
          <label for="f-file">{t('imp.iati_files', { mb: formatNumber(maxMb, ui) })}</label>
          <input
            id="f-file"
            type="file"
            name="file"
            accept=".xml,application/xml,text/xml"
            multiple
            required
          />
          <button type="submit" class="primary">
            {t('imp.send')}
          </button>
        </form>
      )}
      <form method="post" action="/imports/laws" enctype="multipart/form-data" class="stack">
        <Csrf ui={ui} />
        <label for="f-laws">{t('imp.law_files', { mb: formatNumber(maxMb, ui) })}</label>
        <input id="f-laws" type="file" name="file" accept=".xml,.akn,application/xml" multiple required />
        <button type="submit">{t('imp.send')}</button>
      </form>
      <p>
        <a href="/edit/import">{t('imp.scan_link')}</a>
      </p>
      <table class="list" id="imports">
        <thead>
          <tr>
            <th>{t('imp.file')}</th>
            <th>{t('imp.status')}</th>
            <th>{t('imp.report')}</th>
            <th>{t('imp.when')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((j) => (
            <tr id={`import-${j.id}`} class={j.status === 'failed' ? 'has-error' : undefined}>
              <td>
                <a href={`/imports/${j.id}`}>{j.filename}</a>
              </td>
              <td>{t(`imp.status.${j.status}`)}</td>
              <td>
                {j.error ? <span class="error">{j.error}</span> : summary(ui, j)} <LawLink ui={ui} job={j} />
              </td>
              <td>{(j.finished_at ?? j.started_at ?? j.created_at).slice(0, 16)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** One import: its progress while it runs, then its report; a scan's pages with their confidence. */
export function ImportPage({ ui, job }: { ui: Ui; job: ImportJob }) {
  const t = ui.t;
  const pages = job.pages ?? [];
  return (
    <Layout
      ui={ui}
      title={job.filename}
      head={waiting(job) ? <meta http-equiv="refresh" content="3" /> : undefined}
    >
      <p class="crumbs">
        <a href="/imports">{t('imp.title')}</a>
      </p>
      <h1>{job.filename}</h1>
      <p role="status">
        {t(`imp.status.${job.status}`)}
        {job.error ? '' : ` · ${summary(ui, job)}`}
      </p>
      {job.error && <p class="error">{job.error}</p>}
      {isScan(job) && waiting(job) && (
        <progress max={job.pages_total ?? 1} value={job.pages_done} aria-label={t('imp.pages_read')}>
          {job.pages_done}
        </progress>
      )}
      {(job.status === 'queued' || (isScan(job) && job.status === 'running')) && (
        <form method="post" action={`/imports/${job.id}/cancel`}>
          <Csrf ui={ui} />
          <button type="submit" class="danger">
            {t('imp.cancel')}
          </button>
        </form>
      )}
      <p>
        <LawLink ui={ui} job={job} />
      </p>
      {isScan(job) && job.status === 'done' && (
        <p>
          <a class="button primary" href={`/edit/import/scan/${job.id}`}>
            {t('imp.open_preview')}
          </a>
        </p>
      )}
      {pages.length > 0 && (
        <table class="list" id="pages">
          <thead>
            <tr>
              <th>{t('imp.page')}</th>
              <th class="num">{t('imp.confidence')}</th>
              <th class="num">{t('imp.lines')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr class={p.confidence !== null && p.confidence < UNCERTAIN_BELOW ? 'has-error' : undefined}>
                <td>{formatNumber(p.page, ui)}</td>
                <td class="num">
                  {p.confidence === null ? '—' : `${formatNumber(Math.round(p.confidence), ui)} %`}
                </td>
                <td class="num">{formatNumber(p.lines.length, ui)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Where an imported law file went: the law's text, or the case. */
function LawLink({ ui, job }: { ui: Ui; job: ImportJob }) {
  if (!isLaw(job) || !job.report) return null;
  const href = job.report.expression ?? job.report.case;
  return href ? <a href={href}>{ui.t(job.report.case ? 'imp.open_case' : 'imp.open_law')}</a> : null;
}
