/**
 * Language codes, in one table: content is tagged with ISO 639-2/T codes (eng, fra, ara), while the
 * interface, lexicons, BCP 47 attributes and many files use ISO 639-1 (en, fr, ar).
 */
/** ISO 639-1 → 639-2/T for the languages legislation comes in. */
const TWO_TO_THREE: Record<string, string> = {
  af: 'afr',
  am: 'amh',
  ar: 'ara',
  az: 'aze',
  be: 'bel',
  bg: 'bul',
  bn: 'ben',
  bs: 'bos',
  ca: 'cat',
  cs: 'ces',
  cy: 'cym',
  da: 'dan',
  de: 'deu',
  el: 'ell',
  en: 'eng',
  es: 'spa',
  et: 'est',
  eu: 'eus',
  fa: 'fas',
  fi: 'fin',
  fr: 'fra',
  ga: 'gle',
  he: 'heb',
  hi: 'hin',
  hr: 'hrv',
  hu: 'hun',
  hy: 'hye',
  id: 'ind',
  ig: 'ibo',
  is: 'isl',
  it: 'ita',
  ja: 'jpn',
  ka: 'kat',
  kk: 'kaz',
  km: 'khm',
  ko: 'kor',
  ky: 'kir',
  lo: 'lao',
  lt: 'lit',
  lv: 'lav',
  mg: 'mlg',
  mk: 'mkd',
  mn: 'mon',
  ms: 'msa',
  mt: 'mlt',
  my: 'mya',
  ne: 'nep',
  nl: 'nld',
  no: 'nor',
  ny: 'nya',
  pl: 'pol',
  ps: 'pus',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  rw: 'kin',
  si: 'sin',
  sk: 'slk',
  sl: 'slv',
  so: 'som',
  sq: 'sqi',
  sr: 'srp',
  sv: 'swe',
  sw: 'swa',
  ta: 'tam',
  tg: 'tgk',
  th: 'tha',
  tk: 'tuk',
  tl: 'tgl',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  uz: 'uzb',
  vi: 'vie',
  xh: 'xho',
  yo: 'yor',
  zh: 'zho',
  zu: 'zul',
  ha: 'hau',
  st: 'sot',
  tn: 'tsn',
  sn: 'sna',
  ln: 'lin',
  kg: 'kon',
  rn: 'run',
  ti: 'tir',
  om: 'orm',
  dv: 'div',
  fj: 'fij',
  sm: 'smo',
  to: 'ton',
};

const THREE_TO_TWO = new Map(Object.entries(TWO_TO_THREE).map(([two, three]) => [three, two]));

/** The ISO 639-2/T codes cyrepo knows a two-letter code for. */
export const CONTENT_LANGUAGES: readonly string[] = Object.values(TWO_TO_THREE);

/** ISO 639-1 → ISO 639-2/T (en → eng), or undefined for a code not in the table. */
export const toContentLanguage = (two: string): string | undefined => TWO_TO_THREE[two];

/** ISO 639-2/T → ISO 639-1 (eng → en), or undefined when the language has no two-letter code here. */
export const toTwoLetter = (three: string): string | undefined => THREE_TO_TWO.get(three);

/** The BCP 47 tag for a content language, for lang="" attributes: the two-letter code where there is one. */
export const bcp47 = (code: string): string => toTwoLetter(code) ?? code;

/** Whether a language (either code) is written right to left. */
export const isRtl = (code: string) => ['ar', 'ara', 'he', 'heb', 'fa', 'fas', 'ur', 'urd'].includes(code);
