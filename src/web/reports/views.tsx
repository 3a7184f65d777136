/** Reports as pages (with print styles): the choice of report and period, and a report with every figure linked to its records. */
import { Select } from '../shell/fields.js';
import { Nav } from '../shell/nav.js';
import { Layout } from '../shell/layout.js';
import type { Translate, UiLang } from '../../core/i18n.js';
import type { Ui } from '../shell/ui.js';
import { formatNumber, qs, type Report } from '../../reports/model.js';

export type ReportChoice = { kind: string; from: string; to: string; donor?: number; country?: string };

export function ReportsPage({
  ui,
  donors,
  countries,
  choice,
}: {
  ui: Ui;
  donors: [string, string][];
  countries: [string, string][];
  choice: ReportChoice;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('rep.title')}>
      <h1>{t('rep.title')}</h1>
      <Nav ui={ui} />
      <div class="report-choices">
        {(['programme', 'donor', 'country'] as const).map((kind) => (
          <form method="get" action={`/reports/${kind}`} class="stack report-choice">
            <h2>{t(`rep.kind.${kind}`)}</h2>
            {kind === 'donor' && <Select label={t('rep.col.donor')} name="donor" options={donors} />}
            {kind === 'country' && <Select label={t('asm.country')} name="country" options={countries} />}
            <label>
              {t('rep.from')} <input type="date" name="from" value={choice.from} required />
            </label>
            <label>
              {t('rep.to')} <input type="date" name="to" value={choice.to} required />
            </label>
            <button type="submit" class="primary">
              {t('rep.make')}
            </button>
          </form>
        ))}
      </div>
    </Layout>
  );
}

export function ReportPage({
  ui,
  report,
  query,
}: {
  ui: Ui;
  report: Report;
  query: Record<string, string | number | undefined>;
}) {
  return (
    <Layout ui={ui} title={report.title}>
      <ReportArticle t={ui.t} lang={ui.lang} report={report} query={query} />
    </Layout>
  );
}

/** The report itself, also written alone to an HTML file by the CLI. */
export function ReportArticle({
  t,
  lang = 'en',
  report: r,
  query,
}: {
  t: Translate;
  lang?: UiLang;
  report: Report;
  query?: Record<string, string | number | undefined>;
}) {
  const download = (format: string) => `/api/v1/reports/${r.kind}?${qs({ ...query, format })}`;
  return (
    <article class="report" id={`report-${r.kind}`}>
      <h1>{r.title}</h1>
      <p class="meta">
        {t('rep.period', { from: r.from, to: r.to })} ·{' '}
        {t('rep.generated', { at: r.generated.slice(0, 16).replace('T', ' ') })}
      </p>
      {query && (
        <p class="no-print">
          <a href={download('docx')}>{t('rep.download_docx')}</a> ·{' '}
          <a href={download('json')}>{t('rep.download_json')}</a>
        </p>
      )}
      {r.empty && (
        <p class="message ok" role="status">
          {t('rep.empty')}
        </p>
      )}
      {r.sections.map((s) => (
        <section id={`sec-${s.id}`}>
          <h2>{s.title}</h2>
          {s.text && <p>{s.text}</p>}
          {s.note && (
            <p class="meta how-counted" id={`how-${s.id}`}>
              {t('rep.how_counted')} {s.note}
            </p>
          )}
          {s.figures.length > 0 && (
            <dl class="report-figures">
              {s.figures.map((f) => (
                <div id={`fig-${f.name}`} data-figure={f.name} data-value={String(f.value)}>
                  <dt>{f.label}</dt>
                  <dd>
                    {f.href ? (
                      <a href={f.href}>{formatNumber(f.value, f.usd, lang)}</a>
                    ) : (
                      formatNumber(f.value, f.usd, lang)
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {s.tables.map((tab) => (
            <table class="list report-table" id={`tab-${tab.name}`}>
              <caption>{tab.caption}</caption>
              <thead>
                <tr>
                  {tab.columns.map(([, label]) => (
                    <th scope="col">{label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tab.rows.map((row) => (
                  <tr data-key={row.key}>
                    {row.cells.map((c, i) =>
                      i === 0 ? (
                        <th scope="row">{row.href ? <a href={row.href}>{c}</a> : c}</th>
                      ) : (
                        <td class={typeof c === 'number' ? 'n' : undefined}>
                          {typeof c === 'number' ? c.toLocaleString(lang) : c}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
                {!tab.rows.length && (
                  <tr>
                    <td colSpan={tab.columns.length}>{t('rep.no_rows')}</td>
                  </tr>
                )}
              </tbody>
            </table>
          ))}
        </section>
      ))}
    </article>
  );
}
