/**
 * The concept lexicon as the suggester reads it, straight from concepts.json (no database): which
 * concepts a provision names, in each language, for laws worded as real ones are — German, Chinese
 * in traditional characters, Ukrainian, the ancillary and procedural provisions — and where those
 * concepts point in the Budapest Convention.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toContentLanguage } from '../../core/languages.js';
import { SIMPLIFIED, toSimplified } from '../../core/chinese.js';
import { lexiconFrom, occurrences, prepared, words } from './lexicon.js';

type ConceptFile = {
  code: string;
  kind: string;
  labels: Record<string, string>;
  synonyms: Record<string, string[]>;
  articles: { instrument: string; article: string }[];
}[];
const file = JSON.parse(
  readFileSync(new URL('../reference/data/concepts.json', import.meta.url), 'utf8'),
) as ConceptFile;
const lexicon = lexiconFrom(
  file.map((c) => ({
    ...c,
    articles: c.articles.filter((a) => a.instrument === 'ETS185').map((a) => a.article),
  })),
);
const LANGUAGES = ['en', 'fr', 'es', 'pt', 'ar', 'ru', 'zh', 'id', 'th', 'vi', 'sw', 'de', 'uk'];

/** The concepts a text names in a language. */
function named(text: string, language: string): string[] {
  const p = prepared(text, language);
  return lexicon
    .filter((c) => (c.terms.get(language) ?? []).some((t) => occurrences(t, p, language) > 0))
    .map((c) => c.code);
}
const articlesOf = (code: string) => lexicon.find((c) => c.code === code)!.articles;

describe('German', () => {
  it('is a content language with terms for every concept', () => {
    expect(toContentLanguage('de')).toBe('deu');
    for (const c of lexicon) expect(c.terms.get('deu')?.length, c.code).toBeGreaterThanOrEqual(3);
  });

  it('finds the offences of the StGB, the Austrian StGB and the Swiss StGB', () => {
    // § 202a StGB
    expect(
      named(
        'Ausspähen von Daten. Wer unbefugt sich oder einem anderen Zugang zu Daten, die nicht für ihn bestimmt und die gegen unberechtigten Zugang besonders gesichert sind, unter Überwindung der Zugangssicherung verschafft, wird mit Freiheitsstrafe bis zu drei Jahren oder mit Geldstrafe bestraft.',
        'deu',
      ),
    ).toContain('illegal-access');
    // § 118a öStGB, Art. 143bis chStGB
    expect(named('Widerrechtlicher Zugriff auf ein Computersystem', 'deu')).toContain('illegal-access');
    expect(named('Unbefugtes Eindringen in ein Datenverarbeitungssystem', 'deu')).toContain('illegal-access');
    expect(
      named(
        'Wer unbefugt Daten aus einer nichtöffentlichen Datenübermittlung oder aus der elektromagnetischen Abstrahlung einer Datenverarbeitungsanlage verschafft',
        'deu',
      ),
    ).toContain('illegal-interception');
    expect(
      named('Wer rechtswidrig Daten löscht, unterdrückt, unbrauchbar macht oder verändert', 'deu'),
    ).toContain('data-interference');
    expect(named('Computersabotage', 'deu')).toEqual(['system-interference']);
    expect(named('Vorbereiten des Ausspähens und Abfangens von Daten', 'deu')).toContain('misuse-of-devices');
    expect(named('Fälschung beweiserheblicher Daten', 'deu')).toEqual(['computer-forgery']);
    // inflected: the genitive of a compound
    expect(named('Vorbereitung eines Computerbetruges', 'deu')).toContain('computer-fraud');
    expect(named('Betrügerischer Datenverarbeitungsmissbrauch', 'deu')).toContain('computer-fraud');
  });

  it('finds the procedural powers of the StPO', () => {
    expect(named('Erhebung von Verkehrsdaten', 'deu')).toContain('real-time-traffic-data');
    expect(named('Überwachung der Telekommunikation', 'deu')).toContain('interception-of-content');
    expect(named('Durchsuchung beim Verdächtigen', 'deu')).toEqual(['search-and-seizure']);
    expect(named('Umgehende Sicherung gespeicherter Computerdaten', 'deu')).toContain(
      'expedited-preservation',
    );
    expect(
      named(
        'Maßnahmen nach § 100a dürfen nur auf Antrag der Staatsanwaltschaft durch das Gericht angeordnet werden.',
        'deu',
      ),
    ).toEqual(['human-rights-safeguards']);
  });

  it('matches a term inside a compound, and ß as ss, umlauts and case ignored', () => {
    expect(named('Telekommunikationsverkehrsdaten', 'deu')).toContain('real-time-traffic-data');
    expect(named('Vermögenseinziehung', 'deu')).toContain('confiscation-proceeds');
    expect(words('Straße MASSNAHMEN Überwindung', 'deu')).toEqual(['strasse', 'massnahmen', 'uberwindung']);
    expect(named('Sanktionen und Massnahmen', 'deu')).toEqual(['sanctions']); // Swiss spelling
    expect(named('FÄLSCHUNG BEWEISERHEBLICHER DATEN', 'deu')).toEqual(['computer-forgery']);
    // not in languages that do not compound, nor in a word's first letters
    const term = { text: 'data', words: ['data'], compact: 'data' };
    expect(occurrences(term, prepared('metadata', 'eng'), 'eng')).toBe(0);
    const versuch = { text: 'Versuch', words: ['versuch'], compact: 'versuch' };
    expect(occurrences(versuch, prepared('unversucht', 'deu'), 'deu')).toBe(0);
  });
});

