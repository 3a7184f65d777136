/** Organisations: the list (donors, partners, hosts) and one organisation's contributions and activities by role. */
import { formatDate, formatNumber, localName } from '../../core/i18n.js';
import { BudgetCells, BudgetHeads } from './budget-cells.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { OrganisationDetail, OrganisationSummary } from '../../domains/assistance/organisations.js';
import { Nav } from '../shell/nav.js';

export function OrganisationsPage({ ui, list }: { ui: Ui; list: OrganisationSummary[] }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('org.title')}>
      <h1>{t('org.title')}</h1>
      <Nav ui={ui} />
      <p id="iati-files">
        {t('org.iati.files')} <a href="/api/v1/iati/activities.xml">{t('org.iati.file.activities')}</a> ·{' '}
        <a href="/api/v1/iati/organisation.xml">{t('org.iati.file.organisation')}</a>
      </p>
      <table class="list">
        <thead>
          <tr>
            <th>{t('rep.col.organisation')}</th>
            <th>{t('rep.col.org_kind')}</th>
            <th>{t('rep.col.activities')}</th>
            <th>{t('rep.fig.contributions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr>
              <th scope="row">
                <a href={`/assistance/organisations/${o.id}`}>{o.name}</a>
              </th>
              <td>{t(`fund.org.${o.kind}`)}</td>
              <td class="n">{o.activities}</td>
              <td class="n">{o.contributions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function OrganisationPage({ ui, org }: { ui: Ui; org: OrganisationDetail }) {
  const t = ui.t;
  const year = new Date().getUTCFullYear() - 1;
  return (
    <Layout ui={ui} title={org.name}>
      <h1>{org.name}</h1>
      <Nav ui={ui} />
      <p>
        {t(`fund.org.${org.kind}`)}
        {org.country ? ` · ${org.country}` : ''}
        {org.iati_ref ? ` · IATI ${org.iati_ref}` : ''}
      </p>
      <h2>{t('rep.tab.contributions')}</h2>
      {org.contributions.length ? (
        <>
          <table class="list" id="contributions">
            <tbody>
              {org.contributions.map((c) => (
                <tr>
                  <td>{formatDate(c.pledged, ui)}</td>
                  <td class="n">
                    {formatNumber(c.amount, ui)} {c.currency}
                  </td>
                  <td class="n">{formatNumber(Math.round(c.usd ?? c.amount), ui)} USD</td>
                  <td>{c.received ? formatDate(c.received, ui) : t('fund.pledged_only')}</td>
                  <td>
                    {c.earmark === 'none'
                      ? t('fund.not_earmarked')
                      : `${t(`fund.earmark.${c.earmark}`)}: ${c.earmark_value}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={`/reports/donor?donor=${org.id}&from=${year}-01-01&to=${year}-12-31`}>
              {t('rep.kind.donor')}
            </a>
          </p>
        </>
      ) : (
        <p>{t('rep.no_rows')}</p>
      )}
      <h2>{t('ta.activities')}</h2>
      <table class="list" id="activities">
        <tbody>
          {org.activities.map((a) => (
            <tr>
              <td>
                <a href={`/assistance/activities/${a.id}`}>{a.title}</a>
              </td>
              <td>{t(`ta.partner.${a.role}`)}</td>
              <td>{a.countries.join(', ')}</td>
              <td>{a.date ? formatDate(a.date, ui) : '—'}</td>
              <td>{t(`ta.act_status.${a.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Declared ui={ui} declared={org.declared} />
    </Layout>
  );
}

/** Only web addresses become links (a file could carry javascript: or data: addresses). */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** What the organisation declares in its IATI organisation file: budgets, expenditure, documents. */
function Declared({ ui, declared }: { ui: Ui; declared: OrganisationDetail['declared'] }) {
  const t = ui.t;
  if (!declared.budgets.length && !declared.documents.length) return null;
  const recipient = (b: OrganisationDetail['declared']['budgets'][number]) =>
    b.country_names || b.region_names
      ? localName(b.country_names ?? b.region_names, ui.lang).text
      : (b.region ?? b.recipient ?? '');
  const language = new Intl.DisplayNames([ui.lang], { type: 'language' });
  const languageOf = (code: string) => {
    try {
      return language.of(code) ?? code;
    } catch {
      return code; // not a language code
    }
  };
  return (
    <section id="iati-declared">
      <h2>{t('org.iati.title')}</h2>
      {declared.budgets.length > 0 && <h3>{t('org.iati.budgets')}</h3>}
      {declared.budgets.length > 0 && (
        <table class="list" id="iati-budgets">
          <thead>
            <tr>
              <th>{t('org.iati.kind')}</th>
              <th>{t('org.iati.recipient')}</th>
              <BudgetHeads ui={ui} />
            </tr>
          </thead>
          <tbody>
            {declared.budgets.map((b) => (
              <tr>
                <td>{t(`org.iati.kind.${b.kind}`)}</td>
                <td>{recipient(b)}</td>
                <BudgetCells ui={ui} budget={b} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {declared.documents.length > 0 && (
        <>
          <h3>{t('org.iati.documents')}</h3>
          <ul id="iati-documents">
            {declared.documents.map((d) => (
              <li>
                {isWebAddress(d.url) ? (
                  <a href={d.url} rel="noopener noreferrer nofollow">
                    {d.title}
                  </a>
                ) : (
                  d.title
                )}
                {d.date ? ` · ${formatDate(d.date, ui)}` : ''}
                {d.languages.length ? ` · ${d.languages.map(languageOf).join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
