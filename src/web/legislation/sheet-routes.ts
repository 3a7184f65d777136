/** Laws kept in spreadsheets (web/shell/sheet-routes.ts): laws to add, and laws' metadata to change. */
import { languageName, localName } from '../../core/i18n.js';
import type { WorkInput } from '../../domains/legislation/input.js';
import { countryNames } from '../../domains/reference/service.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

export const workSheetRoutes = sheetRoutes<WorkInput, string>({
  api: '/api/v1/works',
  page: '/edit/laws/import',
  tag: 'legislation',
  summaries: {
    download:
      "The laws the caller may see as XLSX (metadata; `texts` counts each law's texts), names in the reader's language (?lang=): the template of laws to add, and the sheet to change and import back",
    import:
      "Import laws from CSV or XLSX (the columns of their XLSX): a row without an id adds a law whose text is still to come (a draft); one with an id changes that law's metadata. Each row checked; written only with confirm=true and when every row is right",
  },
  read: 'contribute',
  write: 'contribute',
  records: SHEETS.laws,
  texts: async (_db, _viewer, _scope, ui) => ({
    title: ui.t('sheet.laws_title'),
    intro: ui.t('sheet.laws_intro'),
    back: { href: '/edit', label: ui.t('edit.title') },
  }),
  async shown(db, ui) {
    const t = ui.t;
    const names = await countryNames(db);
    return {
      headers: [
        t('filter.country'),
        t('work.type'),
        t('editwork.year'),
        t('editwork.number'),
        t('sheet.title'),
      ],
      cells: (w) => {
        const [language, title] = Object.entries(w.title)[0]!;
        return [
          localName(names.get(w.country), ui.lang).text,
          t(`work.type.${w.type}`),
          w.year,
          w.number,
          `${title} (${languageName(language, ui.lang)})`,
        ];
      },
    };
  },
});
