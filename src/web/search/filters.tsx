/**
 * The search page's filters in the reader's language: how a filter value is named (a country, a
 * region, a concept, a convention article, a language, a status), the filters in force as links
 * that remove them, and what to try when nothing was found.
 */
import { languageName, localName } from '../../core/i18n.js';
import { instrumentName } from '../../domains/reference/names.js';
import type { Concept, Country, Names } from '../../domains/reference/service.js';
import type { SearchResult } from '../../domains/search/params.js';
import { queryWords } from '../../domains/search/text.js';
import type { Ui } from '../shell/ui.js';

/** Every filter the search takes, in the order the page shows them. */
export const FILTERS = [
  'type',
  'country',
  'region',
  'language',
  'concept',
  'article',
  'year',
  'court',
  'status',
] as const;

/** A search page's link with one parameter set, changed or (value null, or the same value) removed. */
export function searchHref(query: Record<string, string>, name: string, value: string | null) {
  const params = new URLSearchParams(query);
  params.delete('cursor');
  if (value === null || params.get(name) === value) params.delete(name);
  else params.set(name, value);
  return `/search?${params}`;
}

export type Vocabularies = {
  countries: Country[];
  concepts: Concept[];
  regions: { code: string; names: Names }[];
};

/** Names a filter's value for the reader: never a code where a name exists. */
export function filterLabeller(ui: Ui, v: Vocabularies): (filter: string, value: string) => string {
  const t = ui.t;
  const name = (list: { key: string; names: Names }[]) =>
    new Map(list.map((x) => [x.key, localName(x.names, ui.lang).text]));
  const countries = name(v.countries.map((c) => ({ key: c.iso3, names: c.names })));
  const regions = name(v.regions.map((r) => ({ key: r.code, names: r.names })));
  const concepts = name(v.concepts.map((c) => ({ key: c.code, names: c.labels })));
  // the first of these keys the catalogue has (a work's status, a case's outcome, a document's type)
  const translated = (value: string, keys: string[]) =>
    keys.map((k) => t(k)).find((text, i) => text !== keys[i]) ?? value;
  return (filter, value) => {
    switch (filter) {
      case 'type':
        return t(`search.type.${value}`);
      case 'country':
        return countries.get(value) ?? value;
      case 'region':
        return regions.get(value) ?? value;
      case 'concept':
        return concepts.get(value) ?? value;
      case 'language':
        return languageName(value, ui.lang);
      case 'article': {
        const [code, number] = value.split(':');
        return `${instrumentName(ui.lang, code)} ${t('article.short')} ${number}`;
      }
      case 'status':
        return translated(value, [`work.status.${value}`, `case.outcome.${value}`, `document.type.${value}`]);
      case 'year_from':
      case 'year_to':
      case 'year':
      case 'court':
        return value;
      default:
        return value;
    }
  };
}

/** The filters in force, each a link that removes it. */
export function ActiveFilters({
  ui,
  query,
  label,
}: {
  ui: Ui;
  query: Record<string, string>;
  label: (filter: string, value: string) => string;
}) {
  const t = ui.t;
  const active = Object.entries(query).filter(
    ([k, v]) => v && ([...FILTERS, 'year_from', 'year_to'] as string[]).includes(k),
  );
  if (!active.length) return null;
  return (
    <p class="chips active-filters">
      {t('search.filters')}{' '}
      {active.map(([k, v]) => {
        const text = `${k === 'year_from' ? '≥ ' : k === 'year_to' ? '≤ ' : ''}${label(k, v)}`;
        return (
          <>
            <a
              class="chip"
              href={searchHref(query, k, null)}
              aria-label={t('search.remove_filter', { name: text })}
            >
              {text} <span aria-hidden="true">×</span>
            </a>{' '}
          </>
        );
      })}
      {active.length > 1 && (
        <a href={`/search?${new URLSearchParams(query.q ? { q: query.q } : {})}`}>
          {t('search.clear_filters')}
        </a>
      )}
    </p>
  );
}

/** What to try when nothing was found: spelling, fewer words, the concept in other languages, browsing. */
export function NoResults({
  ui,
  query,
  result,
  concepts,
}: {
  ui: Ui;
  query: Record<string, string>;
  result: SearchResult;
  concepts: Concept[];
}) {
  const t = ui.t;
  const words = queryWords(query.q ?? '');
  const named = result.expansions.flatMap((e) => concepts.filter((c) => c.code === e.code));
  const others = named.flatMap((c) =>
    Object.entries(c.labels)
      .filter(([lang]) => lang !== ui.lang && ['en', 'fr', 'es', 'ar', 'ru', 'zh'].includes(lang))
      .map(([lang, text]) => ({ lang, text })),
  );
  return (
    <section class="no-results" aria-labelledby="no-results">
      <h2 id="no-results">{t('search.none.title')}</h2>
      <ul>
        {words.length > 0 && <li>{t('search.none.spelling')}</li>}
        {words.length > 1 && (
          <li>
            {t('search.none.fewer')}{' '}
            {words.map((_, i) => {
              const fewer = words.filter((__, j) => j !== i).join(' ');
              return (
                <>
                  {i > 0 && ' · '}
                  <a href={searchHref(query, 'q', fewer)}>{fewer}</a>
                </>
              );
            })}
          </li>
        )}
        {others.length > 0 && (
          <li>
            {t('search.none.languages')}{' '}
            {others.map((o, i) => (
              <>
                {i > 0 && ' · '}
                <a href={searchHref(query, 'q', o.text)} lang={o.lang}>
                  {o.text}
                </a>
              </>
            ))}
          </li>
        )}
        <li>
          <a href="/concepts">{t('search.none.browse')}</a>
        </li>
      </ul>
    </section>
  );
}
