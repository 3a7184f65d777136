import { describe, expect, it } from 'vitest';
import { readDemoFiles } from './load.js';
import { validateDemo } from './validate.js';

describe('demo content', () => {
  it('is valid: shapes, provisions, articles, concepts and citations all resolve', () => {
    expect(validateDemo()).toEqual([]);
  });

  it('covers at least 12 countries in the required regions and languages, 40 cases and 20 documents', () => {
    const files = readDemoFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    const languages = new Set(
      files.flatMap((f) =>
        f.works.flatMap((w) => w.expressions.filter((e) => e.authoritative).map((e) => e.language)),
      ),
    );
    for (const l of ['eng', 'spa', 'fra', 'por', 'ara', 'tha']) expect(languages).toContain(l);
    for (const region of [
      ['CRI', 'GTM', 'PAN'],
      ['KEN', 'UGA'],
      ['THA', 'PHL', 'IDN', 'VNM'],
    ])
      expect(files.some((f) => region.includes(f.country))).toBe(true);
    expect(files.flatMap((f) => f.cases).length).toBeGreaterThanOrEqual(40);
    expect(files.flatMap((f) => f.documents).length).toBeGreaterThanOrEqual(20);
    expect(files.every((f) => /fictional/i.test(f.fictional_notice))).toBe(true);
  });
});
