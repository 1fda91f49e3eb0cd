import { isIPv6 } from 'node:net';
import { ipv6Groups } from './visitor.ts';

export interface RateLimit {
  /** Requests allowed per key and window (RATE_LIMIT_PER_MINUTE). */
  readonly max: number;
  readonly windowMs: number;
}

/** A key's window: how many requests it made since the window opened. */
export interface RateCount {
  readonly count: number;
  readonly exceeded: boolean;
  /** Left in the window, never negative (`x-ratelimit-remaining`). */
  readonly remaining: number;
  /** Whole seconds until the window closes (`x-ratelimit-reset`, `retry-after`). */
  readonly resetSeconds: number;
}

interface Window {
  count: number;
  openedAt: number;
}

/**
 * The per-IP limit of the redirect fast path, in memory, with the semantics of @fastify/rate-limit's
 * local store: a window opens at a key's first request and lasts `windowMs`; past `max` requests in
 * it the answer is 429 until it closes. It is per instance and separate from the rest of the API's
 * limit (which Redis may share between instances): a redirect must not wait for Redis.
 */
export class RateWindow {
  readonly #limit: RateLimit;
  readonly #capacity: number;
  // Insertion order is opening order (a reopened window is re-inserted), so the oldest come first.
  readonly #windows = new Map<string, Window>();

  constructor(limit: RateLimit, capacity = 100_000) {
    this.#limit = limit;
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#windows.size;
  }

  hit(key: string, nowMs: number): RateCount {
    const { max, windowMs } = this.#limit;
    let window = this.#windows.get(key);
    if (!window || nowMs - window.openedAt >= windowMs) {
      if (window) this.#windows.delete(key);
      window = { count: 0, openedAt: nowMs };
      this.#windows.set(key, window);
      if (this.#windows.size > this.#capacity) this.#evict(nowMs);
    }
    window.count += 1;
    return {
      count: window.count,
      exceeded: window.count > max,
      remaining: Math.max(0, max - window.count),
      resetSeconds: Math.ceil((windowMs - (nowMs - window.openedAt)) / 1000),
    };
  }

  /** Drops closed windows, then (under a flood of distinct addresses) the oldest open ones. */
  #evict(nowMs: number): void {
    for (const [key, window] of this.#windows) {
      if (this.#windows.size <= this.#capacity && nowMs - window.openedAt < this.#limit.windowMs) break;
      this.#windows.delete(key);
    }
  }
}

/**
 * The key @fastify/rate-limit uses for an address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other
 * IPv6 addresses by their /64, since one host usually holds a whole /64.
 */
export function rateKey(ip: string | undefined): string {
  if (!ip) return '';
  if (!ip.includes(':')) return ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  if (!isIPv6(ip)) return ip.toLowerCase();
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
}
