/**
 * Groupings in each drafting style: parts, titles, chapters and sections by their keywords and
 * numbers (Roman, digits, words, German ordinals before the keyword), transitional and final
 * provisions, and "Section" as a grouping where the law's provisions are articles.
 */
import { describe, expect, it } from 'vitest';
import { seg, units, numbers, find } from './segment-testing.js';

describe('groupings', () => {
  it('reads a grouping after an opening quote mark', () => {
    const s = seg(
      '«CHAPITRE II',
      'Des atteintes aux systèmes',
      'Article 5',
      'Texte.',
      '“TÍTULO I',
      'Artículo 6. Texto del artículo.',
    );
    expect(s.provisions.map((p) => [p.kind, p.number, p.heading])).toEqual([
      ['chapter', 'II', 'Des atteintes aux systèmes'],
    ]);
    expect(find(s.provisions, (p) => p.kind === 'title')).toMatchObject({ number: 'I' });
    expect(numbers(s)).toEqual(['5', '6']);
  });

  it('takes "Section 1 –" as a grouping where provisions are articles, and as a provision in English laws', () => {
    const fr = seg(
      'Chapitre II : Des atteintes à la personnalité',
      'Section 1 – De l’atteinte à la vie privée',
      'Article 226-1',
      'Est puni d’un an d’emprisonnement le fait de porter atteinte à l’intimité de la vie privée d’autrui.',
      'Article 226-2',
      'Est puni des mêmes peines le fait de conserver un enregistrement.',
      'Sous-section 1 – Dispositions particulières',
      'Article 226-2-1',
      'Lorsque les délits sont commis, les peines sont portées à deux ans.',
      'Section 2 – De l’atteinte à la représentation de la personne',
      'Article 226-8',
      'Est puni d’un an d’emprisonnement le fait de publier un montage.',
    );
    expect(numbers(fr)).toEqual(['226-1', '226-2', '226-2-1', '226-8']);
    const [chapter] = fr.provisions;
    expect(chapter.children!.map((c) => [c.kind, c.number, c.heading])).toEqual([
      ['division', '1', 'De l’atteinte à la vie privée'],
      ['division', '2', 'De l’atteinte à la représentation de la personne'],
    ]);
    expect(chapter.children![0].children!.at(-1)).toMatchObject({ kind: 'division', number: '1' });
    const en = seg(
      'Section 1. Short title',
      'This Act may be cited as the Cyber Act.',
      'Section 2. Interpretation',
      'In this Act—',
    );
    expect(units(en).map((u) => [u.kind, u.eid, u.heading])).toEqual([
      ['section', 'sec_1', 'Short title'],
      ['section', 'sec_2', 'Interpretation'],
    ]);
    expect(numbers(seg('Sección 2ª', 'De los delitos', 'Artículo 7. Texto.'))).toEqual(['7']);
  });

  it('reads German and Russian groupings', () => {
    const de = seg(
      'Strafgesetzbuch',
      'Fünfzehnter Abschnitt',
      'Verletzung des persönlichen Lebens- und Geheimbereichs',
      '§ 202a Ausspähen von Daten',
      '(1) Wer unbefugt sich oder einem anderen Zugang zu Daten verschafft, wird mit Freiheitsstrafe bestraft.',
      '(2) Daten im Sinne des Absatzes 1 sind nur solche, die elektronisch gespeichert sind.',
      '§ 202b Abfangen von Daten',
      'Wer unbefugt Daten abfängt, wird bestraft.',
      'Siebenundzwanzigster Abschnitt',
      'Sachbeschädigung',
      '§ 303a Datenveränderung',
      '(1) Wer rechtswidrig Daten löscht, wird bestraft.',
      '§ 303b Computersabotage',
      '(1) Wer eine Datenverarbeitung stört, wird bestraft.',
    );
    expect(de.provisions.filter((p) => p.kind === 'division').map((p) => [p.number, p.heading])).toEqual([
      ['15', 'Verletzung des persönlichen Lebens- und Geheimbereichs'],
      ['27', 'Sachbeschädigung'],
    ]);
    expect(units(de).map((u) => [u.eid, u.number, u.heading])).toEqual([
      ['sec_202a', '202a', 'Ausspähen von Daten'],
      ['sec_202b', '202b', 'Abfangen von Daten'],
      ['sec_303a', '303a', 'Datenveränderung'],
      ['sec_303b', '303b', 'Computersabotage'],
    ]);
    expect(units(de)[0].children!.map((c) => c.eid)).toEqual(['sec_202a__subsec_1', 'sec_202a__subsec_2']);
    const ru = seg(
      'Раздел IX. Преступления против общественной безопасности',
      'Глава 28. Преступления в сфере компьютерной информации',
      'Статья 272. Неправомерный доступ к компьютерной информации',
      '1. Неправомерный доступ наказывается штрафом.',
    );
    expect(ru.provisions[0]).toMatchObject({ kind: 'part', number: 'IX' });
    expect(ru.provisions[0].children![0]).toMatchObject({
      kind: 'chapter',
      number: '28',
      heading: 'Преступления в сфере компьютерной информации',
    });
  });
});

