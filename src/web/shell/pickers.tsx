/** Pickers to choose by name in one's language while the form sends codes: countries, languages, regions, concepts. */
import { languageName, type UiLang } from '../../core/i18n.js';
import { byName, describedBy, type FieldErrors, fieldId, Notes, type Option, Select } from './fields.js';
import type { Ui } from './ui.js';

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
