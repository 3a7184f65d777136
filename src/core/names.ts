/**
 * What a person types for a closed value (a country, a role, a kind) in any of the six UN
 * languages, told apart from what it means: names are compared folded (case, accents, spacing and
 * underscores aside), and a plural label also matches its singular ("investigators" is
 * "investigator", "enquêteurs" is "enquêteur").
 */
import { catalogs, languageName, UI_LANGUAGES } from './i18n.js';
import { CONTENT_LANGUAGES, toTwoLetter } from './languages.js';

export const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** A folded name, then without a plural's final -s or -es (words of four letters or more). */
const forms = (folded: string) => [
  folded,
  ...(/\p{L}{4}$/u.test(folded) && folded.endsWith('s') ? [folded.slice(0, -1)] : []),
  ...(/\p{L}{5}$/u.test(folded) && folded.endsWith('es') ? [folded.slice(0, -2)] : []),
];

/** A lookup from what may be typed to the value it names (the folded names, and singulars of plural ones). */
export class Named {
  private readonly names = new Map<string, string>();

  add(value: string, ...names: (string | null | undefined)[]): this {
    for (const name of names)
      if (name) for (const form of forms(fold(name))) if (!this.names.has(form)) this.names.set(form, value);
    return this;
  }

  /** The value `text` names, or undefined. */
  find(text: string): string | undefined {
    for (const form of forms(fold(text))) {
      const value = this.names.get(form);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

/** The values of a closed list, named by their code and by their label under `prefix` in every UI language. */
export function labelled(prefix: string, values: readonly string[]): Named {
  const named = new Named();
  for (const value of values)
    named.add(value, value, ...UI_LANGUAGES.map((lang) => catalogs[lang][`${prefix}.${value}`]));
  return named;
}

let languages: Named | undefined;
/** The languages legislation comes in (ISO 639-2/T), by either code and by their names in every UI language. */
export function languagesNamed(): Named {
  languages ??= CONTENT_LANGUAGES.reduce(
    (named, code) =>
      named.add(code, code, toTwoLetter(code), ...UI_LANGUAGES.map((lang) => languageName(code, lang))),
    new Named(),
  );
  return languages;
}
