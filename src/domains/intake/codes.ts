/**
 * Country and language codes as real files write them — `za`, `GB-UKM`, `uk`, `ita`, `en`, `esp` —
 * mapped to cyrepo's ISO 3166 alpha-3 and ISO 639-2/T codes, or an error naming the unknown code.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { IntakeError } from './errors.js';
import { CONTENT_LANGUAGES, toContentLanguage } from '../../core/languages.js';

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
const KNOWN = new Set([...CONTENT_LANGUAGES, 'mul', 'und', 'lat', 'grc']);

export function languageFrom(raw: string | null | undefined, where: string): string {
  const code = (raw ?? '').trim().toLowerCase();
  if (!code)
    throw new IntakeError(
      'unknown_language',
      `${where}: the language is not given; say which it is (--language, e.g. eng)`,
    );
  const base = code.split(/[-_]/)[0];
  const mapped = toContentLanguage(base) ?? ALIASES[base] ?? (KNOWN.has(base) ? base : undefined);
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