describe('more groupings', () => {
  it('reads German groupings numbered before or after the keyword, and Artikel', () => {
    const s = seg(
      'Erster Teil',
      'Allgemeine Vorschriften',
      '1. Abschnitt',
      'Geltungsbereich',
      'Artikel 1 Zweck',
      'Dieses Gesetz schützt informationstechnische Systeme.',
      'Unterabschnitt 2',
      'Begriffe',
      'Artikel 2 Begriffsbestimmungen',
      'Im Sinne dieses Gesetzes sind Daten nur solche, die elektronisch gespeichert sind.',
      'Kapitel 3',
      'Artikel 3',
      'Text.',
    );
    expect(s.provisions[0]).toMatchObject({ kind: 'part', number: '1', heading: 'Allgemeine Vorschriften' });
    expect(s.provisions[0].children![0]).toMatchObject({
      kind: 'division',
      number: '1',
      heading: 'Geltungsbereich',
    });
    expect(find(s.provisions, (p) => p.heading === 'Begriffe')).toMatchObject({
      kind: 'division',
      number: '2',
    });
    expect(find(s.provisions, (p) => p.kind === 'chapter')).toMatchObject({ number: '3' });
    expect(units(s).map((u) => [u.eid, u.heading ?? ''])).toEqual([
      ['art_1', 'Zweck'],
      ['art_2', 'Begriffsbestimmungen'],
      ['art_3', ''],
    ]);
  });

  it('takes TRANSITIONAL PROVISIONS as a grouping, and keeps eIds where numbering goes on', () => {
    const s = seg(
      '45. Repeal',
      'The Computer Crimes Act is repealed.',
      'TRANSITIONAL PROVISIONS',
      '46. Savings',
      'Proceedings begun under the repealed Act continue.',
    );
    expect(s.provisions.map((p) => [p.kind, p.eid])).toEqual([
      ['section', 'sec_45'],
      ['hcontainer', 'transitional'],
    ]);
    expect(s.provisions[1].children!.map((c) => [c.eid, c.heading])).toEqual([['sec_46', 'Savings']]);
    expect(s.warnings).toEqual([]);
  });

  it('reads a code whose articles have § paragraphs and headings on the line above (Brazil)', () => {
    const s = seg(
      'Código Penal (extratos)',
      'Art. 5º - Aplica-se a lei brasileira, sem prejuízo de convenções, tratados e regras de direito internacional, ao crime cometido no território nacional.',
      '§ 1º - Para os efeitos penais, consideram-se como extensão do território nacional as embarcações e aeronaves brasileiras.',
      '§ 2º - É também aplicável a lei brasileira aos crimes praticados a bordo de aeronaves estrangeiras.',
      'Lugar do crime (Redação dada pela Lei nº 7.209, de 1984)',
      'Art. 6º - Considera-se praticado o crime no lugar em que ocorreu a ação ou omissão, no todo ou em parte.',
      'Extraterritorialidade',
      'Art. 7º - Ficam sujeitos à lei brasileira, embora cometidos no estrangeiro:',
      '§ 1º - Nos casos do inciso I, o agente é punido segundo a lei brasileira, ainda que absolvido no estrangeiro.',
    );
    const list = units(s);
    expect(list.map((u) => u.number)).toEqual(['5', '6', '7']);
    expect(list[0].text).toContain('§ 2º - É também aplicável');
    expect(list[1].heading).toBe('Lugar do crime (Redação dada pela Lei nº 7.209, de 1984)');
    expect(list[0].text).not.toContain('Lugar do crime');
  });
});
