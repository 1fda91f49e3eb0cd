import type { Db } from '@sauda/platform';
import { insertInbox, type NewInboxRow } from './conversions.repository.ts';

interface Waiting {
  readonly row: NewInboxRow;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for the inbox: reports that arrive while an insert is in flight go together in the
 * next one, so a burst of postbacks costs one statement and one WAL flush per batch instead of per
 * report. Each caller is answered only after its row committed; a lone report is written at once.
 */
export class InboxWriter {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #queue: Waiting[] = [];
  #inFlight = 0;

  constructor(db: Db, options: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 500;
    this.#maxInFlight = options.maxInFlight ?? 2;
  }

  insert(row: NewInboxRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (this.#inFlight < this.#maxInFlight) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#inFlight += 1;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          await insertInbox(
            this.#db,
            batch.map((waiting) => waiting.row),
          );
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.#inFlight -= 1;
    }
  }
}
