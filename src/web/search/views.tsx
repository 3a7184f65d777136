/** The search page: query box, facets as links, results by type with highlighted snippets. Works without JavaScript. */
import { compareHref, InLang, Pager } from '../shell/components.js';
import { formatDate } from '../../core/i18n.js';
import { bcp47 } from '../../core/languages.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import { snippetParts } from '../../domains/search/results.js';
import type { SearchHit, SearchResult } from '../../domains/search/params.js';

import {
  ActiveFilters,
  FILTERS,
  filterLabeller,
  NoResults,
  searchHref,
  type Vocabularies,
} from './filters.js';

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
  vocabularies: Vocabularies;
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
  label,
}: {
  ui: Ui;
  hit: SearchHit;
  label: (filter: string, value: string) => string;
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
        {h.country && label('country', h.country)} {h.date && `· ${formatDate(h.date, ui)}`}
        {h.other_versions > 0 && ` · ${t('search.other_versions', { n: h.other_versions })}`}
      </div>
      <p class="snippet" lang={h.language ? bcp47(h.language) : undefined}>
        {snippetParts(h.snippet).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
      </p>
      {h.reason && (
        <p class="reason meta">
          {t(`search.reason.${h.reason.match}`, {
            concepts: h.reason.concepts.map((c) => label('concept', c)).join(', '),
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
      {FILTERS.filter((f) => result.facets[f]?.length).map((f) => (
        <section>
          <h2>{t(`search.facet.${f}`)}</h2>
          <ul>
            {result.facets[f].slice(0, 12).map((v) => (
              <li>
                <a
                  href={searchHref(query, f, v.value)}
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

export function SearchPage({ ui, query, result, vocabularies }: SearchProps) {
  const t = ui.t;
  const label = filterLabeller(ui, vocabularies);
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
          <a href={searchHref({ ...query, q: result.suggestion }, 'cursor', null)}>{result.suggestion}</a>?
        </p>
      )}
      {result.expansions.length > 0 && (
        <p class="meta">
          {t('search.expanded')}{' '}
          {result.expansions.map((e) => `${label('concept', e.code)} (“${e.matched}”)`).join(', ')}
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
      <ActiveFilters ui={ui} query={query} label={label} />
      {result.relaxed && (
        <p class="message">
          {result.all_words ? t('search.relaxed_few', { n: result.all_words }) : t('search.relaxed')}
        </p>
      )}
      <div class="search-layout">
        <div class="hits">
          <p class="meta">
            {t(result.approximate ? 'search.total_about' : 'search.total', { n: result.total })} ·{' '}
            {['relevance', '-date'].map((s) => (
              <>
                <a
                  href={searchHref(query, 'sort', s)}
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
              <SearchResultItem ui={ui} hit={h} label={label} />
            ))}
          </ol>
          {result.items.length === 0 && (
            <NoResults ui={ui} query={query} result={result} concepts={vocabularies.concepts} />
          )}
          {result.approximate && <p class="message">{t('search.sampled')}</p>}
          <Pager ui={ui} next={result.next_cursor} />
        </div>
        <SearchFacets ui={ui} query={query} result={result} label={label} />
      </div>
    </Layout>
  );
}
