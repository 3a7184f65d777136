/** Pages: instruments, one instrument by chapter, one article with the national provisions mapped to it, the crosswalk. */
import type { MappedCountry, MappedProvision } from '../../../domains/legislation/provisions.js';
import {
  articleHref,
  compareHref,
  countryHref,
  COVERAGE_SYMBOL,
  Facts,
  InLang,
  Name,
} from '../../shell/components.js';
import { formatDate } from '../../../core/i18n.js';
import { localName } from '../../../core/i18n.js';
import { Layout } from '../../shell/layout.js';
import { ReservationTable } from './reservations.js';
import type { Reservation } from '../../../domains/reference/reservations.js';
import type { Ui } from '../../shell/ui.js';
import type {
  Article,
  CrosswalkRow,
  getArticle,
  Instrument,
  UnmatchedArticle,
} from '../../../domains/reference/service.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';

export function InstrumentsPage({ ui, instruments }: { ui: Ui; instruments: Instrument[] }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('instruments.title')}>
      <h1>{t('instruments.title')}</h1>
      <ul class="cards">
        {instruments.map((i) => (
          <li>
            <h2>
              <a href={`/instruments/${i.code}`}>{instrumentName(ui.lang, i.code, i.short_name)}</a>
            </h2>
            <p>{i.title}</p>
            <p class="meta">
              {i.body} · {t('instrument.adopted')} {formatDate(i.adopted, ui)} ·{' '}
              {t('instrument.articles', { n: i.articles })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function chapters(articles: Article[]) {
  const groups: { chapter: string; articles: Article[] }[] = [];
  for (const a of articles) {
    if (groups.at(-1)?.chapter !== a.chapter) groups.push({ chapter: a.chapter, articles: [] });
    groups.at(-1)!.articles.push(a);
  }
  return groups;
}

export function InstrumentPage({
  ui,
  instrument: i,
  articles,
  countries,
}: {
  ui: Ui;
  instrument: Instrument;
  articles: Article[];
  countries: Map<string, MappedCountry[]>;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={instrumentName(ui.lang, i.code, i.short_name)}>
      <p class="crumbs">
        <a href="/instruments">{t('nav.instruments')}</a>
      </p>
      <h1>{instrumentName(ui.lang, i.code, i.short_name)}</h1>
      <p>{i.title}</p>
      <p class="chips">
        <a href={`/instruments/${i.code}/reservations`}>{t('gap.reservations')}</a>
      </p>
      <Facts
        items={[
          [t('instrument.body'), i.body],
          [t('instrument.adopted'), formatDate(i.adopted, ui)],
          [t('instrument.opened'), formatDate(i.opened_for_signature, ui)],
          [t('instrument.in_force'), i.in_force ? formatDate(i.in_force, ui) : t('instrument.not_in_force')],
        ]}
      />
      {chapters(articles).map((g) => (
        <section>
          <h2>{g.chapter}</h2>
          <div class="table-wrap">
            <table class="articles">
              <thead>
                <tr>
                  <th>{t('article.number')}</th>
                  <th>{t('article.title')}</th>
                  <th>{t('article.mapped_countries')}</th>
                </tr>
              </thead>
              <tbody>
                {g.articles.map((a) => (
                  <tr id={`art_${a.number}`}>
                    <td>{a.number}</td>
                    <td>
                      <a href={articleHref(a.instrument, a.number)}>
                        {articleTitle(ui.lang, a.instrument, a.number, a.title)}
                      </a>
                      {a.section && <div class="meta">{a.section}</div>}
                    </td>
                    <td>
                      {(countries.get(a.number) ?? []).map((c, n) => (
                        <>
                          {n > 0 && ', '}
                          <a
                            href={`${articleHref(a.instrument, a.number)}#${c.iso3}`}
                            class={`cov-${c.coverage}`}
                          >
                            <Name ui={ui} names={c.names} />
                          </a>
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}

export function ArticlePage(props: {
  ui: Ui;
  instrument: Instrument;
  article: Awaited<ReturnType<typeof getArticle>>;
  provisions: MappedProvision[];
  reservations: Reservation[];
  countries: Map<string, Record<string, string>>;
}) {
  const { ui, instrument: i, article: a } = props;
  const t = ui.t;
  const byCountry = new Map<string, MappedProvision[]>();
  for (const p of props.provisions) byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p]);
  return (
    <Layout
      ui={ui}
      title={`${instrumentName(ui.lang, i.code, i.short_name)}, ${t('article.short')} ${a.number} ${articleTitle(ui.lang, a.instrument, a.number, a.title)}`}
    >
      <p class="crumbs">
        <a href="/instruments">{t('nav.instruments')}</a> ›{' '}
        <a href={`/instruments/${i.code}`}>{instrumentName(ui.lang, i.code, i.short_name)}</a> › {a.chapter}
      </p>
      <h1>
        {t('article.short')} {a.number}. {articleTitle(ui.lang, a.instrument, a.number, a.title)}
      </h1>
      <Facts
        items={[
          [t('article.category'), t(`article.category.${a.category}`)],
          [t('article.section'), a.section],
          [t('article.provenance'), a.provenance],
        ]}
      />
      {a.text.eng && <blockquote lang="en">{a.text.eng}</blockquote>}
      {a.crosswalk.length > 0 && (
        <section>
          <h2>{t('article.corresponds')}</h2>
          <ul>
            {a.crosswalk.map((x) => (
              <li>
                <a
                  href={articleHref(x.instrument, x.article)}
                >{`${instrumentName(ui.lang, x.instrument)} ${t('article.short')} ${x.article}. ${articleTitle(ui.lang, x.instrument, x.article, x.title)}`}</a>
                {x.note && <span class="meta"> — {x.note}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {a.concepts.length > 0 && (
        <p class="meta">
          {t('article.concepts')}:{' '}
          {a.concepts.map((c, n) => (
            <>
              {n > 0 && ', '}
              <a href={`/concepts#${c.code}`}>
                <Name ui={ui} names={c.labels} />
              </a>
            </>
          ))}
        </p>
      )}
      <section>
        <h2>{t('article.national', { n: byCountry.size })}</h2>
        {byCountry.size === 0 && <p>{t('article.none_mapped')}</p>}
        {byCountry.size > 1 && (
          <p class="chips">
            <a
              href={compareHref(
                { article: `${a.instrument}:${a.number}` },
                [...byCountry.keys()].slice(0, 4),
              )}
            >
              {t('compare.link')}
            </a>
          </p>
        )}
        {[...byCountry.entries()].map(([iso3, list]) => (
          <article class="mapped" id={iso3}>
            <h3>
              <a href={countryHref(iso3)}>
                <Name ui={ui} names={list[0].country_name} />
              </a>
            </h3>
            {list.map((p) => (
              <div class="provision-ref">
                <p>
                  <a href={p.uri}>
                    <InLang ui={ui} code={p.language}>
                      {[p.number, p.heading].filter(Boolean).join(' ')}
                    </InLang>
                  </a>{' '}
                  — <Name ui={ui} names={p.work_title} />{' '}
                  <span class={`badge cov-${p.coverage}`}>{t(`coverage.${p.coverage}`)}</span>
                </p>
                {p.text && <p class="excerpt">{p.text.length > 280 ? `${p.text.slice(0, 280)}…` : p.text}</p>}
                {p.rationale && <p class="meta">{p.rationale}</p>}
              </div>
            ))}
          </article>
        ))}
      </section>
      <section id="reservations">
        <h2>{t('gap.reservations')}</h2>
        <ReservationTable ui={ui} list={props.reservations} countries={props.countries} />
      </section>
    </Layout>
  );
}

type PairCoverage = {
  iso3: string;
  names: Record<string, string>;
  from: Record<string, string>;
  to: Record<string, string>;
};
const SYMBOL = COVERAGE_SYMBOL;

export function CrosswalkPage({
  ui,
  rows,
  unmatched,
  countries = [],
}: {
  ui: Ui;
  rows: CrosswalkRow[];
  unmatched: UnmatchedArticle[];
  countries?: PairCoverage[];
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('crosswalk.title')}>
      <h1>{t('crosswalk.title')}</h1>
      <p>{t('crosswalk.intro')}</p>
      <div class="table-wrap">
        <table class="crosswalk">
          <thead>
            <tr>
              <th>{t('crosswalk.budapest')}</th>
              <th>{t('crosswalk.un')}</th>
              <th>{t('crosswalk.note')}</th>
              {countries.length > 0 && <th>{t('crosswalk.coverage')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a
                    href={articleHref('ETS185', r.from_article)}
                  >{`${t('article.short')} ${r.from_article}. ${articleTitle(ui.lang, 'ETS185', r.from_article, r.from_title)}`}</a>
                </td>
                <td>
                  <a
                    href={articleHref('UNCC2024', r.to_article)}
                  >{`${t('article.short')} ${r.to_article}. ${articleTitle(ui.lang, 'UNCC2024', r.to_article, r.to_title)}`}</a>
                </td>
                <td class="meta">
                  {r.note && <span lang="en">{r.note}</span>}{' '}
                  <a href={compareHref({ article: `ETS185:${r.from_article}` })}>{t('compare.link')}</a>
                </td>
                {countries.length > 0 && (
                  <td class="pair-coverage">
                    {countries.map((c) => {
                      const a = c.from[r.from_article] ?? 'not_reviewed';
                      const b = c.to[r.to_article] ?? 'not_reviewed';
                      const name = localName(c.names, ui.lang).text;
                      return (
                        <a
                          href={`/coverage/${c.iso3}`}
                          class="cc"
                          title={`${name}: ${t(`coverage.status.${a}`)} / ${t(`coverage.status.${b}`)}`}
                        >
                          {c.iso3} <span class={`st-${a}`}>{SYMBOL[a]}</span>
                          <span class={`st-${b}`}>{SYMBOL[b]}</span>
                        </a>
                      );
                    })}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {countries.length > 0 && <p class="meta">{t('crosswalk.coverage_key')}</p>}
      <h2>{t('crosswalk.unmatched')}</h2>
      <div class="table-wrap">
        <table class="unmatched">
          <tbody>
            {unmatched.map((a) => (
              <tr>
                <td>
                  <a
                    href={articleHref(a.instrument, a.number)}
                  >{`${instrumentName(ui.lang, a.instrument)} ${t('article.short')} ${a.number}. ${articleTitle(ui.lang, a.instrument, a.number, a.title)}`}</a>
                </td>
                <td class="meta" lang="en">
                  {a.note}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
