import type { Db } from '@sauda/platform';
import { findLinkByCode } from './tracking.repository.ts';
import type { LinkRow } from './tracking.tables.ts';

/**
 * Short links are far too many to preload, so `/l/:code` keeps the recently used ones in memory (a
 * small LRU) and reads a cold code from the database once, by its unique index. Unknown codes are
 * remembered briefly too, so scanning random codes cannot turn into a stream of queries.
 */
export class LinkCache {
  readonly #entries = new Map<string, { link: LinkRow | undefined; at: number }>();
  readonly #db: Db;
  readonly #capacity: number;
  readonly #ttlMs: number;

  constructor(db: Db, capacity = 20_000, ttlMs = 60_000) {
    this.#db = db;
    this.#capacity = capacity;
    this.#ttlMs = ttlMs;
  }

  async get(code: string, nowMs: number): Promise<LinkRow | undefined> {
    const cached = this.peek(code, nowMs);
    if (cached) return cached.link;
    const link = await findLinkByCode(this.#db, code);
    this.#entries.delete(code);
    this.#entries.set(code, { link, at: nowMs });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return link;
  }

  /**
   * What memory knows of a code, without ever reading the database: `{ link }` for a fresh entry
   * (link undefined when the code is known not to exist), undefined when the code is cold or stale.
   * The redirect fast path uses it and leaves cold codes to the route, which reads them once.
   */
  peek(code: string, nowMs: number): { readonly link: LinkRow | undefined } | undefined {
    const cached = this.#entries.get(code);
    if (!cached || nowMs - cached.at >= this.#ttlMs) return undefined;
    this.#entries.delete(code);
    this.#entries.set(code, cached);
    return cached;
  }

  /** Forget a code at once on this instance (its owner disabled it here). */
  forget(code: string): void {
    this.#entries.delete(code);
  }
}
