/**
 * Numbers written as words, as drafters write them after "Article", "Part" or "المادة":
 * ordinals in Spanish, Portuguese, French, Italian, English, German, Russian, Indonesian and
 * Swahili ("décimo tercero", "vingt et unième", "двадцать первая", "kedua belas", "ya kwanza"),
 * Arabic ordinals in both genders ("الثانية عشرة", "الحادي والعشرون", "العاشرة بعد المائة") and
 * Chinese numerals ("三百三十九").
 */

/** Lower case, without accents, hyphens as spaces: the form words are looked up in. */
export const foldWord = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\-‐–]+/g, ' ')
    .trim();

const WORDS = new Map<string, number>();
const add = (value: number, ...forms: string[]) => {
  for (const f of forms) WORDS.set(foldWord(f), value);
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Spanish and Portuguese: units, tens and their compounds, masculine and feminine. */
function romance(units: string[], tens: string[], extra: [number, string][]) {
  const both = (w: string) => [w, w.replace(/o$/, 'a')];
  units.forEach((u, i) => {
    add(i + 1, ...both(u));
  });
  tens.forEach((t, i) => {
    add((i + 1) * 10, ...both(t));
    units.forEach((u, j) => {
      const value = (i + 1) * 10 + j + 1;
      for (const [tt, uu] of [
        [t, u],
        [t.replace(/o$/, 'a'), u.replace(/o$/, 'a')],
      ])
        add(value, `${tt} ${uu}`, `${foldWord(tt)}${foldWord(uu)}`);
    });
  });
  for (const [v, w] of extra) add(v, ...both(w));
}
romance(
  ['primero', 'segundo', 'tercero', 'cuarto', 'quinto', 'sexto', 'séptimo', 'octavo', 'noveno'],
  ['décimo', 'vigésimo', 'trigésimo', 'cuadragésimo', 'quincuagésimo', 'sexagésimo', 'septuagésimo'],
  [
    [1, 'primer'],
    [3, 'tercer'],
    [7, 'sétimo'],
    [9, 'nono'],
    [11, 'undécimo'],
    [12, 'duodécimo'],
    [11, 'décimo primer'],
    [13, 'décimo tercer'],
    [100, 'centésimo'],
  ],
);
romance(
  ['primeiro', 'segundo', 'terceiro', 'quarto', 'quinto', 'sexto', 'sétimo', 'oitavo', 'nono'],
  ['décimo', 'vigésimo', 'trigésimo', 'quadragésimo', 'quinquagésimo', 'sexagésimo', 'setuagésimo'],
  [],
);
add(1, 'único', 'única', 'unique', 'unico', 'unica');
// Italian
[
  'primo',
  'secondo',
  'terzo',
  'quarto',
  'quinto',
  'sesto',
  'settimo',
  'ottavo',
  'nono',
  'decimo',
  'undicesimo',
  'dodicesimo',
  'tredicesimo',
  'quattordicesimo',
  'quindicesimo',
  'sedicesimo',
  'diciassettesimo',
  'diciottesimo',
  'diciannovesimo',
  'ventesimo',
].forEach((w, i) => {
  add(i + 1, w, w.replace(/o$/, 'a'));
});

/** Cardinals 1–69 in French, from which the ordinals are made (vingt et un → vingt et unième). */
function frenchCardinals(): string[] {
  const small =
    'un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize'.split(' ');
  const tens = ['dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];
  return range(69).map((n) => {
    if (n <= 16) return small[n - 1];
    const t = tens[Math.floor(n / 10) - 1];
    const u = n % 10;
    return u === 0 ? t : u === 1 && n > 20 ? `${t} et un` : `${t}-${small[u - 1]}`;
  });
}
frenchCardinals().forEach((c, i) => {
  const ordinal = c.replace(/(?:un|cinq|neuf|e)?$/, (m) =>
    m === 'un' ? 'unième' : m === 'cinq' ? 'cinquième' : m === 'neuf' ? 'neuvième' : 'ième',
  );
  add(i + 1, ordinal);
});
add(1, 'premier', 'première', 'premiere', '1er', '1re');
add(2, 'second', 'seconde');

/** English cardinals and ordinals 1–99 (PART ONE, Article Twenty-First). */
function english() {
  const ones =
    'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
      ' ',
    );
  const first =
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'.split(
      ' ',
    );
  const tens = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
  ones.forEach((w, i) => {
    add(i + 1, w, first[i]);
  });
  tens.forEach((t, i) => {
    const v = (i + 2) * 10;
    add(v, t, t.replace(/y$/, 'ieth'));
    for (let u = 1; u <= 9; u++) add(v + u, `${t} ${ones[u - 1]}`, `${t} ${first[u - 1]}`);
  });
}
english();

