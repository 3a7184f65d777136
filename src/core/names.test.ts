import { describe, expect, it } from 'vitest';
import { fold, labelled, Named } from './names.js';

describe('closed values named in any UN language', () => {
  it('folds case, accents, spacing, hyphens and underscores', () => {
    expect(fold('  Côte_d’Ivoire ')).toBe("cote d'ivoire");
    expect(fold('Policy-Maker')).toBe('policy maker');
  });

  it('finds a value by its code, its label in any language, or the singular of a plural label', () => {
    const roles = labelled('ta.role', ['investigator', 'prosecutor', 'judge']);
    for (const [typed, value] of [
      ['prosecutor', 'prosecutor'],
      ['Prosecutors', 'prosecutor'],
      ['procureur', 'prosecutor'],
      ['Fiscales', 'prosecutor'],
      ['fiscal', 'prosecutor'],
      ['enquêteurs', 'investigator'],
      ['القضاة', 'judge'],
      ['судьи', 'judge'],
      ['法官', 'judge'],
    ])
      expect(roles.find(typed), typed).toBe(value);
    expect(roles.find('astronaut')).toBeUndefined();
  });

  it('keeps the first value a name was given to', () => {
    const named = new Named().add('A', 'same').add('B', 'same', 'other');
    expect(named.find('same')).toBe('A');
    expect(named.find('other')).toBe('B');
  });
});
