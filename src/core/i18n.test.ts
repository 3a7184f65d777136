import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, UI_LANGUAGES } from './i18n.js';

/** The variables a message uses, once each: `{name}` and the number of an ICU plural `{name, plural, …}`. */
const placeholders = (s: string) =>
  [...new Set([...s.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((m) => m[1]))].sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('UI catalogs', () => {
  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English key, with the same placeholders, translated',
    (lang) => {
      const en = catalogs.en;
      const other = catalogs[lang];
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(placeholders(other[key]), key).toEqual(placeholders(en[key]));
      // Cognates (fr "Documents") may equal English; a catalog mostly equal to English is untranslated.
      const same = Object.keys(en).filter((k) => other[k] === en[k]);
      expect(same.length / Object.keys(en).length).toBeLessThan(0.15);
    },
  );

  it('has an English string for every literal key the code uses', () => {
    const used = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '..')))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-z_.0-9]+)'/g)) used.add(m[1]);
    const missing = [...used].filter((k) => !(k in catalogs.en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });
});
