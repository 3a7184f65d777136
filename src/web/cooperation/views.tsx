/** The cooperation page: choose the two states (and the offences), see the legal basis and dual criminality. */
import { formatDate, localName } from '../../core/i18n.js';
import type { OffenceCheck, StateCriminalises } from '../../domains/cooperation/dual-criminality.js';
import type { Authority } from '../../domains/cooperation/authorities.js';
import { canUseRequests } from '../../domains/cooperation/requests.js';
import type { Basis, LegalBasis, PartyRecord } from '../../domains/cooperation/legal-basis.js';
import { articleTitle, instrumentName } from '../../domains/reference/names.js';
import { articleHref, COVERAGE_SYMBOL } from '../shell/components.js';
import { Field, type FieldErrors, type Option } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { type ConceptOption, ConceptPicker, CountrySelect } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';
import { AuthorityFacts, Checklist } from './authority-views.js';

type Props = {
  ui: Ui;
  query: { from?: string; to?: string; on?: string; offences: string[] };
  countries: Option[];
  offences: ConceptOption[];
  errors: FieldErrors;
  found?: { basis: LegalBasis; offences: OffenceCheck[]; authorities: Authority[] };
};

export function CooperationPage(props: Props) {
  const { ui, found } = props;
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('coop.title')} description={t('coop.intro')}>
      <h1>{t('coop.title')}</h1>
      <p>{t('coop.intro')}</p>
      <p>
        <a href="/authorities">{t('auth.title')}</a> · <a href="/cooperation/matrix">{t('coop.matrix')}</a>
      </p>
      <CooperationForm {...props} />
      {found && canUseRequests(ui.viewer) && (
        <p>
          <a
            href={`/cooperation/requests/new?requesting=${found.basis.requesting.iso3}&requested=${found.basis.requested.iso3}`}
          >
            {t('req.write', { country: stateName(ui, found.basis.requested) })}
          </a>
        </p>
      )}
      {found && <LegalBasisSection ui={ui} basis={found.basis} />}
      {found && <RequestedAuthorities ui={ui} basis={found.basis} authorities={found.authorities} />}
      {found && found.offences.length > 0 && (
        <DualCriminalitySection ui={ui} basis={found.basis} offences={found.offences} />
      )}
    </Layout>
  );
}

function CooperationForm({ ui, query, countries, offences, errors }: Props) {
  const t = ui.t;
  return (
    <form method="get" action="/cooperation" class="stack">
      <div class="filters">
        <CountrySelect
          ui={ui}
          countries={countries}
          name="from"
          label={t('coop.from')}
          value={query.from}
          blank=""
          errors={errors}
        />
        <CountrySelect
          ui={ui}
          countries={countries}
          name="to"
          label={t('coop.to')}
          value={query.to}
          blank=""
          errors={errors}
        />
        <Field
          label={t('coop.on')}
          name="on"
          type="date"
          value={query.on}
          errors={errors}
          hint={t('coop.on_hint')}
        />
      </div>
      <ConceptPicker
        ui={ui}
        concepts={offences}
        values={query.offences}
        name="offences"
        label={t('coop.offences')}
        errors={errors}
      />
      <button type="submit">{t('coop.find')}</button>
    </form>
  );
}

const stateName = (ui: Ui, s: { iso3: string; names: Record<string, string> }) =>
  localName(s.names, ui.lang).text || s.iso3;

function LegalBasisSection({ ui, basis }: { ui: Ui; basis: LegalBasis }) {
  const t = ui.t;
  const names = { from: stateName(ui, basis.requesting), to: stateName(ui, basis.requested) };
  return (
    <section id="legal-basis">
      <h2>{t('coop.basis_title', { ...names, date: formatDate(basis.on, ui) })}</h2>
      {basis.reciprocity && <p class="notice">{t('coop.reciprocity', names)}</p>}
      {basis.bases.map((b) => (
        <InstrumentBasis ui={ui} basis={b} names={names} />
      ))}
      {basis.pending.length > 0 && (
        <>
          <h3>{t('coop.pending')}</h3>
          <PartyTable ui={ui} list={basis.pending} names={names} />
        </>
      )}
    </section>
  );
}

function InstrumentBasis({
  ui,
  basis: b,
  names,
}: {
  ui: Ui;
  basis: Basis;
  names: { from: string; to: string };
}) {
  const t = ui.t;
  return (
    <article class="basis">
      <h3>
        <a href={`/instruments/${b.instrument}`}>{instrumentName(ui.lang, b.instrument, b.short_name)}</a>
      </h3>
      <p>
        {b.since ? t('coop.binds_since', { date: formatDate(b.since, ui) }) : t('coop.binds_date_unknown')}
      </p>
      <PartyTable ui={ui} list={[b]} names={names} />
      <h4>{t('coop.allows')}</h4>
      <ul>
        {b.measures.map((m) => (
          <li>
            {t(`coop.measure.${m.kind}`)}:{' '}
            {m.articles.map((a, i) => (
              <>
                {i > 0 && ', '}
                <a href={articleHref(b.instrument, a.number)}>
                  {t('coop.article', { number: a.number })}{' '}
                  {articleTitle(ui.lang, b.instrument, a.number, a.title)}
                </a>
              </>
            ))}
          </li>
        ))}
      </ul>
    </article>
  );
}