describe('Ukrainian', () => {
  it('is a content language with terms for every concept', () => {
    expect(toContentLanguage('uk')).toBe('ukr');
    for (const c of lexicon) expect(c.terms.get('ukr')?.length, c.code).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['illegal-access', 'Незаконний доступ'],
    ['illegal-interception', 'Нелегальне перехоплення'],
    ['data-interference', 'Втручання у дані'],
    ['system-interference', 'Втручання у систему'],
    ['misuse-of-devices', 'Зловживання пристроями'],
    ['computer-forgery', 'Підробка, пов’язана з комп’ютерами'],
    ['computer-fraud', 'Шахрайство, пов’язане з комп’ютерами'],
    ['expedited-preservation', 'Термінове збереження комп’ютерних даних, які зберігаються'],
    ['production-order', 'Ордер на надання'],
    ['search-and-seizure', 'Обшук та арешт комп’ютерних даних, які зберігаються'],
    ['real-time-traffic-data', 'Збирання даних про рух інформації в реальному масштабі часу'],
    ['interception-of-content', 'Перехоплення змістовних даних'],
    ['jurisdiction', 'Юрисдикція'],
    ['extradition', 'Екстрадиція'],
    ['mutual-legal-assistance', 'Загальні принципи взаємної допомоги'],
    ['network-24-7', 'Цілодобова мережа'],
  ])('finds %s in the title of the Budapest Convention’s article: %s', (code, title) => {
    expect(named(title, 'ukr')).toContain(code);
  });

  it('finds the offences of the Criminal Code of Ukraine', () => {
    // ст. 361 КК
    const art361 = named(
      'Несанкціоноване втручання в роботу інформаційних (автоматизованих), електронних комунікаційних, інформаційно-комунікаційних систем, електронних комунікаційних мереж, що призвело до витоку, втрати, підробки, блокування інформації, спотворення процесу обробки інформації або до порушення встановленого порядку її маршрутизації, — карається штрафом від однієї тисячі до двох тисяч неоподатковуваних мінімумів доходів громадян або позбавленням волі на строк до трьох років.',
      'ukr',
    );
    expect(art361).toContain('illegal-access');
    expect(art361).toContain('system-interference');
    expect(art361).toContain('data-interference');
    // ст. 361-1, 362, 363-1 КК
    expect(
      named(
        'Створення з метою протиправного використання, розповсюдження або збуту шкідливих програмних чи технічних засобів',
        'ukr',
      ),
    ).toEqual(['misuse-of-devices']);
    expect(
      named(
        'Несанкціоновані зміна, знищення або блокування інформації, яка оброблюється в електронно-обчислювальних машинах (комп’ютерах)',
        'ukr',
      ),
    ).toEqual(['data-interference']);
    expect(
      named(
        'Перешкоджання роботі електронно-обчислювальних машин (комп’ютерів), автоматизованих систем, комп’ютерних мереж чи мереж електрозв’язку шляхом масового розповсюдження повідомлень електрозв’язку',
        'ukr',
      ),
    ).toEqual(['system-interference']);
    // ст. 190 ч. 3, 200, 301-1, 176 КК
    expect(
      named(
        'Шахрайство, вчинене у великих розмірах, або шляхом незаконних операцій з використанням електронно-обчислювальної техніки',
        'ukr',
      ),
    ).toEqual(['computer-fraud']);
    expect(
      named(
        'Незаконні дії з документами на переказ, платіжними картками та іншими засобами доступу до банківських рахунків',
        'ukr',
      ),
    ).toEqual(['computer-fraud']);
    expect(named('Одержання доступу до дитячої порнографії, її придбання, зберігання', 'ukr')).toEqual([
      'child-sexual-abuse-material',
    ]);
    expect(named('Порушення авторського права і суміжних прав', 'ukr')).toEqual(['copyright-infringement']);
  });

  it('finds attempt, complicity, corporate liability, confiscation and jurisdiction in the General Part', () => {
    // ст. 15, 27 КК
    expect(
      named(
        'Замахом на кримінальне правопорушення є вчинення особою з прямим умислом діяння (дії або бездіяльності), безпосередньо спрямованого на вчинення кримінального правопорушення, передбаченого відповідною статтею Особливої частини цього Кодексу, якщо при цьому кримінальне правопорушення не було доведено до кінця з причин, які не залежали від її волі.',
        'ukr',
      ),
    ).toEqual(['attempt-aiding-abetting']);
    expect(named('Види співучасників', 'ukr')).toEqual(['attempt-aiding-abetting']);
    // ст. 96-3 КК
    expect(
      named(
        'Підставами для застосування до юридичної особи заходів кримінально-правового характеру є вчинення її уповноваженою особою від імені та в інтересах юридичної особи будь-якого з кримінальних правопорушень',
        'ukr',
      ),
    ).toEqual(['corporate-liability']);
    // ст. 96-2 КК, ст. 170 КПК
    expect(
      named(
        'Спеціальна конфіскація застосовується у разі, якщо гроші, цінності та інше майно призначалися (використовувалися) як засоби чи знаряддя вчинення кримінального правопорушення',
        'ukr',
      ),
    ).toContain('confiscation-proceeds');
    expect(named('Арешт майна', 'ukr')).toEqual(['confiscation-proceeds']);
    // ст. 6, 7 КК
    expect(
      named(
        'Особи, які вчинили кримінальні правопорушення на території України, підлягають відповідальності за цим Кодексом.',
        'ukr',
      ),
    ).toEqual(['jurisdiction']);
    expect(
      named(
        'Громадяни України, які вчинили кримінальні правопорушення за її межами, підлягають кримінальній відповідальності за цим Кодексом.',
        'ukr',
      ),
    ).toEqual(['jurisdiction']);
  });

  it('finds the investigative actions of the Criminal Procedure Code', () => {
    // ст. 263 КПК
    const art263 = named(
      'Зняття інформації з електронних комунікаційних мереж (контроль за телефонними розмовами, контроль за іншими видами зв’язку) є різновидом втручання у приватне спілкування, яке проводиться без відома осіб, які використовують засоби електронних комунікацій для передавання інформації, на підставі ухвали, постановленої слідчим суддею.',
      'ukr',
    );
    expect(art263).toContain('interception-of-content');
    expect(art263).not.toContain('real-time-traffic-data');
    expect(named('Тимчасовий доступ до речей і документів', 'ukr')).toEqual(['production-order']);
    expect(
      named(
        'Під час обшуку слідчий має право проводити тимчасове вилучення електронних інформаційних систем',
        'ukr',
      ),
    ).toEqual(['search-and-seizure']);
    expect(named('Встановлення місцезнаходження радіоелектронного засобу', 'ukr')).toEqual([
      'real-time-traffic-data',
    ]);
    expect(named('Створення та діяльність спільних слідчих груп', 'ukr')).toEqual(['joint-investigations']);
    expect(named('Видача осіб, які вчинили кримінальне правопорушення (екстрадиція)', 'ukr')).toEqual([
      'extradition',
    ]);
  });

  it('matches inflected forms, either apostrophe, у or в, and not the words every law uses', () => {
    expect(named('Стаття 15. Замах на злочин', 'ukr')).toEqual(['attempt-aiding-abetting']);
    expect(named('умисне втручання у комп’ютерні дані', 'ukr')).toEqual(['data-interference']);
    expect(named("умисне втручання в комп'ютерні дані", 'ukr')).toEqual(['data-interference']);
    expect(named('термінового збереження комп’ютерних даних', 'ukr')).toEqual(['expedited-preservation']);
    // the apostrophe as a letter (U+02BC), as some official texts write it
    expect(named('термінового збереження компʼютерних даних', 'ukr')).toEqual(['expedited-preservation']);
    expect(
      named('Кабінет Міністрів України протягом трьох місяців з дня набрання чинності цим Законом', 'ukr'),
    ).toEqual([]);
    expect(
      named(
        'Дія цього Закону поширюється на суб’єктів господарювання, які провадять діяльність на території України',
        'ukr',
      ),
    ).toEqual([]);
    expect(named('карається штрафом або позбавленням волі на строк до трьох років', 'ukr')).toEqual([]);
    expect(named('Строк видачі дозволу становить тридцять днів.', 'ukr')).toEqual([]);
    expect(
      named(
        'Центральний орган виконавчої влади невідкладно повідомляє про це Кабінет Міністрів України',
        'ukr',
      ),
    ).toEqual([]);
  });
});

