import type { AccountState } from './evaluate-request.ts';

/**
 * This process's last known committed state of recently used accounts (the hot fee account above
 * all), so a batch can be evaluated without first reading them. Only a hint: every write checks the
 * account's version (newest transfer id, closed flag) under its lock, and a stale entry just sends
 * the batch down the locking path. Entries come only from committed writes, so a version names one
 * state: transfer ids are unique and a committed transfer is never undone.
 */
export class AccountCache {
  readonly #entries = new Map<string, AccountState>();
  /** Accounts other writers (other instances, callers' own transactions) touched lately, until when. */
  readonly #contended = new Map<string, number>();
  readonly #capacity: number;
  readonly #contendedForMs: number;

  constructor(options: { capacity?: number; contendedForMs?: number } = {}) {
    this.#capacity = options.capacity ?? 100_000;
    this.#contendedForMs = options.contendedForMs ?? 2_000;
  }

  /** A private copy, so evaluation can change it freely. */
  get(id: string): AccountState | undefined {
    const entry = this.#entries.get(id);
    return entry ? { ...entry } : undefined;
  }

  isContended(id: string): boolean {
    const until = this.#contended.get(id);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.#contended.delete(id);
    return false;
  }

  /**
   * Another writer (another instance, a caller's own transaction) moved these accounts: for a while
   * batches touching them lock first instead of guessing, so the optimistic path does not fail on
   * them again and again.
   */
  contended(ids: Iterable<string>): void {
    const until = Date.now() + this.#contendedForMs;
    for (const id of ids) {
      this.#entries.delete(id);
      this.#contended.set(id, until);
    }
    if (this.#contended.size > this.#capacity) this.#contended.clear();
  }

  remember(states: Iterable<AccountState>): void {
    for (const state of states) {
      // Re-inserting moves the key to the end of the Map's order, which makes eviction least-recent-first.
      this.#entries.delete(state.id);
      this.#entries.set(state.id, { ...state });
    }
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(id);
    }
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.#entries.delete(id);
  }
}
