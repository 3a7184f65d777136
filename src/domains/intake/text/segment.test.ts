/**
 * Segmentation of laws drafted in each style the segmenter knows: the numbers, headings, kinds
 * and warnings an editor checks in the preview. The texts are short, written as such laws are.
 */
import { describe, expect, it } from 'vitest';
import { seg, units, numbers, find } from './segment-testing.js';

describe('Arabic', () => {
  it('reads ordinal words as article numbers: المادة الثانية عشرة is article 12, not 2 headed عشرة', () => {
    const s = seg(
      'قانون مكافحة الجرائم الإلكترونية',
      'الباب الأول',
      'أحكام عامة',
      'المادة الأولى',
      'التعريفات',
      'في تطبيق أحكام هذا القانون يقصد بالكلمات التالية المعاني المبينة قرين كل منها.',
      'المادة الثانية: نطاق التطبيق',
      'تسري أحكام هذا القانون على الجرائم المرتكبة داخل الدولة.',
      'الفصل الثاني',
      'الجرائم الماسة بالأنظمة',
      'الفرع الثالث',
      'الاعتراض',
      'المادة الحادية عشرة - الدخول غير المشروع',
      'يعاقب بالحبس كل من دخل عمدا نظاما معلوماتيا.',
      'المادة الثانية عشرة - الاعتراض غير المشروع',
      'يعاقب بالحبس كل من اعترض بيانات.',
      'المادة التاسع عشر',
      'يعاقب على الشروع.',
      'المادة العشرون',
      'يعاقب الشخص الاعتباري.',
      'المادة الحادية والعشرون',
      'تسري أحكام قانون العقوبات.',
      'المادة العاشرة بعد المائة',
      'يعمل بهذا القانون من تاريخ نشره.',
    );
    expect(numbers(s)).toEqual(['1', '2', '11', '12', '19', '20', '21', '110']);
    const a12 = find(s.provisions, (p) => p.number === '12')!;
    expect(a12).toMatchObject({ eid: 'art_12', kind: 'article', heading: 'الاعتراض غير المشروع' });
    expect(find(s.provisions, (p) => p.number === '1')).toMatchObject({
      kind: 'part',
      heading: 'أحكام عامة',
    });
    expect(find(s.provisions, (p) => p.kind === 'article' && p.number === '1')).toMatchObject({
      eid: 'art_1',
      heading: 'التعريفات',
    });
    expect(find(s.provisions, (p) => p.kind === 'chapter')).toMatchObject({
      number: '2',
      heading: 'الجرائم الماسة بالأنظمة',
    });
    expect(find(s.provisions, (p) => p.kind === 'division')).toMatchObject({
      number: '3',
      heading: 'الاعتراض',
    });
    expect(s.warnings.filter((w) => /missing|skip/.test(w))).toEqual([
      'articles 3–10 are missing (article 2 is followed by article 11): check that they are not inside article 2',
      'articles 13–18 are missing (article 12 is followed by article 19): check that they are not inside article 12',
      'articles 22–109 are missing (article 21 is followed by article 110): check that they are not inside article 21',
    ]);
  });

  it('reads Arabic-Indic digits and numbers in brackets', () => {
    const s = seg('المادة ١', 'نص المادة الأولى.', 'المادة (٢)', 'نص المادة الثانية.', 'مادة 3 مكرر', 'نص.');
    expect(numbers(s)).toEqual(['1', '2', '3 مكرر']);
    expect(units(s).map((u) => u.eid)).toEqual(['art_1', 'art_2', 'art_3bis']);
  });
});

