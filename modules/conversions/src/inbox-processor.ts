import type { Logger } from '@sauda/platform';

const MAX_BACKOFF_MS = 30_000;

/**
 * Runs the inbox drain in the background of an instance that runs jobs: at once when a report was
 * accepted here (`wake`), and every `idleMs` otherwise, to pick up reports accepted by instances
 * that do not process, polled actions, and rows left by a crash. While one drain runs, reports
 * accumulate and the next drain takes them as one batch, so the batch size follows the load.
 * Instances split the rows between them with `FOR UPDATE SKIP LOCKED`.
 */
export class InboxProcessor {
  readonly #drain: () => Promise<number>;
  readonly #logger: Logger | undefined;
  readonly #idleMs: number;
  #running = false;
  #requested = false;
  #failures = 0;
  #loop: Promise<void> | undefined;
  #interrupt: (() => void) | undefined;

  constructor(drain: () => Promise<number>, options: { logger?: Logger | undefined; idleMs?: number } = {}) {
    this.#drain = drain;
    this.#logger = options.logger;
    this.#idleMs = options.idleMs ?? 1_000;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Finishes the batch in progress (its transaction commits or rolls back whole) and stops. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#interrupt?.();
    await this.#loop;
  }

  /** Backing off after a failure, a wake-up only marks the request: the retry keeps its pace. */
  wake(): void {
    this.#requested = true;
    if (this.#failures === 0) this.#interrupt?.();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#requested = false;
      await this.#drainOnce();
      // Read after the await: stop() and wake() may have run meanwhile.
      const { running, requested, failures } = this.#state();
      if (!running) break;
      if (requested && failures === 0) continue;
      await this.#sleep(failures === 0 ? this.#idleMs : Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures));
    }
  }

  async #drainOnce(): Promise<void> {
    try {
      await this.#drain();
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      this.#logger?.warn(
        { err: error, failures: this.#failures },
        'conversion inbox processing failed; retrying',
      );
    }
  }

  #state(): { running: boolean; requested: boolean; failures: number } {
    return { running: this.#running, requested: this.#requested, failures: this.#failures };
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#interrupt = done;
    }).finally(() => {
      this.#interrupt = undefined;
    });
  }
}
