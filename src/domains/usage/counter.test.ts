import { describe, expect, it } from 'vitest';
import { normaliseTerm, sectionOf } from './counter.js';

describe('repository use', () => {
  it('counts a page under the first segment of its path, whatever its encoding', () => {
    expect(sectionOf('/')).toBe('home');
    expect(sectionOf('/countries/KEN?lang=fr')).toBe('countries');
    expect(sectionOf('/%E0%A4%A/x')).toBe('%E0%A4%A');
  });
  it('keeps search terms lower-cased, spaces collapsed, at most 100 characters', () => {
    expect(normaliseTerm('  Computer   DATA ')).toBe('computer data');
    expect(normaliseTerm('x'.repeat(300))).toHaveLength(100);
  });
});
