/** The legal basis between each pair of chosen states: a symmetric table of the instruments binding both. */
import { formatDate, localName } from '../../core/i18n.js';
import type { Matrix } from '../../domains/cooperation/legal-basis.js';
import { instrumentName } from '../../domains/reference/names.js';
import { Field, type FieldErrors, type Option } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { CountrySelect } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';

export function MatrixPage(props: {
  ui: Ui;
  countries: Option[];
  query: { countries: string[]; on?: string };
  matrix?: Matrix;
  errors: FieldErrors;
}) {
  const { ui, matrix } = props;
  const t = ui.t;
  const name = (s: { iso3: string; names: Record<string, string> }) =>
    localName(s.names, ui.lang).text || s.iso3;
  const cell = (a: string, b: string) =>
    matrix?.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.instruments ?? [];
  return (
    <Layout ui={ui} title={t('coop.matrix')}>
      <p class="crumbs">
        <a href="/cooperation">{t('coop.title')}</a>
      </p>
      <h1>{t('coop.matrix')}</h1>
      <p>{t('coop.matrix_intro')}</p>
      <form method="get" action="/cooperation/matrix" class="filters">
        <CountrySelect
          ui={ui}
          countries={props.countries}
          name="countries"
          label={t('coop.matrix_states')}
          multiple
          values={props.query.countries}
          errors={props.errors}
        />
        <Field
          label={t('coop.on')}
          name="on"
          type="date"
          value={props.query.on}
          hint={t('coop.on_hint')}
          errors={props.errors}
        />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {matrix && matrix.states.length > 1 && (
        <div class="table-wrap">
          <table class="matrix">
            <caption>{formatDate(matrix.on, ui)}</caption>
            <thead>
              <tr>
                <td />
                {matrix.states.map((s) => (
                  <th scope="col">{name(s)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.states.map((a) => (
                <tr>
                  <th scope="row">{name(a)}</th>
                  {matrix.states.map((b) => {
                    if (a.iso3 === b.iso3) return <td>—</td>;
                    const list = cell(a.iso3, b.iso3);
                    return (
                      <td>
                        <a href={`/cooperation?from=${a.iso3}&to=${b.iso3}`}>
                          {list.length
                            ? list.map((i) => instrumentName(ui.lang, i.code)).join(', ')
                            : t('auth.basis.reciprocity')}
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
