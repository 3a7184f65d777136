/**
 * The multilingual concept lexicon as the suggester uses it: each concept's labels and synonyms
 * per language, tokenised, and the articles of an instrument each concept corresponds to. Texts
 * are matched term by term as word prefixes (case, accents and Arabic letter forms and proclitics
 * ignored; in German also as the last part of a compound), or as substrings in scripts written
 * without spaces (Thai, Chinese, Japanese). Chinese is matched in simplified characters and
 * mainland wording, so that laws of Taiwan, Hong Kong and Macao written in traditional characters
 * (電腦, 網路, 資料) meet the same terms.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { toContentLanguage } from '../../core/languages.js';

const UNSPACED = new Set(['tha', 'zho', 'jpn']);
/** Languages that write compounds as one word: a term word also matches inside one (Computerdaten, Telekommunikationsüberwachung). */
const COMPOUNDING = new Set(['deu']);
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\S{3,})/u;

/**
 * Traditional → simplified, as pairs of characters (from OpenCC's TSCharacters, Apache-2.0): every
 * character whose simplified form the Chinese terms of the lexicon use, and every one whose
 * simplified form is itself a traditional character (後 → 后, 著 → 着), which a new term could use
 * unnoticed. lexicon.test.ts fails when a term uses a simplified character missing here.
 */
const TRADITIONAL_PAIRS = `
捱挨菴庵骯肮闆板幫帮報报盃杯備备痺痹變变錶表別别彆别並并併并剝剥蔔卜佈布纔才採采綵彩參参蔘参蠶蚕冊册査查懺忏廠厂稱称喫吃癡痴蟲虫醜丑齣出儲储處处觸触傳传脣唇詞词
從从單单噹当當当黨党盜盗牴抵點点電电澱淀彫雕弔吊釣钓調调訂订鼕冬動动凍冻鬥斗對对噸吨燉炖噁恶惡恶兒儿發发髮发罰罚氾泛汎泛範范訪访豐丰彿佛負负復复複复該该桿杆趕赶
乾干幹干榦干槓杠睪睾個个箇个構构穀谷僱雇颳刮掛挂枴拐關关櫃柜國国過过駭骇蠔蚝號号閤合覈核恆恒鬨哄後后鬍胡戶户護护劃划懷怀壞坏迴回夥伙獲获穫获機机極极幾几計计記记
紀纪際际傢家價价姦奸監监繭茧薦荐艦舰薑姜繳缴敎教節节傑杰潔洁結结緊紧進进經经驚惊侷局鉅巨據据捲卷剋克釦扣誇夸崑昆綑捆睏困臘腊蠟蜡攔拦濫滥稜棱釐厘貍狸離离籬篱裡里
慄栗簾帘憐怜聯联樑梁淩凌嶺岭領领彔录錄录録录論论絡络碼码瞞瞒麼么沒没黴霉濛蒙矇蒙祕秘麵面腦脑內内唸念孃娘寧宁濘泞賠赔闢辟騙骗拚拼蘋苹僕仆撲扑樸朴悽凄淒凄棲栖慼戚
氣气韆千簽签籤签錢钱竊窃請请鞦秋麴曲權权確确擾扰軟软灑洒騷骚曬晒刪删羶膻捨舍設设瀋沈審审昇升陞升聖圣勝胜屍尸蝨虱時时實实飾饰適适書书輸输朮术術术數数俬私鬆松訟讼
蒐搜訴诉痠酸損损簑蓑檯台臺台颱台薹苔醣糖體体條条聽听衕同統统圖图塗涂託托窪洼輓挽萬万網网違违偽伪僞伪為为爲为餵喂問问甕瓮汙污無无務务谿溪蓆席係系繫系轄辖絃弦鹹咸
綫线線线羨羡嚮向蠍蝎協协洩泄倖幸兇凶脩修籲吁虛虚卹恤續续璿璇燻熏訊讯醃腌嚴严巖岩簷檐嚥咽癢痒餚肴義义異异隱隐傭佣湧涌踴踊優优遊游誘诱於于餘余魚鱼與与語语鬱郁預预
慾欲禦御癒愈員员願愿嶽岳雲云譟噪則则責责紮扎詐诈霑沾佔占帳帐賬账摺折著着偵侦徵征証证證证癥症執执衹只隻只誌志製制緻致種种塚冢週周冑胄硃朱註注築筑專专轉转莊庄裝装
準准諮咨資资蹤踪組组
`.replace(/\s/g, '');
/** Traditional character → simplified. */
export const SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  TRADITIONAL_PAIRS.match(/../gu)!.map((pair) => [pair[0], pair[1]] as const),
);
const TRADITIONAL = new RegExp(`[${[...SIMPLIFIED.keys()].join('')}]`, 'gu');

/** Words of Taiwan, Hong Kong and Macao (in simplified characters) and the mainland's for them; longer first. */
const REGIONAL: Record<string, string> = {
  网际网路: '互联网',
  数据资料: '数据',
  伺服器: '服务器',
  使用者: '用户',
  网路: '网络',
  电脑: '计算机',
  资讯: '信息',
  讯息: '信息',
  资料: '数据',
  程式: '程序',
  软体: '软件',
  硬体: '硬件',
  帐号: '账号',
  帐户: '账户',
  纪录: '记录',
  骇客: '黑客',
  通讯: '通信',
  数位: '数字',
};
const REGIONAL_WORDS = new RegExp(Object.keys(REGIONAL).join('|'), 'gu');