describe('ordinal words in Spanish, Portuguese, French, Russian', () => {
  it('numbers articles written in words', () => {
    const s = seg(
      'Artículo primero.- Objeto. La presente ley tiene por objeto proteger los sistemas informáticos.',
      'Artículo segundo.- Definiciones',
      'Para los efectos de esta ley se entiende por sistema informático todo dispositivo.',
      'Artículo tercero. El que acceda sin autorización será sancionado.',
      'Artículo décimo tercero.- La tentativa será sancionada.',
    );
    expect(numbers(s)).toEqual(['1', '2', '3', '13']);
    expect(units(s)[0]).toMatchObject({ eid: 'art_1', heading: 'Objeto' });
    expect(units(s)[1]).toMatchObject({ heading: 'Definiciones' });
    expect(
      seg('Article premier', 'La présente loi…', 'Article 2', 'Texte.').provisions.map((p) => p.eid),
    ).toEqual(['art_1', 'art_2']);
    expect(numbers(seg('Статья первая. Предмет', 'Текст.', 'Статья вторая. Понятия', 'Текст.'))).toEqual([
      '1',
      '2',
    ]);
    expect(
      numbers(
        seg(
          'Artigo 1.º',
          'Objeto.',
          'Art. 2º Definições.',
          'Art. 3º-A. Texto.',
          'Artigo décimo primeiro',
          'Texto.',
        ),
      ),
    ).toEqual(['1', '2', '3-A', '11']);
  });

  it('reads bis, ter and hyphenated numbers', () => {
    const s = seg(
      'Artículo 5. Acceso ilícito. El que acceda será sancionado.',
      'Artículo 5 bis. Interceptación. El que intercepte será sancionado.',
      'Art. 615-ter. Accesso abusivo',
      'Chiunque abusivamente si introduce in un sistema informatico è punito.',
      'Article 323-3-1',
      'Le fait, sans motif légitime, d’importer un équipement est puni.',
    );
    expect(numbers(s)).toEqual(['5', '5 bis', '615 ter', '323-3-1']);
    expect(units(s).map((u) => u.eid)).toEqual(['art_5', 'art_5bis', 'art_615ter', 'art_323_3_1']);
  });
});

describe('transitional and final provisions', () => {
  it('opens a grouping whose articles are numbered again, with eIds of their own and no warning', () => {
    const s = seg(
      'LEY DE DELITOS INFORMÁTICOS',
      'Artículo 1.- Objeto. Esta ley sanciona los delitos informáticos.',
      'Artículo 2.- Acceso ilícito. El que acceda sin autorización será sancionado.',
      'ARTÍCULOS TRANSITORIOS',
      'Artículo primero.- La presente ley entrará en vigor al día siguiente de su publicación.',
      'Artículo segundo.- Se derogan las disposiciones que se opongan a esta ley.',
    );
    expect(numbers(s)).toEqual(['1', '2', '1', '2']);
    const group = s.provisions.find((p) => p.kind === 'hcontainer')!;
    expect(group).toMatchObject({ eid: 'transitional', heading: 'ARTÍCULOS TRANSITORIOS' });
    expect(group.children!.map((c) => c.eid)).toEqual(['transitional__art_1', 'transitional__art_2']);
    expect(s.warnings).toEqual([]);
  });

  it('reads "TRANSITORIOS" followed by bare ordinals, and "Disposición final primera"', () => {
    const s = seg(
      'ARTÍCULO ÚNICO.- Se reforma el Código Penal Federal.',
      'TRANSITORIOS',
      'PRIMERO.- El presente Decreto entrará en vigor al día siguiente de su publicación.',
      'SEGUNDO.- Se derogan todas las disposiciones que se opongan al presente Decreto.',
      'Disposición final primera. Título competencial.',
      'Esta ley se dicta al amparo del artículo 149.1.6.ª de la Constitución.',
    );
    expect(numbers(s)).toEqual(['1', '1', '2', '1']);
    expect(s.provisions.map((p) => [p.kind, p.eid])).toEqual([
      ['article', 'art_1'],
      ['hcontainer', 'transitional'],
      ['hcontainer', 'final'],
    ]);
    expect(find(s.provisions, (p) => p.eid === 'final__art_1')).toMatchObject({
      heading: 'Título competencial',
    });
  });

  it('warns when numbers start again without a grouping', () => {
    const s = seg('Article 1', 'Text.', 'Article 2', 'Text.', 'Article 1', 'Text.');
    expect(s.warnings).toContain(
      'article 1 appears more than once: check whether the second is another provision',
    );
    expect(units(s).map((u) => u.eid)).toEqual(['art_1', 'art_2', 'art_1_2']);
  });
});

