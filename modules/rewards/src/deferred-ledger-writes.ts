import type { BatchItem, LedgerApi } from '@sauda/ledger';
import type { Tx } from '@sauda/platform';

/** The ledger's limit of items in one linked batch (modules/ledger, MAX_BATCH). */
const LEDGER_BATCH_LIMIT = 256;

/**
 * Ledger batches of several rewards, gathered in one handler transaction and written together as
 * one linked batch. Written one reward at a time, every batch locks the hot accounts (pool,
 * clearing, fees) until the transaction commits, so rewards of concurrent transactions queue behind
 * each other; gathered, the hot accounts are locked once, at the end, for all of them.
 *
 * Only batches that read no ledger balance are gathered (see reconcile-reward.ts): a reward that
 * reads one, or whose own earlier batch is still gathered, flushes first, so every read sees what
 * the transaction wrote. A flush that fails fails the whole transaction; the event handler then
 * applies its events one by one, where a refusal (pool empty) is handled per reward.
 */
export class DeferredLedgerWrites {
  readonly #ledger: Pick<LedgerApi, 'createLinkedTransfers'>;
  readonly #tx: Tx;
  #items: BatchItem[] = [];
  readonly #rewards = new Set<string>();

  constructor(ledger: Pick<LedgerApi, 'createLinkedTransfers'>, tx: Tx) {
    this.#ledger = ledger;
    this.#tx = tx;
  }

  /** Whether a batch of this reward waits to be written. */
  holds(rewardId: string): boolean {
    return this.#rewards.has(rewardId);
  }

  async add(rewardId: string, items: readonly BatchItem[]): Promise<void> {
    if (this.#items.length + items.length > LEDGER_BATCH_LIMIT) await this.flush();
    this.#items.push(...items);
    this.#rewards.add(rewardId);
  }

  async flush(): Promise<void> {
    if (this.#items.length === 0) return;
    const items = this.#items;
    this.#items = [];
    this.#rewards.clear();
    await this.#ledger.createLinkedTransfers(items, { executor: this.#tx });
  }
}
