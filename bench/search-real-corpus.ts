/**
 * A realistic corpus for the search benchmark: laws and cases whose words, phrases and headings follow
 * real legal text. Per language, a bigram (Markov) chain learned from the sentences of real laws (see
 * bench/data/SOURCES.md), one for cases from real judgments and the demo's briefs, and pools of real
 * headings and titles. Works have 20–200 provisions of 10–400 words (log-normal, most 40–150), some
 * 2–3 versions and some a translation with the same eIds. The same arguments give the same bundles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Bundle } from '../src/domains/bundle/format.js';
import { segmentText } from '../src/domains/intake/text/segment.js';
import type { ProvisionInput } from '../src/domains/legislation/input.js';
import { toContentLanguage } from '../src/core/languages.js';
import { rng } from './search-corpus.js';

/** The real data folder; BENCH_REAL_DATA (an absolute path) overrides it, e.g. to try the fallback. */
const realDir = process.env.BENCH_REAL_DATA ?? '../../shared/data/real';
export const REAL_DATA = new URL(`${realDir}/`, import.meta.url);
const LOCAL_LAWS = new URL('./data/laws/', import.meta.url);
const DEMO = new URL('../src/domains/demo/data/countries/', import.meta.url);
const REFERENCE = new URL('../src/domains/reference/data/', import.meta.url);
const STAMP = '2026-01-01 00:00:00+00';
const UNSPACED = new Set(['zho', 'tha']);
/** Languages (two-letter, as the reference data writes them) with little or no real law text here. */
const THIN = new Set(['ru', 'zh']);
const LANG2 = (two: string) => toContentLanguage(two) ?? two;
/** Share of the world's laws by language (rough), and countries legislating in it (first ones more often). */
const LANGUAGES =
  `eng 30 GBR USA IND NGA KEN UGA TZA ZMB GHA ZAF SGP PHL AUS CAN JAM MYS PAK BGD LKA BWA NAM MWI
spa 13 ESP MEX COL ARG CHL PER ECU BOL PRY URY VEN CRI PAN GTM HND SLV NIC DOM
fra 12 FRA SEN CIV CMR BEN BFA MLI NER TCD TGO GIN GAB COD COG MDG DJI HTI BEL LUX
ara 10 ARE SAU EGY JOR MAR DZA TUN QAT KWT OMN BHR LBN IRQ LBY SDN MRT
rus 6 RUS BLR KAZ KGZ TJK|por 5 BRA PRT AGO MOZ CPV GNB STP TLS|zho 4 CHN TWN HKG MAC|deu 3 DEU AUT CHE LIE
ind 2 IDN|tha 2 THA|vie 2 VNM|ukr 1 UKR|swa 1 TZA KEN`
    .split(/\n|\|/)
    .map((line) => line.split(' '));
/** The form of a law's title where no real title in the language is at hand. */
const TITLE_FORM: Record<string, string> = { zho: '刑法修正案' };
TITLE_FORM.rus = 'Федеральный закон от 1 июня 2000 г. № 10-ФЗ';
type Table = { ids: Int32Array; cum: Float64Array };
/** A bigram chain: token 0 ends a sentence. */
export type Chain = { vocab: string[]; starts: Table; next: Table[]; joiner: string };
type Heading = { text: string; article?: string; concept?: string };
/** A real case, whose title, court, number and outcome are re-used (numbers and initials changed). */
type RealCase = { title: string; court: string; court_level: string; case_number: string; outcome: string };
/** What is known of a language; `sentences` are the real ones the law chain learned from. */
export type LanguageModel = { language: string; weight: number; countries: string[]; law: Chain } & {
  cases: Chain | null;
} & { headings: Heading[]; parts: string[]; titles: string[]; headed: number; sentences: string[] } & {
  realCases: RealCase[];
};
export type CorpusModel = { languages: LanguageModel[]; real: boolean; sources: string[] };
type Learnt = { caseSentences: string[]; units: number };
type Acc = Omit<LanguageModel, 'language' | 'weight' | 'countries' | 'law' | 'cases'> & Learnt;

