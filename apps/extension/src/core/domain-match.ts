import type { FeedPartner, PartnerFeed } from './partner-feed.ts';

/**
 * Matching a tab's URL against partner domains happens only here, inside the browser: the URL is
 * never sent anywhere. `new URL` gives the canonical host (lower case, IDN as punycode, no port),
 * so a Cyrillic look-alike or `shop.kz.evil.com` never equals `shop.kz`.
 */
export interface DomainIndex {
  readonly exact: ReadonlyMap<string, FeedPartner>;
  readonly withSubdomains: ReadonlyMap<string, FeedPartner>;
}

export function buildDomainIndex(feed: PartnerFeed | undefined): DomainIndex {
  const exact = new Map<string, FeedPartner>();
  const withSubdomains = new Map<string, FeedPartner>();
  for (const partner of feed?.partners ?? []) {
    for (const { domain, includeSubdomains } of partner.domains) {
      exact.set(domain, partner);
      if (includeSubdomains) withSubdomains.set(domain, partner);
    }
  }
  return { exact, withSubdomains };
}

/** The canonical host of an http(s) URL, or undefined for anything else (file:, chrome:, garbage). */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.hostname.replace(/\.$/, '') || undefined;
}

/** The partner owning the URL's host; the most specific domain wins (`m.shop.kz` over `shop.kz`). */
export function findPartner(index: DomainIndex, url: string | undefined): FeedPartner | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const exact = index.exact.get(host);
  if (exact) return exact;
  const labels = host.split('.');
  for (let start = 1; start < labels.length - 1; start += 1) {
    const partner = index.withSubdomains.get(labels.slice(start).join('.'));
    if (partner) return partner;
  }
  return undefined;
}
