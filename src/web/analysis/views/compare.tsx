/** National law on one article or concept, country by country, side by side; or the choice of what to compare. */
import type { Article, Concept, Country } from '../../../domains/reference/service.js';
import { Name } from '../../shell/components.js';
import { languageName, localName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import type { Comparison } from '../../../domains/analysis/compare.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';

/** What can be compared: articles (of the instruments, by chapter), concepts, and the countries with laws. */
export type CompareChoices = { articles: Article[]; concepts: Concept[]; countries: Country[] };

/** The page without a subject: choose an article or a concept, and the countries. */
export function ComparePicker({ ui, choices, error }: { ui: Ui; choices: CompareChoices; error?: string }) {
  const t = ui.t;
  const byInstrument = new Map<string, Article[]>();
  for (const a of choices.articles)
    if (a.category !== 'final')
      byInstrument.set(a.instrument, [...(byInstrument.get(a.instrument) ?? []), a]);
  return (
    <Layout ui={ui} title={t('compare.pick_title')}>
      <h1>{t('compare.pick_title')}</h1>
      <p>{t('compare.pick_intro')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form method="get" action="/compare" class="stack">
        <label>
          {t('compare.article')}
          <select name="article">
            <option value="">{t('compare.pick_article')}</option>
            {[...byInstrument].map(([code, list]) => (
              <optgroup label={instrumentName(ui.lang, code)}>
                {list.map((a) => (
                  <option value={`${a.instrument}:${a.number}`}>
                    {t('article.short')} {a.number} — {articleTitle(ui.lang, a.instrument, a.number, a.title)}{' '}
                    ({t('compare.countries_count', { count: a.mapped_countries })})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t('compare.concept')}
          <select name="concept">
            <option value="">{t('compare.pick_concept')}</option>
            {choices.concepts.map((c) => (
              <option value={c.code}>{localName(c.labels, ui.lang).text}</option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('compare.choose')}</legend>
          <div class="check-columns">
            {choices.countries.map((c) => (
              <label class="inline">
                <input type="checkbox" name="country" value={c.iso3} /> <Name ui={ui} names={c.names} />{' '}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="primary">
          {t('compare.go')}
        </button>
      </form>
    </Layout>
  );
}

/** The article ("Budapest Convention Art. 2 — Illegal access") or concept compared, in the reader's language. */
function subjectTitle(ui: Ui, subject: Comparison['subject']): string {
  if (subject.kind === 'concept')
    return subject.labels ? localName(subject.labels, ui.lang).text : subject.title;
  const [instrument, number] = subject.code.split(':');
  return `${instrumentName(ui.lang, instrument)} ${ui.t('article.short')} ${number} — ${articleTitle(ui.lang, instrument, number)}`;
}

export function ComparePage({ ui, data }: { ui: Ui; data: Comparison }) {
  const t = ui.t;
  const title = t(data.subject.kind === 'article' ? 'compare.article_title' : 'compare.concept_title', {
    article: subjectTitle(ui, data.subject),
    concept: subjectTitle(ui, data.subject),
  });
  const chosen = new Set(data.columns.map((c) => c.iso3));
  return (
    <Layout ui={ui} title={title}>
      <p class="crumbs">
        <a href="/compare">{t('compare.pick_title')}</a>
      </p>
      <h1>{title}</h1>
      <form method="get" action="/compare" class="filters">
        <input type="hidden" name={data.subject.kind} value={data.subject.code} />
        <fieldset>
          <legend>{t('compare.choose')}</legend>
          {data.available.map((c) => (
            <label class="inline">
              <input type="checkbox" name="country" value={c.iso3} checked={chosen.has(c.iso3)} />{' '}
              <Name ui={ui} names={c.names} /> ({c.provisions}){' '}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('compare.go')}</button>
      </form>
      <div class="compare-grid">
        {data.columns.map((c) => (
          <section id={c.iso3}>
            <h2>
              <a href={`/coverage/${c.iso3}`}>
                <Name ui={ui} names={c.names} />
              </a>
            </h2>
            {c.provisions.length === 0 && <p class="meta">{t('compare.none')}</p>}
            {c.provisions.map((p) => (
              <article lang={bcp47(p.language)} dir={isRtl(p.language) ? 'rtl' : 'ltr'}>
                <h3>
                  <a href={p.uri}>{p.label}</a>
                </h3>
                <p class="meta" lang={ui.lang} dir={isRtl(ui.lang) ? 'rtl' : 'ltr'}>
                  {languageName(p.language, ui.lang)}
                  {!p.authoritative && ` (${t('compare.translation')})`} · {p.article} ·{' '}
                  {t(`coverage.${p.coverage}`)}
                </p>
                {p.text.split('\n').map((line) => (
                  <p class="text">{line}</p>
                ))}
              </article>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
