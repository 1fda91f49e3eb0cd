interface Waiting<Request, Result> {
  readonly request: Request;
  readonly keys: readonly string[] | undefined;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most requests one database transaction carries. */
  readonly maxBatch?: number;
  /** Batches in flight at once; batches in flight together never share a key. */
  readonly maxInFlight?: number;
}

export interface GroupCommitHooks<Request> {
  /** What a request touches (its accounts); undefined means "cannot tell", and it then runs alone. */
  readonly keysOf?: (request: Request) => readonly string[] | undefined;
}

/**
 * Group commit, as TigerBeetle batches its clients: requests that arrive while a batch is in flight
 * wait and then go together in the next one, so the hot fee account is locked and updated once per
 * batch rather than once per request, and one commit (one WAL flush) serves them all. A lone request
 * is sent at once, so an idle ledger adds no latency.
 *
 * A second batch may be in flight beside the first as long as the two touch no common account: the
 * database then works on both at once (and flushes their commits together) while they can neither
 * wait for nor invalidate each other. A request that shares an account with a batch in flight waits
 * for the next batch; one whose accounts are unknown runs with nothing beside it.
 */
export class GroupCommit<Request, Result> {
  readonly #run: (requests: readonly Request[]) => Promise<Result[]>;
  readonly #keysOf: (request: Request) => readonly string[] | undefined;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #queue: Waiting<Request, Result>[] = [];
  /** Keys of the batches in flight, counted, plus how many of those batches run alone. */
  readonly #busy = new Map<string, number>();
  #alone = 0;
  #inFlight = 0;

  constructor(
    run: (requests: readonly Request[]) => Promise<Result[]>,
    options: GroupCommitOptions & GroupCommitHooks<Request> = {},
  ) {
    this.#run = run;
    this.#keysOf = options.keysOf ?? (() => undefined);
    this.#maxBatch = options.maxBatch ?? 512;
    this.#maxInFlight = options.maxInFlight ?? 1;
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#queue.push({ request, keys: this.#keysOf(request), resolve, reject });
      if (this.#inFlight < this.#maxInFlight) void this.#drain();
    });
  }

  /** Takes, in arrival order, every waiting request that does not collide with a batch in flight. */
  #take(): Waiting<Request, Result>[] {
    if (this.#alone > 0) return [];
    const batch: Waiting<Request, Result>[] = [];
    for (let index = 0; index < this.#queue.length && batch.length < this.#maxBatch;) {
      const item = this.#queue[index];
      if (!item) break;
      // An unknown request may only join the batch of the one drain in flight (this one).
      const free = item.keys ? item.keys.every((key) => !this.#busy.has(key)) : this.#inFlight === 1;
      if (!free) {
        index += 1;
        continue;
      }
      this.#queue.splice(index, 1);
      batch.push(item);
    }
    return batch;
  }

  #hold(batch: readonly Waiting<Request, Result>[], delta: 1 | -1): void {
    for (const item of batch) {
      if (!item.keys) continue;
      for (const key of item.keys) {
        const count = (this.#busy.get(key) ?? 0) + delta;
        if (count > 0) this.#busy.set(key, count);
        else this.#busy.delete(key);
      }
    }
    if (batch.some((item) => item.keys === undefined)) this.#alone += delta;
  }

  async #drain(): Promise<void> {
    this.#inFlight += 1;
    try {
      for (let batch = this.#take(); batch.length > 0; batch = this.#take()) {
        this.#hold(batch, 1);
        try {
          await this.#flush(batch);
        } finally {
          this.#hold(batch, -1);
        }
        // The callers just answered usually submit again at once: one turn of the event loop lets
        // them join the next batch instead of each starting a batch of one.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#inFlight -= 1;
    }
    // Requests left waiting because they collided with a batch that has just finished.
    if (this.#queue.length > 0 && this.#inFlight === 0) void this.#drain();
  }

  async #flush(batch: readonly Waiting<Request, Result>[]): Promise<void> {
    try {
      const results = await this.#run(batch.map((item) => item.request));
      batch.forEach((item, index) => {
        item.resolve(results[index] as Result);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // An unexpected failure (not a business rejection, which is a result) must not take the
      // neighbours down with it: each request gets its own transaction and its own answer.
      for (const item of batch) {
        try {
          const [result] = await this.#run([item.request]);
          item.resolve(result as Result);
        } catch (alone) {
          item.reject(alone);
        }
      }
    }
  }
}
