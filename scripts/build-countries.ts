/**
 * Builds src/domains/reference/data/countries.json (shipped with cyrepo) from the UN M49 table
 * (../shared/data/real/countries, UNSD, English and French), the UN's short names in its six languages
 * (UNTERM, via datasets/country-codes) and the i18n-iso-countries package for what UNTERM lacks;
 * area names in es/ar/ru/zh from m49-names.json.
 * Run: npx tsx scripts/build-countries.ts [SHARED_COUNTRIES_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const src = process.argv[2] ?? '../shared/data/real/countries';
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
for (const l of LANGS) countries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));

type Row = Record<string, string>;
const read = (f: string): Row[] =>
  parse(readFileSync(join(src, f)), { columns: true, bom: true, skip_empty_lines: true });
const en = read('unsd-m49-en.csv');
const fr = new Map(read('unsd-m49-fr.csv').map((r) => [r['M49 Code'], r]));
const codes = read('datasets-country-codes.csv');
// UN Member States: UNTERM lists members and observers; is_independent excludes Cook Islands and Niue.
// Côte d'Ivoire and Türkiye lack UNTERM names in that file but are members; the Holy See and
// the State of Palestine are observers.
const members = new Set(
  codes
    .filter((r) => r['UNTERM English Short'].trim() && r.is_independent === 'Yes')
    .map((r) => r['ISO3166-1-Alpha-3']),
);
members.add('CIV');
members.add('TUR');
members.delete('VAT');
members.delete('PSE');

// Country names are the UN's short names (UNTERM, as the UN writes them in its six languages:
// Cabo Verde, Côte d'Ivoire, Democratic People's Republic of Korea, Türkiye, Viet Nam…), without
// the article UNTERM adds in brackets ("Kenya (le)", "Netherlands (the)") or its mark for observer
// States; places UNTERM does not list (territories) take their UNSD M49 name in each language,
// then the i18n-iso-countries name.
const byIso3 = new Map(codes.map((r) => [r['ISO3166-1-Alpha-3'], r]));
const UNTERM_COLUMN = {
  ar: 'Arabic',
  zh: 'Chinese',
  en: 'English',
  fr: 'French',
  ru: 'Russian',
  es: 'Spanish',
} as const;
const M49_COLUMN = {
  ar: 'official_name_ar',
  zh: 'official_name_cn',
  en: 'official_name_en',
  fr: 'official_name_fr',
  ru: 'official_name_ru',
  es: 'official_name_es',
} as const;
// Members whose UNTERM names the file lacks (the M49 export even says "Ivory Coast").
const UN_NAMES: Record<string, Record<(typeof LANGS)[number], string>> = {
  CIV: {
    ar: 'كوت ديفوار',
    zh: '科特迪瓦',
    en: "Côte d'Ivoire",
    fr: "Côte d'Ivoire",
    ru: 'Кот-д’Ивуар',
    es: "Côte d'Ivoire",
  },
  TUR: { ar: 'تركيا', zh: '土耳其', en: 'Türkiye', fr: 'Türkiye', ru: 'Турция', es: 'Türkiye' },
};
const ARTICLE = /\s*\((the|l'|le|la|les|el|los|las)\)$/;
// Taiwan has no M49 entry of its own; the file's "Taiwan" is not a UN name: keep ISO's.
const NOT_M49 = new Set(['TWN']);
function unName(iso3: string, lang: (typeof LANGS)[number]): string | undefined {
  if (UN_NAMES[iso3]) return UN_NAMES[iso3][lang];
  if (NOT_M49.has(iso3)) return undefined;
  const row = byIso3.get(iso3);
  const short = row?.[`UNTERM ${UNTERM_COLUMN[lang]} Short`]
    ?.replace(/\s*\*$/, '')
    .replace(ARTICLE, '')
    .trim();
  return short || row?.[M49_COLUMN[lang]]?.trim() || undefined;
}

// Spanish, Arabic, Russian and Chinese area names (UNSD M49 publishes all six languages; the export here has en/fr).
const otherNames = JSON.parse(
  readFileSync(new URL('../src/domains/reference/data/m49-names.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, string>>;
const areas = new Map<
  string,
  { code: string; level: string; parent_code: string | null; names: Record<string, string> }
>();
function area(code: string, level: string, parent: string | null, nameEn: string, nameFr: string) {
  if (code && !areas.has(code))
    areas.set(code, {
      code,
      level,
      parent_code: parent || null,
      names: { en: nameEn, fr: nameFr, ...otherNames[code] },
    });
}

const out = en.map((r) => {
  const f = fr.get(r['M49 Code']) ?? r;
  area(r['Region Code'], 'region', null, r['Region Name'], f['Region Name']);
  area(r['Sub-region Code'], 'subregion', r['Region Code'], r['Sub-region Name'], f['Sub-region Name']);
  area(
    r['Intermediate Region Code'],
    'intermediate',
    r['Sub-region Code'],
    r['Intermediate Region Name'],
    f['Intermediate Region Name'],
  );
  const iso2 = r['ISO-alpha2 Code'];
  const names = Object.fromEntries(
    LANGS.map((l) => [
      l,
      unName(r['ISO-alpha3 Code'], l) ??
        countries.getName(iso2, l) ??
        (l === 'fr' ? f['Country or Area'] : r['Country or Area']),
    ]),
  );
  return {
    iso3: r['ISO-alpha3 Code'],
    iso2,
    numeric: r['M49 Code'],
    names,
    region_code: r['Region Code'] || null,
    subregion_code: r['Sub-region Code'] || null,
    intermediate_code: r['Intermediate Region Code'] || null,
    un_member: members.has(r['ISO-alpha3 Code']),
  };
});
// Antarctica has no M49 region and is missing from the UNSD export.
if (!out.some((c) => c.iso3 === 'ATA'))
  out.push({
    iso3: 'ATA',
    iso2: 'AQ',
    numeric: '010',
    names: Object.fromEntries(LANGS.map((l) => [l, countries.getName('AQ', l)!])),
    region_code: null,
    subregion_code: null,
    intermediate_code: null,
    un_member: false,
  });
// The European Union legislates too (e.g. Directive 2013/40/EU on attacks against information
// systems); it has the ISO 3166 reserved alpha-2 code EU, the alpha-3 EUU used by the World Bank,
// and no M49 number.
const EU_NAMES = {
  ar: 'الاتحاد الأوروبي',
  zh: '欧洲联盟',
  en: 'European Union',
  fr: 'Union européenne',
  ru: 'Европейский союз',
  es: 'Unión Europea',
};
out.push({
  iso3: 'EUU',
  iso2: 'EU',
  numeric: '',
  names: EU_NAMES,
  region_code: '150',
  subregion_code: null,
  intermediate_code: null,
  un_member: false,
});
out.sort((a, b) => a.iso3.localeCompare(b.iso3));
const file = {
  source:
    'UNSD M49 and UNTERM short names (via datasets/country-codes), i18n-iso-countries for territories UNTERM does not list',
  areas: [...areas.values()],
  countries: out,
};
writeFileSync(
  new URL('../src/domains/reference/data/countries.json', import.meta.url),
  `${JSON.stringify(file, null, 1)}\n`,
);
console.log(
  `${out.length} countries (${out.filter((c) => c.un_member).length} UN members), ${areas.size} areas`,
);
