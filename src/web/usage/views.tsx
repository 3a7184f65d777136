/** Repository use: totals, views per day (bars), sections, top searches and searches that found nothing. */
import { Figure } from '../shell/figure.js';
import { Nav } from '../shell/nav.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Usage } from '../../domains/usage/service.js';
import { formatNumber } from '../../core/i18n.js';

export function UsagePage({ ui, data }: { ui: Ui; data: Usage }) {
  const t = ui.t;
  const search = (term: string) => `/search?q=${encodeURIComponent(term)}`;
  return (
    <Layout ui={ui} title={t('use.title')}>
      <h1>{t('use.title')}</h1>
      <Nav ui={ui} />
      <form method="get" class="filters inline">
        <label>
          {t('rep.from')} <input type="date" name="from" value={data.from} />
        </label>{' '}
        <label>
          {t('rep.to')} <input type="date" name="to" value={data.to} />
        </label>{' '}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <p class="meta">{t('use.privacy')}</p>
      <ul class="figures" id="use-totals">
        <li>
          <strong>{formatNumber(data.views, ui)}</strong> {t('use.views')}
        </li>
        <li>
          <strong>{formatNumber(data.searches, ui)}</strong> {t('use.searches')}
        </li>
        <li>
          <strong>{formatNumber(data.zero_result_searches, ui)}</strong> {t('use.zero')}
        </li>
      </ul>
      <div class="figures">
        <Figure
          lang={ui.lang}
          id="use-days"
          caption={t('use.per_day')}
          rows={data.days.map((d) => [d.day, d.views])}
        />
        <Figure
          lang={ui.lang}
          id="use-sections"
          caption={t('use.sections')}
          rows={data.sections.map((s) => [s.section, s.views])}
        />
        <Figure
          lang={ui.lang}
          id="use-top"
          caption={t('use.top')}
          rows={data.top_searches.map((s) => [s.term, s.searches, search(s.term)])}
        />
        <Figure
          lang={ui.lang}
          id="use-none"
          caption={t('use.zero_terms')}
          rows={data.zero_results.map((s) => [s.term, s.searches, search(s.term)])}
        />
      </div>
    </Layout>
  );
}
