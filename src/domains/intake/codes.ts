/**
 * Country and language codes as real files write them — `za`, `GB-UKM`, `uk`, `ita`, `en`, `esp` —
 * mapped to cyrepo's ISO 3166 alpha-3 and ISO 639-2/T codes, or an error naming the unknown code.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { IntakeError } from './errors.js';

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
/** Bibliographic and other codes seen in files → 639-2/T. */
const ALIASES: Record<string, string> = {
  esp: 'spa',
  fre: 'fra',
  ger: 'deu',
  dut: 'nld',
  chi: 'zho',
  per: 'fas',
  gre: 'ell',
  cze: 'ces',
  rum: 'ron',
  slo: 'slk',
  alb: 'sqi',
  arm: 'hye',
  baq: 'eus',
  bur: 'mya',
  geo: 'kat',
  ice: 'isl',
  mac: 'mkd',
  may: 'msa',
  wel: 'cym',
  sve: 'swe',
  ned: 'nld',
  jap: 'jpn',
  kis: 'swa',
};
const KNOWN = new Set([...Object.values(TWO_TO_THREE), 'mul', 'und', 'lat', 'grc']);

export function languageFrom(raw: string | null | undefined, where: string): string {
  const code = (raw ?? '').trim().toLowerCase();
  if (!code)
    throw new IntakeError(
      'unknown_language',
      `${where}: the language is not given; say which it is (--language, e.g. eng)`,
    );
  const base = code.split(/[-_]/)[0];
  const mapped = TWO_TO_THREE[base] ?? ALIASES[base] ?? (KNOWN.has(base) ? base : undefined);
  if (!mapped) throw new IntakeError('unknown_language', `${where}: unknown language code "${raw}"`);
  return mapped;
}

/** Two-letter codes used in place of the ISO one. */
const COUNTRY_ALIASES: Record<string, string> = { uk: 'GB', el: 'GR' };

/** The alpha-3 code of a country written as alpha-2, alpha-3 or an ISO 3166-2 subdivision (GB-SCT). */
export async function countryFrom(
  db: Orm,
  raw: string | null | undefined,
  where: string,
): Promise<{ iso3: string; iso2: string }> {
  const code = (raw ?? '').trim();
  if (!code)
    throw new IntakeError(
      'unknown_country',
      `${where}: the country is not given; say which it is (--country, e.g. KEN)`,
    );
  const head = code.split(/[-_]/)[0].toLowerCase();
  const iso2 = COUNTRY_ALIASES[head] ?? head.toUpperCase();
  const [found] = await rows<{ iso3: string; iso2: string }>(
    db,
    sql`SELECT iso3, iso2 FROM country WHERE iso2 = ${iso2} OR iso3 = ${iso2} LIMIT 1`,
  );
  if (!found) throw new IntakeError('unknown_country', `${where}: unknown country code "${raw}"`);
  return found;
}
