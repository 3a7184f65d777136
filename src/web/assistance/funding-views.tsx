/** The funding page: the position per year and region, contributions, organisations, and the forms to record them. */
import { canRunProgramme } from '../../core/access.js';
import { Csrf, Field, Select } from '../shell/fields.js';
import { formatDate, formatNumber } from '../../core/i18n.js';
import { localName } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Contribution, Organisation, PositionRow } from '../../domains/assistance/funding.js';
import { ORGANISATION_KINDS } from '../../domains/assistance/funding.js';

const usd = (n: number, ui: Ui) => formatNumber(Math.round(n), ui);

export function FundingPage({
  ui,
  position,
  contributions,
  organisations,
  regions,
  error,
}: {
  ui: Ui;
  position: PositionRow[];
  contributions: Contribution[];
  organisations: Organisation[];
  regions: [string, string][];
  error?: string;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('fund.title')}>
      <p class="chips">
        <a href="/assistance">{t('ta.dashboard')}</a>
        <a href="/assistance/requests">{t('ta.requests')}</a>
        <a href="/assistance/activities">{t('ta.activities')}</a>
        <a href="/assistance/funding" aria-current="page">
          {t('fund.title')}
        </a>
      </p>
      <h1>{t('fund.title')}</h1>
      {error && <p class="message error">{error}</p>}
      <p>{t('fund.intro')}</p>
      <FundingPositionTable ui={ui} position={position} />
      <h2>{t('fund.contributions')}</h2>
      <ContributionsTable ui={ui} contributions={contributions} regions={regions} />
      {canRunProgramme(ui.viewer) && (
        <p id="funding-sheets">
          <a href="/assistance/funding/contributions/import">{t('fund.import_contributions')}</a> ·{' '}
          <a href="/assistance/funding/needs/import">{t('fund.import_needs')}</a>
        </p>
      )}
      {canRunProgramme(ui.viewer) && (
        <div class="grid2">
          <ContributionForm ui={ui} organisations={organisations} />
          <div>
            <NeedForm ui={ui} regions={regions} />
            <OrganisationForm ui={ui} />
          </div>
        </div>
      )}
    </Layout>
  );
}

/** The funding position: per year and region, what is needed, earmarked, shared, the gap and the months covered. */
function FundingPositionTable({ ui, position }: { ui: Ui; position: PositionRow[] }) {
  const t = ui.t;
  return (
    <table class="list funding-position">
      <thead>
        <tr>
          <th>{t('ta.year')}</th>
          <th>{t('document.region')}</th>
          <th class="n">{t('fund.needed')}</th>
          <th class="n">{t('fund.earmarked')}</th>
          <th class="n">{t('fund.share')}</th>
          <th class="n">{t('fund.gap')}</th>
          <th class="n">{t('fund.months')}</th>
        </tr>
      </thead>
      <tbody>
        {position.map((p) => (
          <tr id={`pos-${p.year}-${p.region ?? 'global'}`}>
            <td>{p.year}</td>
            <td>{p.region_names ? localName(p.region_names, ui.lang).text : t('fund.global')}</td>
            <td class="n">{usd(p.needed, ui)}</td>
            <td class="n">{usd(p.earmarked, ui)}</td>
            <td class="n">{usd(p.share, ui)}</td>
            <td class="n gap">{usd(p.gap, ui)}</td>
            <td class="n months">{p.months}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The contributions: donor, amount, value in USD, period, when received, and what they are earmarked for. */
function ContributionsTable({
  ui,
  contributions,
  regions,
}: {
  ui: Ui;
  contributions: Contribution[];
  regions: [string, string][];
}) {
  const t = ui.t;
  const regionName = new Map(regions);
  return (
    <table class="list">
      <thead>
        <tr>
          <th scope="col">{t('fund.col.donor')}</th>
          <th scope="col">{t('fund.col.amount')}</th>
          <th scope="col">{t('fund.col.usd')}</th>
          <th scope="col">{t('fund.col.period')}</th>
          <th scope="col">{t('fund.col.received')}</th>
          <th scope="col">{t('fund.col.earmark')}</th>
        </tr>
      </thead>
      <tbody>
        {contributions.map((c) => (
          <tr>
            <td>
              <a href={`/assistance/organisations/${c.donor}`}>{c.donor_name}</a>
            </td>
            <td class="n">
              {formatNumber(c.amount, ui)} {c.currency}
            </td>
            <td class="n">{usd(c.usd ?? c.amount, ui)} USD</td>
            <td>
              {c.period_start}–{c.period_end}
            </td>
            <td>{c.received ? formatDate(c.received, ui) : t('fund.pledged_only')}</td>
            <td>
              {c.earmark === 'none'
                ? t('fund.not_earmarked')
                : `${t(`fund.earmark.${c.earmark}`)}: ${(c.earmark === 'region' && regionName.get(c.earmark_value ?? '')) || c.earmark_value}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form to record a contribution from a donor. */
function ContributionForm({ ui, organisations }: { ui: Ui; organisations: Organisation[] }) {
  const t = ui.t;
  return (
    <form method="post" action="/assistance/funding/contributions" class="stack">
      <h3>{t('fund.add_contribution')}</h3>
      <Csrf ui={ui} />
      <Select
        label={t('fund.donor')}
        name="donor"
        options={organisations.map((o) => [String(o.id), o.name])}
      />
      <Field label={t('fund.amount')} name="amount" type="number" required />
      <Field label={t('fund.currency')} name="currency" value="USD" />
      <Field label={t('fund.usd')} name="usd" type="number" />
      <Field label={t('fund.pledged')} name="pledged" type="date" required />
      <Field label={t('fund.received')} name="received" type="date" />
      <Field label={t('fund.period_start')} name="period_start" type="number" required />
      <Field label={t('fund.period_end')} name="period_end" type="number" required />
      <Select
        label={t('fund.earmark')}
        name="earmark"
        value="none"
        options={(['none', 'region', 'country', 'theme'] as const).map((e) => [e, t(`fund.earmark.${e}`)])}
      />
      <Field label={t('fund.earmark_value')} name="earmark_value" hint={t('fund.earmark_hint')} />
      <button type="submit">{t('fund.save')}</button>
    </form>
  );
}

/** The form to record a funding need: a post for a year, globally or in a region. */
function NeedForm({ ui, regions }: { ui: Ui; regions: [string, string][] }) {
  const t = ui.t;
  return (
    <form method="post" action="/assistance/funding/needs" class="stack">
      <h3>{t('fund.add_need')}</h3>
      <Csrf ui={ui} />
      <Field label={t('ta.year')} name="year" type="number" required />
      <Select label={t('document.region')} name="region" options={[['', t('fund.global')], ...regions]} />
      <Field label={t('fund.post')} name="post" required />
      <Field label={t('fund.needed')} name="usd" type="number" required />
      <button type="submit">{t('fund.save')}</button>
    </form>
  );
}

/** The form to add an organisation (donor or partner) by name and kind. */
function OrganisationForm({ ui }: { ui: Ui }) {
  const t = ui.t;
  return (
    <form method="post" action="/assistance/funding/organisations" class="stack">
      <h3>{t('fund.add_organisation')}</h3>
      <Csrf ui={ui} />
      <Field label={t('fund.name')} name="name" required />
      <Select
        label={t('ta.kind')}
        name="kind"
        options={ORGANISATION_KINDS.map((k) => [k, t(`fund.org.${k}`)])}
      />
      <button type="submit">{t('fund.save')}</button>
    </form>
  );
}
