import { createHash } from 'node:crypto';
import type { Localized } from '@sauda/platform';

/** A product of the simulated shop; prices in KZT minor units (tiyn). */
export interface ShopProduct {
  readonly sku: string;
  readonly name: Localized;
  readonly priceMinor: bigint;
}

const PRODUCTS: readonly ShopProduct[] = [
  {
    sku: 'headphones',
    name: { ru: 'Беспроводные наушники', kk: 'Сымсыз құлаққап', en: 'Wireless headphones' },
    priceMinor: 2_469_000n,
  },
  {
    sku: 'kettle',
    name: { ru: 'Электрочайник 1,7 л', kk: 'Электр шәйнегі 1,7 л', en: 'Electric kettle 1.7 l' },
    priceMinor: 1_299_000n,
  },
  {
    sku: 'backpack',
    name: { ru: 'Городской рюкзак', kk: 'Қалалық рюкзак', en: 'City backpack' },
    priceMinor: 1_850_050n,
  },
  {
    sku: 'coffee',
    name: { ru: 'Кофе в зёрнах, 1 кг', kk: 'Дәнді кофе, 1 кг', en: 'Coffee beans, 1 kg' },
    priceMinor: 899_000n,
  },
  {
    sku: 'power-bank',
    name: { ru: 'Power bank 20 000 мА·ч', kk: 'Power bank 20 000 мА·сағ', en: 'Power bank 20,000 mAh' },
    priceMinor: 1_549_000n,
  },
  {
    sku: 'sneakers',
    name: { ru: 'Кроссовки для бега', kk: 'Жүгіруге арналған кроссовка', en: 'Running shoes' },
    priceMinor: 3_990_000n,
  },
  {
    sku: 'thermos',
    name: { ru: 'Термос 0,75 л', kk: 'Термос 0,75 л', en: 'Vacuum flask 0.75 l' },
    priceMinor: 650_000n,
  },
  {
    sku: 'book',
    name: { ru: 'Книга «Абай жолы»', kk: '«Абай жолы» кітабы', en: 'Book "The Path of Abai"' },
    priceMinor: 450_000n,
  },
];

const SHOP_SIZE = 4;

/**
 * The products an offer's shop shows: four of the eight, chosen by a hash of the offer slug, so each
 * demo partner looks a little different and the same offer always shows the same goods.
 */
export function catalogFor(offer: string | null): readonly ShopProduct[] {
  const seed = createHash('sha256')
    .update(offer ?? '')
    .digest()
    .readUInt32BE(0);
  const start = seed % PRODUCTS.length;
  return Array.from(
    { length: SHOP_SIZE },
    (_, index) => PRODUCTS[(start + index * 3) % PRODUCTS.length],
  ).filter((product): product is ShopProduct => product !== undefined);
}
