/**
 * Form pieces for the back office: the CSRF field, labelled inputs with their error (shown at the
 * field, tied to it with aria-describedby), notices, and the pickers that let people choose by name
 * in their language while the form sends codes: countries (ISO alpha-3), languages (ISO 639-2/T),
 * M49 regions, concepts and titles per language.
 */
import type { ComponentChildren } from 'preact';
import { languageName, type Translate, type UiLang } from '../../core/i18n.js';
import type { Ui } from './ui.js';

export type FieldErrors = Record<string, string>;
/** A choice of a select: [value sent, text shown]. */
export type Option = [string, string];

export const Csrf = ({ ui }: { ui: Ui }) => <input type="hidden" name="_csrf" value={ui.csrf} />;

/** The id of a field's control, and of its hint and error (`${id}-hint`, `${id}-error`). */
export const fieldId = (name: string) => `f-${name.replace(/[^a-z0-9_-]/gi, '-')}`;
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The hint and the error under a control. */
function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <strong class="error" id={`${id}-error`}>
          {error}
        </strong>
      )}
    </>
  );
}

export function Field(props: {
  label: string;
  name: string;
  value?: string | null;
  errors?: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'url';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  rows?: number;
  dir?: 'rtl' | 'ltr';
  lang?: string;
  min?: string;
  step?: string;
}) {
  const error = props.errors?.[props.name];
  const id = fieldId(props.name);
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy(id, props.hint, error),
    dir: props.dir,
    lang: props.lang,
  };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          min={props.min}
          step={props.step}
        />
      )}
      <Notes id={id} hint={props.hint} error={error} />
    </div>
  );
}

export function Select(props: {
  label: string;
  name: string;
  value?: string | null;
  options: Option[];
  errors?: FieldErrors;
  multiple?: boolean;
  values?: string[];
  hint?: string;
  required?: boolean;
  size?: number;
}) {
  const error = props.errors?.[props.name];
  const id = fieldId(props.name);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        multiple={props.multiple}
        size={props.multiple ? (props.size ?? 8) : undefined}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.options.map(([value, text]) => (
          <option
            value={value}
            selected={props.multiple ? props.values?.includes(value) : value === (props.value ?? '')}
          >
            {text}
          </option>
        ))}
      </select>
      <Notes id={id} hint={props.hint} error={error} />
    </div>
  );
}

/** Options sorted by their text as the UI language sorts it. */
export function byName(options: Option[], lang: UiLang): Option[] {
  const collator = new Intl.Collator(lang);
  return [...options].sort((a, b) => collator.compare(a[1], b[1]));
}

/**
 * A country chosen by name (value: ISO alpha-3). `countries` come from countryOptions (names in the
 * viewer's language, sorted); `blank` adds an empty first choice with that text.
 */
export function CountrySelect(props: {
  ui: Ui;
  countries: Option[];
  label?: string;
  name?: string;
  value?: string | null;
  errors?: FieldErrors;
  blank?: string;
  multiple?: boolean;
  values?: string[];
  hint?: string;
}) {
  const options: Option[] =
    props.blank !== undefined ? [['', props.blank], ...props.countries] : props.countries;
  return (
    <Select
      label={props.label ?? props.ui.t('filter.country')}
      name={props.name ?? 'country'}
      value={props.value}
      values={props.values}
      multiple={props.multiple}
      options={options}
      errors={props.errors}
      hint={props.hint ?? (props.multiple ? props.ui.t('form.multiple_hint') : undefined)}
      size={props.multiple ? 10 : undefined}
    />
  );
}

/** Content languages offered by the pickers (ISO 639-2/T): the UN's six first, then those of the countries the programme works with. */
export const LANGUAGES = [
  'eng',
  'fra',
  'spa',
  'ara',
  'rus',
  'zho',
  'por',
  'deu',
  'ita',
  'nld',
  'swa',
  'tha',
  'ind',
  'vie',
  'msa',
  'fil',
  'khm',
  'lao',
  'mya',
  'tur',
  'fas',
  'urd',
  'hin',
  'ben',
  'amh',
  'som',
  'hau',
  'yor',
  'ibo',
  'kin',
  'mlg',
  'ukr',
  'pol',
  'ron',
  'ell',
  'heb',
  'jpn',
  'kor',
  'kat',
  'hye',
  'aze',
  'kaz',
  'uzb',
  'mon',
  'srp',
  'hrv',
  'bos',
  'sqi',
  'mkd',
  'bul',
] as const;

