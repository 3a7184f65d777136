/** What a declared budget shows wherever it is listed (an organisation's page, who does what where): its period, amount and status. */
import { formatDate, formatNumber } from '../../core/i18n.js';
import type { Ui } from '../shell/ui.js';

type Budget = {
  period_start: string;
  period_end: string;
  value: number;
  currency: string;
  status: string | null;
};

export function BudgetHeads({ ui }: { ui: Ui }) {
  return (
    <>
      <th>{ui.t('org.iati.period')}</th>
      <th class="n">{ui.t('org.iati.amount')}</th>
      <th>{ui.t('org.iati.status')}</th>
    </>
  );
}

export function BudgetCells({ ui, budget: b }: { ui: Ui; budget: Budget }) {
  return (
    <>
      <td>
        {formatDate(b.period_start, ui)} – {formatDate(b.period_end, ui)}
      </td>
      <td class="n">
        {formatNumber(b.value, ui)} {b.currency}
      </td>
      <td>{b.status ? ui.t(`org.iati.status.${b.status}`) : ''}</td>
    </>
  );
}
