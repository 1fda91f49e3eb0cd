import type { CatalogApi, RewardTerms } from '@sauda/catalog';

const TERMS_TTL_MS = 30_000;

/**
 * The commission of a retailer's order that came without one: the partner's catalog terms applied
 * to the order amount (percent, truncated to the minor unit) or the fixed amount per order. The
 * terms are cached briefly: the pixel is called from shoppers' browsers.
 */
export class CommissionTerms {
  readonly #catalog: Pick<CatalogApi, 'getPartner'>;
  readonly #cache = new Map<string, { terms: RewardTerms | undefined; at: number }>();

  constructor(catalog: Pick<CatalogApi, 'getPartner'>) {
    this.#catalog = catalog;
  }

  /** Undefined when the terms cannot say (no partner, another currency, a percent without an order amount). */
  async derive(partnerId: string, orderAmount: bigint | null, currency: string): Promise<bigint | undefined> {
    const terms = await this.#termsOf(partnerId);
    if (!terms || terms.currency !== currency) return undefined;
    if (terms.kind === 'fixed') return /^\d+$/.test(terms.rate) ? BigInt(terms.rate) : undefined;
    if (orderAmount === null) return undefined;
    const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(terms.rate);
    if (!match) return undefined;
    const hundredths = BigInt(`${match[1] ?? '0'}${(match[2] ?? '').padEnd(2, '0')}`);
    return (orderAmount * hundredths) / 10_000n;
  }

  async #termsOf(partnerId: string): Promise<RewardTerms | undefined> {
    const cached = this.#cache.get(partnerId);
    if (cached && performance.now() - cached.at < TERMS_TTL_MS) return cached.terms;
    const partner = await this.#catalog.getPartner(partnerId);
    const terms = partner?.reward;
    this.#cache.set(partnerId, { terms, at: performance.now() });
    return terms;
  }
}
