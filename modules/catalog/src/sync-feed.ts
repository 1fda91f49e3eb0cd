import type { CatalogContext } from './catalog.context.ts';
import { currentFeedVersion, listRoutablePartners } from './catalog.repository.ts';
import type { PartnerStatus } from './catalog.tables.ts';
import type { PartnerDomain } from './partner-domains.ts';
import { toPublicPartner } from './partner-views.ts';

/**
 * The extension's compact copy of the catalog: which domains belong to which partner, the rate to
 * show and whether the partner can be reached. Versioned by the catalog's feed version, so the
 * extension asks with `If-None-Match` and usually gets 304 without a body.
 */
export interface SyncFeed {
  readonly version: number;
  readonly partners: {
    readonly id: string;
    readonly slug: string;
    readonly status: Extract<PartnerStatus, 'active' | 'paused'>;
    readonly domains: PartnerDomain[];
    readonly reward: {
      readonly kind: 'percent' | 'fixed';
      readonly userRate: string;
      readonly currency: string;
    };
    readonly goUrl: string;
  }[];
}

/** Builds the feed at most once per version; concurrent requests for a new version share one build. */
export class SyncFeedCache {
  #built: { version: number; feed: Promise<SyncFeed> } | undefined;
  readonly #ctx: CatalogContext;

  constructor(ctx: CatalogContext) {
    this.#ctx = ctx;
  }

  version(): Promise<number> {
    return currentFeedVersion(this.#ctx.db);
  }

  async feed(version: number): Promise<SyncFeed> {
    if (this.#built?.version !== version) {
      const feed = this.#build(version);
      this.#built = { version, feed };
      feed.catch(() => {
        if (this.#built?.feed === feed) this.#built = undefined;
      });
    }
    return this.#built.feed;
  }

  async #build(version: number): Promise<SyncFeed> {
    const rows = await listRoutablePartners(this.#ctx.db);
    const partners = rows.flatMap((row) => {
      if (row.status !== 'active' && row.status !== 'paused') return [];
      const view = toPublicPartner(row, [], this.#ctx.publicUrl);
      return [
        {
          id: row.id,
          slug: row.slug,
          status: row.status,
          domains: row.domains,
          reward: { kind: view.reward.kind, userRate: view.reward.userRate, currency: view.reward.currency },
          goUrl: view.goUrl,
        },
      ];
    });
    partners.sort((a, b) => a.slug.localeCompare(b.slug));
    return { version, partners };
  }
}