type Law = { file: string; language: string; title: string };
const read = (u: URL) => readFileSync(u, 'utf8');
const segmenters = new Map<string, Intl.Segmenter>();
export function tokens(sentence: string, lang: string): string[] {
  if (!UNSPACED.has(lang)) return sentence.split(/\s+/).filter(Boolean);
  if (!segmenters.has(lang))
    segmenters.set(lang, new Intl.Segmenter(lang.slice(0, 2), { granularity: 'word' }));
  return [...segmenters.get(lang)!.segment(sentence)].map((s) => (/^\s+$/.test(s.segment) ? ' ' : s.segment));
}
const sentencesOf = (text: string) =>
  text
    .split('\n')
    .flatMap((line) => line.trim().split(/(?<=[.;:!?])\s+(?=\S)|(?<=[。；！？])/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && !/^\[?\d+\]?$/.test(s));

function buildChain(sentences: string[], lang: string): Chain {
  const vocab = [''];
  const idOf = new Map<string, number>();
  const starts = new Map<number, number>();
  const follow: Map<number, number>[] = [];
  const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const s of sentences) {
    let prev = -1;
    for (const t of tokens(s, lang)) {
      let i = idOf.get(t);
      if (i === undefined) idOf.set(t, (i = vocab.push(t) - 1));
      bump(prev < 0 ? starts : (follow[prev] ??= new Map()), i);
      prev = i;
    }
    if (prev >= 0) bump((follow[prev] ??= new Map()), 0);
  }
  const table = (m: Map<number, number>): Table => {
    const ids = Int32Array.from(m.keys());
    const cum = new Float64Array(ids.length);
    let sum = 0;
    for (const [k, n] of [...m.values()].entries()) cum[k] = sum += n;
    return { ids, cum };
  };
  const end = new Map([[0, 1]]);
  const next = vocab.map((_, i) => table(follow[i] ?? end));
  return { vocab, starts: table(starts), next, joiner: UNSPACED.has(lang) ? '' : ' ' };
}
function draw(t: Table, r: () => number): number {
  const x = r() * t.cum[t.cum.length - 1];
  let [lo, hi] = [0, t.cum.length - 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    [lo, hi] = t.cum[mid] > x ? [lo, mid] : [mid + 1, hi];
  }
  return t.ids[lo];
}
/** About `words` tokens of text from the chain: whole sentences, the last one cut and closed. */
export function passage(chain: Chain, r: () => number, words: number): string {
  const out: string[] = [];
  while (out.length < words) {
    let t = draw(chain.starts, r);
    for (let n = 0; t !== 0 && n < 120; n++, t = draw(chain.next[t], r)) out.push(chain.vocab[t]);
    if (!/[.。;；:：]$/.test(out[out.length - 1] ?? '.')) out[out.length - 1] += chain.joiner ? '.' : '。';
  }
  out.length = words;
  const text = out.join(chain.joiner).replace(/[\s,;:(—-]+$/u, '');
  return /[.。;；:]$/.test(text) ? text : `${text}${chain.joiner ? '.' : '。'}`;
}
const blank = (): Acc => ({
  ...{ sentences: [], caseSentences: [], headings: [], parts: [], titles: [], units: 0, headed: 0 },
  realCases: [],
});
/** A segmented or demo provision tree: sections' headings, parts' headings, every text's sentences. */
function addProvisions(acc: Acc, list: ProvisionInput[]) {
  for (const p of list) {
    const heading = p.heading?.replace(/\s*\((Redação|Incluído)[^)]*\)\s*/g, '').trim();
    if (/^(part|chapter|title|division)$/.test(p.kind ?? '')) {
      if (heading && heading.length < 120) acc.parts.push(heading);
    } else if (/^(article|section)$/.test(p.kind ?? '')) {
      acc.units++;
      if (heading && heading.length < 160) acc.headings.push({ text: heading }), acc.headed++;
    }
    if (p.kind !== 'preamble' && p.text) acc.sentences.push(...sentencesOf(p.text));
    addProvisions(acc, p.children ?? []);
  }
}

