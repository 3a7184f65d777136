/** The preview of an imported law: the law editor filled with what was read, nothing saved yet. */
import type { FastifyRequest } from 'fastify';
import type { Orm } from '../../core/db/connect.js';
import type { UncertainLine } from '../../domains/intake/scan.js';
import type { Proposal } from '../../domains/intake/service.js';
import { rowsFromTree } from '../../domains/legislation/provisions-editor.js';
import { findWork } from '../../domains/legislation/service.js';
import { conceptOptions, countryOptions } from '../editorial/form-support.js';
import { NewWorkPage } from '../legislation/edit-views.js';
import { titleFields } from '../shell/titles.js';
import { placeChecks } from '../legislation/ocr-checks.js';

/** The form's `upload` for a read scan: the import job keeps the file until the law is saved (../legislation/edit-routes.ts). */
export const scanUpload = (job: number) => `scan:${job}`;

/** `upload`: the kept file (a pending upload's id, or scanUpload), attached to the law when it is saved; `notices` lead the page. */
export async function previewPage(
  db: Orm,
  req: FastifyRequest,
  proposal: Proposal & { kind: 'work' },
  upload: string,
  notices: string[],
  uncertain: UncertainLine[] = [],
) {
  const w = proposal.work;
  const e = w.expressions[0];
  const form = {
    country: w.country,
    type: w.type,
    number: w.number,
    year: String(w.year),
    ...titleFields(w.title),
    date_adopted: w.date_adopted ?? '',
    status: w.status,
    tier: 'public',
    source: w.source ?? '',
    language: e.language,
    date: e.date,
    expression_title: e.title,
    authoritative: 'on',
    upload,
  };
  const existing = await findWork(db, w);
  const rows = rowsFromTree(e.provisions);
  return NewWorkPage({
    ui: req.ui,
    form,
    rows,
    errors: {},
    countries: await countryOptions(db, req),
    concepts: await conceptOptions(db, req),
    warnings: [
      ...notices,
      ...(existing ? [req.ui.t('import.new_version', { uri: existing.uri })] : []),
      ...proposal.warnings,
    ],
    uncertain: placeChecks(rows, uncertain),
  });
}
