/** Contributions and funding needs kept in spreadsheets (web/shell/sheet-routes.ts): the XLSX, the import API and pages. */
import { localName } from '../../core/i18n.js';
import type { ContributionInput } from '../../domains/assistance/funding.js';
import type { NeedRow } from '../../domains/assistance/funding-sheets.js';
import { listOrganisations } from '../../domains/assistance/funding.js';
import { listRegions } from '../../domains/reference/service.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

const back = (ui: { t: (k: string) => string }) => ({
  href: '/assistance/funding',
  label: ui.t('fund.title'),
});

export const contributionSheetRoutes = sheetRoutes<ContributionInput>({
  api: '/api/v1/contributions',
  page: '/assistance/funding/contributions/import',
  tag: 'assistance',
  summaries: {
    download:
      "The contributions the caller may see as XLSX, names in the reader's language (?lang=): the template to fill and import back",
    import:
      'Import contributions from CSV or XLSX (the columns of their XLSX; a row with an id changes that contribution): each row checked; written only with confirm=true and when every row is right',
  },
  read: 'signed_in',
  records: SHEETS.contributions,
  texts: async (_db, _viewer, _scope, ui) => ({
    title: ui.t('fund.import_contributions'),
    intro: ui.t('fund.import_contributions_intro'),
    back: back(ui),
  }),
  async shown(db, ui) {
    const t = ui.t;
    const donors = new Map((await listOrganisations(db)).map((o) => [o.id, o.name]));
    return {
      headers: [t('fund.donor'), t('fund.amount'), t('fund.pledged'), t('fund.earmark')],
      cells: (c) => [
        donors.get(c.donor) ?? '',
        `${c.amount.toLocaleString(ui.lang)} ${c.currency}`,
        c.pledged,
        c.earmark === 'none'
          ? t('fund.earmark.none')
          : `${t(`fund.earmark.${c.earmark}`)}: ${c.earmark_value}`,
      ],
    };
  },
});

export const needSheetRoutes = sheetRoutes<NeedRow>({
  api: '/api/v1/funding-needs',
  page: '/assistance/funding/needs/import',
  tag: 'assistance',
  summaries: {
    download:
      "The funding needs as XLSX, regions named in the reader's language (?lang=): the template to fill and import back",
    import:
      'Import funding needs from CSV or XLSX (year, region, post, usd; a row sets the need of its year, region and post): each row checked; written only with confirm=true and when every row is right',
  },
  read: 'signed_in',
  records: SHEETS.needs,
  texts: async (_db, _viewer, _scope, ui) => ({
    title: ui.t('fund.import_needs'),
    intro: ui.t('fund.import_needs_intro'),
    back: back(ui),
  }),
  async shown(db, ui) {
    const t = ui.t;
    const regions = new Map((await listRegions(db)).map((r) => [r.code, r.names]));
    return {
      headers: [t('ta.year'), t('rep.col.region'), t('fund.post'), t('fund.needed')],
      cells: (n) => [n.year, n.region ? localName(regions.get(n.region), ui.lang).text : '', n.post, n.usd],
    };
  },
});
