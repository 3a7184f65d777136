/** The search page: query box, facets as links, results by type with highlighted snippets. Works without JavaScript. */
import type { Concept, Country } from '../../domains/reference/service.js';
import { compareHref, InLang, Pager } from '../shell/components.js';
import { formatDate } from '../../core/i18n.js';
import { localName } from '../../core/i18n.js';
import { bcp47 } from '../../core/languages.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import { snippetParts, type SearchHit, type SearchResult } from '../../domains/search/service.js';

const FACETS = ['type', 'country', 'language', 'concept', 'year', 'court', 'status'] as const;

function facetHref(query: Record<string, string>, name: string, value: string | null) {
  const params = new URLSearchParams(query);
  params.delete('cursor');
  if (value === null || params.get(name) === value) params.delete(name);
  else params.set(name, value);
  return `/search?${params}`;
}

/** What the results can be compared on, country by country: the article filtered on, else the first concept the query names. */
const compareSubject = (query: Record<string, string>, result: SearchResult) =>
  query.article
    ? { article: query.article }
    : result.expansions[0]
      ? { concept: result.expansions[0].code }
      : null;

type SearchProps = {
  ui: Ui;
  query: Record<string, string>;
  result: SearchResult;
  countries: Country[];
  concepts: Concept[];
};

/** The query box, carrying the other filters as hidden fields. */
function SearchForm({ ui, query }: { ui: Ui; query: Record<string, string> }) {
  const t = ui.t;
  return (
    <form method="get" action="/search" role="search" class="searchform">
      <input
        type="search"
        name="q"
        value={query.q ?? ''}
        aria-label={t('search.title')}
        placeholder={t('search.placeholder')}
      />
      {Object.entries(query)
        .filter(([k]) => !['q', 'cursor'].includes(k))
        .map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}

/** The form that saves the search under a name, for a signed-in reader. */
function SaveSearchForm({ ui, query }: { ui: Ui; query: Record<string, string> }) {
  const t = ui.t;
  return (
    <form method="post" action="/search/save" class="inline savesearch">
      <Csrf ui={ui} />
      <input
        type="hidden"
        name="params"
        value={new URLSearchParams(
          Object.entries(query).filter(([k]) => !['cursor', 'saved'].includes(k)),
        ).toString()}
      />
      <input name="name" required aria-label={t('search.save_name')} placeholder={t('search.save_name')} />{' '}
      <button type="submit">{t('search.save')}</button>
    </form>
  );
}

/** One result: its kind, title, country and date, highlighted snippet, and why a concept matched it. */
function SearchResultItem({
  ui,
  hit: h,
  countryName,
  conceptName,
}: {
  ui: Ui;
  hit: SearchHit;
  countryName: Map<string, string>;
  conceptName: Map<string, string>;
}) {
  const t = ui.t;
  return (
    <li class={`hit hit-${h.type}`}>
      <span class="kind">{t(`search.type.${h.type}`)}</span>{' '}
      <a href={h.url}>
        <InLang ui={ui} code={h.language}>
          {h.title}
        </InLang>
      </a>
      <div class="meta">
        {h.country && (countryName.get(h.country) ?? h.country)} {h.date && `· ${formatDate(h.date, ui)}`}
      </div>
      <p class="snippet" lang={h.language ? bcp47(h.language) : undefined}>
        {snippetParts(h.snippet).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
      </p>
      {h.reason && (
        <p class="reason meta">
          {t(`search.reason.${h.reason.match}`, {
            concepts: h.reason.concepts.map((c) => conceptName.get(c) ?? c).join(', '),
          })}
        </p>
      )}
    </li>
  );
}

/** The facets aside: each facet's values as links that add or remove it from the query. */
function SearchFacets({
  ui,
  query,
  result,
  label,
}: {
  ui: Ui;
  query: Record<string, string>;
  result: SearchResult;
  label: (facet: string, value: string) => string;
}) {
  const t = ui.t;
  return (
    <aside class="facets" id="refine" aria-label={t('search.refine')}>
      {FACETS.filter((f) => result.facets[f]?.length).map((f) => (
        <section>
          <h2>{t(`search.facet.${f}`)}</h2>
          <ul>
            {result.facets[f].slice(0, 12).map((v) => (
              <li>
                <a
                  href={facetHref(query, f, v.value)}
                  aria-current={query[f] === v.value ? 'true' : undefined}
                >
                  {label(f, v.value)}
                </a>{' '}
                <span class="count">{v.count}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}

export function SearchPage({ ui, query, result, countries, concepts }: SearchProps) {
  const t = ui.t;
  const countryName = new Map(countries.map((c) => [c.iso3, localName(c.names, ui.lang).text]));
  const conceptName = new Map(concepts.map((c) => [c.code, localName(c.labels, ui.lang).text]));
  const label = (facet: string, value: string) =>
    facet === 'type'
      ? t(`search.type.${value}`)
      : facet === 'country'
        ? (countryName.get(value) ?? value)
        : facet === 'concept'
          ? (conceptName.get(value) ?? value)
          : value;
  return (
    <Layout ui={ui} title={query.q ? `${query.q} — ${t('search.title')}` : t('search.title')}>
      <h1>{t('search.title')}</h1>
      <SearchForm ui={ui} query={query} />
      <p class="meta">
        {t('search.syntax')} ·{' '}
        <a
          href={`/feeds/search.atom?${new URLSearchParams(Object.entries(query).filter(([k]) => !['cursor', 'saved'].includes(k)))}`}
        >
          {t('search.feed')}
        </a>
      </p>
      {query.saved && <p class="message ok">{t('search.saved')}</p>}
      {ui.viewer.role !== 'anonymous' && <SaveSearchForm ui={ui} query={query} />}
      {result.suggestion && (
        <p class="suggestion">
          {t('search.did_you_mean')}{' '}
          <a href={facetHref({ ...query, q: result.suggestion }, 'cursor', null)}>{result.suggestion}</a>?
        </p>
      )}
      {result.expansions.length > 0 && (
        <p class="meta">
          {t('search.expanded')}{' '}
          {result.expansions.map((e) => `${conceptName.get(e.code) ?? e.label} (“${e.matched}”)`).join(', ')}
        </p>
      )}
      {compareSubject(query, result) && (
        <p class="chips">
          <a
            href={compareHref(
              compareSubject(query, result)!,
              (result.facets.country ?? []).slice(0, 3).map((f) => f.value),
            )}
          >
            {t('search.compare')}
          </a>
        </p>
      )}
      <div class="search-layout">
        <div class="hits">
          <p class="meta">
            {t('search.total', { n: result.total })} ·{' '}
            {['relevance', '-date'].map((s) => (
              <>
                <a
                  href={facetHref(query, 'sort', s)}
                  aria-current={(query.sort ?? 'relevance') === s ? 'true' : undefined}
                >
                  {t(`search.sort.${s}`)}
                </a>{' '}
              </>
            ))}
            <a class="to-refine" href="#refine">
              {t('search.refine')} ↓
            </a>
          </p>
          <ol class="results search-results">
            {result.items.map((h) => (
              <SearchResultItem ui={ui} hit={h} countryName={countryName} conceptName={conceptName} />
            ))}
          </ol>
          {result.items.length === 0 && <p>{t('list.empty')}</p>}
          <Pager ui={ui} next={result.next_cursor} />
        </div>
        <SearchFacets ui={ui} query={query} result={result} label={label} />
      </div>
    </Layout>
  );
}