describe('Chinese in traditional characters', () => {
  it('is matched in simplified characters and mainland wording', () => {
    expect(toSimplified('電腦網路')).toBe('计算机网络');
    expect(toSimplified('網際網路、個人資料、帳號')).toBe('互联网、个人数据、账号');
    // a mainland term found in a Taiwan text
    expect(named('違反國家規定，非法侵入電腦資訊系統', 'zho')).toContain('illegal-access');
  });

  it('finds the offences against computer use of the Taiwan Criminal Code', () => {
    expect(
      named(
        '第358條 無故輸入他人帳號密碼、破解使用電腦之保護措施或利用電腦系統之漏洞，而入侵他人之電腦或其相關設備者，處三年以下有期徒刑、拘役或科或併科三十萬元以下罰金。',
        'zho',
      ),
    ).toEqual(['illegal-access']);
    expect(
      named('第359條 無故取得、刪除或變更他人電腦或其相關設備之電磁紀錄，致生損害於公眾或他人者', 'zho'),
    ).toContain('data-interference');
    expect(named('第360條 無故以電腦程式或其他電磁方式干擾他人電腦或其相關設備', 'zho')).toContain(
      'system-interference',
    );
    expect(named('對於公務機關之電腦或其相關設備犯前三條之罪者，加重其刑至二分之一。', 'zho')).toEqual([
      'sanctions',
    ]);
    expect(named('前項之未遂犯罰之。', 'zho')).toEqual(['attempt-aiding-abetting']);
  });

  it('knows the traditional form of every simplified character the terms use', () => {
    // Big5 holds the traditional characters (and a few shared ones); a simplified character outside
    // it needs its traditional form in the table, or Taiwan's laws would not meet the term.
    const big5 = new TextDecoder('big5');
    const traditional = new Set<string>();
    for (let hi = 0xa4; hi <= 0xf9; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) traditional.add(big5.decode(new Uint8Array([hi, lo])));
    const simplified = new Set(SIMPLIFIED.values());
    const terms = file.flatMap((c) => [c.labels.zh, ...(c.synonyms.zh ?? [])]);
    const missing = new Set(
      [...toSimplified(terms.join(''))].filter(
        (ch) => /\p{Script=Han}/u.test(ch) && !traditional.has(ch) && !simplified.has(ch),
      ),
    );
    // (characters the same in both scripts but missing from Big5 would be listed here too)
    expect([...missing]).toEqual([]);
    for (const [t, s] of SIMPLIFIED) expect(toSimplified(t), t).toBe(s);
  });
});

