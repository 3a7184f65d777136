/** Pieces shared by the work and provision pages: expression switcher, citation line, JSON-LD. */
import type { Country } from '../../reference/service.js';
import { formatDate } from '../../web/components.js';
import { bcp47, languageName, localName } from '../../web/i18n.js';
import type { Ui } from '../../web/ui.js';
import type { Expression, Work } from '../service.js';

export function ExpressionSwitcher({ ui, expressions, current, suffix = '' }: { ui: Ui; expressions: Expression[]; current: Expression; suffix?: string }) {
  if (expressions.length < 2) return null;
  return (
    <nav class="versions" aria-label={ui.t('work.versions')}>
      {ui.t('work.versions')}:{' '}
      {expressions.map((e) => (
        <a href={`${e.uri}${suffix}`} aria-current={e.id === current.id ? 'page' : undefined} hreflang={bcp47(e.language)}>
          {languageName(e.language, ui.lang)} · {formatDate(e.date, ui)}
          {e.authoritative ? ` · ${ui.t('work.authoritative')}` : ` · ${ui.t('work.translation')}`}
        </a>
      ))}
    </nav>
  );
}

export function citation(ui: Ui, work: Work, country: Country, expression: Expression, provisionLabel?: string): string {
  const title = expression.title || localName(work.title, ui.lang).text;
  const parts = [title, provisionLabel, localName(country.names, ui.lang).text, `${expression.language}@${expression.date}`];
  return `${parts.filter(Boolean).join(', ')}. ${ui.publicUrl}${expression.uri}`;
}

export function legislationLd(ui: Ui, work: Work, country: Country, expression: Expression) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': `${ui.publicUrl}${work.uri}`,
    name: expression.title,
    legislationIdentifier: work.uri,
    legislationType: work.type,
    legislationJurisdiction: { '@type': 'Country', name: country.names.en, identifier: country.iso3 },
    legislationDate: work.date_adopted ?? undefined,
    legislationLegalForce: work.status === 'in_force' ? 'InForce' : work.status === 'repealed' ? 'NotInForce' : 'PartiallyInForce',
    inLanguage: bcp47(expression.language),
    url: `${ui.publicUrl}${expression.uri}`,
    ...(expression.authoritative ? {} : { workExample: undefined, legislationConsolidates: undefined }),
  };
}
