/** The directory of competent authorities kept in spreadsheets (web/shell/sheet-routes.ts): the XLSX, the import API and pages. */
import { localName } from '../../core/i18n.js';
import type { AuthorityInput } from '../../domains/cooperation/authorities.js';
import { countryNames } from '../../domains/reference/service.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

export const authorityImportRoutes = sheetRoutes<AuthorityInput>({
  api: '/api/v1/authorities',
  page: '/authorities/import',
  tag: 'cooperation',
  summaries: {
    download:
      "The directory of competent authorities as XLSX, names in the reader's language (?lang=), contacts for those who may see them: the sheet to fill and import back",
    import:
      'Import authorities from CSV or XLSX (the columns of their XLSX or CSV export): a row with an id, or with the country, kind and name of an authority, changes it; any other adds one. Each row checked; written only with confirm=true and when every row is right',
  },
  read: 'public',
  records: SHEETS.authorities,
  texts: async (_db, _viewer, _scope, ui) => ({
    title: ui.t('auth.import'),
    intro: ui.t('auth.import_intro'),
    back: { href: '/authorities', label: ui.t('auth.title') },
  }),
  async shown(db, ui) {
    const t = ui.t;
    const names = await countryNames(db);
    return {
      headers: [t('filter.country'), t('auth.kind'), t('auth.name')],
      cells: (a) => [localName(names.get(a.country), ui.lang).text, t(`auth.kind.${a.kind}`), a.name],
    };
  },
});