describe('the concepts reported weak, in every language', () => {
  const WEAK = [
    'attempt-aiding-abetting',
    'corporate-liability',
    'sanctions',
    'confiscation-proceeds',
    'human-rights-safeguards',
    'jurisdiction',
    'expedited-preservation',
    'interception-of-content',
  ];
  it('have terms in all thirteen languages', () => {
    for (const code of WEAK) {
      const c = file.find((x) => x.code === code)!;
      for (const l of LANGUAGES)
        expect(c.labels[l] && (c.synonyms[l]?.length ?? 0) >= 2, `${code} ${l}`).toBeTruthy();
    }
  });

  it.each([
    [
      'rus',
      'Покушением на преступление признаются умышленные действия лица, непосредственно направленные на совершение преступления',
    ],
    [
      'eng',
      'Any person who aids, abets, counsels or procures the commission of an offence under this Act commits an offence.',
    ],
    [
      'fra',
      "Est complice d'un crime ou d'un délit la personne qui sciemment, par aide ou assistance, en a facilité la préparation ou la consommation.",
    ],
    [
      'spa',
      'Serán considerados cómplices los que cooperan a la ejecución del hecho con actos anteriores o simultáneos.',
    ],
    [
      'por',
      'É punível como cúmplice quem, dolosamente e por qualquer forma, prestar auxílio material ou moral à prática por outrem de um facto doloso.',
    ],
    [
      'ara',
      'يعاقب على الشروع في ارتكاب الجنح المنصوص عليها في هذا القانون بنصف العقوبة المقررة للجريمة التامة.',
    ],
    ['ara', 'كل من حرض أو ساعد أو اتفق مع غيره على ارتكاب جريمة من الجرائم المنصوص عليها في هذا القانون'],
    [
      'deu',
      'Als Gehilfe wird bestraft, wer vorsätzlich einem anderen zu dessen vorsätzlich begangener rechtswidriger Tat Hilfe geleistet hat.',
    ],
    ['deu', 'Der Versuch ist strafbar.'],
    [
      'ukr',
      'Пособником є особа, яка порадами чи вказівками, наданням засобів чи знарядь або усуненням перешкод сприяла вчиненню кримінального правопорушення іншими співучасниками.',
    ],
  ])('attempt and aiding or abetting (Art. 11) in %s', (language, text) => {
    expect(named(text, language)).toContain('attempt-aiding-abetting');
  });

  it.each([
    [
      'eng',
      'The court may order the forfeiture of any apparatus, article or thing which was used for the commission of the offence.',
    ],
    [
      'fra',
      "La confiscation de la chose qui a servi ou était destinée à commettre l'infraction est prononcée.",
    ],
    ['spa', 'Se impondrá el decomiso de los equipos e instrumentos del delito.'],
    [
      'ara',
      'يحكم بمصادرة الأجهزة أو البرامج أو الوسائل المستخدمة في ارتكاب أي من الجرائم المنصوص عليها في هذا القانون',
    ],
    [
      'rus',
      'Конфискация имущества есть принудительное безвозмездное изъятие и обращение в доход государства орудий, оборудования или иных средств совершения преступления',
    ],
    [
      'deu',
      'Gegenstände, die durch eine vorsätzliche Tat hervorgebracht oder zu ihrer Begehung gebraucht worden sind, können eingezogen werden.',
    ],
    ['zho', '供犯罪所用、犯罪預備之物或犯罪所生之物，屬於犯罪行為人者，得沒收之。'],
    [
      'ukr',
      'Спеціальна конфіскація полягає у примусовому безоплатному вилученні за рішенням суду у власність держави грошей, цінностей та іншого майна',
    ],
  ])('confiscation and forfeiture (Art. 13) in %s', (language, text) => {
    expect(named(text, language)).toContain('confiscation-proceeds');
  });

  it.each([
    ['eng', 'Aggravating circumstances'],
    [
      'fra',
      'Les peines sont portées au double lorsque les infractions sont commises avec les circonstances aggravantes suivantes',
    ],
    ['spa', 'Son circunstancias de agravación las siguientes'],
    ['ara', 'ويعد ظرفا مشددا ارتكاب أي من الجرائم المنصوص عليها في هذا القانون بمناسبة تأدية الوظيفة'],
    ['rus', 'Обстоятельствами, отягчающими наказание, признаются'],
    [
      'deu',
      'In besonders schweren Fällen ist die Strafe Freiheitsstrafe von sechs Monaten bis zu zehn Jahren.',
    ],
    [
      'ukr',
      'При призначенні покарання обставинами, які його обтяжують, визнаються: вчинення кримінального правопорушення групою осіб за попередньою змовою',
    ],
  ])('aggravating circumstances (Art. 13) in %s', (language, text) => {
    expect(named(text, language)).toContain('sanctions');
  });

  it.each([
    ['eng', 'Any evidence obtained in contravention of this section shall be inadmissible.'],
    ['fra', 'sur autorisation du juge des libertés et de la détention, à peine de nullité'],
    [
      'spa',
      'Las pruebas obtenidas con violación de los derechos fundamentales carecerán de valor probatorio.',
    ],
    ['por', 'São inadmissíveis, no processo, as provas obtidas por meios ilícitos.'],
    ['ara', 'لا يجوز ذلك إلا بإذن من النيابة العامة'],
    ['rus', 'Доказательства, полученные с нарушением требований настоящего Кодекса, являются недопустимыми.'],
    ['ukr', 'Недопустимість доказів, отриманих внаслідок істотного порушення прав та свобод людини'],
    ['ukr', 'Негласні слідчі (розшукові) дії проводяться на підставі ухвали слідчого судді'],
  ])('judicial authorisation and exclusionary rules (Art. 15) in %s', (language, text) => {
    expect(named(text, language)).toContain('human-rights-safeguards');
  });

  it.each([
    [
      'fra',
      'La loi pénale française est applicable aux infractions commises sur le territoire de la République.',
    ],
    ['ara', 'تسري أحكام هذا القانون على كل من ارتكب خارج الدولة أيا من الجرائم المنصوص عليها فيه'],
    ['deu', 'Das deutsche Strafrecht gilt für Taten, die im Inland begangen werden.'],
    ['zho', '本法於在中華民國領域外之中華民國船艦或航空器內犯罪者，以在中華民國領域內犯罪論。'],
    ['ukr', 'Чинність закону про кримінальну відповідальність у просторі'],
  ])('jurisdiction (Art. 22) in %s', (language, text) => {
    expect(named(text, language)).toContain('jurisdiction');
  });

  it('tells the interception of content data from real-time traffic data', () => {
    const content =
      'the court may order a service provider to collect or record that content data in real time';
    const traffic =
      'the court may order a service provider to collect or record that traffic data in real time';
    const score = (text: string, code: string) => {
      const p = prepared(text, 'eng');
      const c = lexicon.find((x) => x.code === code)!;
      return c.terms.get('eng')!.reduce((n, t) => n + occurrences(t, p, 'eng'), 0);
    };
    expect(score(content, 'interception-of-content')).toBeGreaterThan(
      score(content, 'real-time-traffic-data'),
    );
    expect(score(traffic, 'real-time-traffic-data')).toBeGreaterThan(
      score(traffic, 'interception-of-content'),
    );
    expect(named('Collecte en temps réel des données relatives au contenu', 'fra')).toContain(
      'interception-of-content',
    );
    expect(named('Зняття інформації з електронних комунікаційних мереж', 'ukr')).toEqual([
      'interception-of-content',
    ]);
  });
});

describe('where the concepts point in the Budapest Convention', () => {
  it.each([
    ['attempt-aiding-abetting', ['11']],
    ['corporate-liability', ['12']],
    ['sanctions', ['13']],
    ['confiscation-proceeds', ['13']],
    ['human-rights-safeguards', ['15']],
    ['expedited-preservation', ['16', '29']],
    ['real-time-traffic-data', ['20', '33']],
    ['interception-of-content', ['21', '34']],
    ['jurisdiction', ['22']],
  ])('%s → Art. %s', (code, articles) => {
    expect(articlesOf(code)).toEqual(articles);
  });
});
