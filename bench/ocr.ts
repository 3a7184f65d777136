/**
 * OCR benchmark (`npm run bench:ocr`): pages of real national laws (../shared/data/real/laws-dev, in
 * English, Spanish, French, Arabic and Chinese) laid out as printed pages and rendered by Chromium
 * at 200 dpi — clean, speckled with dust, and turned 1.5° on the glass — are read by cyrepo's OCR
 * (src/domains/intake/scan.ts: pages straightened and cleaned, Tesseract). For each: the character
 * error rate against the law's text, the provisions found by their numbers (segmented from what was
 * read, against those segmented from the text) and the seconds per page; and the same pages as a
 * scanned PDF (rendered by poppler). Results are appended to bench/RESULTS.md. Needs Chromium,
 * Tesseract with its languages and ../shared/data/real.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { readScan } from '../src/domains/intake/scan.js';
import { segmentText } from '../src/domains/intake/text/segment.js';
import type { ProvisionInput } from '../src/domains/legislation/input.js';
import { characterErrorRate, scanPdf, scanPng, type ScanOptions } from '../test/browser/scans.js';
import { appendResults } from './results.js';

const LAWS = new URL('../../shared/data/real/laws-dev/', import.meta.url);
type Law = { id: string; file: string; country: string; language: string };
const LINES_PER_PAGE = 32;
const PAGES_PER_LAW = 2;
const VARIANTS: [string, ScanOptions][] = [
  ['clean', {}],
  ['speckled', { noise: 0.02 }],
  ['skewed 1.5°', { skew: 1.5 }],
];
const HTML_LANG: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', ara: 'ar', zho: 'zh' };

/** Each provision by the numbers from the top down (2/1/a): a provision found in its place. */
const numbers = (list: ProvisionInput[], within = ''): string[] =>
  list.flatMap((p) => {
    const path = p.number ? `${within}/${p.number}` : within;
    return [...(p.number ? [path] : []), ...numbers(p.children ?? [], path)];
  });

async function main() {
  if (!existsSync(new URL('laws.json', LAWS)))
    return console.log('the OCR benchmark needs ../shared/data/real');
  const laws = JSON.parse(readFileSync(new URL('laws.json', LAWS), 'utf8')) as Law[];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const lines = [
    `## OCR (\`npm run bench:ocr\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Tesseract 5.3 (Debian), one thread per page)`,
    '',
    `The first ${PAGES_PER_LAW * LINES_PER_PAGE} lines of each law in laws-dev as ${PAGES_PER_LAW} printed pages at 200 dpi. CER: characters wrong per character of the text (Levenshtein, spaces collapsed). Provisions: provisions found in their place (by their numbers from the top down, as 2(1)(a)) in what was read, of those found in the text. Seconds per page: straightening, cleaning and reading.`,
    '',
    '| law | language | scan | CER % | provisions | s/page |',
    '|---|---|---|---|---|---|',
  ];
  const byLanguage = new Map<string, { chars: number; errors: number; seconds: number; pages: number }>();
  try {
    for (const law of laws) {
      const all = readFileSync(new URL(law.file, LAWS), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const pages = Array.from({ length: PAGES_PER_LAW }, (_, i) =>
        all.slice(i * LINES_PER_PAGE, (i + 1) * LINES_PER_PAGE).join('\n'),
      );
      const truth = pages.join('\n');
      const expected = new Set(numbers(segmentText(truth).provisions));
      const direction = law.language === 'ara' ? 'rtl' : 'ltr';
      for (const [variant, options] of VARIANTS) {
        const images = [];
        for (const text of pages)
          images.push(
            await scanPng(browser, text, { dpi: 200, lang: HTML_LANG[law.language], direction, ...options }),
          );
        const started = performance.now();
        const read: string[] = [];
        for (const [i, png] of images.entries()) {
          const scan = { file: `${law.id}-${i + 1}.png`, bytes: png, pdf: false };
          const { pages: got } = await readScan(scan, law.language, law.country);
          read.push(got.map((p) => p.text).join('\n'));
        }
        const seconds = (performance.now() - started) / 1000 / images.length;
        const text = read.join('\n');
        const cer = characterErrorRate(text, truth);
        const found = numbers(segmentText(text).provisions).filter((n) => expected.has(n));
        lines.push(
          `| ${law.id} | ${law.language} | ${variant} | ${(cer * 100).toFixed(2)} | ${new Set(found).size} / ${expected.size} | ${seconds.toFixed(2)} |`,
        );
        console.log(lines.at(-1));
        if (variant === 'clean') {
          const s = byLanguage.get(law.language) ?? { chars: 0, errors: 0, seconds: 0, pages: 0 };
          s.chars += truth.length;
          s.errors += cer * truth.length;
          s.seconds += seconds * images.length;
          s.pages += images.length;
          byLanguage.set(law.language, s);
        }
        if (variant === 'clean' && law === laws[0]) {
          const pdf = await scanPdf(browser, images);
          const t0 = performance.now();
          await readScan({ file: `${law.id}.pdf`, bytes: pdf, pdf: true }, law.language, law.country);
          const perPage = (performance.now() - t0) / 1000 / images.length;
          lines.push(`| ${law.id} | ${law.language} | clean, as a scanned PDF | | | ${perPage.toFixed(2)} |`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  lines.push('', '| language (clean pages) | pages | CER % | s/page |', '|---|---|---|---|');
  for (const [language, s] of byLanguage)
    lines.push(
      `| ${language} | ${s.pages} | ${((s.errors / s.chars) * 100).toFixed(2)} | ${(s.seconds / s.pages).toFixed(2)} |`,
    );
  appendResults(lines);
  console.log(lines.slice(-(byLanguage.size + 3)).join('\n'));
}

await main();
