/** The gap report page (printable): articles by status, national provisions quoted, recommendations editable by reviewers. */
import { formatDate } from '../../../core/i18n.js';
import { Csrf } from '../../shell/fields.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import { GAP_ORDER, type GapArticle, type GapReport } from '../../../domains/analysis/gap-report.js';

/** The provisions quoted under an article: open for a gap or a partial cover, folded for a covered article. */
function Quotes({ ui, article }: { ui: Ui; article: GapArticle }) {
  const quotes = article.provisions.map((p) => (
    <blockquote lang={bcp47(p.language)} dir={isRtl(p.language) ? 'rtl' : 'ltr'}>
      <a href={p.uri}>{p.label}</a>
      {p.text.split('\n').map((l) => (
        <p>{l}</p>
      ))}
    </blockquote>
  ));
  if (article.status !== 'covered' || !quotes.length) return <>{quotes}</>;
  return (
    <details class="quotes">
      <summary>{ui.t('gap.show_quotes', { count: quotes.length })}</summary>
      {quotes}
    </details>
  );
}

/** When and from what the report was made, the review's stage and — for its reviewers only — who reviewed. */
export function gapMeta(ui: Ui, report: GapReport): string {
  const meta = ui.t('gap.meta', {
    date: formatDate(report.generated, ui),
    status: ui.t(`gap.review.${report.review?.status ?? 'none'}`),
  });
  return report.review?.reviewer
    ? `${meta} · ${ui.t('gap.reviewer', { reviewer: report.review.reviewer })}`
    : meta;
}

export function GapReportPage({
  ui,
  report,
  canEdit,
  saved,
}: {
  ui: Ui;
  report: GapReport;
  canEdit: boolean;
  saved?: boolean;
}) {
  const t = ui.t;
  const base = `/coverage/${report.country.iso3}/gap-report`;
  const title = t('gap.title', { country: report.country.name, instrument: report.instrument.name });
  const body = (
    <>
      {GAP_ORDER.map((status) => {
        const list = report.articles.filter((a) => a.status === status);
        if (!list.length) return null;
        return (
          <section class={`gap gap-${status}`}>
            <h2>
              {t(`gap.status.${status}`)} ({list.length})
            </h2>
            {list.map((a) => (
              <article class="gap-article" id={`art-${a.number}`}>
                <h3>
                  {t('article.short')} {a.number} — {a.title}
                </h3>
                <Quotes ui={ui} article={a} />
                <Reservations ui={ui} list={a.reservations} />
                {!a.provisions.length && status === 'missing' && <p class="meta">{t('gap.no_provision')}</p>}
                {!a.provisions.length && status === 'not_reviewed' && (
                  <p class="meta">{t('gap.no_mapping_yet')}</p>
                )}
                {canEdit ? (
                  <label class="recommendation">
                    {t('gap.recommendation')}
                    <textarea name={`rec.${a.number}`} rows={2}>
                      {a.recommendation ?? ''}
                    </textarea>
                  </label>
                ) : (
                  a.recommendation && (
                    <p class="recommendation">
                      <strong>{t('gap.recommendation')}:</strong> {a.recommendation}
                    </p>
                  )
                )}
              </article>
            ))}
          </section>
        );
      })}
    </>
  );
  return (
    <Layout ui={ui} title={title}>
      <p class="crumbs no-print">
        <a href={`/coverage/${report.country.iso3}?instrument=${report.instrument.code}`}>
          {report.country.name} — {t('coverage.country_title', { instrument: report.instrument.name })}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="meta" role="status">
        {gapMeta(ui, report)}
      </p>
      <p>{t('gap.counts', report.counts)}</p>
      <p class="meta">{t('gap.final_note')}</p>
      <p class="chips no-print">
        <a href={`${base}.docx?instrument=${report.instrument.code}`}>{t('gap.download_docx')}</a>
        <a href={`/api/v1/coverage/${report.country.iso3}/gap-report?instrument=${report.instrument.code}`}>
          JSON
        </a>
      </p>
      {saved && <p class="notice no-print">{t('edit.saved')}</p>}
      {canEdit ? (
        <form method="post" action={`${base}?instrument=${report.instrument.code}`} class="stack gap-form">
          <Csrf ui={ui} />
          <label>
            {t('gap.summary')}
            <textarea name="summary" rows={6}>
              {report.review?.summary ?? ''}
            </textarea>
          </label>
          {body}
          <button type="submit" class="primary no-print">
            {t('gap.save')}
          </button>
        </form>
      ) : (
        <>
          {report.review?.summary && (
            <section>
              <h2>{t('gap.summary')}</h2>
              <p>{report.review.summary}</p>
            </section>
          )}
          {body}
        </>
      )}
    </Layout>
  );
}

/** The country's reservations and declarations on an article, quoted with their dates. */
export function Reservations({
  ui,
  list,
}: {
  ui: Ui;
  list: { kind: string; text: string; made_on: string | null; withdrawn_on: string | null }[];
}) {
  if (!list.length) return null;
  return (
    <ul class="plain reservations">
      {list.map((r) => (
        <li class={`reservation-${r.kind}`}>
          <strong>
            {ui.t(`reservation.kind.${r.kind}`)}
            {(r.made_on || r.withdrawn_on) &&
              ` (${formatDate(r.made_on, ui)}${r.withdrawn_on ? ` – ${formatDate(r.withdrawn_on, ui)}` : ''})`}
            :
          </strong>{' '}
          <q dir="auto">{r.text}</q>
        </li>
      ))}
    </ul>
  );
}
