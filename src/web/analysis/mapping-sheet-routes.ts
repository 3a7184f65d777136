/** A law's mappings kept in a spreadsheet (web/shell/sheet-routes.ts), for a reviewer who works offline. */
import { z } from 'zod';
import { localName } from '../../core/i18n.js';
import type { MappingRow } from '../../domains/analysis/mapping-sheet.js';
import { getWorkRow } from '../../domains/legislation/service.js';
import { sheetRoutes } from '../shell/sheet-routes.js';
import { SHEETS } from '../../domains/imports/sheets.js';

export const mappingSheetRoutes = sheetRoutes<MappingRow, number, string>({
  api: '/api/v1/works/:id/mappings',
  page: '/edit/work/:id/mappings/import',
  tag: 'analysis',
  summaries: {
    download:
      "A law's provisions (of its main text) with their mappings as XLSX, one row per mapping, coverage in the reader's language (?lang=): the sheet a reviewer fills offline and imports back",
    import:
      "Import a law's mappings from CSV or XLSX (the columns of its XLSX): a row with an id changes that mapping (an empty article removes it), one without maps its provision. Each row checked; written only with confirm=true and when every row is right, as one change of the law",
  },
  read: 'contribute',
  write: 'contribute',
  scopeId: z.string().min(1),
  records: SHEETS.mappings,
  async texts(db, viewer, { id }, ui) {
    const work = await getWorkRow(db, viewer, id);
    return {
      title: ui.t('sheet.mappings_title'),
      intro: ui.t('sheet.mappings_intro'),
      back: { href: `/edit/work/${encodeURIComponent(id)}`, label: localName(work.title, ui.lang).text },
    };
  },
  shown: async (_db, ui) => ({
    headers: [ui.t('sheet.provision'), ui.t('sheet.article'), ui.t('sheet.coverage')],
    cells: (m) => [
      m.eid,
      m.article ? `${m.instrument} ${ui.t('article.short')} ${m.article}` : '—',
      m.article ? ui.t(`coverage.${m.coverage}`) : '',
    ],
  }),
});
