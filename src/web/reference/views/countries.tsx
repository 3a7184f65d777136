/** Pages: the countries index with its world map, a country, the concept taxonomy. */
import type { CaseSummary } from '../../../domains/caselaw/service.js';
import type { DocumentRecord } from '../../../domains/documents/service.js';
import type { Work } from '../../../domains/legislation/service.js';
import { articleHref, countryHref, Facts, ListSection, Name } from '../../shell/components.js';
import { formatDate } from '../../../core/i18n.js';
import { localName } from '../../../core/i18n.js';
import { Layout } from '../../shell/layout.js';
import { WorldMap } from '../../shell/map.js';
import { ReservationTable } from './reservations.js';
import type { Reservation } from '../../../domains/reference/reservations.js';
import type { Ui } from '../../shell/ui.js';
import type { Concept, Country, Instrument, Party } from '../../../domains/reference/service.js';
import { instrumentName } from '../../../domains/reference/names.js';

export function CountriesPage({ ui, countries }: { ui: Ui; countries: Country[] }) {
  const t = ui.t;
  const nameOf = (c: Country) => localName(c.names, ui.lang).text;
  const regions = new Map<string, { name: Record<string, string> | null; list: Country[] }>();
  for (const c of countries) {
    const key = c.region_code ?? '';
    if (!regions.has(key)) regions.set(key, { name: c.region, list: [] });
    regions.get(key)!.list.push(c);
  }
  const collator = new Intl.Collator(ui.lang);
  // Regions by name in the reader's language; countries without a region (Antarctica) last.
  const sections = [...regions.entries()].sort(
    ([a, x], [b, y]) =>
      Number(!a) - Number(!b) ||
      collator.compare(
        x.name ? localName(x.name, ui.lang).text : '',
        y.name ? localName(y.name, ui.lang).text : '',
      ),
  );
  const holds = (c: Country) => c.works + c.cases + c.documents > 0;
  const counts = (c: Country) =>
    t('countries.counts', { works: c.works, cases: c.cases, documents: c.documents });
  const withContent = countries.filter(holds);
  return (
    <Layout ui={ui} title={t('countries.title')}>
      <h1>{t('countries.title')}</h1>
      <p>{t('countries.intro', { n: withContent.length })}</p>
      <WorldMap
        label={t('countries.map_label')}
        measure={t('countries.map_measure')}
        countries={countries.map((c) => ({
          numeric: c.numeric,
          iso3: c.iso3,
          name: nameOf(c),
          value: c.works + c.cases + c.documents,
          title: `${nameOf(c)}: ${holds(c) ? counts(c) : t('map.none')}`,
        }))}
        thresholds={[1, 3, 6, 12]}
        legend={[t('countries.map_none'), '1–2', '3–5', '6–11', t('countries.map_more', { n: 12 })]}
      />
      {sections.map(([code, region]) => (
        <section>
          <h2>{region.name ? <Name ui={ui} names={region.name} /> : t('countries.other')}</h2>
          <ul class="columns">
            {[...region.list]
              .sort((a, b) => collator.compare(nameOf(a), nameOf(b)))
              .map((c) => (
                <li class={holds(c) ? 'has' : undefined} data-region={code}>
                  <a href={countryHref(c.iso3)}>
                    <Name ui={ui} names={c.names} />
                  </a>
                  {holds(c) && <span class="count"> {counts(c)}</span>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

/** The country's analysis links: each instrument's coverage and gap report, and its progress for staff. */
function CountryAnalysisLinks({
  ui,
  country: c,
  instruments,
}: {
  ui: Ui;
  country: Country;
  instruments: Instrument[];
}) {
  const t = ui.t;
  const name = localName(c.names, ui.lang).text;
  if (!instruments.some((i) => i.articles > 0)) return null;
  return (
    <section class="analysis">
      <h2>{t('country.analysis')}</h2>
      <ul>
        {instruments
          .filter((i) => i.articles > 0)
          .map((i) => (
            <li>
              {instrumentName(ui.lang, i.code, i.short_name)}:{' '}
              <a href={`/coverage/${c.iso3}?instrument=${i.code}`}>{t('country.coverage')}</a> ·{' '}
              <a href={`/coverage/${c.iso3}/gap-report?instrument=${i.code}`}>{t('country.gap_report')}</a>
            </li>
          ))}
        {ui.viewer.role !== 'anonymous' && (
          <li>
            <a href={`/countries/${c.iso3}/progress`}>{t('asm.progress_of', { country: name })}</a>
          </li>
        )}
      </ul>
    </section>
  );
}

/** The instruments the country is party to: status, signature, ratification and entry into force. */
function CountryInstrumentsTable({ ui, country, parties }: { ui: Ui; country: Country; parties: Party[] }) {
  const t = ui.t;
  const name = localName(country.names, ui.lang).text;
  return (
    <section>
      <h2>{t('country.instruments')}</h2>
      {parties.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('instrument.name')}</th>
                <th>{t('party.status')}</th>
                <th>{t('party.signature')}</th>
                <th>{t('party.ratification')}</th>
                <th>{t('party.in_force')}</th>
              </tr>
            </thead>
            <tbody>
              {parties.map((p) => (
                <tr>
                  <td>
                    <a href={`/instruments/${p.instrument}`}>
                      {instrumentName(ui.lang, p.instrument, p.short_name)}
                    </a>
                  </td>
                  <td>{t(`party.${p.status}`)}</td>
                  <td>{formatDate(p.signature, ui)}</td>
                  <td>{formatDate(p.ratification, ui)}</td>
                  <td>{formatDate(p.entry_into_force, ui)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('country.no_instruments')}</p>
      )}
      <p>
        <a href={`/cooperation?to=${country.iso3}`}>{t('coop.request_to', { country: name })}</a> ·{' '}
        <a href={`/cooperation?from=${country.iso3}`}>{t('coop.request_from', { country: name })}</a> ·{' '}
        <a href={`/authorities?country=${country.iso3}`}>{t('auth.title')}</a>
      </p>
    </section>
  );
}

export function CountryPage(props: {
  ui: Ui;
  country: Country;
  parties: Party[];
  works: Work[];
  cases: CaseSummary[];
  documents: DocumentRecord[];
  instruments?: Instrument[];
  reservations?: Reservation[];
}) {
  const { ui, country: c } = props;
  const t = ui.t;
  const name = localName(c.names, ui.lang).text;
  return (
    <Layout ui={ui} title={name}>
      <p class="crumbs">
        <a href="/countries">{t('nav.countries')}</a>
        {c.region && (
          <>
            {' '}
            › <Name ui={ui} names={c.region} />
          </>
        )}
        {c.subregion && (
          <>
            {' '}
            › <Name ui={ui} names={c.subregion} />
          </>
        )}
      </p>
      <h1>{name}</h1>
      {ui.viewer.role !== 'anonymous' && (
        <p class="staff-links">
          <a href={`/countries/${c.iso3}/progress`}>{t('asm.progress_of', { country: name })}</a> ·{' '}
          <a
            href={`/reports/country?country=${c.iso3}&from=${new Date().getUTCFullYear() - 1}-01-01&to=${new Date().getUTCFullYear() - 1}-12-31`}
          >
            {t('rep.kind.country')}
          </a>
        </p>
      )}
      <Facts
        items={[
          [t('country.iso'), `${c.iso3} · ${c.iso2} · ${c.numeric}`],
          [t('country.un_member'), c.un_member ? t('common.yes') : t('common.no')],
          [t('country.intermediate'), c.intermediate ? <Name ui={ui} names={c.intermediate} /> : null],
        ]}
      />
      <CountryAnalysisLinks ui={ui} country={c} instruments={props.instruments ?? []} />
      <CountryInstrumentsTable ui={ui} country={c} parties={props.parties} />
      {(props.reservations?.length ?? 0) > 0 && (
        <section id="reservations">
          <h2>{t('gap.reservations')}</h2>
          <ReservationTable ui={ui} list={props.reservations!} countries={new Map([[c.iso3, c.names]])} />
        </section>
      )}
      <ListSection
        title={t('country.laws')}
        items={props.works}
        empty={t('country.no_laws')}
        item={(w) => (
          <>
            <a href={w.uri}>
              <Name ui={ui} names={w.title} />
            </a>{' '}
            <span class="meta">
              {w.year} · {t(`work.status.${w.status}`)}
            </span>
          </>
        )}
      />
      <ListSection
        title={t('country.cases')}
        items={props.cases}
        empty={t('country.no_cases')}
        item={(k) => (
          <>
            <a href={`/cases/${k.id}`}>{k.title}</a>{' '}
            <span class="meta">
              {k.court} · {formatDate(k.date, ui)}
            </span>
          </>
        )}
      />
      <ListSection
        title={t('country.documents')}
        items={props.documents}
        empty={t('country.no_documents')}
        item={(d) => (
          <>
            <a href={`/documents/${d.id}`}>{d.title}</a>{' '}
            <span class="meta">
              {t(`document.type.${d.type}`)} · {formatDate(d.date, ui)}
            </span>
          </>
        )}
      />
    </Layout>
  );
}

export function ConceptsPage({ ui, concepts }: { ui: Ui; concepts: Concept[] }) {
  const t = ui.t;
  const kinds = ['offence', 'procedural_power', 'cooperation', 'cross_cutting'];
  return (
    <Layout ui={ui} title={t('concepts.title')}>
      <h1>{t('concepts.title')}</h1>
      <p>{t('concepts.intro')}</p>
      {kinds.map((kind) => (
        <section>
          <h2>{t(`concept.kind.${kind}`)}</h2>
          <dl class="concepts">
            {concepts
              .filter((c) => c.kind === kind)
              .map((c) => (
                <>
                  <dt id={c.code}>
                    <Name ui={ui} names={c.labels} />
                  </dt>
                  <dd>
                    {c.definition && <p lang="en">{c.definition}</p>}
                    <p class="meta">
                      {c.articles.map((a, i) => (
                        <>
                          {i > 0 && ', '}
                          <a
                            href={articleHref(a.instrument, a.article)}
                          >{`${a.instrument} ${t('article.short')} ${a.article}`}</a>
                        </>
                      ))}
                    </p>
                  </dd>
                </>
              ))}
          </dl>
        </section>
      ))}
    </Layout>
  );
}
