/**
 * Segmentation of amending laws (articles quoted inside the article that inserts them, or laid
 * out as the law's own) and the warnings an editor gets about numbering. Short texts written as
 * such laws are drafted.
 */
import { describe, expect, it } from 'vitest';
import { seg, units, numbers } from './segment-testing.js';

describe('amending laws', () => {
  it('keeps a replacement article quoted after "por el siguiente:" inside the amending article', () => {
    const s = seg(
      'ARTICULO 1º — Sustitúyese el artículo 128 del Código Penal, por el siguiente:',
      'Artículo 128: Será reprimido con prisión de seis meses a cuatro años el que produjere representaciones de menores.',
      'Será reprimido con prisión de cuatro meses a dos años el que tuviere en su poder tales representaciones.',
      'ARTICULO 2º — Incorpórase como artículo 153 bis del Código Penal, el siguiente:',
      'Artículo 153 bis: Será reprimido con prisión de quince días a seis meses el que accediere a un sistema.',
      'ARTICULO 3º — Comuníquese al Poder Ejecutivo.',
    );
    expect(numbers(s)).toEqual(['1', '2', '3']);
    expect(units(s)[0].text).toContain('Artículo 128: Será reprimido');
    expect(units(s)[0].text).toContain('Será reprimido con prisión de cuatro meses');
    expect(s.warnings).toEqual([
      'quoted provisions are kept inside the provision that inserts or substitutes them, not taken as provisions of this law: Artículo 128 (in article 1), Artículo 153 bis (in article 2)',
    ]);
  });

  it('does not take the law’s next article, typeset differently, for quoted text', () => {
    const s = seg(
      'Article 1er',
      'Le code pénal est ainsi modifié :',
      'ARTICLE 2',
      'La présente loi sera exécutée comme loi de l’Etat.',
      'ARTICLE 3',
      'Elle entre en vigueur le lendemain de sa publication.',
    );
    expect(numbers(s)).toEqual(['1', '2', '3']);
    expect(s.warnings).toEqual([
      "provisions 2, 3 are written “ARTICLE” where the law's own are written “Article”: taken as provisions of this law; check that they are not quoted text",
    ]);
  });

  it('keeps articles inserted in the law’s own layout as units, and says so', () => {
    const s = seg(
      'Artículo 1°. Adiciónase el Código Penal con un Título VII BIS, del siguiente tenor:',
      'CAPITULO I',
      'De los atentados contra la confidencialidad de los datos',
      'Artículo 269A: Acceso abusivo a un sistema informático. El que acceda a un sistema incurrirá en prisión.',
      'Artículo 269B: Obstaculización ilegítima. El que impida el funcionamiento incurrirá en prisión.',
      'Artículo 2°. Adiciónese al artículo 58 del Código Penal con un numeral 17, así:',
      'Artículo 58. Circunstancias de mayor punibilidad. Son circunstancias de mayor punibilidad:',
      '17. Cuando se utilicen medios informáticos.',
      'Artículo 3°. La presente ley rige a partir de su promulgación.',
    );
    expect(numbers(s)).toEqual(['1', '269A', '269B', '2', '58', '3']);
    expect(s.warnings).toHaveLength(2);
    expect(s.warnings[0]).toMatch(/^articles 269A, 269B follow article 1, which introduces text to insert/);
    expect(s.warnings[1]).toMatch(/^article 58 follows article 2/);
  });

  it('keeps text opened by a quote mark after an announcement inside, up to the closing mark', () => {
    const br = seg(
      'Art. 1º Esta Lei dispõe sobre a tipificação criminal de delitos informáticos.',
      'Art. 2º O Código Penal fica acrescido dos seguintes arts. 154-A e 154-B:',
      '“Invasão de dispositivo informático',
      'Art. 154-A. Invadir dispositivo informático alheio, mediante violação indevida de mecanismo de segurança:',
      'Pena - detenção, de 3 (três) meses a 1 (um) ano, e multa.',
      'Art. 154-B. Nos crimes definidos no art. 154-A, somente se procede mediante representação.”',
      'Art. 3º Esta Lei entra em vigor após decorridos 120 (cento e vinte) dias de sua publicação oficial.',
    );
    expect(numbers(br)).toEqual(['1', '2', '3']);
    expect(units(br)[1].text).toContain('Art. 154-B.');
    const de = seg(
      'Artikel 1',
      'Änderung des Strafgesetzbuches',
      'Das Strafgesetzbuch wird wie folgt geändert:',
      '1. Nach § 202b wird folgender § 202c eingefügt:',
      '„§ 202c Vorbereiten des Ausspähens und Abfangens von Daten',
      '(1) Wer eine Straftat nach § 202a oder § 202b vorbereitet, wird bestraft.',
      '(2) § 149 Abs. 2 und 3 gilt entsprechend.“',
      '2. In § 303a wird Absatz 3 aufgehoben.',
      'Artikel 2',
      'Inkrafttreten',
      'Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.',
    );
    expect(units(de).map((u) => [u.number, u.heading])).toEqual([
      ['1', 'Änderung des Strafgesetzbuches'],
      ['2', 'Inkrafttreten'],
    ]);
    expect(units(de)[0].children!.map((c) => c.number)).toEqual(['1', '2']);
    expect(de.warnings).toEqual([
      'a quoted provision is kept inside the provision that inserts or substitutes it, not taken as a provision of this law: § 202c (in article 1)',
    ]);
    const id = seg(
      'Pasal I',
      'Beberapa ketentuan dalam Undang-Undang Nomor 11 Tahun 2008 diubah sebagai berikut:',
      '1. Ketentuan Pasal 27 diubah sehingga berbunyi sebagai berikut:',
      'Pasal 27',
      '(1) Setiap Orang dengan sengaja mendistribusikan Informasi Elektronik yang melanggar kesusilaan.',
      'Pasal II',
      'Undang-Undang ini mulai berlaku pada tanggal diundangkan.',
    );
    expect(numbers(id)).toEqual(['I', 'II']);
  });

  it('does not read "Section 5 of the principal Act is amended" as a section', () => {
    const s = seg(
      '1. Short title',
      'This Act may be cited as the Amendment Act.',
      '2. Amendment of section 5',
      'Section 5 of the principal Act is amended by deleting subsection (2).',
      '3. Commencement',
      'This Act comes into force on publication.',
    );
    expect(units(s).map((u) => [u.kind, u.number])).toEqual([
      ['section', '1'],
      ['section', '2'],
      ['section', '3'],
    ]);
  });
});

