/**
 * Scans over HTTP: `POST /api/v1/imports/scans` keeps scanned laws (a PDF without a text layer, PNG,
 * JPEG, TIFF) with background jobs that read them by OCR (follow them at /api/v1/imports/{id}); the
 * law import page sends a scan to the same jobs. When a job is done, its preview opens in the law
 * editor with the lines read with low confidence marked, and the scan is attached when it is saved.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordId } from '../../core/codes.js';
import { queueScans, scanProposal } from '../../domains/imports/scan-job.js';
import { policy } from '../shell/auth.js';
import { sendPage } from '../shell/ui.js';
import { previewPage, scanUpload } from './preview.js';
import { metaOf, readUpload } from './upload.js';

export function scanRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.orm;

  app.post(
    '/api/v1/imports/scans',
    {
      ...policy('contribute'),
      schema: {
        tags: ['intake'],
        security: [{ token: [] }],
        summary:
          'Read scanned laws by OCR in the background (multipart: fields "file" — PDF without a text layer, PNG, JPEG or TIFF — and country, language, date, title, type, number): 202 with the jobs to follow at /api/v1/imports/{id}',
        description:
          "Each page is read by Tesseract in the language given (Chinese of Taiwan, Hong Kong and Macao in traditional characters); the job's report gives every page's lines with their confidence (0–100). Nothing is saved to the repository: the law is saved from the preview (/edit/import/scan/{id}) or with POST /api/v1/works.",
      },
    },
    async (req, reply) => {
      const { files, fields } = await readUpload(req, 20);
      return reply
        .code(202)
        .send({ items: await queueScans(db(), app.jobs, req.viewer, files, metaOf(fields)) });
    },
  );

  app.get(
    '/edit/import/scan/:id',
    { ...policy('contribute'), schema: { hide: true, params: z.object({ id: recordId }) } },
    async (req, reply) => {
      const { proposal, reading, confidence, filename } = await scanProposal(db(), req.viewer, req.params.id);
      if (proposal.kind !== 'work') throw new Error('a scan is read as a law');
      return sendPage(
        reply,
        await previewPage(
          db(),
          req,
          proposal,
          scanUpload(req.params.id),
          [
            req.ui.t('import.scan_notice', {
              file: filename,
              pages: reading.pages.length,
              confidence: Math.round(confidence ?? 0),
              uncertain: reading.uncertain.length,
            }),
          ],
          reading.uncertain,
        ),
      );
    },
  );
}
