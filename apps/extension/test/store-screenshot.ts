import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { EXTENSION_ROOT } from './demo-harness.ts';

/** Where the e2e test leaves the store screenshots (git-ignored; `build:extension` copies them to store-assets). */
export const SCREENSHOTS = join(EXTENSION_ROOT, 'test', 'screenshots');
/** The Chrome Web Store's screenshot size (also accepted by Edge's and Firefox's stores). */
export const STORE_SIZE = { width: 1280, height: 800 } as const;
const MARGIN = 24;
const SHADOW = 18;

/**
 * A store screenshot: the shop page as the browser shows it at 1280×800, with the popup as it
 * really rendered composited where the browser opens it (under the toolbar, at the right), framed
 * and with a soft shadow.
 */
export async function storeScreenshot(shop: Page, popup: Page, name: string): Promise<string> {
  await shop.setViewportSize(STORE_SIZE);
  const background = await shop.screenshot({ type: 'png' });
  // At 1280×800 a 320-pixel popup is hard to read; the store image shows it rendered half as large again.
  await popup.addStyleTag({ content: 'body { zoom: 1.5 }' });
  const framed = await sharp(await popup.locator('#app').screenshot({ type: 'png' }))
    .extend({ top: 1, bottom: 1, left: 1, right: 1, background: '#c4c7cc' })
    .png()
    .toBuffer();
  const { height } = await sharp(framed).metadata();
  const maxHeight = STORE_SIZE.height - 3 * SHADOW;
  const popupImage =
    height > maxHeight ? await sharp(framed).resize({ height: maxHeight }).png().toBuffer() : framed;
  const { width: popupWidth, height: popupHeight } = await sharp(popupImage).metadata();
  const left = STORE_SIZE.width - popupWidth - MARGIN;
  const top = SHADOW;
  // The shadow's canvas reaches SHADOW past the popup on every side, and stays inside the image.
  const shadow = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${popupWidth + 2 * SHADOW}" height="${popupHeight + 2 * SHADOW}">` +
      `<filter id="s"><feGaussianBlur stdDeviation="${SHADOW / 3}"/></filter>` +
      `<rect x="${SHADOW}" y="${SHADOW + 3}" width="${popupWidth}" height="${popupHeight}" rx="8" fill="#000" fill-opacity="0.35" filter="url(#s)"/></svg>`,
  );
  const image = await sharp(background)
    .resize(STORE_SIZE.width, STORE_SIZE.height, { fit: 'cover', position: 'top' })
    .composite([
      { input: shadow, left: left - SHADOW, top: top - SHADOW },
      { input: popupImage, left, top },
    ])
    .png()
    .toBuffer();
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await writeFile(path, image);
  return path;
}
