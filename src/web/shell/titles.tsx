/** A title per language in a form: rows of language picker and text, read back and checked. */
import type { Translate } from '../../core/i18n.js';
import { describedBy, Field, type FieldErrors, fieldId, Notes } from './fields.js';
import { LANGUAGES, LanguageSelect } from './pickers.js';
import type { Ui } from './ui.js';

export type TitleRow = { lang: string; text: string };

/** The title rows of a form (title.N.lang, title.N.text), else the older "eng = Title" lines of `titles`. */
export function titleRows(form: Record<string, string | undefined>): TitleRow[] {
  const rows = new Map<number, TitleRow>();
  for (const [key, value] of Object.entries(form)) {
    const m = /^title\.(\d{1,3})\.(lang|text)$/.exec(key);
    if (!m) continue;
    const row = rows.get(Number(m[1])) ?? { lang: '', text: '' };
    row[m[2] as 'lang' | 'text'] = String(value ?? '');
    rows.set(Number(m[1]), row);
  }
  if (rows.size) return [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
  return (form.titles ?? '')
    .split(/\r?\n/)
    .map((l) => /^\s*([a-z]{3})\s*[=:]\s*(.+?)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ lang: m[1], text: m[2] }));
}

/** The form fields of a stored title: one row per language. */
export const titleFields = (title: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(title).flatMap(([lang, text], i) => [
      [`title.${i}.lang`, lang],
      [`title.${i}.text`, text],
    ]),
  );

/** Titles per language from the rows: each filled row needs a language of the list (or one already stored), once; at least one title. */
export function titlesFromForm(
  form: Record<string, string | undefined>,
  t: Translate,
  keep: string[] = [],
): { ok: true; value: Record<string, string> } | { ok: false; errors: FieldErrors } {
  const allowed = new Set<string>([...LANGUAGES, ...keep]);
  const value: Record<string, string> = {};
  const errors: FieldErrors = {};
  titleRows(form).forEach((row, i) => {
    const text = row.text.trim();
    if (!text && !row.lang) return;
    if (!text) errors[`title.${i}.text`] = t('form.title_missing');
    else if (!allowed.has(row.lang)) errors[`title.${i}.lang`] = t('form.choose_language');
    else if (value[row.lang] !== undefined) errors[`title.${i}.lang`] = t('form.title_twice');
    else value[row.lang] = text;
  });
  if (!Object.keys(value).length && !Object.keys(errors).length) errors.titles = t('form.title_required');
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Titles as one row per language (language picker + title), with an empty row to add one more. */
export function TitlesField({
  ui,
  form,
  errors = {},
  label,
  hint,
}: {
  ui: Ui;
  form: Record<string, string | undefined>;
  errors?: FieldErrors;
  label?: string;
  hint?: string;
}) {
  const t = ui.t;
  const rows = titleRows(form);
  const shown = [...rows, { lang: rows.length ? '' : 'eng', text: '' }];
  const error = errors.titles;
  const id = fieldId('titles');
  return (
    <fieldset
      class={`field titles${error ? ' has-error' : ''}`}
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, hint ?? t('editwork.titles_hint'), error)}
    >
      <legend>{label ?? t('editwork.titles')}</legend>
      {shown.map((row, i) => (
        <div class="grid2 title-row">
          <LanguageSelect
            ui={ui}
            label={t('form.title_language', { n: i + 1 })}
            name={`title.${i}.lang`}
            value={row.lang}
            errors={errors}
            blank="—"
          />
          <Field
            label={t('form.title_text', { n: i + 1 })}
            name={`title.${i}.text`}
            value={row.text}
            errors={errors}
          />
        </div>
      ))}
      <Notes id={id} hint={hint ?? t('editwork.titles_hint')} error={error} />
    </fieldset>
  );
}