describe('headings', () => {
  it('takes a long title after the number as the heading where the law writes "Статья N. Title"', () => {
    const title =
      'Незаконное использование и (или) передача, сбор и (или) хранение компьютерной информации, содержащей персональные данные, а равно создание и (или) обеспечение функционирования информационных ресурсов, предназначенных для ее незаконных хранения и (или) распространения';
    const s = seg(
      'Глава 28. Преступления в сфере компьютерной информации',
      'Статья 272. Неправомерный доступ к компьютерной информации',
      '1. Неправомерный доступ к охраняемой законом компьютерной информации наказывается штрафом.',
      '2. То же деяние, причинившее крупный ущерб, наказывается лишением свободы.',
      `Статья 272.1. ${title}`,
      '1. Незаконные использование и (или) передача компьютерной информации наказываются штрафом.',
      'Статья 273. Создание, использование и распространение вредоносных компьютерных программ',
      '1. Создание компьютерных программ наказывается лишением свободы.',
    );
    expect(units(s).map((u) => [u.number, u.heading])).toEqual([
      ['272', 'Неправомерный доступ к компьютерной информации'],
      ['272.1', title],
      ['273', 'Создание, использование и распространение вредоносных компьютерных программ'],
    ]);
    expect(units(s)[0].children!.map((c) => c.eid)).toEqual(['art_272__subsec_1', 'art_272__subsec_2']);
    expect(units(s)[1].eid).toBe('art_272_1');
  });

  it('reads headings on the line above ("3. —(1)"), after a dash, and before the text', () => {
    const sg = seg(
      'Computer Misuse Act 1993',
      'PART 1 - PRELIMINARY',
      'Short title',
      '1. This Act is the Computer Misuse Act 1993.',
      'Unauthorised access to computer material',
      '3. —(1) Subject to subsection (2), any person who knowingly causes a computer to perform any function shall be guilty of an offence.',
      '(2) For the purposes of this section, it is immaterial that the act is not directed at any particular program.',
    );
    expect(units(sg).map((u) => [u.eid, u.heading])).toEqual([
      ['sec_1', 'Short title'],
      ['sec_3', 'Unauthorised access to computer material'],
    ]);
    expect(units(sg)[1].children!.map((c) => c.number)).toEqual(['1', '2']);
    const uk = seg(
      'Computer Misuse Act 1990',
      'Computer misuse offences',
      '1 Unauthorised access to computer material',
      '(1) A person is guilty of an offence if he causes a computer to perform any function.',
      '2 Unauthorised access with intent to commit or facilitate commission of further offences',
      '(1) A person is guilty of an offence under this section if he commits an offence under section 1.',
      '3A Making, supplying or obtaining articles for use in offence under section 1, 3 or 3ZA',
      '(1) A person is guilty of an offence if he makes any article.',
    );
    expect(units(uk).map((u) => [u.eid, u.heading])).toEqual([
      ['sec_1', 'Unauthorised access to computer material'],
      ['sec_2', 'Unauthorised access with intent to commit or facilitate commission of further offences'],
      ['sec_3a', 'Making, supplying or obtaining articles for use in offence under section 1, 3 or 3ZA'],
    ]);
    const en = seg('Article 2 - Illegal access', 'Each Party shall adopt such measures as may be necessary.');
    expect(units(en)[0]).toMatchObject({
      heading: 'Illegal access',
      text: 'Each Party shall adopt such measures as may be necessary.',
    });
    const co = seg(
      'Artículo 269A: Acceso abusivo a un sistema informático. El que, sin autorización, acceda a un sistema informático incurrirá en pena de prisión.',
    );
    expect(units(co)[0]).toMatchObject({
      number: '269A',
      heading: 'Acceso abusivo a un sistema informático',
      text: 'El que, sin autorización, acceda a un sistema informático incurrirá en pena de prisión.',
    });
  });
});