/** Chinese text in simplified characters and mainland wording (電腦網路 → 计算机网络). */
export const toSimplified = (text: string) =>
  text.replace(TRADITIONAL, (c) => SIMPLIFIED.get(c)!).replace(REGIONAL_WORDS, (w) => REGIONAL[w]);

/** Lower case, accents and marks removed, ß as ss; Chinese in simplified characters. */
function fold(text: string, language: string): string {
  const t = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
  return language === 'zho' ? toSimplified(t) : t;
}

/** Words of a text for matching. */
export function words(text: string, language: string): string[] {
  let t = fold(text, language);
  if (language === 'ara') t = t.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  const list = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return language === 'ara' ? list.map((w) => w.replace(ARABIC_PREFIX, '')) : list;
}

const compact = (text: string, language: string) => fold(text, language).replace(/[\s\p{P}]+/gu, '');

export type Term = { text: string; words: string[]; compact: string };
export type LexConcept = {
  code: string;
  kind: string;
  label: string;
  terms: Map<string, Term[]>;
  articles: string[];
};
/** A concept as stored (concepts.json, the concept table), with the articles of one instrument. */
export type ConceptRow = {
  code: string;
  kind: string;
  labels: Record<string, string>;
  synonyms: Record<string, string[]>;
  articles: string[];
};

/** The lexicon of some concepts: their terms keyed by content language (two-letter keys in the data). */
export function lexiconFrom(list: ConceptRow[]): LexConcept[] {
  return list.map((c) => {
    const terms = new Map<string, Term[]>();
    for (const key of new Set([...Object.keys(c.labels), ...Object.keys(c.synonyms)])) {
      const lang = toContentLanguage(key);
      if (!lang) continue;
      const texts = [c.labels[key], ...(c.synonyms[key] ?? [])].filter((x): x is string => !!x);
      const seen = new Set<string>();
      const list2: Term[] = [];
      for (const text of texts) {
        const term = { text, words: words(text, lang), compact: compact(text, lang) };
        // One term per form: 沒收 and 没收 are the same term once folded.
        const key2 = UNSPACED.has(lang) ? term.compact : term.words.join(' ');
        if (!term.words.length || seen.has(key2)) continue;
        seen.add(key2);
        list2.push(term);
      }
      terms.set(lang, list2);
    }
    return { code: c.code, kind: c.kind, label: c.labels.en ?? c.code, terms, articles: c.articles };
  });
}

/** The concepts with their terms, and the articles of `instrument` each stands for. */
export async function loadLexicon(db: Orm, instrument: string): Promise<LexConcept[]> {
  return lexiconFrom(
    await rows<ConceptRow>(
      db,
      sql`SELECT c.code, c.kind, c.labels, c.synonyms,
            coalesce((SELECT array_agg(ca.article ORDER BY ca.article) FROM concept_article ca WHERE ca.concept = c.code AND ca.instrument = ${instrument}), '{}') AS articles
          FROM concept c ORDER BY c.position`,
    ),
  );
}

/**
 * A word of a term matches a word of the text when it is a prefix of it (short words must be
 * equal); in a compounding language a word of five letters or more also matches a later part of
 * the word (daten in Computerdaten), never its first three letters.
 */
const wordMatches = (term: string, word: string, compounds: boolean) =>
  term.length >= 4
    ? word.startsWith(term) || (compounds && term.length >= 5 && word.indexOf(term, 3) > 0)
    : word === term;

/** How often a term occurs in a text (given as its words, and compacted for unspaced scripts). */
export function occurrences(term: Term, text: Prepared, language: string): number {
  if (UNSPACED.has(language)) {
    if (term.compact.length < 2) return 0;
    let n = 0;
    for (
      let at = text.compact.indexOf(term.compact);
      at >= 0;
      at = text.compact.indexOf(term.compact, at + 1)
    )
      n++;
    return n;
  }
  // The words of a term in order, with at most two other words between them ("accès et maintien frauduleux").
  const compounds = COMPOUNDING.has(language);
  const [first, ...rest] = term.words;
  if (!compounds && text.index && !mayOccur(first, text.index)) return 0;
  let n = 0;
  for (let i = 0; i < text.words.length; i++) {
    if (!wordMatches(first, text.words[i], compounds)) continue;
    let at = i;
    const ok = rest.every((w) => {
      for (let j = at + 1; j <= at + 3 && j < text.words.length; j++)
        if (wordMatches(w, text.words[j], compounds)) return ((at = j), true);
      return false;
    });
    if (ok) n++;
  }
  return n;
}

/** The words of a text, and its word starts, to rule out most terms at once. */
export type Prepared = { words: string[]; compact: string; index?: WordIndex };
type WordIndex = { words: Set<string>; starts: Set<string> };
const START = [4, 6] as const;

/** Whether a term's first word can match a word of the text (a word equal to it, or starting with it). */
const mayOccur = (first: string, index: WordIndex) =>
  first.length < START[0] ? index.words.has(first) : index.starts.has(first.slice(0, START[1]));

export const prepared = (text: string, language: string): Prepared => {
  const list = words(text, language);
  const starts = new Set<string>();
  for (const w of list)
    for (let n = START[0]; n <= Math.min(START[1], w.length); n++) starts.add(w.slice(0, n));
  return { words: list, compact: compact(text, language), index: { words: new Set(list), starts } };
};
