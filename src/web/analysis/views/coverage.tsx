/** Coverage pages: the matrix of countries × articles with the world map, and one country's coverage. */
import type { Country, Instrument } from '../../../domains/reference/service.js';
import { compareHref, COVERAGE_SYMBOL, Name } from '../../shell/components.js';
import { formatDate } from '../../../core/i18n.js';
import { localName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { Layout } from '../../shell/layout.js';
import { WorldMap } from '../../shell/map.js';
import type { Ui } from '../../shell/ui.js';
import type { Coverage, CountryCoverage } from '../../../domains/analysis/coverage.js';
import type { ReviewView } from '../../../domains/analysis/review-access.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';

const SYMBOL = COVERAGE_SYMBOL;
const CATEGORIES = [
  'definitions',
  'criminalisation',
  'procedural',
  'jurisdiction',
  'international_cooperation',
];

export function StatusKey({ ui }: { ui: Ui }) {
  return (
    <p class="status-key meta">
      {Object.entries(SYMBOL).map(([s, sym]) => (
        <span class={`st st-${s}`}>
          {sym} {ui.t(`coverage.status.${s}`)}{' '}
        </span>
      ))}
    </p>
  );
}

type MatrixProps = {
  ui: Ui;
  data: Coverage;
  instruments: Instrument[];
  regions: { code: string; names: Record<string, string> }[];
  query: { region?: string; category?: string; sort: string };
};

/** The matrix's query string: the instrument and filters shown, with `extra` changed. */
const matrixQuery = (
  data: Coverage,
  query: MatrixProps['query'],
  extra: Record<string, string | undefined>,
) =>
  `?${new URLSearchParams(Object.entries({ instrument: data.instrument, region: query.region, category: query.category, sort: query.sort, ...extra }).filter((e): e is [string, string] => !!e[1])).toString()}`;

/** The matrix's filters: instrument, region and article category. */
function MatrixFilters({ ui, data, instruments, regions, query }: MatrixProps) {
  const t = ui.t;
  return (
    <form method="get" action="/coverage" class="filters inline">
      <label>
        {t('coverage.instrument')}{' '}
        <select name="instrument">
          {instruments.map((i) => (
            <option value={i.code} selected={i.code === data.instrument}>
              {instrumentName(ui.lang, i.code, i.short_name)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('document.region')}{' '}
        <select name="region">
          <option value="">{t('filter.all')}</option>
          {regions.map((r) => (
            <option value={r.code} selected={r.code === query.region}>
              {localName(r.names, ui.lang).text}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('coverage.category')}{' '}
        <select name="category">
          <option value="">{t('filter.all')}</option>
          {CATEGORIES.map((c) => (
            <option value={c} selected={c === query.category}>
              {t(`article.category.${c}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <input type="hidden" name="sort" value={query.sort} />
      <button type="submit">{t('filter.apply')}</button>
    </form>
  );
}

/** The matrix itself: a row per country (by name or by share), a column per article. */
function MatrixTable({ ui, data, query }: Pick<MatrixProps, 'ui' | 'data' | 'query'>) {
  const t = ui.t;
  const qs = (extra: Record<string, string | undefined>) => matrixQuery(data, query, extra);
  const countries = [...data.countries].sort(
    (a, b) =>
      (query.sort === 'share' ? b.criminalisation - a.criminalisation : 0) ||
      localName(a.names, ui.lang).text.localeCompare(localName(b.names, ui.lang).text),
  );
  return (
    <div class="matrix-wrap">
      <table class="matrix">
        <thead>
          <tr>
            <th scope="col">
              <a
                href={`/coverage${qs({ sort: 'name' })}`}
                aria-current={query.sort !== 'share' ? 'true' : undefined}
              >
                {t('coverage.country')}
              </a>
            </th>
            <th scope="col">
              <a
                href={`/coverage${qs({ sort: 'share' })}`}
                aria-current={query.sort === 'share' ? 'true' : undefined}
              >
                {t('coverage.share')}
              </a>
            </th>
            {data.articles.map((a) => (
              <th scope="col" class="art">
                <a
                  href={`/instruments/${data.instrument}/articles/${encodeURIComponent(a.number)}`}
                  title={articleTitle(ui.lang, data.instrument, a.number, a.title)}
                >
                  {a.number}
                </a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countries.map((c) => (
            <tr id={c.iso3}>
              <th scope="row">
                <a href={`/coverage/${c.iso3}?instrument=${data.instrument}`}>
                  <Name ui={ui} names={c.names} />
                </a>
              </th>
              <td class="share">{c.criminalisation} %</td>
              {data.articles.map((a) => (
                <td
                  class={`st st-${c.statuses[a.number]}`}
                  title={`${a.number} ${articleTitle(ui.lang, data.instrument, a.number, a.title)}: ${t(`coverage.status.${c.statuses[a.number]}`)}`}
                >
                  {SYMBOL[c.statuses[a.number]]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MatrixPage({ ui, data, instruments, regions, query }: MatrixProps) {
  const t = ui.t;
  const qs = (extra: Record<string, string | undefined>) => matrixQuery(data, query, extra);
  const name = instrumentName(ui.lang, data.instrument);
  return (
    <Layout ui={ui} title={t('coverage.matrix_title', { instrument: name })}>
      <h1>{t('coverage.matrix_title', { instrument: name })}</h1>
      <p>{t('coverage.intro')}</p>
      <WorldMap
        label={t('coverage.map_label')}
        measure={t('coverage.map_measure')}
        countries={data.countries.map((c) => ({
          numeric: c.numeric,
          iso3: c.iso3,
          name: localName(c.names, ui.lang).text,
          value: c.criminalisation,
        }))}
        thresholds={[1, 25, 50, 75]}
        href={(iso3) => `/coverage/${iso3}?instrument=${data.instrument}`}
        format={(v) => `${v} %`}
        legend={[t('coverage.map.none'), '1–24 %', '25–49 %', '50–74 %', '75–100 %']}
      />
      <MatrixFilters ui={ui} data={data} instruments={instruments} regions={regions} query={query} />
      <p class="chips">
        <a href={`/api/v1/coverage${qs({ format: 'csv' })}`}>{t('coverage.download_csv')}</a>
        <a href={`/api/v1/coverage${qs({ format: 'xlsx' })}`}>{t('coverage.download_xlsx')}</a>
      </p>
      <StatusKey ui={ui} />
      <MatrixTable ui={ui} data={data} query={query} />
    </Layout>
  );
}

type CountryProps = {
  ui: Ui;
  country: Country;
  data: Coverage;
  row: CountryCoverage;
  review: ReviewView | null;
  canReview: boolean;
  instruments: Instrument[];
};

export function CountryCoveragePage({
  ui,
  country,
  data,
  row,
  review,
  canReview,
  instruments,
}: CountryProps) {
  const t = ui.t;
  const name = instrumentName(ui.lang, data.instrument);
  const byCategory = new Map<string, typeof data.articles>();
  for (const a of data.articles) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
  return (
    <Layout ui={ui} title={t('coverage.country_title', { instrument: name })}>
      <p class="crumbs">
        <a href={`/coverage?instrument=${data.instrument}`}>
          {t('coverage.matrix_title', { instrument: name })}
        </a>{' '}
        ›{' '}
        <a href={`/countries/${country.iso3}`}>
          <Name ui={ui} names={country.names} />
        </a>
      </p>
      <h1>
        <Name ui={ui} names={country.names} /> — {t('coverage.country_title', { instrument: name })}
      </h1>
      <p class="chips">
        {instruments.map((i) => (
          <a
            href={`/coverage/${country.iso3}?instrument=${i.code}`}
            aria-current={i.code === data.instrument ? 'page' : undefined}
          >
            {instrumentName(ui.lang, i.code, i.short_name)}
          </a>
        ))}
      </p>
      <p role="status">
        {row.reviewed && review
          ? t('coverage.reviewed', { date: formatDate(review.reviewed_at, ui) }) +
            (review.reviewer ? ` (${review.reviewer})` : '')
          : t('coverage.not_reviewed')}{' '}
        {t('coverage.crim_share', { share: row.criminalisation })}
      </p>
      <p class="chips">
        <a href={`/coverage/${country.iso3}/gap-report?instrument=${data.instrument}`}>
          {t('coverage.gap_report')}
        </a>
        {canReview && <a href={`/review/${country.iso3}/${data.instrument}`}>{t('coverage.review_queue')}</a>}
      </p>
      <StatusKey ui={ui} />
      {[...byCategory].map(([category, list]) => (
        <section>
          <h2>{t(`article.category.${category}`)}</h2>
          <table class="coverage">
            <tbody>
              {list.map((a) => (
                <tr id={`art-${a.number}`} class={`st-${row.statuses[a.number]}`}>
                  <th scope="row">
                    <a href={`/instruments/${data.instrument}/articles/${encodeURIComponent(a.number)}`}>
                      {t('article.short')} {a.number}
                    </a>{' '}
                    {articleTitle(ui.lang, data.instrument, a.number, a.title)}
                  </th>
                  <td class={`st st-${row.statuses[a.number]}`}>
                    {SYMBOL[row.statuses[a.number]]} {t(`coverage.status.${row.statuses[a.number]}`)}
                  </td>
                  <td>
                    {row.provisions[a.number].map((p) => (
                      <div>
                        <a href={p.uri} lang={bcp47(p.language)} dir={isRtl(p.language) ? 'rtl' : 'ltr'}>
                          {p.label}
                        </a>
                      </div>
                    ))}
                    {review?.recommendations[a.number] && (
                      <p class="recommendation">{review.recommendations[a.number]}</p>
                    )}
                    <a
                      class="meta"
                      href={compareHref({ article: `${data.instrument}:${a.number}` }, [country.iso3])}
                    >
                      {t('compare.link')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}
