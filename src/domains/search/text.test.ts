import { describe, expect, it } from 'vitest';
import { configFor, normalise, prepareQuery, segment } from './text.js';

describe('search text', () => {
  it('segments Chinese and Thai into words and leaves spaced scripts alone', () => {
    expect(segment('非法侵入计算机信息系统', 'zh').split(' ').length).toBeGreaterThan(2);
    expect(segment('การเข้าถึงระบบคอมพิวเตอร์โดยมิชอบ', 'th').split(' ').length).toBeGreaterThan(2);
    expect(segment('unauthorised access', 'zh')).toBe('unauthorised access');
  });

  it('maps languages to text search configurations', () => {
    expect(configFor('spa')).toBe('spanish');
    expect(configFor('tha')).toBe('simple');
  });

  it('caps and cleans queries, keeping phrases', () => {
    expect(prepareQuery('"acceso ilícito" -datos')).toBe('"acceso ilícito" -datos');
    expect(prepareQuery('x'.repeat(2000))).toHaveLength(500);
    expect(normalise('Accès  Illégal!')).toBe('acces illegal');
  });

  it('normalises plain ASCII text as it normalises any other', () => {
    expect(normalise('Computer-Data, Art. 2(1)_x\tOK')).toBe('computer data art 2 1 x ok');
    expect(normalise('Computer-Data — Art. 2(1)')).toBe('computer data art 2 1');
    expect(normalise('  ')).toBe('');
  });
});
