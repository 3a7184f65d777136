/**
 * Form pieces for the back office, in one place to import from: the basics (fields.tsx: CSRF field,
 * labelled inputs with their error at the field, notices), the pickers that let people choose by
 * name in their language while the form sends codes (pickers.tsx: countries, languages, M49
 * regions, concepts) and titles per language (titles.tsx).
 */
export {
  ActionButton,
  byName,
  Csrf,
  Field,
  type FieldErrors,
  fieldErrors,
  fieldId,
  listValue,
  Message,
  type Option,
  Select,
} from './fields.js';
export {
  type ConceptOption,
  ConceptPicker,
  CountrySelect,
  LANGUAGES,
  LanguageSelect,
  languageOptions,
  RegionSelect,
} from './pickers.js';
export { type TitleRow, TitlesField, titleFields, titleRows, titlesFromForm } from './titles.js';
