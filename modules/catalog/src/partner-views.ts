import type { Localized } from '@sauda/platform';
import type { PartnerDomain } from './partner-domains.ts';
import { canonicalDecimal, type RewardTerms } from './reward-terms.ts';
import type { AppLinks, CategoryRow, PartnerRow, PartnerStatus } from './catalog.tables.ts';

/** Reward terms as clients see them, plus what the user gets (`userRate`, same unit as `rate`). */
export interface PublicReward extends RewardTerms {
  readonly userRate: string;
}

export interface PublicPartner {
  readonly id: string;
  readonly slug: string;
  readonly name: Localized;
  readonly shortDescription: Localized;
  readonly description: Localized;
  readonly conditions: Localized;
  readonly logoUrl: string | null;
  readonly website: string;
  readonly domains: PartnerDomain[];
  readonly categories: string[];
  readonly reward: PublicReward;
  readonly status: PartnerStatus;
  readonly featured: boolean;
  /** Where a "go to the shop" button points. */
  readonly goUrl: string;
}

/** The full partner, for staff and for other modules. */
export interface Partner extends PublicPartner {
  readonly number: number;
  readonly network: string;
  readonly trackingUrlTemplate: string;
  readonly appLinks: AppLinks | null;
  readonly interstitial: boolean;
  readonly sortWeight: number;
  readonly popularity: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Category {
  readonly id: string;
  readonly slug: string;
  readonly name: Localized;
  readonly icon: string;
  readonly position: number;
}

const SCALE = 10n ** 6n;

/** `a × b` for decimal strings, truncated to `decimals` places; exact (bigint), never a float. */
export function multiplyDecimals(a: string, b: string, decimals: number): string {
  const scaled = (value: string): bigint => {
    const [whole = '0', fraction = ''] = value.split('.');
    return BigInt(whole) * SCALE + BigInt((fraction + '000000').slice(0, 6));
  };
  const product = (scaled(a) * scaled(b)) / SCALE;
  const unit = SCALE / 10n ** BigInt(decimals);
  const truncated = product / unit;
  if (decimals === 0) return truncated.toString();
  const text = truncated.toString().padStart(decimals + 1, '0');
  return canonicalDecimal(`${text.slice(0, -decimals)}.${text.slice(-decimals)}`);
}

export function rewardOf(row: PartnerRow): RewardTerms {
  return {
    kind: row.rewardKind,
    rate: canonicalDecimal(row.rewardRate),
    currency: row.rewardCurrency,
    userShare: canonicalDecimal(row.rewardUserShare),
    cap: row.rewardCap === null ? null : canonicalDecimal(row.rewardCap),
    holdDays: row.holdDays,
  };
}

export function logoUrlOf(publicUrl: string, logoKey: string | null): string | null {
  return logoKey ? `${publicUrl}/v1/catalog/files/${logoKey}` : null;
}

export function toPublicPartner(row: PartnerRow, categorySlugs: string[], publicUrl: string): PublicPartner {
  const reward = rewardOf(row);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    shortDescription: row.shortDescription,
    description: row.description,
    conditions: row.conditions,
    logoUrl: logoUrlOf(publicUrl, row.logoKey),
    website: row.website,
    domains: row.domains,
    categories: categorySlugs,
    reward: {
      ...reward,
      userRate: multiplyDecimals(reward.rate, reward.userShare, reward.kind === 'percent' ? 2 : 0),
    },
    status: row.status,
    featured: row.featured,
    goUrl: `${publicUrl}/go/${row.slug}`,
  };
}

export function toPartner(row: PartnerRow, categorySlugs: string[], publicUrl: string): Partner {
  return {
    ...toPublicPartner(row, categorySlugs, publicUrl),
    number: row.number,
    network: row.network,
    trackingUrlTemplate: row.trackingUrlTemplate,
    appLinks: row.appLinks,
    interstitial: row.interstitial,
    sortWeight: row.sortWeight,
    popularity: row.popularity,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toCategory = (row: CategoryRow): Category => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  icon: row.icon,
  position: row.position,
});
