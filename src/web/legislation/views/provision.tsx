/** The provision page: its text and sub-provisions, the articles it implements, cases citing it, other versions, citation. */
import type { Country } from '../../../domains/reference/service.js';
import { articleHref, countryHref, InLang, ListSection, Name } from '../../shell/components.js';
import { formatDate } from '../../../core/i18n.js';
import { localName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { JsonLd, Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import type { getProvision } from '../../../domains/legislation/provisions.js';
import type { Expression, Work } from '../../../domains/legislation/service.js';
import { Cite } from '../../shell/cite.js';
import { citation, ExpressionSwitcher, legislationLd } from './shared.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';

type Props = {
  ui: Ui;
  work: Work;
  country: Country;
  expression: Expression;
  expressions: Expression[];
  provision: Awaited<ReturnType<typeof getProvision>>;
};

export function ProvisionPage(props: Props) {
  const { ui, work, country, expression, provision: p } = props;
  const t = ui.t;
  const label = [p.number, p.heading].filter(Boolean).join(' ') || p.eid;
  const workTitle = expression.title || localName(work.title, ui.lang).text;
  const available = new Set(p.versions.map((v) => `${v.language}@${v.date}`));
  const ld = {
    ...legislationLd(ui, work, country, expression),
    '@id': `${ui.publicUrl}${p.uri}`,
    name: `${workTitle}, ${label}`,
    url: `${ui.publicUrl}${p.uri}`,
    isPartOf: { '@type': 'Legislation', '@id': `${ui.publicUrl}${work.uri}`, name: workTitle },
  };
  return (
    <Layout ui={ui} title={`${label} — ${workTitle}`} head={<JsonLd data={ld} />}>
      <p class="crumbs">
        <a href={countryHref(country.iso3)}>
          <Name ui={ui} names={country.names} />
        </a>{' '}
        ›{' '}
        <a href={`${expression.uri}#${p.eid}`}>
          <InLang ui={ui} code={expression.language}>
            {workTitle}
          </InLang>
        </a>
      </p>
      <h1 lang={bcp47(expression.language)} dir={isRtl(expression.language) ? 'rtl' : 'ltr'}>
        {label}
      </h1>
      <ExpressionSwitcher
        ui={ui}
        expressions={props.expressions.filter((e) => available.has(`${e.language}@${e.date}`))}
        current={expression}
        suffix={`/~${p.eid}`}
      />
      <div class="body" lang={bcp47(expression.language)} dir={isRtl(expression.language) ? 'rtl' : 'ltr'}>
        {p.text && <p class="text">{p.text}</p>}
        {p.children.map((c) => (
          <p class="text sub" id={c.eid}>
            {c.number && <strong>{c.number} </strong>}
            {c.heading && <strong>{c.heading}. </strong>}
            {c.text}
          </p>
        ))}
      </div>
      <Cite ui={ui} text={citation(ui, work, country, expression, p)} />
      <ListSection
        title={t('provision.implements')}
        items={p.articles}
        empty={t('provision.no_mappings')}
        item={(a) => (
          <>
            <a
              href={articleHref(a.instrument, a.article)}
            >{`${instrumentName(ui.lang, a.instrument)} ${t('article.short')} ${a.article} — ${articleTitle(ui.lang, a.instrument, a.article, a.title)}`}</a>{' '}
            <span class={`badge cov-${a.coverage}`}>{t(`coverage.${a.coverage}`)}</span>
            {a.rationale && <span class="meta"> — {a.rationale}</span>}
          </>
        )}
      />
      <ListSection
        title={t('provision.cases')}
        items={p.cases}
        empty={t('provision.no_cases')}
        item={(c) => (
          <>
            <a href={`/cases/${c.id}`}>{c.title}</a>{' '}
            <span class="meta">
              {c.court} · {formatDate(c.date, ui)}
            </span>
          </>
        )}
      />
    </Layout>
  );
}
