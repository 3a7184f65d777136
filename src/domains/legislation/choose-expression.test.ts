/** Which version of a law is shown: one rule for pages, the API, the suggester and the exports. */
import { describe, expect, it } from 'vitest';
import { chooseExpression, type Expression } from './service.js';

let id = 0;
const version = (language: string, date: string, authoritative = false): Expression => ({
  id: ++id,
  language,
  date,
  authoritative,
  title: `${language}@${date}`,
  uri: `/akn/ke/act/2018/5/${language}@${date}`,
  provision_count: 1,
});
// As expressionsOf lists them: newest first, the authoritative first on a date.
const list = [
  version('eng', '2023-06-01'),
  version('fra', '2023-06-01'),
  version('eng', '2019-01-01', true),
  version('fra', '2019-01-01'),
];
const chosen = (choice: Parameters<typeof chooseExpression>[1]) => chooseExpression(list, choice)?.title;

describe('chooseExpression', () => {
  it('prefers the reader’s language, then the authoritative version', () => {
    expect(chosen({ prefer: 'fra' })).toBe('fra@2023-06-01');
    expect(chosen({ prefer: 'spa' })).toBe('eng@2019-01-01');
    expect(chosen({})).toBe('eng@2019-01-01');
  });

  it('keeps to a required language, and finds none when the law has no text in it', () => {
    expect(chosen({ language: 'fra' })).toBe('fra@2023-06-01');
    expect(chosen({ language: 'spa' })).toBeUndefined();
  });

  it('gives the version in force on a date: the newest dated on or before it', () => {
    expect(chosen({ language: 'eng', at: '2024-01-01' })).toBe('eng@2023-06-01');
    expect(chosen({ language: 'eng', at: '2023-05-31' })).toBe('eng@2019-01-01');
    expect(chosen({ language: 'eng', at: '2023-06-01' })).toBe('eng@2023-06-01');
    expect(chosen({ language: 'eng', at: '2018-12-31' })).toBeUndefined();
    expect(chosen({ at: '2020-01-01', prefer: 'fra' })).toBe('fra@2019-01-01');
  });

  it('takes the version of an exact date, unless a point in time is asked for', () => {
    expect(chosen({ date: '2019-01-01', prefer: 'fra' })).toBe('fra@2019-01-01');
    expect(chosen({ date: '2020-01-01' })).toBeUndefined();
    expect(chosen({ date: '2019-01-01', at: '2024-01-01', prefer: 'eng' })).toBe('eng@2023-06-01');
  });
});
