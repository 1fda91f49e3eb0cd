import type { FeedPartner, PartnerFeed } from './partner-feed.ts';

/** A small feed for the unit tests. */
export function partner(overrides: Partial<FeedPartner> & Pick<FeedPartner, 'slug'>): FeedPartner {
  return {
    id: `prt_${overrides.slug}`,
    status: 'active',
    domains: [{ domain: `${overrides.slug}.kz`, includeSubdomains: true }],
    reward: { kind: 'percent', userRate: '5.00', currency: 'KZT' },
    goUrl: `http://127.0.0.1:3000/go/${overrides.slug}`,
    ...overrides,
  };
}

export const feed = (...partners: FeedPartner[]): PartnerFeed => ({ version: 7, partners });