describe('warnings', () => {
  it('names a skipped number, a number going backwards, a duplicate and a long preamble', () => {
    const s = seg(
      'LOI RELATIVE À LA CYBERCRIMINALITÉ',
      'L’Assemblée nationale a délibéré et adopté,',
      'Le Président de la République promulgue la loi dont la teneur suit :',
      'Vu la Constitution ;',
      'Article 1',
      'Texte.',
      'Article 2',
      'Texte.',
      'Article 4',
      'Texte.',
      'Article 3',
      'Texte.',
      'Article 4',
      'Texte.',
    );
    expect(s.warnings).toEqual([
      'article 3 follows article 4: the numbers go backwards without a new part or chapter; check the order',
      'article 4 appears more than once: check whether the second is another provision',
      'article 3 is missing (article 2 is followed by article 4): check that it is not inside article 2',
      'the text before article 1 (4 lines: “LOI RELATIVE À LA CYBERCRIMINALITÉ…”) is kept as a preamble: check that no provision is in it',
    ]);
    expect(seg('CYBERCRIMES ACT', '1. Short title', 'This Act is the Cybercrimes Act.').warnings).toEqual([]);
  });

  it('names a line inside an article that may be the next article', () => {
    const s = seg(
      'Article 11. Attempt',
      'An attempt to commit an offence is punishable.',
      '12. Corporate liability',
      'A legal person may be held liable.',
      'Article 13. Jurisdiction',
      'This law applies to offences committed in the territory.',
    );
    expect(numbers(s)).toEqual(['11', '13']);
    expect(s.warnings).toContain(
      'a line in article 11 begins “12. Corporate liability”: check whether article 12 starts there',
    );
  });

  it('names an article run into a line of the one before', () => {
    const s = seg(
      'Artículo 11.- Tentativa. La tentativa se sanciona. Artículo 12.- Personas jurídicas. Las personas jurídicas responden.',
      'Artículo 13.- Jurisdicción. Esta ley se aplica en el territorio.',
    );
    expect(s.warnings).toEqual([
      'article 12 is missing (article 11 is followed by article 13): check that it is not inside article 11',
      'a line in article 11 contains “Artículo 12.- Personas jurídicas. Las personas j…”: check whether article 12 starts there',
    ]);
  });
});
