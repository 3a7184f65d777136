/** Provisions of several countries side by side, on one article or concept: the API and the page. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../shell/auth.js';
import { AppError } from '../../core/errors.js';
import { languageCode } from '../../core/codes.js';
import { listArticles, listConcepts, listCountries } from '../../domains/reference/service.js';
import { CONTENT_CODE } from '../../core/i18n.js';
import { sendPage } from '../shell/ui.js';
import { compare } from '../../domains/analysis/compare.js';
import { ComparePage, ComparePicker } from './views/compare.js';

export function compareRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.get(
    '/api/v1/compare',
    {
      ...policy('public'),
      schema: {
        tags: ['review'],
        summary: 'Provisions of several countries on one article (CODE:NUMBER) or concept, side by side',
        querystring: z.object({
          article: z.string().optional().describe('CODE:NUMBER, e.g. ETS185:2'),
          concept: z.string().optional(),
          countries: z.string().optional().describe('ISO alpha-3 codes, comma-separated'),
          language: languageCode
            .optional()
            .describe('show each provision in this language where a translation is stored'),
        }),
      },
    },
    async (req) => compare(db(), req.viewer, req.query, req.query.language),
  );
  app.get(
    '/compare',
    {
      ...policy('public'),
      schema: {
        hide: true,
        querystring: z.object({
          article: z.string().optional(),
          concept: z.string().optional(),
          country: z.union([z.string(), z.array(z.string())]).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { article, concept } = req.query;
      const countries = [req.query.country ?? []].flat().join(',');
      const picker = async (error?: string) => {
        const [articles, concepts, all] = [
          await listArticles(db(), req.viewer),
          await listConcepts(db()),
          await listCountries(db(), req.viewer),
        ];
        const choices = { articles, concepts, countries: all.filter((c) => c.works > 0) };
        return sendPage(reply, ComparePicker({ ui: req.ui, choices, error }), error ? 400 : 200);
      };
      if (!article && !concept) return picker();
      try {
        return sendPage(
          reply,
          ComparePage({
            ui: req.ui,
            data: await compare(
              db(),
              req.viewer,
              { article: article || undefined, concept: concept || undefined, countries },
              CONTENT_CODE[req.ui.lang],
            ),
          }),
        );
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return picker(err.message);
        throw err;
      }
    },
  );
}
