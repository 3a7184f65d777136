import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_PIXELS, measure, openScan } from './page-images.js';

const blank = (width: number, height: number, format: 'png' | 'gif' | 'webp') =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    [format]()
    .toBuffer();

describe('the pages of a scan', () => {
  it('takes PNG, JPEG and TIFF only: another image is refused naming the file', async () => {
    await expect(openScan(await blank(100, 100, 'gif'), 'page.gif', false, 10)).rejects.toMatchObject({
      status: 422,
      message: 'page.gif: the scan cannot be read (a gif is not a scan: send PNG, JPEG, TIFF or PDF)',
    });
    const png = await openScan(await blank(100, 100, 'png'), 'page.png', false, 10);
    expect(png.count).toBe(1);
  });

  it('refuses an image of more pixels than a page has, before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_PAGE_PIXELS)) + 100;
    const huge = await sharp({ create: { width: side, height: side, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    await expect(openScan(huge, 'poster.png', false, 10)).rejects.toMatchObject({
      message: expect.stringMatching(/^poster\.png: /),
    });
  });

  it('measures a very tall strip on a reduced copy (both sides bounded)', async () => {
    const strip = await sharp({ create: { width: 200, height: 20_000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(await measure(strip)).toMatchObject({ skew: expect.any(Number) });
  });
});
