/** The suggester's page: the model in use, what it learnt from, how it scores on laws it did not learn from. */
import { formatDate, formatNumber, languageName } from '../../../core/i18n.js';
import type { ModelStatus } from '../../../domains/analysis/learn/store.js';
import { Csrf, Message } from '../../shell/fields.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';

const pct = (n: number, d: number, ui: Ui) => (d ? `${formatNumber(Math.round((100 * n) / d), ui)} %` : '—');

export function SuggesterPage({
  ui,
  status,
  instruments,
  queued,
}: {
  ui: Ui;
  status: ModelStatus;
  instruments: { code: string; name: string }[];
  queued: boolean;
}) {
  const t = ui.t;
  const e = status.evaluation;
  const run = status.last_run;
  return (
    <Layout ui={ui} title={t('suggester.title')}>
      <h1>{t('suggester.title')}</h1>
      <p>{t('suggester.intro')}</p>
      {queued && <Message kind="ok">{t('suggester.queued')}</Message>}
      <p class="chips">
        {instruments.map((i) => (
          <a
            href={`/suggester?instrument=${i.code}`}
            aria-current={i.code === status.instrument ? 'page' : undefined}
          >
            {i.name}
          </a>
        ))}
      </p>
      {status.version === null ? (
        <p>{t('suggester.none')}</p>
      ) : (
        <dl class="facts">
          <dt>{t('suggester.version')}</dt>
          <dd>{status.version}</dd>
          <dt>{t('suggester.trained_at')}</dt>
          <dd>{formatDate(status.trained_at, ui)}</dd>
          <dt>{t('suggester.examples')}</dt>
          <dd>
            {formatNumber(status.examples, ui)} ({t('suggester.decisions')}:{' '}
            {formatNumber(status.decisions, ui)})
          </dd>
          <dt>{t('suggester.laws')}</dt>
          <dd>{formatNumber(status.laws, ui)}</dd>
          <dt>{t('suggester.languages')}</dt>
          <dd>{status.languages.map((l) => languageName(l, ui.lang)).join(', ')}</dd>
          <dt>{t('suggester.seconds')}</dt>
          <dd>
            {status.seconds === null ? '—' : `${formatNumber(Math.round(status.seconds * 10) / 10, ui)} s`}
          </dd>
        </dl>
      )}
      {e && (
        <table class="list report-table">
          <caption>{t('suggester.evaluation', { folds: e.folds })}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('suggester.top1')}</th>
              <td class="n">{pct(e.top1, e.provisions, ui)}</td>
            </tr>
            <tr>
              <th scope="row">{t('suggester.top3')}</th>
              <td class="n">{pct(e.top3, e.provisions, ui)}</td>
            </tr>
            <tr>
              <th scope="row">{t('suggester.false_strong')}</th>
              <td class="n">{pct(e.false_strong, e.negatives, ui)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {run && (
        <p class="meta">
          {t('suggester.last_run')}: {formatDate(run.at, ui)} ·{' '}
          {run.outcome === 'kept'
            ? t('suggester.kept', { reason: run.reason ?? '' })
            : t('suggester.trained', { version: status.version ?? '' })}
        </p>
      )}
      <form method="post" action={`/suggester/retrain?instrument=${status.instrument}`}>
        <Csrf ui={ui} />
        <button type="submit">{t('suggester.retrain')}</button>
      </form>
    </Layout>
  );
}