/** German ordinals before the word they number (Erster Abschnitt, Fünfzehnter Abschnitt). */
function german() {
  const stems =
    'erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft dreizehnt vierzehnt fünfzehnt sechzehnt siebzehnt achtzehnt neunzehnt zwanzigst'.split(
      ' ',
    );
  const units = 'ein zwei drei vier fünf sechs sieben acht neun'.split(' ');
  const forms = (stem: string, v: number) => {
    for (const e of ['er', 'es', 'e', 'en']) add(v, stem + e);
  };
  stems.forEach((s, i) => {
    forms(s, i + 1);
  });
  forms('siebent', 7);
  forms('dreißigst', 30);
  units.forEach((u, i) => {
    forms(`${u}undzwanzigst`, 21 + i);
    forms(`${u}unddreißigst`, 31 + i);
  });
}
german();

/** Russian ordinals in every gender (Статья первая, Раздел второй, двадцать первая). */
function russian() {
  const stems =
    'перв втор трет четверт пят шест седьм восьм девят десят одиннадцат двенадцат тринадцат четырнадцат пятнадцат шестнадцат семнадцат восемнадцат девятнадцат двадцат'.split(
      ' ',
    );
  const endings = ['ая', 'ый', 'ой', 'ое', 'ий', 'ья', 'ье', 'ые'];
  const tens = ['двадцать', 'тридцать', 'сорок', 'пятьдесят'];
  stems.forEach((s, i) => {
    for (const e of endings) {
      add(i + 1, s + e);
      if (i < 9)
        tens.forEach((t, k) => {
          add((k + 2) * 10 + i + 1, `${t} ${s}${e}`);
        });
    }
  });
  for (const e of endings) {
    add(30, `тридцат${e}`);
    add(40, `сороков${e}`);
  }
}
russian();

// Indonesian (Bagian Kesatu, Bagian Kedua Belas) and Swahili (Sehemu ya Kwanza, ya Kumi na Moja).
const ID = 'kesatu kedua ketiga keempat kelima keenam ketujuh kedelapan kesembilan kesepuluh kesebelas'.split(
  ' ',
);
ID.forEach((w, i) => {
  add(i + 1, w);
});
add(1, 'pertama');
ID.slice(1, 9).forEach((w, i) => {
  add(i + 12, `${w} belas`);
  add((i + 2) * 10, `${w} puluh`);
});
const SW = 'kwanza pili tatu nne tano sita saba nane tisa'.split(' ');
const SW_CARD = 'moja mbili tatu nne tano sita saba nane tisa'.split(' ');
SW.forEach((w, i) => {
  add(i + 1, w);
});
add(10, 'kumi');
add(20, 'ishirini');
SW_CARD.forEach((w, i) => {
  add(11 + i, `kumi na ${w}`);
  add(21 + i, `ishirini na ${w}`);
});

const LONGEST = Math.max(...[...WORDS.keys()].map((k) => k.split(' ').length));
/** The words a number in words can start with, to turn other lines away quickly. */
const FIRST = new Set([...WORDS.keys()].map((k) => k.split(' ')[0]));

