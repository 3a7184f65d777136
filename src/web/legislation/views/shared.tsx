/** Pieces shared by the work and provision pages: facts, expression switcher, citation line, JSON-LD. */
import type { Country } from '../../../domains/reference/service.js';
import { formatDate } from '../../../core/i18n.js';
import { languageName, localName } from '../../../core/i18n.js';
import { bcp47 } from '../../../core/languages.js';
import type { Ui } from '../../shell/ui.js';
import { countryHref, Facts, Name } from '../../shell/components.js';
import type { Expression, Work } from '../../../domains/legislation/service.js';

/** Where a law stands: the countries, then its country. */
export function CountryCrumbs({ ui, country }: { ui: Ui; country: Country }) {
  return (
    <p class="crumbs">
      <a href="/countries">{ui.t('nav.countries')}</a> ›{' '}
      <a href={countryHref(country.iso3)}>
        <Name ui={ui} names={country.names} />
      </a>
    </p>
  );
}

/** A work's facts: its URI, type, status, dates and source. */
export function WorkFacts({ ui, work }: { ui: Ui; work: Work }) {
  const t = ui.t;
  return (
    <Facts
      items={[
        [t('work.uri'), <code dir="ltr">{work.uri}</code>],
        [t('work.type'), t(`work.type.${work.type}`)],
        [t('work.status'), t(`work.status.${work.status}`)],
        [t('work.adopted'), formatDate(work.date_adopted, ui)],
        [t('work.in_force'), formatDate(work.date_in_force, ui)],
        [t('work.source'), work.source],
      ]}
    />
  );
}

export function ExpressionSwitcher({
  ui,
  expressions,
  current,
  suffix = '',
}: {
  ui: Ui;
  expressions: Expression[];
  current: Expression;
  suffix?: string;
}) {
  if (expressions.length < 2) return null;
  return (
    <nav class="versions" aria-label={ui.t('work.versions')}>
      {ui.t('work.versions')}:{' '}
      {expressions.map((e) => (
        <a
          href={`${e.uri}${suffix}`}
          aria-current={e.id === current.id ? 'page' : undefined}
          hreflang={bcp47(e.language)}
        >
          {languageName(e.language, ui.lang)} · {formatDate(e.date, ui)}
          {e.authoritative ? ` · ${ui.t('work.authoritative')}` : ` · ${ui.t('work.translation')}`}
        </a>
      ))}
    </nav>
  );
}

/** How a provision is cited: "s. 14" for a section, "art. 5" for an article, its number otherwise. */
export function pinpoint(ui: Ui, provision: { kind: string; number: string | null; eid: string }): string {
  const number = (provision.number ?? '').replace(/[.:]$/, '').trim();
  if (!number) return provision.eid;
  const key = `cite.kind.${provision.kind}`;
  const form = ui.t(key, { number });
  return form === key ? number : form;
}

const EID_KINDS: Record<string, string> = {
  sec: 'section',
  art: 'article',
  subsec: 'subsection',
  para: 'paragraph',
  part: 'part',
  chp: 'chapter',
  rule: 'rule',
  reg: 'regulation',
  sched: 'schedule',
};

/** A provision named by its eId alone (one no longer in the version shown, e.g. repealed): sec_14 → "s. 14". */
export function eidLabel(ui: Ui, eid: string): string {
  const last = eid.split('__').pop()!;
  const [, prefix, number] = /^([a-z]+)_(.+)$/.exec(last) ?? [];
  return prefix && EID_KINDS[prefix] ? pinpoint(ui, { kind: EID_KINDS[prefix], number, eid }) : eid;
}

/**
 * The citation a lawyer writes: title (country), pinpoint, the version cited (its date, and the
 * language when it is a translation), and the permanent address.
 */
export function citation(
  ui: Ui,
  work: Work,
  country: Country,
  expression: Expression,
  provision?: { kind: string; number: string | null; eid: string },
): string {
  const title = expression.title || localName(work.title, ui.lang).text;
  const version = expression.authoritative
    ? ui.t('cite.version', { date: formatDate(expression.date, ui) })
    : ui.t('cite.version_translation', {
        date: formatDate(expression.date, ui),
        language: languageName(expression.language, ui.lang),
      });
  const head = [
    `${title} (${localName(country.names, ui.lang).text})`,
    provision && pinpoint(ui, provision),
    version,
  ]
    .filter(Boolean)
    .join(', ');
  return `${head}. ${ui.publicUrl}${expression.uri}${provision ? `/~${provision.eid}` : ''}`;
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
    legislationLegalForce:
      work.status === 'in_force' ? 'InForce' : work.status === 'repealed' ? 'NotInForce' : 'PartiallyInForce',
    inLanguage: bcp47(expression.language),
    url: `${ui.publicUrl}${expression.uri}`,
    ...(expression.authoritative ? {} : { workExample: undefined, legislationConsolidates: undefined }),
  };
}
