import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * The icon, drawn here as SVG and rendered locally at every size the browsers and stores ask for:
 * a coin with a returning arrow (cashback). Three variants: colour (ready), grey (off or not
 * connected), partner (a shop with cashback: a gold coin with a spark).
 */
const PALETTES = {
  color: { ground: '#0f9d58', coin: '#ffffff', mark: '#0f9d58', spark: 'none' },
  grey: { ground: '#9aa0a6', coin: '#ffffff', mark: '#9aa0a6', spark: 'none' },
  partner: { ground: '#0f9d58', coin: '#ffd54f', mark: '#0b6b3c', spark: '#ffd54f' },
} as const;
export type IconVariant = keyof typeof PALETTES;
/** What the browsers load from the package; the larger store and Safari app sizes live outside it. */
export const PACKAGE_ICON_SIZES = [16, 19, 32, 38, 48, 64, 96, 128];
export const STORE_ICON_SIZES = [128, 256, 300, 440, 512, 1024];

export function iconSvg(variant: IconVariant): string {
  const p = PALETTES[variant];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="${p.ground}"/>
  <circle cx="64" cy="66" r="40" fill="${p.coin}"/>
  <path d="M64 40v8m0 36v8M76 52c-2-4-6-6-12-6-8 0-12 4-12 9 0 12 26 6 26 19 0 6-6 10-14 10-6 0-11-2-13-7"
    fill="none" stroke="${p.mark}" stroke-width="8" stroke-linecap="round"/>
  <path d="M98 18l4 10 10 4-10 4-4 10-4-10-10-4 10-4z" fill="${p.spark}"/>
</svg>`;
}

/** Writes `<variant>-<size>.png` for every variant and size into `directory`. */
export async function writeIcons(directory: string, sizes: readonly number[]): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const variant of Object.keys(PALETTES) as IconVariant[]) {
    const svg = Buffer.from(iconSvg(variant));
    await writeFile(join(directory, `${variant}.svg`), svg);
    for (const size of sizes) {
      const png = await sharp(svg, { density: Math.max(72, (72 * size) / 128) * 4 })
        .resize(size, size)
        .png()
        .toBuffer();
      await writeFile(join(directory, `${variant}-${size}.png`), png);
    }
  }
}
