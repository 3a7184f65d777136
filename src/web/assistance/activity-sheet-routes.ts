/** Activities kept in spreadsheets (web/shell/sheet-routes.ts): the XLSX, the import API and pages. */
import type { ActivityInput } from '../../domains/assistance/activities.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

export const activitySheetRoutes = sheetRoutes<ActivityInput>({
  api: '/api/v1/activities',
  page: '/assistance/activities/import',
  tag: 'assistance',
  summaries: {
    download:
      "The activities the caller may see as XLSX, names in the reader's language (?lang=): the template to fill and import back",
    import:
      "Import activities from CSV or XLSX (the columns of their XLSX; a row with an id changes that activity's own columns): each row checked; written only with confirm=true and when every row is right",
  },
  read: 'signed_in',
  records: SHEETS.activities,
  texts: async (_db, _viewer, _scope, ui) => ({
    title: ui.t('ta.import_activities'),
    intro: ui.t('ta.import_activities_intro'),
    back: { href: '/assistance/activities', label: ui.t('ta.activities') },
  }),
  shown: async (_db, ui) => ({
    headers: [ui.t('ta.title'), ui.t('ta.kind'), ui.t('ta.countries'), ui.t('ta.dates')],
    cells: (a) => [
      a.title,
      ui.t(`ta.kind.${a.kind}`),
      a.countries.join(', '),
      [a.actual_start ?? a.planned_start, a.actual_end ?? a.planned_end].filter(Boolean).join(' – '),
    ],
  }),
});
