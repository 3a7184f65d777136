/** The markers drafters number provisions with, per language, and how to read their numbers. */
const DIGITS = String.raw`[0-9٠-٩]+[A-Za-z]?(?:[.\-/][0-9]+[A-Za-z]?)*`;
const ORDINALS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|preliminary|premier|première|deuxième|troisième|primero|segundo|tercero|cuarto|quinto|único|unico|preliminar|primeiro|terceiro';
/** A container's number: digits, Roman numerals, an ordinal word, or an Arabic word (الأول). */
const CNUM = String.raw`(${DIGITS}|[IVXLCDM]+\b|(?:${ORDINALS})\b|[\u0600-\u06FF]+)`;
/** An article's number: digits, or an Arabic ordinal word (المادة الأولى). */
const ANUM = String.raw`(${DIGITS}|[\u0600-\u06FF]+)`;
const SEP = String.raw`(?:\s*[º°ª])?\.?\s*(?:[-—–:.]+\s*)*`;
/** Containers (part, title, chapter, …): their order of first appearance sets how they nest. */
export const CONTAINERS: [string, RegExp][] = [
  ['book', new RegExp(String.raw`^(?:book|livre|libro|livro|книга)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  ['part', new RegExp(String.raw`^(?:part|partie|parte|раздел|الباب)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  ['title', new RegExp(String.raw`^(?:title|titre|t[íi]tulo)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  [
    'chapter',
    new RegExp(String.raw`^(?:chapter|chapitre|cap[íi]tulo|глава|الفصل)\s+${CNUM}${SEP}(.*)$`, 'iu'),
  ],
  [
    'division',
    new RegExp(String.raw`^(?:division|secci[óo]n|sec[çc][ãa]o|параграф|القسم)\s+${CNUM}${SEP}(.*)$`, 'iu'),
  ],
];
export const ARTICLE = new RegExp(
  String.raw`^(?:(?:article|art[íi]culo|artigo|articolo|artikel|статья|المادة|مادة)\s+|art\.\s*|ст\.\s*)\(?${ANUM}\)?${SEP}(.*)$`,
  'iu',
);
export const SECTION = new RegExp(String.raw`^(?:section\s+|sec\.\s*|s\.\s*|§\s*)${ANUM}${SEP}(.*)$`, 'iu');
export const NUMBERED = /^(\d+[A-Z]?)\.\s*(.*)$/u;
/** Subdivisions of a section, by the style of their number; how they nest is learnt per section. */
export const SUBDIVISIONS: [string, RegExp][] = [
  ['roman', /^\(((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv))\)\s*(.*)$/u],
  ['num', /^(?:subsection\s*)?\((\d+[A-Za-z]?)\)\s*(.*)$/iu],
  ['alpha', /^(?:(?:paragraph|item|PARAGRAPH|ITEM)\s*)?\(([a-z]{1,2})\)\s*(.*)$/u],
  ['ALPHA', /^\(([A-Z]{1,2})\)\s*(.*)$/u],
  ['alpha', /^([a-z])\)\s+(.*)$/u],
];
export const NUMBERED_SUB = /^(\d+)[.)]\s+(.*)$/u;
export const SUB_KINDS = ['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item'];
export const CHINESE = /^第([一二三四五六七八九十百千零〇两\d]+)(编|章|节|条)\s*(.*)$/u;
export const CHINESE_KIND: Record<string, string> = {
  编: 'part',
  章: 'chapter',
  节: 'division',
  条: 'article',
};
export const ARRANGEMENT =
  /^(arrangement of (sections|clauses|articles)|table of contents|contents|índice|sommaire|table des matières|sumário|содержание|الفهرس|فهرس|目录)$/iu;

/** Chinese numerals to a number (二百八十五 → 285). */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = {
    零: 0,
    〇: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in digits) digit = digits[ch];
    else if (ch in units) {
      total += (digit || 1) * units[ch];
      digit = 0;
    }
  }
  return total + digit;
}

/** Arabic-Indic digits (٠-٩) as ASCII digits. */
export const arabicDigits = (s: string) => s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
