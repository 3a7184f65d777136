/** National law on one article or concept, country by country, side by side. */
import { Name } from '../../web/components.js';
import { bcp47, isRtl, languageName } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import type { Ui } from '../../web/ui.js';
import type { Comparison } from '../compare.js';

export function ComparePage({ ui, data }: { ui: Ui; data: Comparison }) {
  const t = ui.t;
  const title = t(data.subject.kind === 'article' ? 'compare.article_title' : 'compare.concept_title', { article: data.subject.title, concept: data.subject.title });
  const chosen = new Set(data.columns.map((c) => c.iso3));
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/compare" class="filters">
        <input type="hidden" name={data.subject.kind} value={data.subject.code} />
        <fieldset>
          <legend>{t('compare.choose')}</legend>
          {data.available.map((c) => (
            <label class="inline">
              <input type="checkbox" name="country" value={c.iso3} checked={chosen.has(c.iso3)} /> <Name ui={ui} names={c.names} /> ({c.provisions}){' '}
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
              <article lang={bcp47(p.language)} dir={isRtl(p.language) ? 'rtl' : undefined}>
                <h3>
                  <a href={p.uri}>{p.label}</a>
                </h3>
                <p class="meta" lang={ui.lang}>
                  {languageName(p.language, ui.lang)} · {p.article} · {t(`coverage.${p.coverage}`)}
                </p>
                <p class="text">{p.text}</p>
              </article>
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
