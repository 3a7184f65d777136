/**
 * A deterministic multilingual corpus for the search benchmark: N works of M provisions in six
 * languages and K cases, as a repository bundle (so that it loads like a real import).
 */
import type { Bundle } from '../src/domains/bundle/format.js';

/** Mulberry32: a small seeded generator, so every run builds the same corpus. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS: Record<string, { heads: string[]; words: string[] }> = {
  eng: {
    heads: [
      'Unauthorised access',
      'Illegal interception',
      'Data interference',
      'System interference',
      'Computer fraud',
      'Computer forgery',
      'Production order',
      'Search and seizure',
      'Expedited preservation',
      'Mutual legal assistance',
      'Child sexual abuse material',
      'Identity theft',
    ],
    words:
      'person computer system data access without right intentionally offence penalty fine imprisonment years service provider traffic subscriber information court order evidence electronic device network interception content preservation disclosure authority request foreign state cooperation child material harm damage'.split(
        ' ',
      ),
  },
  spa: {
    heads: [
      'Acceso ilícito',
      'Interceptación ilícita',
      'Daño informático',
      'Sabotaje informático',
      'Estafa informática',
      'Falsificación informática',
      'Orden de presentación',
      'Registro y secuestro',
      'Conservación rápida',
      'Asistencia judicial mutua',
    ],
    words:
      'persona sistema informático datos acceso sin autorización delito pena multa prisión años proveedor servicios tráfico abonado información tribunal orden prueba electrónica dispositivo red interceptación contenido autoridad solicitud estado cooperación'.split(
        ' ',
      ),
  },
  fra: {
    heads: [
      'Accès frauduleux',
      'Interception frauduleuse',
      'Atteinte aux données',
      'Entrave au système',
      'Escroquerie informatique',
      'Faux informatique',
      'Injonction de produire',
      'Perquisition et saisie',
      'Conservation rapide',
      'Entraide judiciaire',
    ],
    words:
      'personne système informatique données accès sans droit infraction peine amende emprisonnement ans fournisseur services trafic abonné information tribunal ordonnance preuve électronique dispositif réseau interception contenu autorité demande État coopération'.split(
        ' ',
      ),
  },
  por: {
    heads: [
      'Acesso ilegítimo',
      'Interceção ilegítima',
      'Dano informático',
      'Sabotagem informática',
      'Burla informática',
      'Falsidade informática',
      'Injunção de apresentação',
      'Pesquisa e apreensão',
    ],
    words:
      'pessoa sistema informático dados acesso sem autorização crime pena multa prisão anos fornecedor serviços tráfego assinante informação tribunal ordem prova eletrónica dispositivo rede interceção conteúdo autoridade pedido Estado cooperação'.split(
        ' ',
      ),
  },
  ara: {
    heads: [
      'الدخول غير المشروع',
      'الاعتراض غير المشروع',
      'الاعتداء على البيانات',
      'الاحتيال المعلوماتي',
      'التزوير المعلوماتي',
    ],
    words:
      'كل من دخل نظام معلومات بيانات دون تصريح يعاقب بالحبس غرامة سنة مزود خدمة حركة المشترك محكمة أمر دليل إلكتروني جهاز شبكة اعتراض محتوى سلطة طلب دولة تعاون'.split(
        ' ',
      ),
  },
  tha: {
    heads: ['การเข้าถึงโดยมิชอบ', 'การดักรับข้อมูล', 'การทำให้เสียหายซึ่งข้อมูล', 'การฉ้อโกงทางคอมพิวเตอร์'],
    words:
      'ผู้ใด เข้าถึง ระบบคอมพิวเตอร์ ข้อมูล โดยมิชอบ ต้องระวางโทษ จำคุก ปรับ ปี ผู้ให้บริการ ข้อมูลจราจร ศาล คำสั่ง พยานหลักฐาน อิเล็กทรอนิกส์'.split(
        ' ',
      ),
  },
};
const LANGS = Object.keys(WORDS);
const COUNTRIES = [
  'KEN',
  'UGA',
  'CRI',
  'GTM',
  'PAN',
  'SEN',
  'DJI',
  'MOZ',
  'CPV',
  'JOR',
  'THA',
  'PHL',
  'NGA',
  'GHA',
  'MAR',
  'PER',
  'COL',
  'FRA',
  'BRA',
  'EGY',
];
const LANG_OF: Record<string, string> = {
  KEN: 'eng',
  UGA: 'eng',
  PHL: 'eng',
  NGA: 'eng',
  GHA: 'eng',
  CRI: 'spa',
  GTM: 'spa',
  PAN: 'spa',
  PER: 'spa',
  COL: 'spa',
  SEN: 'fra',
  DJI: 'fra',
  MAR: 'fra',
  FRA: 'fra',
  MOZ: 'por',
  CPV: 'por',
  BRA: 'por',
  JOR: 'ara',
  EGY: 'ara',
  THA: 'tha',
};
const STAMP = '2026-01-01 00:00:00+00';

export function corpus(works: number, provisionsPerWork: number, cases: number, seed = 42): Bundle {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const sentence = (lang: string, n: number) => {
    const w = WORDS[lang];
    const sep = lang === 'tha' ? '' : ' ';
    return Array.from({ length: n }, () => pick(w.words)).join(sep) + (lang === 'tha' ? '' : '.');
  };
  const bundle: Bundle = {
    format: 'cyrepo-bundle',
    version: 1,
    works: [],
    mappings: [],
    cases: [],
    documents: [],
    attachments: [],
  };
  for (let i = 0; i < works; i++) {
    const country = COUNTRIES[i % COUNTRIES.length];
    const lang = LANG_OF[country];
    const year = 1995 + Math.floor(r() * 31);
    const id = `bench-${country.toLowerCase()}-${i}`;
    const provisions = Array.from({ length: provisionsPerWork }, (_, n) => ({
      eid: `sec_${n + 1}`,
      parent: null,
      kind: 'section',
      number: String(n + 1),
      heading: pick(WORDS[lang].heads),
      text: `${sentence(lang, 18)} ${sentence(lang, 14)}`,
    }));
    bundle.works.push({
      id,
      country,
      type: 'act',
      number: `b${i}`,
      year,
      uri: `/akn/${country.toLowerCase().slice(0, 2)}/act/${year}/b${i}`,
      title: { [lang]: `Bench law ${i} (${lang})` },
      short_title: null,
      date_adopted: `${year}-06-01`,
      date_published: null,
      date_in_force: null,
      date_repealed: null,
      status: 'in_force',
      source: 'generated',
      licence: null,
      concepts: [],
      tier: 'public',
      editorial_status: 'published',
      created_at: STAMP,
      created_by: 'bench',
      updated_at: STAMP,
      updated_by: 'bench',
      expressions: [
        {
          language: lang,
          date: `${year}-06-01`,
          authoritative: true,
          title: `Bench law ${i}`,
          created_at: STAMP,
          created_by: 'bench',
          provisions,
          definitions: [],
        },
      ],
      events: [],
    } as Bundle['works'][number]);
    for (let n = 0; n < provisionsPerWork; n += 10)
      bundle.mappings.push({
        work: id,
        eid: `sec_${n + 1}`,
        instrument: 'ETS185',
        article: String(2 + (n % 7)),
        coverage: 'full',
        status: 'accepted',
        source: 'editor',
        score: null,
        rationale: null,
        reviewer: 'bench',
        reviewed_at: null,
        created_at: STAMP,
        created_by: 'bench',
      });
  }
  for (let i = 0; i < cases; i++) {
    const country = COUNTRIES[i % COUNTRIES.length];
    const lang = LANG_OF[country];
    const year = 2000 + Math.floor(r() * 26);
    bundle.cases.push({
      id: `bench-case-${i}`,
      country,
      title: `${pick(WORDS[lang].heads)} — case ${i}`,
      court: `Court ${i % 7}`,
      court_level: 'first_instance',
      date: `${year}-03-15`,
      case_number: `BC-${i}`,
      ecli: null,
      language: lang,
      brief: { facts: sentence(lang, 40), decision: sentence(lang, 20) },
      outcome: 'convicted',
      sentence: null,
      concepts: [],
      keywords: [],
      tier: 'public',
      editorial_status: 'published',
      created_at: STAMP,
      created_by: 'bench',
      updated_at: STAMP,
      updated_by: 'bench',
      parties: [],
      cites_provisions: [],
      cites_articles: [],
    } as Bundle['cases'][number]);
  }
  return bundle;
}

export const LANGUAGES = LANGS;
export const BENCH_COUNTRIES = COUNTRIES;
