import type { AppLoadContext } from 'react-router';
import { loadFromApi } from '../api/api.server.ts';
import { LANGUAGE_TAGS, type Locale } from '../i18n/locales.ts';
import type { Category, PublicPartner, PublicReward } from './catalog-api.ts';
import type { CategoryView, PartnerCardView } from './partner-view.ts';

/** Decimals of the currencies partners pay in (the platform's registered assets). */
const DECIMALS: Readonly<Record<string, number>> = { KZT: 2, USD: 2, USDT: 6, TON: 9 };

/** Minor units as an exact decimal string (`1500000` USDT → `1.5`), for files people compute with. */
export function minorToDecimal(minor: string, asset: string): string {
  const decimals = DECIMALS[asset] ?? 2;
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function minorToMajor(minor: string, currency: string): number {
  return Number(minor) / 10 ** (DECIMALS[currency] ?? 2);
}

/** "5 %" or "1 500 ₸": what the user gets from one purchase, in the page's language. */
export function formatUserRate(reward: PublicReward, locale: Locale): string {
  const tag = LANGUAGE_TAGS[locale];
  if (reward.kind === 'percent') {
    return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(
      Number(reward.userRate) / 100,
    );
  }
  return formatMoney(reward.userRate, reward.currency, locale);
}

export function formatMoney(minor: string, currency: string, locale: Locale): string {
  const amount = minorToMajor(minor, currency);
  const tag = LANGUAGE_TAGS[locale];
  try {
    return new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
      amount,
    );
  } catch {
    // Not an ISO 4217 code (a digital asset): the number and the asset's code.
    return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 6 }).format(amount)} ${currency}`;
  }
}

/** Logo URLs are absolute on PUBLIC_URL; on the same origin a path keeps them same-origin for the CSP. */
export function sameOriginUrl(url: string | null, origin: string): string | null {
  if (!url) return null;
  return url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}

export function toCategoryViews(categories: readonly Category[], locale: Locale): CategoryView[] {
  return categories.map((category) => ({ slug: category.slug, name: category.name[locale] }));
}

export function toCardView(
  partner: PublicPartner,
  locale: Locale,
  categories: readonly Category[],
  origin: string,
): PartnerCardView {
  const names = new Map(categories.map((category) => [category.slug, category.name[locale]]));
  return {
    slug: partner.slug,
    name: partner.name[locale],
    shortDescription: partner.shortDescription[locale],
    logoUrl: sameOriginUrl(partner.logoUrl, origin),
    categoryNames: partner.categories.map((slug) => names.get(slug) ?? slug),
    rate: formatUserRate(partner.reward, locale),
    paused: partner.status === 'paused',
  };
}

export const loadCategories = async (context: AppLoadContext, locale: Locale): Promise<Category[]> =>
  (await loadFromApi<{ items: Category[] }>(context, locale, '/v1/catalog/categories')).items;
