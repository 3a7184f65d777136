/** Importing the directory: the upload form, then each row's preview with its problems, then confirm. */
import type { ImportRow } from '../../domains/cooperation/authority-import.js';
import { Csrf } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';

export function ImportPage({
  ui,
  records,
  rows,
}: {
  ui: Ui;
  records?: Record<string, string>[];
  rows?: ImportRow[];
}) {
  const t = ui.t;
  const bad = rows?.filter((r) => r.errors.length) ?? [];
  return (
    <Layout ui={ui} title={t('auth.import')}>
      <p class="crumbs">
        <a href="/authorities">{t('auth.title')}</a>
      </p>
      <h1>{t('auth.import')}</h1>
      <p>{t('auth.import_intro')}</p>
      <form method="post" action="/authorities/import" enctype="multipart/form-data" class="stack">
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
                  <th>{t('auth.name')}</th>
                  <th>{t('import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr class={r.errors.length ? 'has-error' : undefined}>
                    <td>{r.line}</td>
                    <td>{t(`import.${r.action}`)}</td>
                    <td>{r.authority ? `${r.authority.name} (${r.authority.country})` : ''}</td>
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
            <form method="post" action="/authorities/import/confirm">
              <Csrf ui={ui} />
              <input type="hidden" name="records" value={JSON.stringify(records)} />
              <button type="submit">{t('import.confirm', { n: rows.length })}</button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}
