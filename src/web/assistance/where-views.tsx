/** Who does what where: per country, each implementer's activities on a map and in a table, and the budgets organisations declare for the country. */
import { localName } from '../../core/i18n.js';
import type { WhereRow } from '../../domains/assistance/dashboard.js';
import type { CountryBudget } from '../../domains/assistance/iati-organisation.js';
import { BudgetCells, BudgetHeads } from './budget-cells.js';
import { Layout } from '../shell/layout.js';
import { WorldMap } from '../shell/map.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';

export function WherePage({ ui, list, budgets }: { ui: Ui; list: WhereRow[]; budgets: CountryBudget[] }) {
  const t = ui.t;
  const perCountry = new Map<string, WhereRow[]>();
  for (const r of list) perCountry.set(r.iso3, [...(perCountry.get(r.iso3) ?? []), r]);
  return (
    <Layout ui={ui} title={t('ta.where')}>
      <h1>{t('ta.where')}</h1>
      <Nav ui={ui} />
      <WorldMap
        label={t('ta.where_map')}
        measure={t('ta.where_measure')}
        countries={[...perCountry.values()].map((rows) => ({
          numeric: rows[0].numeric,
          iso3: rows[0].iso3,
          name: localName(rows[0].names, ui.lang).text,
          value: rows.length,
        }))}
        thresholds={[1, 2, 3, 5]}
        href={(iso3) => `/assistance/where?country=${iso3}`}
        legend={[t('map.none'), '1', '2', '3–4', '5+']}
      />
      <table class="list where">
        <thead>
          <tr>
            <th>{t('filter.country')}</th>
            <th>{t('ta.implementer')}</th>
            <th class="n">{t('ta.activities')}</th>
            <th>{t('ta.kind')}</th>
            <th>{t('ta.dates')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr>
              <td>{localName(r.names, ui.lang).text}</td>
              <td>{r.implementer ?? t('ta.own_programme')}</td>
              <td class="n">
                <a href={`/assistance/activities?country=${r.iso3}`}>{r.activities}</a>
              </td>
              <td>{r.kinds.map((k) => t(`ta.kind.${k}`)).join(', ')}</td>
              <td>
                {r.first ?? ''}–{r.last ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {budgets.length > 0 && <h2>{t('ta.where_budgets')}</h2>}
      {budgets.length > 0 && (
        <table class="list" id="country-budgets">
          <thead>
            <tr>
              <th>{t('filter.country')}</th>
              <th>{t('rep.col.organisation')}</th>
              <BudgetHeads ui={ui} />
            </tr>
          </thead>
          <tbody>
            {budgets.map((b) => (
              <tr>
                <td>{localName(b.names, ui.lang).text}</td>
                <td>
                  <a href={`/assistance/organisations/${b.organisation}`}>{b.organisation_name}</a>
                </td>
                <BudgetCells ui={ui} budget={b} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
