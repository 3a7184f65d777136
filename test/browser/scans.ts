/**
 * Scans made for OCR tests and the OCR benchmark: a page of text laid out as a printed gazette,
 * rendered by Chromium to a PNG at a given resolution (200 dpi as a scanner would), optionally
 * skewed or noisy (speckles and a grey cast, drawn with a seeded generator so that every run is the
 * same), and wrapped in a PDF that holds only the image (no text layer), as a scanned gazette does.
 */
import type { Browser } from 'playwright-core';

export type ScanOptions = {
  /** dots per inch of the scan (default 200) */
  dpi?: number;
  /** degrees the page is turned on the scanner's glass */
  skew?: number;
  /** share of pixels turned to speckles, 0–1 */
  noise?: number;
  direction?: 'ltr' | 'rtl';
  /** BCP 47 language of the text (chooses the font) */
  lang?: string;
};

const A4_CSS_WIDTH = 794; // 210 mm at 96 CSS px per inch

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Draws the scan on a canvas, blurred a little, with a grey cast (cheap paper) and black and white speckles (dust). */
const NOISE = `async ({ src, share }) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const g = canvas.getContext('2d');
  g.filter = 'blur(0.6px)';
  g.drawImage(img, 0, 0);
  const data = g.getImageData(0, 0, canvas.width, canvas.height);
  let seed = 4711;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < data.data.length; i += 4) {
    const r = random();
    let v = data.data[i] * 0.85 + 20 + (random() - 0.5) * 40;
    if (r < share / 2) v = 30;
    else if (r < share) v = 235;
    data.data[i] = data.data[i + 1] = data.data[i + 2] = Math.max(0, Math.min(255, v));
  }
  g.putImageData(data, 0, 0);
  return canvas.toDataURL('image/png');
}`;

/** An A4 page of `text` (lines kept) as a scanned PNG. */
export async function scanPng(browser: Browser, text: string, options: ScanOptions = {}): Promise<Buffer> {
  const { dpi = 200, skew = 0, noise = 0, direction = 'ltr', lang = 'en' } = options;
  const context = await browser.newContext({
    viewport: { width: A4_CSS_WIDTH, height: 1123 },
    deviceScaleFactor: dpi / 96,
  });
  try {
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html lang="${lang}" dir="${direction}"><body style="margin:0;background:#fff">
       <div style="padding:72px 76px;font:15px/1.45 'Liberation Serif','Noto Sans CJK SC','DejaVu Sans',serif;color:#111;
         white-space:pre-wrap;transform:rotate(${skew}deg);transform-origin:50% 30%">${escapeHtml(text)}</div></body></html>`,
    );
    const png = await page.screenshot({ fullPage: true, type: 'png' });
    if (!noise) return png;
    // The page's script is a string: a bundler's helpers (tsx names functions) do not exist in the page.
    const arg = { src: `data:image/png;base64,${png.toString('base64')}`, share: noise };
    const dataUrl = (await page.evaluate(`(${NOISE})(${JSON.stringify(arg)})`)) as string;
    return Buffer.from(dataUrl.split(',')[1], 'base64');
  } finally {
    await context.close();
  }
}

/** PNG pages as a PDF holding only the images, one page each: a scan without a text layer. */
export async function scanPdf(browser: Browser, pages: Buffer[]): Promise<Buffer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html><body style="margin:0">${pages
        .map(
          (png) =>
            `<img style="display:block;width:210mm;height:297mm;break-after:page" src="data:image/png;base64,${png.toString('base64')}">`,
        )
        .join('')}</body></html>`,
    );
    return await page.pdf({ format: 'A4', margin: { top: '0', right: '0', bottom: '0', left: '0' } });
  } finally {
    await context.close();
  }
}

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef`;
/** Text as compared: Unicode NFKC, spaces collapsed, none beside a Chinese or Japanese character. */
const comparable = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'gu'), '')
    .trim();

/** Character error rate: edits (Levenshtein) to turn what was read into the truth, per character of the truth. */
export function characterErrorRate(read: string, truth: string): number {
  const a = [...comparable(read)];
  const b = [...comparable(truth)];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return b.length ? prev[b.length] / b.length : 0;
}
