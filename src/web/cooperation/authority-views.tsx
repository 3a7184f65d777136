/** The directory of competent authorities: the list (by country and kind) and one authority's page. */
import { canRunProgramme, canSeeContacts, isProgrammeStaff } from '../../core/access.js';
import { formatDate, languageName } from '../../core/i18n.js';
import { AUTHORITY_KINDS, type Authority, CONTACT_FIELDS } from '../../domains/cooperation/authorities.js';
import { instrumentName } from '../../domains/reference/names.js';
import { Facts, Paragraphs } from '../shell/components.js';

/** A text of one item per line (what a request must contain) as a list; a single line as a paragraph. */
export function Checklist({ text }: { text: string }) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 1 ? (
    <ul>
      {lines.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
  ) : (
    <p>{lines[0]}</p>
  );
}
import type { Option } from '../shell/fields.js';
import { Select } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { CountrySelect } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';

const countryName = (countries: Option[], iso3: string) => countries.find(([c]) => c === iso3)?.[1] ?? iso3;
const legalBasisName = (ui: Ui, code: string) =>
  code === 'reciprocity' || code === 'bilateral' ? ui.t(`auth.basis.${code}`) : instrumentName(ui.lang, code);

export function AuthoritiesPage(props: {
  ui: Ui;
  list: Authority[];
  countries: Option[];
  query: { country?: string; kind?: string };
}) {
  const { ui, list, countries, query } = props;
  const t = ui.t;
  const csv = `/api/v1/authorities?${new URLSearchParams({ ...query, format: 'csv' } as Record<string, string>)}`;
  return (
    <Layout ui={ui} title={t('auth.title')} description={t('auth.intro')}>
      <h1>{t('auth.title')}</h1>
      <p>{t('auth.intro')}</p>
      <form method="get" action="/authorities" class="filters">
        <CountrySelect ui={ui} countries={countries} value={query.country} blank={t('filter.all')} />
        <Select
          label={t('auth.kind')}
          name="kind"
          value={query.kind}
          options={[['', t('filter.all')], ...AUTHORITY_KINDS.map((k): Option => [k, t(`auth.kind.${k}`)])]}
        />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {list.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('filter.country')}</th>
                <th>{t('auth.kind')}</th>
                <th>{t('auth.name')}</th>
                <th>{t('auth.languages')}</th>
                <th>{t('auth.verified')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr>
                  <td>{countryName(countries, a.country)}</td>
                  <td>{t(`auth.kind.${a.kind}`)}</td>
                  <td>
                    <a href={`/authorities/${a.id}`}>{a.name}</a>
                    {a.fictional && ` (${t('auth.fictional_short')})`}
                  </td>
                  <td>{a.languages.map((l) => languageName(l, ui.lang)).join(', ')}</td>
                  <td>{formatDate(a.verified_on, ui)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('auth.none')}</p>
      )}
      <p>
        <a href={csv}>{t('auth.csv')}</a>
        {canRunProgramme(ui.viewer) && (
          <>
            {' · '}
            <a href="/authorities/import">{t('auth.import')}</a>
          </>
        )}
      </p>
    </Layout>
  );
}

export function AuthorityPage({
  ui,
  authority: a,
  countries,
}: {
  ui: Ui;
  authority: Authority;
  countries: Option[];
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={a.name}>
      <p class="crumbs">
        <a href="/authorities">{t('auth.title')}</a> ›{' '}
        <a href={`/authorities?country=${a.country}`}>{countryName(countries, a.country)}</a>
      </p>
      <h1>{a.name}</h1>
      {a.fictional && <p class="notice">{t('auth.fictional')}</p>}
      <AuthorityFacts ui={ui} authority={a} />
      {a.requirements && (
        <section>
          <h2>{t('auth.requirements')}</h2>
          <Checklist text={a.requirements} />
        </section>
      )}
      {a.urgent_procedure && (
        <section>
          <h2>{t('auth.urgent')}</h2>
          <Paragraphs text={a.urgent_procedure} />
        </section>
      )}
      <ContactSection ui={ui} authority={a} />
      {isProgrammeStaff(ui.viewer) && (
        <p>
          <a href={`/admin/audit?entity_type=authority&entity_id=${a.id}`}>{t('auth.history')}</a>
        </p>
      )}
    </Layout>
  );
}

/** What the authority is and accepts (public). */
export function AuthorityFacts({ ui, authority: a }: { ui: Ui; authority: Authority }) {
  const t = ui.t;
  return (
    <Facts
      items={[
        [t('auth.kind'), t(`auth.kind.${a.kind}`)],
        [
          t('auth.designations'),
          a.designations.length
            ? a.designations
                .map(
                  (d) =>
                    `${instrumentName(ui.lang, d.instrument)} ${t('coop.article', { number: d.article })}`,
                )
                .join('; ')
            : null,
        ],
        [t('auth.languages'), a.languages.map((l) => languageName(l, ui.lang)).join(', ') || null],
        [t('auth.channels'), a.channels.map((c) => t(`auth.channel.${c}`)).join(', ') || null],
        [t('auth.legal_bases'), a.legal_bases.map((b) => legalBasisName(ui, b)).join(', ') || null],
        [t('auth.turnaround'), a.turnaround_days === null ? null : t('auth.days', { n: a.turnaround_days })],
        [t('auth.verified'), a.verified_on ? formatDate(a.verified_on, ui) : null],
        [t('auth.source'), a.source || null],
      ]}
    />
  );
}

/** The contact, for those who may see it; for everyone else, who may and how. */
function ContactSection({ ui, authority: a }: { ui: Ui; authority: Authority }) {
  const t = ui.t;
  if (!canSeeContacts(ui.viewer))
    return (
      <section>
        <h2>{t('auth.contact')}</h2>
        <p class="notice">
          {t('auth.contact_restricted')}{' '}
          {ui.viewer.role === 'anonymous' && (
            <a href={`/login?next=${encodeURIComponent(ui.path)}`}>{t('nav.sign_in')}</a>
          )}
        </p>
      </section>
    );
  const c = a.contact;
  return (
    <section>
      <h2>{t('auth.contact')}</h2>
      {c ? (
        <Facts
          items={CONTACT_FIELDS.map((f) => [t(`auth.contact.${f}`), c[f] || null] as [string, string | null])}
        />
      ) : (
        <p>{t('auth.no_contact')}</p>
      )}
    </section>
  );
}
