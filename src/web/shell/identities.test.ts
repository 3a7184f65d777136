import { describe, expect, it } from 'vitest';
import { withoutIdentities } from './identities.js';

describe('withoutIdentities', () => {
  it('nulls every identity field at any depth, leaving the answer it was given unchanged', () => {
    const answer = {
      items: [
        { id: 'a', created_by: 'user:focal@example.org', history: [{ actor: 'token:ci', at: '2026-01-01' }] },
        { id: 'b', created_by: null, notes: ['x'] },
      ],
      total: 2,
    };
    const before = structuredClone(answer);
    const shown = withoutIdentities(answer);
    expect(shown).toEqual({
      items: [
        { id: 'a', created_by: null, history: [{ actor: null, at: '2026-01-01' }] },
        { id: 'b', created_by: null, notes: ['x'] },
      ],
      total: 2,
    });
    expect(answer).toEqual(before);
    // what holds no identity is not copied
    expect(shown.items[1]).toBe(answer.items[1]);
  });

  it('gives back an answer without identities as it is', () => {
    const answer = Object.freeze({ items: Object.freeze([Object.freeze({ id: 'a', reviewed_by: null })]) });
    expect(withoutIdentities(answer)).toBe(answer);
  });
});
