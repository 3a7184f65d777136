/**
 * UI strings from per-language catalogs (src/core/i18n/*.json, English is the reference), the
 * language of a request (?lang= → cookie → Accept-Language → English), and content-language helpers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toContentLanguage, toTwoLetter } from './languages.js';

export const UI_LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
export type UiLang = (typeof UI_LANGUAGES)[number];
export const LANGUAGE_NATIVE: Record<UiLang, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
  ru: 'Русский',
  zh: '中文',
};

/** UI language → ISO 639-2/T code used for content. */
export const CONTENT_CODE = Object.fromEntries(UI_LANGUAGES.map((l) => [l, toContentLanguage(l)!])) as Record<
  UiLang,
  string
>;

const dir = join(dirname(fileURLToPath(import.meta.url)), 'i18n');
export type Catalog = Record<string, string>;
export const catalogs: Record<UiLang, Catalog> = Object.fromEntries(
  UI_LANGUAGES.map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Catalog]),
) as Record<UiLang, Catalog>;

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Variables that name a thing rather than count it: numbers, but written without grouping ("2016", "#1234"). */
const IDENTIFIERS = /(^|_)(year|id|from|to)$/;

/** The closing brace matching the opening one at `start`, or -1. */
function closing(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A catalog message with its variables: `{name}` is replaced by the value (numbers with the
 * language's grouping, except years and ids), and ICU plurals pick the branch for a number by the
 * language's plural rules — `{count, plural, =0 {none} one {# activity} other {# activities}}`
 * (exact `=N` first, then zero, one, two, few, many, other as Intl.PluralRules says; `#` is the number).
 */
export function formatMessage(
  lang: UiLang,
  template: string,
  vars: Record<string, string | number> = {},
  hash?: string,
): string {
  const numbers = new Intl.NumberFormat(lang);
  const show = (name: string, v: string | number) =>
    typeof v === 'number' && !IDENTIFIERS.test(name) ? numbers.format(v) : String(v);
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '#' && hash !== undefined) {
      out += hash;
      continue;
    }
    const end = ch === '{' ? closing(template, i) : -1;
    if (end < 0) {
      out += ch;
      continue;
    }
    const body = template.slice(i + 1, end);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(body);
    if (plural) out += pluralBranch(lang, plural[1]!, body.slice(plural[0].length), vars, numbers);
    else if (/^\w+$/.test(body)) out += body in vars ? show(body, vars[body]!) : `{${body}}`;
    else out += template.slice(i, end + 1);
    i = end;
  }
  return out;
}

function pluralBranch(
  lang: UiLang,
  name: string,
  options: string,
  vars: Record<string, string | number>,
  numbers: Intl.NumberFormat,
): string {
  const n = Number(vars[name]);
  if (!(name in vars) || Number.isNaN(n)) return `{${name}}`;
  const branches = new Map<string, string>();
  for (let i = 0; i < options.length; ) {
    const m = /^\s*(=\d+|\w+)\s*\{/.exec(options.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const end = closing(options, open);
    if (end < 0) break;
    branches.set(m[1]!, options.slice(open + 1, end));
    i = end + 1;
  }
  const branch =
    branches.get(`=${n}`) ??
    branches.get(new Intl.PluralRules(lang).select(n)) ??
    branches.get('other') ??
    '';
  return formatMessage(lang, branch, vars, numbers.format(n));
}

export function translator(lang: UiLang): Translate {
  const cat = catalogs[lang];
  return (key, vars) => {
    const template = cat[key] ?? catalogs.en[key] ?? key;
    return vars ? formatMessage(lang, template, vars) : template;
  };
}

export const isUiLang = (v: unknown): v is UiLang =>
  typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);

export function pickLanguage(query: unknown, cookie: unknown, acceptLanguage: string | undefined): UiLang {
  if (isUiLang(query)) return query;
  if (isUiLang(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isUiLang(code)) return code;
  }
  return 'en';
}

/** A name in the wanted UI language, else English, else the first there is; `lang` says which was used. */
export function localName(
  names: Record<string, string> | null | undefined,
  lang: UiLang,
): { text: string; lang: string } {
  if (!names) return { text: '', lang };
  for (const key of [lang, CONTENT_CODE[lang], 'en', 'eng'])
    if (names[key]) return { text: names[key], lang: key };
  const [first] = Object.entries(names);
  return first ? { text: first[1], lang: first[0] } : { text: '', lang };
}

const LANGUAGE_NAMES = new Map<string, string>();
/** The name of a content language (ISO 639-2/T) in the UI language, e.g. spa → "Spanish". */
export function languageName(code: string, lang: UiLang): string {
  const key = `${code}:${lang}`;
  if (!LANGUAGE_NAMES.has(key)) {
    let name = code;
    try {
      name = new Intl.DisplayNames([lang], { type: 'language' }).of(toTwoLetter(code) ?? code) ?? code;
    } catch {
      /* unknown code: show it as is */
    }
    LANGUAGE_NAMES.set(key, name);
  }
  return LANGUAGE_NAMES.get(key)!;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per UI language.
// English dates are written as the United Nations writes them: day, month, year (en-GB), not en-US.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(date: string | null | undefined, ui: { lang: string }): string {
  if (!date) return '';
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  let format = dateFormats.get(ui.lang);
  if (!format)
    dateFormats.set(
      ui.lang,
      (format = new Intl.DateTimeFormat(ui.lang === 'en' ? 'en-GB' : ui.lang, {
        dateStyle: 'long',
        timeZone: 'UTC',
      })),
    );
  return format.format(d);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number with the grouping of the reader's language (12 750, 12,750, ١٢٬٧٥٠). */
export function formatNumber(n: number, ui: { lang: string }): string {
  let format = numberFormats.get(ui.lang);
  if (!format) numberFormats.set(ui.lang, (format = new Intl.NumberFormat(ui.lang)));
  return format.format(n);
}