describe('other scripts and layouts', () => {
  it('reads Chinese articles, simplified and traditional, with spaces and 之', () => {
    const cn = seg(
      '第一章 总则',
      '第一条 为了保护计算机信息系统的安全，制定本法。',
      '第二百八十五条 违反国家规定，侵入计算机信息系统的，处三年以下有期徒刑。',
    );
    expect(numbers(cn)).toEqual(['1', '285']);
    expect(cn.provisions[0]).toMatchObject({ kind: 'chapter', number: '1', heading: '总则' });
    const tw = seg(
      '第 339-3 條',
      '意圖為自己不法之所有，以不正方法將虛偽資料輸入電腦者，處七年以下有期徒刑。',
      '第三百五十八條之一',
      '無故入侵他人之電腦者，處三年以下有期徒刑。',
      '第三百五十八條至第三百六十條之罪，須告訴乃論。',
    );
    expect(units(tw).map((u) => [u.eid, u.number])).toEqual([
      ['art_339_3', '339-3'],
      ['art_358_1', '358-1'],
    ]);
    expect(units(tw)[1].text).toContain('第三百五十八條至第三百六十條之罪');
  });

  it('reads Swahili and Indonesian groupings', () => {
    const sw = seg(
      'SEHEMU YA KWANZA',
      'MASHARTI YA UTANGULIZI',
      '1. Jina na kuanza kutumika',
      'Sheria hii itajulikana kama Sheria ya Makosa ya Mtandao.',
    );
    expect(sw.provisions[0]).toMatchObject({ kind: 'part', number: '1', heading: 'MASHARTI YA UTANGULIZI' });
    const id = seg(
      'BAB VII',
      'PERBUATAN YANG DILARANG',
      'Bagian Kedua',
      'Akses Ilegal',
      'Pasal 30',
      '(1) Setiap Orang dengan sengaja mengakses Komputer milik Orang lain.',
    );
    expect(id.provisions[0]).toMatchObject({
      kind: 'chapter',
      number: 'VII',
      heading: 'PERBUATAN YANG DILARANG',
    });
    expect(id.provisions[0].children![0]).toMatchObject({
      kind: 'division',
      number: '2',
      heading: 'Akses Ilegal',
    });
    expect(numbers(id)).toEqual(['30']);
  });

  it('keeps a schedule out of the sections', () => {
    const s = seg(
      '34. Jurisdiction',
      'A chief magistrate has jurisdiction.',
      'Schedule',
      '(Sections 1, 35)',
      '1. A currency point is twenty thousand shillings.',
    );
    expect(numbers(s)).toEqual(['34']);
    expect(s.provisions.at(-1)).toMatchObject({ kind: 'schedule', eid: 'schedule' });
  });
});

describe('lines wrapped on the page (a PDF, a scan)', () => {
  it('a wrapped reference to a schedule does not open it; the schedule’s own heading does', () => {
    const s = seg(
      'Interpretation',
      '2. In this Act, “user” has the meaning given by paragraph 1(1) of the',
      'First Schedule. [Act 16 of 2023 wef 08/02/2024]',
      '(2) For the purposes of this Act, a person secures access to a program if —',
      '3. Unauthorised access',
      'A person who accesses a computer without authority is guilty of an offence, as set out in the',
      'Second Schedule; and the penalties apply.',
      'FIRST SCHEDULE',
      '1. The national digital identity service.',
    );
    expect(numbers(s)).toEqual(['2', '3']);
    expect(find(s.provisions, (p) => p.number === '2')?.children?.map((c) => c.number)).toEqual(['2']);
    expect(find(s.provisions, (p) => p.number === '3')?.text).toContain(
      'Second Schedule; and the penalties apply.',
    );
    expect(s.provisions.filter((p) => p.kind === 'schedule').map((p) => p.heading ?? '')).toHaveLength(1);
  });
});
