import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';

describe('OpenAPI document', () => {
  it('matches the committed openapi.json (run `npm run openapi` after changing an endpoint)', async () => {
    const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
    expect(await openApiDocument()).toBe(committed);
  });

  it('is OpenAPI 3.1 and documents the repository endpoints with their parameters', async () => {
    const doc = JSON.parse(await openApiDocument());
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/countries',
      '/api/v1/works',
      '/api/v1/works/{id}',
      '/api/v1/provisions/{id}',
      '/api/v1/cases',
      '/api/v1/documents',
      '/api/v1/concepts',
      '/api/v1/articles',
    ])
      expect(doc.paths[path], path).toBeDefined();
    const params = doc.paths['/api/v1/works'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['country', 'sort', 'cursor', 'limit']));
    expect(doc.paths['/api/v1/works'].post.requestBody).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1/'))).toBe(false);
  });
});
