/** An activity's participants kept in spreadsheets (web/shell/sheet-routes.ts): the XLSX, the import API and pages. */
import { localName } from '../../core/i18n.js';
import { getActivity } from '../../domains/assistance/activities.js';
import type { ParticipantRow } from '../../domains/assistance/participant-sheet.js';
import { countryNames } from '../../domains/reference/service.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

export const participantSheetRoutes = sheetRoutes<ParticipantRow>({
  api: '/api/v1/activities/:id/participants',
  page: '/assistance/activities/:id/participants/import',
  tag: 'assistance',
  summaries: {
    download:
      "An activity's participant rows as XLSX, names in the reader's language (?lang=): the template to fill and import back",
    import:
      "Import an activity's participant rows from CSV or XLSX (the columns of its XLSX): each row checked; written only with confirm=true and when every row is right",
  },
  read: 'signed_in',
  records: SHEETS.participants,
  async texts(db, viewer, { id }, ui) {
    const activity = await getActivity(db, viewer, id);
    return {
      title: ui.t('ta.part_import'),
      intro: ui.t('ta.part_import_intro'),
      back: { href: `/assistance/activities/${id}`, label: activity.title },
    };
  },
  async shown(db, ui) {
    const t = ui.t;
    const names = await countryNames(db);
    return {
      headers: [t('rep.col.role'), t('rep.col.sex'), t('filter.country'), t('rep.col.people')],
      cells: (v) => [
        t(`ta.role.${v.role}`),
        t(`ta.sex.${v.sex}`),
        v.country ? localName(names.get(v.country), ui.lang).text : '',
        v.count,
      ],
    };
  },
});