/** The language choices, by name in the UI language; a code already stored but not in the list stays choosable. */
export function languageOptions(lang: UiLang, keep: (string | null | undefined)[] = []): Option[] {
  const codes = [...new Set([...LANGUAGES, ...keep.filter((c): c is string => !!c && /^[a-z]{3}$/.test(c))])];
  return byName(
    codes.map((c) => [c, languageName(c, lang)]),
    lang,
  );
}

export function LanguageSelect(props: {
  ui: Ui;
  label?: string;
  name?: string;
  value?: string | null;
  errors?: FieldErrors;
  blank?: string;
  hint?: string;
}) {
  const options = languageOptions(props.ui.lang, [props.value]);
  return (
    <Select
      label={props.label ?? props.ui.t('editwork.language')}
      name={props.name ?? 'language'}
      value={props.value ?? ''}
      options={props.blank !== undefined ? [['', props.blank], ...options] : options}
      errors={props.errors}
      hint={props.hint}
    />
  );
}

/** An M49 region, sub-region or intermediate region chosen by name (value: the M49 code). */
export function RegionSelect(props: {
  ui: Ui;
  regions: Option[];
  label?: string;
  name?: string;
  value?: string | null;
  errors?: FieldErrors;
  blank?: string;
  hint?: string;
}) {
  // A value stored before regions were codes (e.g. a name) stays choosable, so that saving the form keeps it.
  const kept: Option[] =
    props.value && !props.regions.some(([v]) => v === props.value) ? [[props.value, props.value]] : [];
  const options: Option[] = [['', props.blank ?? props.ui.t('form.no_region')], ...kept, ...props.regions];
  return (
    <Select
      label={props.label ?? props.ui.t('document.region')}
      name={props.name ?? 'region'}
      value={props.value ?? ''}
      options={options}
      errors={props.errors}
      hint={props.hint}
    />
  );
}

export type ConceptOption = { code: string; kind: string; label: string };
const CONCEPT_KINDS = ['offence', 'procedural_power', 'cooperation', 'cross_cutting'];

/**
 * Concepts as checkboxes grouped by kind, labelled in the UI language; the form sends the codes
 * (an empty hidden value first, so that unticking every box clears the list). Codes stored but
 * unknown to the taxonomy stay ticked under their code.
 */
export function ConceptPicker(props: {
  ui: Ui;
  concepts: ConceptOption[];
  values: string[];
  label?: string;
  name?: string;
  errors?: FieldErrors;
  hint?: string;
}) {
  const t = props.ui.t;
  const name = props.name ?? 'concepts';
  const error = props.errors?.[name];
  const id = fieldId(name);
  const known = new Set(props.concepts.map((c) => c.code));
  const other = props.values.filter((v) => v && !known.has(v));
  const kinds = [
    ...CONCEPT_KINDS,
    ...new Set(props.concepts.map((c) => c.kind).filter((k) => !CONCEPT_KINDS.includes(k))),
  ];
  const box = (code: string, label: string) => (
    <label class="inline concept">
      <input type="checkbox" name={name} value={code} checked={props.values.includes(code)} /> {label}{' '}
    </label>
  );
  return (
    <fieldset
      class={`field concepts${error ? ' has-error' : ''}`}
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend>{props.label ?? t('editwork.concepts')}</legend>
      <input type="hidden" name={name} value="" />
      {kinds.map((kind) => {
        const list = props.concepts.filter((c) => c.kind === kind);
        return (
          list.length > 0 && (
            <details open={list.some((c) => props.values.includes(c.code)) || undefined}>
              <summary>
                {t(`concept.kind.${kind}`)}
                {list.some((c) => props.values.includes(c.code)) &&
                  ` (${list.filter((c) => props.values.includes(c.code)).length})`}
              </summary>
              <p>{list.map((c) => box(c.code, c.label))}</p>
            </details>
          )
        );
      })}
      {other.length > 0 && <p>{other.map((code) => box(code, code))}</p>}
      <Notes id={id} hint={props.hint} error={error} />
    </fieldset>
  );
}

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

export function Message({ kind, children }: { kind: 'ok' | 'error'; children: ComponentChildren }) {
  return (
    <p class={`message ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** A POST button in its own small form (with the CSRF field). */
export function ActionButton({
  ui,
  action,
  label,
  name,
  value,
  danger,
}: {
  ui: Ui;
  action: string;
  label: string;
  name?: string;
  value?: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline">
      <Csrf ui={ui} />
      {name && <input type="hidden" name={name} value={value} />}
      <button type="submit" class={danger ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  );
}

/** zod issues → { field: message } for inline messages. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[i.path.map(String).join('.')] ??= i.message;
  return out;
}

/** A comma-joined list from a form (repeated fields arrive joined), without blanks. */
export const listValue = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
