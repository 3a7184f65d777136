/**
 * Shape of the fictional demo content shipped in src/domains/demo/data/countries/*.json: one file per
 * country with its cybercrime law(s) provision by provision, its cases and documents. The items
 * are the API's own input shapes, with their ids required.
 */
import { z } from 'zod';
import { caseBody } from '../caselaw/input.js';
import { documentBody } from '../documents/input.js';
import { workBody } from '../legislation/input.js';
import { iso3, slug } from '../../core/codes.js';

export const demoCountryFile = z.object({
  country: iso3,
  fictional_notice: z.string().min(1),
  works: z.array(workBody.extend({ id: slug })).min(1),
  cases: z.array(caseBody.extend({ id: slug })),
  documents: z.array(documentBody.extend({ id: slug })),
});

export type DemoCountryFile = z.infer<typeof demoCountryFile>;