/** Each state's standing towards each instrument, with its dates and reservations. */
function PartyTable({ ui, list, names }: { ui: Ui; list: Basis[]; names: { from: string; to: string } }) {
  const t = ui.t;
  const row = (b: Basis, state: string, p: PartyRecord, first: boolean) => (
    <tr>
      {first && (
        <th scope="rowgroup" rowSpan={2}>
          {instrumentName(ui.lang, b.instrument, b.short_name)}
        </th>
      )}
      <td>{state}</td>
      <td>{t(`coop.standing.${p.standing}`)}</td>
      <td>{formatDate(p.signature, ui)}</td>
      <td>{formatDate(p.ratification, ui)}</td>
      <td>{formatDate(p.entry_into_force, ui)}</td>
      <td>{p.reservations ?? ''}</td>
    </tr>
  );
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{t('instrument.name')}</th>
            <th>{t('coop.state')}</th>
            <th>{t('party.status')}</th>
            <th>{t('party.signature')}</th>
            <th>{t('party.ratification')}</th>
            <th>{t('party.in_force')}</th>
            <th>{t('coop.reservations')}</th>
          </tr>
        </thead>
        {list.map((b) => (
          <tbody>
            {row(b, names.from, b.requesting, true)}
            {row(b, names.to, b.requested, false)}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function DualCriminalitySection({
  ui,
  basis,
  offences,
}: {
  ui: Ui;
  basis: LegalBasis;
  offences: OffenceCheck[];
}) {
  const t = ui.t;
  return (
    <section id="dual-criminality">
      <h2>{t('coop.dual_title')}</h2>
      <p class="meta">{t('coop.dual_intro')}</p>
      {offences.map((o) => (
        <article class="offence">
          <h3>{localName(o.labels, ui.lang).text || o.concept}</h3>
          <p class={o.both ? 'ok' : 'notice'}>{t(o.both ? 'coop.dual_both' : 'coop.dual_not_both')}</p>
          <StateProvisions ui={ui} name={stateName(ui, basis.requesting)} state={o.requesting} />
          <StateProvisions ui={ui} name={stateName(ui, basis.requested)} state={o.requested} />
        </article>
      ))}
    </section>
  );
}

function StateProvisions({ ui, name, state }: { ui: Ui; name: string; state: StateCriminalises }) {
  const t = ui.t;
  const provisions = state.articles.flatMap((a) =>
    a.provisions.map((p) => ({ ...p, instrument: a.instrument, article: a.number })),
  );
  const seen = new Set<string>();
  return (
    <div class="state-provisions">
      <h4>
        {name}:{' '}
        <span class={`st st-${state.status}`}>
          {COVERAGE_SYMBOL[state.status]} {t(`coverage.status.${state.status}`)}
        </span>
      </h4>
      <ul>
        {provisions
          .filter((p) => !seen.has(p.uri) && seen.add(p.uri))
          .map((p) => (
            <li>
              <a href={p.uri}>{p.label}</a> (
              {t(`coverage.status.${p.coverage === 'full' ? 'covered' : 'partial'}`)})
              <details>
                <summary>{t('coop.text')}</summary>
                <p lang={p.language} class="provision-text">
                  {p.text}
                </p>
              </details>
            </li>
          ))}
      </ul>
    </div>
  );
}

/** The requested state's competent authorities: what each accepts and needs (contacts on the authority's own page). */
function RequestedAuthorities({
  ui,
  basis,
  authorities,
}: {
  ui: Ui;
  basis: LegalBasis;
  authorities: Authority[];
}) {
  const t = ui.t;
  const country = stateName(ui, basis.requested);
  return (
    <section id="authorities">
      <h2>{t('auth.of_requested', { country })}</h2>
      {authorities.length === 0 && <p>{t('auth.none_for_country', { country })}</p>}
      {authorities.map((a) => (
        <article class="authority">
          <h3>
            <a href={`/authorities/${a.id}`}>{a.name}</a>
            {a.fictional && ` (${t('auth.fictional_short')})`}
          </h3>
          <AuthorityFacts ui={ui} authority={a} />
          {a.requirements && (
            <details>
              <summary>{t('auth.requirements')}</summary>
              <Checklist text={a.requirements} />
            </details>
          )}
        </article>
      ))}
    </section>
  );
}
