/**
 * The extension's copy of the catalog sync feed (`GET /v1/catalog/sync`). Parsed defensively: the
 * feed decides which sites the extension reacts to, so a malformed entry is dropped, never trusted.
 */
export interface PartnerDomain {
  readonly domain: string;
  readonly includeSubdomains: boolean;
}

export interface FeedPartner {
  readonly id: string;
  readonly slug: string;
  readonly status: 'active' | 'paused';
  readonly domains: readonly PartnerDomain[];
  readonly reward: {
    readonly kind: 'percent' | 'fixed';
    readonly userRate: string;
    readonly currency: string;
  };
  readonly goUrl: string;
}

export interface PartnerFeed {
  readonly version: number;
  readonly partners: readonly FeedPartner[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

function parseDomain(value: unknown): PartnerDomain | undefined {
  if (!isRecord(value) || typeof value.domain !== 'string' || typeof value.includeSubdomains !== 'boolean')
    return undefined;
  return DOMAIN.test(value.domain)
    ? { domain: value.domain, includeSubdomains: value.includeSubdomains }
    : undefined;
}

function parsePartner(value: unknown): FeedPartner | undefined {
  if (!isRecord(value) || !isRecord(value.reward) || !Array.isArray(value.domains)) return undefined;
  const { id, slug, status, goUrl, reward } = value;
  if (typeof id !== 'string' || typeof slug !== 'string' || !SLUG.test(slug)) return undefined;
  if (status !== 'active' && status !== 'paused') return undefined;
  if (typeof goUrl !== 'string') return undefined;
  const { kind, userRate, currency } = reward;
  if (kind !== 'percent' && kind !== 'fixed') return undefined;
  if (typeof userRate !== 'string' || !DECIMAL.test(userRate) || typeof currency !== 'string')
    return undefined;
  const domains = value.domains.map(parseDomain).filter((domain) => domain !== undefined);
  if (domains.length === 0) return undefined;
  return { id, slug, status, domains, reward: { kind, userRate, currency }, goUrl };
}

/** The feed, or undefined when the body is not a feed at all; bad partners are skipped. */
export function parsePartnerFeed(body: unknown): PartnerFeed | undefined {
  if (!isRecord(body) || !Number.isSafeInteger(body.version) || !Array.isArray(body.partners))
    return undefined;
  return {
    version: body.version as number,
    partners: body.partners.map(parsePartner).filter((partner) => partner !== undefined),
  };
}
