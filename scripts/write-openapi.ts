/**
 * Writes openapi.json (committed) from the route schemas. A test fails when the file drifts
 * from what the routes generate: run `npm run openapi` after changing an endpoint.
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/main/openapi.js';

writeFileSync(new URL('../openapi.json', import.meta.url), await openApiDocument());
console.log('wrote openapi.json');