/** The value of a number written in words at the start of `s`, and how many characters it takes. */
export function readWordNumber(s: string): { value: number; length: number } | null {
  const first = /^[\p{L}\p{M}\d]+/u.exec(s);
  if (!first || !FIRST.has(foldWord(first[0]))) return null;
  const words = [...s.slice(0, 100).matchAll(/[\p{L}\p{M}\d]+/gu)];
  const spans: number[] = [];
  for (const [i, w] of words.entries()) {
    if (i === LONGEST) break;
    const before =
      i === 0 ? s.slice(0, w.index) : s.slice(words[i - 1].index! + words[i - 1][0].length, w.index);
    if (i === 0 ? before !== '' : !/^[\s\-‐–]+$/.test(before)) break;
    spans.push(w.index! + w[0].length);
  }
  for (let k = spans.length; k > 0; k--) {
    const value = WORDS.get(foldWord(s.slice(0, spans[k - 1])));
    if (value !== undefined) return { value, length: spans[k - 1] };
  }
  return null;
}

/** Arabic letters without short vowels and tatweel, alif and final yā'/tā' marbūṭa unified. */
const foldArabic = (w: string) =>
  w
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
const AR_UNITS = new Map<string, number>();
'الاول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر'.split(' ').forEach((w, i) => {
  AR_UNITS.set(w, i + 1);
  AR_UNITS.set(i === 0 ? 'الاولي' : `${w}ه`, i + 1);
});
AR_UNITS.set('الحادي', 1).set('الحاديه', 1);
const AR_TENS = new Map<string, number>();
'العشر الثلاث الاربع الخمس الست السبع الثمان التسع'.split(' ').forEach((w, i) => {
  AR_TENS.set(`${w}ون`, (i + 2) * 10).set(`${w}ين`, (i + 2) * 10);
});
const AR_HUNDREDS = new Map<string, number>([
  ['المائه', 100],
  ['المئه', 100],
  ['المائتين', 200],
  ['المائتان', 200],
  ['المئتين', 200],
]);
'الثلاث الاربع الخمس الست السبع الثمان التسع'.split(' ').forEach((w, i) => {
  AR_HUNDREDS.set(`${w}مائه`, (i + 3) * 100).set(`${w}مئه`, (i + 3) * 100);
});

/** An Arabic ordinal at the start of `s` ("الثانية عشرة" → 12), and how many characters it takes. */
export function readArabicOrdinal(s: string): { value: number; length: number } | null {
  const words = [...s.slice(0, 100).matchAll(/[\u0621-\u064A\u0640\u064B-\u0652]+/gu)].slice(0, 5);
  if (!words.length || words[0].index !== 0) return null;
  const w = words.map((m) => foldArabic(m[0]));
  const joined = (i: number) =>
    i === 0 || /^\s+$/.test(s.slice(words[i - 1].index! + words[i - 1][0].length, words[i].index));
  const at = (i: number) => (i < w.length && joined(i) ? w[i] : '');
  let value = 0;
  let i = 0;
  if (AR_UNITS.has(at(0))) {
    value = AR_UNITS.get(at(0))!;
    i = 1;
    if (at(1) === 'عشر' || at(1) === 'عشره') {
      value += 10;
      i = 2;
    } else if (at(1).startsWith('و') && AR_TENS.has(at(1).slice(1))) {
      value += AR_TENS.get(at(1).slice(1))!;
      i = 2;
    }
  } else if (AR_TENS.has(at(0))) {
    value = AR_TENS.get(at(0))!;
    i = 1;
  } else if (AR_HUNDREDS.has(at(0))) return { value: AR_HUNDREDS.get(at(0))!, length: words[0][0].length };
  else return null;
  if (at(i) === 'بعد' && AR_HUNDREDS.has(at(i + 1))) {
    value += AR_HUNDREDS.get(at(i + 1))!;
    i += 2;
  }
  return { value, length: words[i - 1].index! + words[i - 1][0].length };
}

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals to a number (二百八十五 → 285). */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in ZH_DIGITS) digit = ZH_DIGITS[ch];
    else if (ch in ZH_UNITS) {
      total += (digit || 1) * ZH_UNITS[ch];
      digit = 0;
    }
  }
  return total + digit;
}

/** Arabic-Indic, Persian and Thai digits as ASCII digits. */
export const asciiDigits = (s: string) =>
  s
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
