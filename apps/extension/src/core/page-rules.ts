import type { PartnerFeed } from './partner-feed.ts';

/**
 * Chromium's `declarativeContent` page-state matchers for the partner domains: the browser itself
 * switches the icon on partner sites, without the extension ever seeing which pages are visited.
 * An exact rule for the domain itself, a suffix rule (with the dot) for its subdomains.
 */
export interface PageUrlFilter {
  readonly hostEquals?: string;
  readonly hostSuffix?: string;
  readonly schemes: string[];
}

/** Chrome evaluates rules natively, but a rule set has a practical size; chunks keep each one small. */
const FILTERS_PER_RULE = 200;

export function partnerPageFilters(feed: PartnerFeed | undefined): PageUrlFilter[][] {
  const filters: PageUrlFilter[] = [];
  for (const partner of feed?.partners ?? []) {
    if (partner.status !== 'active') continue;
    for (const { domain, includeSubdomains } of partner.domains) {
      filters.push({ hostEquals: domain, schemes: ['http', 'https'] });
      if (includeSubdomains) filters.push({ hostSuffix: `.${domain}`, schemes: ['http', 'https'] });
    }
  }
  const chunks: PageUrlFilter[][] = [];
  for (let start = 0; start < filters.length; start += FILTERS_PER_RULE)
    chunks.push(filters.slice(start, start + FILTERS_PER_RULE));
  return chunks;
}
