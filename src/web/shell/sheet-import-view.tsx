/** Importing records from a spreadsheet, the same page for every kind: download, upload, each row's preview with its problems, confirm. */
import type { PreviewRow } from '../../core/files/sheet-import.js';
import type { SheetRow } from '../../core/files/sheet.js';
import { Csrf } from './fields.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

export type SheetPageProps = {
  ui: Ui;
  title: string;
  intro: string;
  back: { href: string; label: string };
  download: string;
  /** where the form posts (and, + /confirm, the confirmation) */
  action: string;
  /** the preview's columns: a header and each row's cell */
  shown?: { headers: string[]; cells: (values: never) => (string | number)[] };
  sheet?: SheetRow[];
  rows?: PreviewRow<unknown, unknown>[];
};

export function SheetImportPage({
  ui,
  title,
  intro,
  back,
  download,
  action,
  shown,
  sheet,
  rows,
}: SheetPageProps) {
  const t = ui.t;
  const bad = rows?.filter((r) => r.errors.length) ?? [];
  return (
    <Layout ui={ui} title={title}>
      <p class="crumbs">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{title}</h1>
      <p>{intro}</p>
      <p>
        <a href={download} download>
          {t('import.download')}
        </a>
      </p>
      <form method="post" action={action} enctype="multipart/form-data" class="stack">
        <Csrf ui={ui} />
        <label for="f-file">{t('import.file')}</label>
        <input id="f-file" type="file" name="file" accept=".csv,.xlsx,text/csv" required />
        <button type="submit">{t('import.preview')}</button>
      </form>
      {rows && shown && (
        <section id="preview">
          <h2>{t('import.rows', { n: rows.length, bad: bad.length })}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('import.line')}</th>
                  <th>{t('import.action')}</th>
                  {shown.headers.map((h) => (
                    <th>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr class={r.errors.length ? 'has-error' : undefined}>
                    <td>{r.line}</td>
                    <td>{t(`import.${r.action}`)}</td>
                    {r.values
                      ? shown
                          .cells(r.values as never)
                          .map((c) => <td class={typeof c === 'number' ? 'n' : undefined}>{c}</td>)
                      : shown.headers.map(() => <td />)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bad.length > 0 && (
            // the problems under the table, not in it: a wide table scrolls, they stay readable on a narrow screen
            <ul class="plain row-problems">
              {bad.flatMap((r) =>
                r.errors.map((e) => (
                  <li class="error">
                    {t('import.at', { line: r.line, column: e.field })}: {e.message}
                  </li>
                )),
              )}
            </ul>
          )}
          {bad.length ? (
            <p class="error">{t('import.fix')}</p>
          ) : (
            <form method="post" action={`${action}/confirm`}>
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
