/** The imports page: the files imported in the background, with their status and report, and the form to send IATI files. */
import { formatNumber } from '../../core/i18n.js';
import type { ImportJob } from '../../domains/imports/jobs.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';

export function ImportsPage({ ui, list, maxMb }: { ui: Ui; list: ImportJob[]; maxMb: number }) {
  const t = ui.t;
  const waiting = list.some((j) => j.status === 'queued' || j.status === 'running');
  const what = (j: ImportJob) => {
    const r = j.report;
    if (!r) return '';
    const counts = r.organisations
      ? t('imp.report_organisations', {
          organisations: r.organisations,
          budgets: r.budgets,
          documents: r.documents,
        })
      : t('imp.report_activities', { activities: r.activities, transactions: r.transactions });
    return [counts, ...r.warnings].join(' · ');
  };
  return (
    <Layout
      ui={ui}
      title={t('imp.title')}
      head={waiting ? <meta http-equiv="refresh" content="5" /> : undefined}
    >
      <h1>{t('imp.title')}</h1>
      <Nav ui={ui} />
      <p>{t('imp.intro')}</p>
      <form method="post" action="/imports/iati" enctype="multipart/form-data" class="stack">
        <Csrf ui={ui} />
        <label for="f-file">{t('imp.iati_files', { mb: formatNumber(maxMb, ui) })}</label>
        <input id="f-file" type="file" name="file" accept=".xml,application/xml,text/xml" multiple required />
        <button type="submit" class="primary">
          {t('imp.send')}
        </button>
      </form>
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
              <td>{j.filename}</td>
              <td>{t(`imp.status.${j.status}`)}</td>
              <td>{j.error ? <span class="error">{j.error}</span> : what(j)}</td>
              <td>{(j.finished_at ?? j.started_at ?? j.created_at).slice(0, 16)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
