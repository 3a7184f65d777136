/** Importing an activity's participants from a spreadsheet: download, upload, each row's preview with its problems, confirm. */
import type { SheetRow } from '../../core/files/sheet.js';
import { localName } from '../../core/i18n.js';
import type { PreviewRow } from '../../core/files/sheet-import.js';
import type { ParticipantRow } from '../../domains/assistance/participant-sheet.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';

export function ParticipantImportPage({
  ui,
  activity,
  sheet,
  rows,
  countryNames,
}: {
  ui: Ui;
  activity: { id: number; title: string };
  sheet?: SheetRow[];
  rows?: PreviewRow<ParticipantRow>[];
  countryNames?: Map<string, Record<string, string>>;
}) {
  const t = ui.t;
  const bad = rows?.filter((r) => r.errors.length) ?? [];
  const base = `/assistance/activities/${activity.id}/participants`;
  return (
    <Layout ui={ui} title={t('ta.part_import')}>
      <p class="crumbs">
        <a href={`/assistance/activities/${activity.id}`}>{activity.title}</a>
      </p>
      <h1>{t('ta.part_import')}</h1>
      <p>{t('ta.part_import_intro')}</p>
      <p>
        <a href={`/api/v1/activities/${activity.id}/participants.xlsx?lang=${ui.lang}`} download>
          {t('ta.part_download')}
        </a>
      </p>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="stack">
        <Csrf ui={ui} />
        <label for="f-file">{t('import.file')}</label>
        <input id="f-file" type="file" name="file" accept=".csv,.xlsx,text/csv" required />
        <button type="submit">{t('import.preview')}</button>
      </form>
      {rows && (
        <section id="preview">
          <h2>{t('import.rows', { n: rows.length, bad: bad.length })}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('import.line')}</th>
                  <th>{t('import.action')}</th>
                  <th>{t('rep.col.role')}</th>
                  <th>{t('rep.col.sex')}</th>
                  <th>{t('filter.country')}</th>
                  <th class="n">{t('rep.col.people')}</th>
                  <th>{t('import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr class={r.errors.length ? 'has-error' : undefined}>
                    <td>{r.line}</td>
                    <td>{t(`import.${r.action}`)}</td>
                    <td>{r.values ? t(`ta.role.${r.values.role}`) : ''}</td>
                    <td>{r.values ? t(`ta.sex.${r.values.sex}`) : ''}</td>
                    <td>
                      {r.values?.country ? localName(countryNames?.get(r.values.country), ui.lang).text : ''}
                    </td>
                    <td class="n">{r.values?.count ?? ''}</td>
                    <td>
                      {r.errors.map((e) => (
                        <div class="error">
                          {e.field}: {e.message}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bad.length ? (
            <p class="error">{t('import.fix')}</p>
          ) : (
            <form method="post" action={`${base}/import/confirm`}>
              <Csrf ui={ui} />
              <input type="hidden" name="rows" value={JSON.stringify(sheet)} />
              <button type="submit" class="primary">
                {t('import.confirm', { n: rows.length })}
              </button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}