/** Reads every source there is into per-language accumulators; returns which sources were read. */
function loadSources(accOf: (lang: string) => Acc): string[] {
  const sources: string[] = [];
  const real = existsSync(REAL_DATA);
  for (const dir of [...(real ? [new URL('laws-dev/', REAL_DATA)] : []), LOCAL_LAWS]) {
    for (const law of JSON.parse(read(new URL('laws.json', dir))) as Law[]) {
      const acc = accOf(law.language);
      addProvisions(acc, segmentText(read(new URL(law.file, dir))).provisions);
      acc.titles.push(law.title);
      sources.push(law.file.replace('laws/', ''));
    }
  }
  if (real) {
    const text = new URL('national-law-text/', REAL_DATA);
    const ke = JSON.parse(read(new URL('ke-computer-misuse-and-cybercrimes-act-2018.json', text)));
    const eng = accOf('eng');
    for (const p of ke.provisions as { title?: string; content: string }[])
      addProvisions(eng, [{ eid: 'sec', kind: 'section', heading: p.title, text: p.content }]);
    eng.titles.push(ke.title);
    for (const f of ['tz-cap6-evidence-act-plaintext.txt', 'us-18-usc-1030-cfaa.md.txt'])
      addProvisions(eng, segmentText(read(new URL(f, text)).replace(/^#+ |\\/gm, '')).provisions);
    eng.titles.push('The Evidence Act', 'Fraud and related activity in connection with computers');
    for (const f of readdirSync(new URL('case-law/', REAL_DATA))) {
      const xml = read(new URL(`case-law/${f}`, REAL_DATA));
      for (const m of xml.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)) {
        const p = m[1].replace(/<[^>]+>|&[a-z#0-9]+;/g, ' ').trim();
        if (p.split(' ').length > 8) eng.caseSentences.push(...sentencesOf(p));
      }
    }
    sources.push('every file of national-law-text', 'every file of case-law');
  }
  for (const f of readdirSync(DEMO).sort()) {
    const demo = JSON.parse(read(new URL(f, DEMO)));
    for (const w of demo.works) {
      for (const [lang, title] of Object.entries<string>(w.title)) accOf(lang).titles.push(title);
      for (const e of w.expressions) addProvisions(accOf(e.language), e.provisions);
    }
    for (const c of demo.cases) {
      const acc = accOf(c.language);
      acc.realCases.push(c);
      for (const t of Object.values<string>(c.brief)) acc.caseSentences.push(...sentencesOf(t));
    }
  }
  sources.push('demo');
  addReference(accOf);
  return sources;
}

type Concept = { code: string; labels: Record<string, string>; synonyms: Record<string, string[]> } & {
  articles: { instrument: string; article: string }[];
};
/**
 * Article titles and the lexicon's labels as headings; for Russian and Chinese, short of real law text,
 * as text too, with the Chinese synonyms (the Russian ones are often stems for prefix matching).
 */
function addReference(accOf: (lang: string) => Acc) {
  const tr = JSON.parse(read(new URL('instrument-translations.json', REFERENCE)));
  for (const [code, articles] of Object.entries<Record<string, Record<string, string>>>(tr.articles))
    for (const [article, titles] of Object.entries(articles))
      for (const [l, text] of Object.entries(titles)) {
        if (code === 'ETS185') accOf(LANG2(l)).headings.push({ text, article });
        if (THIN.has(l)) accOf(LANG2(l)).sentences.push(text);
      }
  for (const line of read(new URL('instrument-articles.csv', REFERENCE)).split('\n')) {
    const m = /^ETS185,(\d+),([^,"]+),/.exec(line);
    if (m) accOf('eng').headings.push({ text: m[2], article: m[1] });
  }
  for (const c of JSON.parse(read(new URL('concepts.json', REFERENCE))) as Concept[]) {
    const article = c.articles.find((a) => a.instrument === 'ETS185')?.article;
    for (const [l, text] of Object.entries(c.labels))
      accOf(LANG2(l)).headings.push({ text, article, concept: c.code });
    for (const l of THIN)
      accOf(LANG2(l)).sentences.push(c.labels[l], ...(l === 'zh' ? (c.synonyms.zh ?? []) : []));
  }
}

let cached: CorpusModel | undefined;
/** The per-language models, built once per process from whatever real data is present. */
export function corpusModel(): CorpusModel {
  if (cached) return cached;
  const accs = new Map<string, Acc>();
  const accOf = (lang: string) => accs.get(lang) ?? accs.set(lang, blank()).get(lang)!;
  const sources = loadSources(accOf);
  const languages: LanguageModel[] = [];
  for (const [language, weight, ...countries] of LANGUAGES) {
    const a = accs.get(language);
    if (!a || a.sentences.length < 20) continue;
    const { caseSentences, units, ...rest } = a;
    const [law, headed] = [buildChain(a.sentences, language), units ? a.headed / units : 0.9];
    const cases = a.realCases.length ? buildChain(caseSentences, language) : null;
    const titles = a.titles.length ? a.titles : [TITLE_FORM[language] ?? a.headings[0].text];
    languages.push({ ...rest, language, weight: +weight, countries, law, cases, titles, headed });
  }
  cached = { languages, real: existsSync(REAL_DATA), sources };
  return cached;
}
type Rand = () => number;
type Work = Bundle['works'][number];
type Slot = { eid: string; parent: string | null; heading: Heading | null; words: number };
const TYPES = 'act act act act act code code decree decree regulation regulation order'.split(' ');
const rand = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, list: readonly T[]) => list[rand(r, list.length)];
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));
/** Log-normal around a median (provisions: median 75 words, two thirds within 40–150). */
const logNormal = (r: Rand, median: number, sigma: number) =>
  median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
const CAPS = [...'ABCDEFGHJKLMNOPRSTW'];
const pad = (n: number) => String(n).padStart(2, '0');
const dateIn = (r: Rand, y: number) => `${y}-${pad(1 + rand(r, 12))}-${pad(1 + rand(r, 28))}`;
const made = { created_at: STAMP, created_by: 'bench' };
const access = { tier: 'public', editorial_status: 'published' } as const;
const common = { ...made, updated_at: STAMP, updated_by: 'bench', ...access };
const ACCEPTED = { instrument: 'ETS185', coverage: 'full', status: 'accepted', source: 'editor' } as const;
const MAPPING = { ...ACCEPTED, score: null, rationale: null, reviewer: 'bench', reviewed_at: null, ...made };

function pickLanguage(list: LanguageModel[], r: Rand): LanguageModel {
  let x = r() * list.reduce((s, l) => s + l.weight, 0);
  for (const l of list) if ((x -= l.weight) < 0) return l;
  return list[list.length - 1];
}
/** A real title or case number with its years (Buddhist-era ones too) and other numbers replaced. */
function renumber(r: Rand, text: string, year: number, first?: string) {
  let done = first === undefined;
  const other = (d: string) =>
    done ? String(1 + rand(r, d.length < 3 ? 28 : 10 ** Math.min(d.length, 4))) : ((done = true), first!);
  return text.replace(/\d+/g, (d) =>
    /^(19|20)\d\d$/.test(d) ? `${year}` : /^25\d\d$/.test(d) ? `${year + 543}` : other(d),
  );
}
/** Sections (in parts when there are many), each with a real heading or none, and a length. */
function skeleton(lm: LanguageModel, r: Rand, sections: number): Slot[] {
  const slots: Slot[] = [];
  const every = sections > 30 && lm.parts.length ? 8 + Math.floor(r() * 18) : sections + 1;
  let parent: string | null = null;
  for (let n = 1; n <= sections; n++) {
    if ((n - 1) % every === 0 && every <= sections) {
      parent = `part_${Math.floor((n - 1) / every) + 1}`;
      slots.push({ eid: parent, parent: null, heading: { text: pick(r, lm.parts) }, words: 0 });
    }
    const heading = r() < lm.headed ? pick(r, lm.headings) : null;
    slots.push({ eid: `sec_${n}`, parent, heading, words: clamp(logNormal(r, 75, 0.75), 10, 400) });
  }
  return slots;
}

function expression(language: string, date: string, title: string, slots: Slot[], texts: string[]) {
  const provisions = slots.map(({ eid, parent, heading }, k) => {
    const kind = eid.startsWith('part') ? 'part' : language === 'eng' ? 'section' : 'article';
    return { eid, parent, kind, number: eid.split('_')[1], heading: heading?.text ?? null, text: texts[k] };
  });
  return { language, date, authoritative: true, title, ...made, provisions, definitions: [] };
}
/** The same sections in another language: a heading of the same article where known, text of about the same length. */
function translate(tm: LanguageModel, r: Rand, slots: Slot[]): [Slot[], string[]] {
  const tslots = slots.map((s) => {
    const same = tm.headings.filter((t) => s.heading?.article && t.article === s.heading.article);
    const other = s.words ? pick(r, tm.headings) : { text: pick(r, tm.parts.length ? tm.parts : ['—']) };
    return { ...s, heading: s.heading && (same.length ? pick(r, same) : other) };
  });
  const length = (words: number) => clamp(words * (0.9 + r() * 0.3), 10, 400);
  return [tslots, slots.map((s) => (s.words ? passage(tm.law, r, length(s.words)) : ''))];
}

/** One law: 20–200 sections, sometimes 2–3 versions and a translation; cut to `budget` provisions. */
function makeWork(m: CorpusModel, r: Rand, i: number, budget: number) {
  const lm = pickLanguage(m.languages, r);
  const country = lm.countries[Math.floor(lm.countries.length * r() ** 1.5)];
  const year = 2025 - Math.floor(35 * r() ** 2);
  const [type, no] = [pick(r, TYPES) as Work['type'], `${1 + Math.floor(r() * 60)}-${i}`];
  const slots = skeleton(lm, r, clamp(logNormal(r, 55, 0.6), 20, 200));
  const title = renumber(r, pick(r, lm.titles), year);
  let date = dateIn(r, year);
  let texts = slots.map((s) => (s.words ? passage(lm.law, r, s.words) : ''));
  const expressions = [expression(lm.language, date, title, slots, texts)];
  for (let v = 1, y = year, n = r() < 0.15 ? 1 + Math.floor(r() * 2) : 0; v <= n && y < 2025; v++) {
    date = dateIn(r, (y = Math.min(2025, y + 1 + Math.floor(r() * 4))));
    texts = texts.map((t, k) => (t && r() < 0.2 ? passage(lm.law, r, slots[k].words) : t));
    expressions.push(expression(lm.language, date, title, slots, texts));
  }
  const titles: Record<string, string> = { [lm.language]: title };
  const to = lm.language === 'eng' ? pick(r, ['fra', 'spa']) : 'eng';
  const tm = m.languages.find((l) => l.language === to);
  if (tm && r() < (lm.language === 'eng' ? 0.03 : 0.1)) {
    titles[to] = renumber(r, pick(r, tm.titles), year);
    const translation = expression(to, date, titles[to], ...translate(tm, r, slots));
    expressions.push({ ...translation, authoritative: false });
  }
  let left = budget;
  for (const e of expressions) left -= (e.provisions = e.provisions.slice(0, Math.max(0, left))).length;
  const id = `rc-${country.toLowerCase()}-${type}-${year}-${i}`;
  const kept = new Set(expressions[0].provisions.map((p) => p.eid));
  const mapped = r() < 0.4 ? slots.filter((s) => s.words && s.heading?.article && kept.has(s.eid)) : [];
  const concepts = [...new Set(mapped.flatMap((s) => s.heading!.concept ?? []))];
  const status = r() < 0.9 ? 'in_force' : r() < 0.5 ? 'repealed' : 'partly_in_force';
  const work: Work = {
    ...{ id, country, type, number: no, year, uri: `/akn/${country.toLowerCase()}/${type}/${year}/${no}` },
    ...{ title: titles, short_title: null, date_adopted: expressions[0].date, date_published: null },
    ...{ date_in_force: null, date_repealed: status === 'repealed' ? `${year}-12-31` : null, status },
    ...{ source: 'generated by bench/search-real-corpus.ts', licence: null, concepts, ...common },
    ...{ expressions: expressions.filter((e) => e.provisions.length), events: [] },
  };
  const mappings = mapped.map((s) => ({ work: id, eid: s.eid, article: s.heading!.article!, ...MAPPING }));
  return { work, mappings };
}

/** One case in a language with real cases: a real title, court and number re-filled; a brief from the case chain. */
function makeCase(m: CorpusModel, r: Rand, i: number): Bundle['cases'][number] {
  const withCases = m.languages.filter((l) => l.cases);
  const lm = pickLanguage(withCases, r);
  const [year, real, heading] = [2025 - rand(r, 20 * r()), pick(r, lm.realCases), pick(r, lm.headings)];
  const initials = () => Array.from({ length: 1 + rand(r, 3) }, () => `${pick(r, CAPS)}.`).join('');
  const base = renumber(r, pick(r, lm.realCases).title, year).replace(/(\p{Lu}\.){1,3}/gu, initials);
  const title = `${base.replace(/\s*\(.*\)$/, '')} (${pick(r, lm.headings).text.toLowerCase()})`;
  const text = (median: number) => passage(lm.cases!, r, clamp(logNormal(r, median, 0.5), 15, 400));
  const { court, court_level, outcome } = real;
  const case_number = renumber(r, real.case_number, year, String(i + 1));
  return {
    ...{ id: `rc-case-${i}`, country: pick(r, lm.countries), title, court, court_level, case_number },
    ...{ date: dateIn(r, year), ecli: null, language: lm.language, outcome, sentence: null, keywords: [] },
    ...{ concepts: heading.concept ? [heading.concept] : [], ...common, parties: [], cites_provisions: [] },
    ...{ brief: { facts: text(120), decision: text(50), reasoning: text(150) }, cites_articles: [] },
  };
}

const emptyBundle = (): Bundle => ({
  ...{ format: 'cyrepo-bundle', version: 3, works: [], mappings: [], cases: [], documents: [] },
  attachments: [],
});

/**
 * The corpus as bundles of whole works, each of at most `chunk` provisions (a work has at most about
 * a thousand) and its share of the cases: the same corpus whatever the chunk size.
 */
export function* realCorpusChunks(provisions: number, cases: number, { seed = 42, chunk = 50_000 } = {}) {
  const model = corpusModel();
  const [r, rc] = [rng(seed), rng(seed + 1)];
  let [done, casesDone, works, size, bundle] = [0, 0, 0, 0, emptyBundle()];
  const flush = () => {
    const target = provisions ? Math.round((cases * done) / provisions) : cases;
    while (casesDone < target) bundle.cases.push(makeCase(model, rc, casesDone++));
    const full = bundle;
    [bundle, size] = [emptyBundle(), 0];
    return full;
  };
  while (done < provisions) {
    const { work, mappings } = makeWork(model, r, works++, provisions - done);
    const n = work.expressions.reduce((s, e) => s + e.provisions.length, 0);
    if (size && size + n > chunk) yield flush();
    bundle.works.push(work);
    bundle.mappings.push(...mappings);
    [done, size] = [done + n, size + n];
  }
  yield flush();
}

/** The whole corpus as one bundle (fine up to a few hundred thousand provisions). */
export function realCorpus(provisions: number, cases: number, seed = 42): Bundle {
  const all = emptyBundle();
  for (const b of realCorpusChunks(provisions, cases, { seed, chunk: Number.POSITIVE_INFINITY }))
    for (const k of ['works', 'mappings', 'cases'] as const) (all[k] as unknown[]).push(...b[k]);
  return all;
}
