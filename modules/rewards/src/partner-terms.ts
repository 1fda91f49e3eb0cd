import type { CatalogApi, Partner } from '@sauda/catalog';
import type { Clock } from '@sauda/platform';

/**
 * Partners as rewards needs them, kept for a short while: every conversion of a partner would
 * otherwise read the same catalog rows. A change of terms reaches new rewards within `ttlMs`; that
 * is far below how late networks report purchases, and a priced reward keeps its terms anyway.
 * Unknown partners are not remembered, so one created meanwhile is found on the next try.
 */
export class PartnerTerms {
  readonly #catalog: Pick<CatalogApi, 'getPartner'>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, { partner: Partner; expiresAt: number }>();

  constructor(catalog: Pick<CatalogApi, 'getPartner'>, clock: Clock, ttlMs = 30_000, maxEntries = 5_000) {
    this.#catalog = catalog;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  async get(partnerId: string): Promise<Partner | undefined> {
    const now = this.#clock.now().getTime();
    const cached = this.#entries.get(partnerId);
    if (cached && cached.expiresAt > now) return cached.partner;
    const partner = await this.#catalog.getPartner(partnerId);
    this.#entries.delete(partnerId);
    if (partner) {
      // Insertion order is age order: the first entry is the oldest one to drop.
      if (this.#entries.size >= this.#maxEntries)
        this.#entries.delete(this.#entries.keys().next().value ?? '');
      this.#entries.set(partnerId, { partner, expiresAt: now + this.#ttlMs });
    }
    return partner;
  }
}
