import type { CatalogApi, ChangeWatch, PartnerRoute, RoutingSnapshot } from '@sauda/catalog';
import type { Logger } from '@sauda/platform';

/**
 * The redirect engine's copy of the catalog, in memory, so `/go` never reads the database. It is
 * loaded when the server starts and reloaded whenever a catalog change commits (PostgreSQL
 * LISTEN/NOTIFY through the catalog), plus a periodic version check in case a notification was
 * missed while the listening connection was down.
 */
export class PartnerTable {
  readonly version: number;
  readonly #bySlug = new Map<string, PartnerRoute>();
  readonly #byNumber = new Map<number, PartnerRoute>();
  readonly #byId = new Map<string, PartnerRoute>();
  readonly #byDomain = new Map<string, PartnerRoute[]>();

  constructor(snapshot: RoutingSnapshot) {
    this.version = snapshot.version;
    for (const partner of snapshot.partners) {
      this.#bySlug.set(partner.slug, partner);
      this.#byNumber.set(partner.number, partner);
      this.#byId.set(partner.id, partner);
      for (const { domain } of partner.domains)
        this.#byDomain.set(domain, [...(this.#byDomain.get(domain) ?? []), partner]);
    }
  }

  bySlug(slug: string): PartnerRoute | undefined {
    return this.#bySlug.get(slug);
  }

  byId(partnerId: string): PartnerRoute | undefined {
    return this.#byId.get(partnerId);
  }

  byNumber(partnerNumber: number): PartnerRoute | undefined {
    return this.#byNumber.get(partnerNumber);
  }

  /** The active partner that owns this (lower-case ASCII) host, walking up to parent domains. */
  activeByHost(host: string): PartnerRoute | undefined {
    const labels = host.toLowerCase().split('.');
    for (let index = 0; index < labels.length - 1; index += 1) {
      const candidate = labels.slice(index).join('.');
      const match = this.#byDomain
        .get(candidate)
        ?.find(
          (partner) =>
            partner.status === 'active' &&
            partner.domains.some(
              (entry) => entry.domain === candidate && (index === 0 || entry.includeSubdomains),
            ),
        );
      if (match) return match;
    }
    return undefined;
  }
}

const SAFETY_CHECK_MS = 30_000;

export class PartnerRules {
  readonly #catalog: CatalogApi;
  readonly #logger: Logger | undefined;
  #table = new PartnerTable({ version: 0, partners: [] });
  #watch: ChangeWatch | undefined;
  #timer: NodeJS.Timeout | undefined;
  #loading: Promise<void> | undefined;
  #again = false;

  constructor(catalog: CatalogApi, logger?: Logger) {
    this.#catalog = catalog;
    this.#logger = logger;
  }

  get table(): PartnerTable {
    return this.#table;
  }

  async start(): Promise<void> {
    this.#watch = await this.#catalog.watchChanges((version) => {
      if (version === undefined || version > this.#table.version) void this.reload();
    });
    await this.reload();
    this.#timer = setInterval(() => {
      this.#catalog.feedVersion().then(
        (version) => {
          if (version !== this.#table.version) void this.reload();
        },
        (error: unknown) => this.#logger?.warn({ err: error }, 'partner rules version check failed'),
      );
    }, SAFETY_CHECK_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#watch?.close();
    this.#watch = undefined;
    await this.#loading;
  }

  #reloadRequested(): boolean {
    return this.#again;
  }

  /** Reloads the table; calls while a load runs are folded into one more load after it. */
  reload(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        try {
          const snapshot = await this.#catalog.routingSnapshot();
          if (snapshot.version >= this.#table.version) this.#table = new PartnerTable(snapshot);
        } catch (error) {
          this.#logger?.warn({ err: error }, 'partner rules reload failed; keeping the previous rules');
        }
      } while (this.#reloadRequested());
    })().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }
}
