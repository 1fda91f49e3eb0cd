import type { Logger } from '@sauda/platform';

/** One click as it will be written. */
export interface ClickRecord {
  readonly clickId: string;
  readonly clickedAt: Date;
  readonly partnerId: string;
  readonly userId: string | null;
  readonly linkId: string | null;
  readonly source: 'web' | 'ext' | 'app' | 'link';
  readonly targetUrl: string;
  readonly ipPrefix: string | null;
  readonly userAgent: string | null;
  readonly referrer: string | null;
  readonly fingerprint: string;
  readonly isBot: boolean;
  readonly isDuplicate: boolean;
}

export interface ClickBufferOptions {
  /** Writes one batch; must be idempotent per click id (a batch is retried after a failure). */
  readonly write: (batch: readonly ClickRecord[]) => Promise<void>;
  readonly logger?: Logger | undefined;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /** Beyond this many waiting clicks (a long database outage) the oldest are dropped. */
  readonly maxPending?: number;
}

/**
 * Clicks wait here and are written in batches by one writer, so the redirect never waits for the
 * database. A failed batch goes back to the front and is retried on the next tick; `stop()` writes
 * everything left (graceful shutdown). A crash loses the waiting rows, not the attribution: the
 * click id itself carries the partner and the user.
 */
export class ClickBuffer {
  readonly #options: Required<Omit<ClickBufferOptions, 'logger'>> & { logger: Logger | undefined };
  #pending: ClickRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #dropped = 0;
  #written = 0;

  constructor(options: ClickBufferOptions) {
    this.#options = {
      intervalMs: 200,
      batchSize: 1000,
      maxPending: 500_000,
      ...options,
      logger: options.logger,
    };
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Clicks written since start (for metrics and the benchmark). */
  get written(): number {
    return this.#written;
  }

  get dropped(): number {
    return this.#dropped;
  }

  add(click: ClickRecord): void {
    this.#pending.push(click);
    if (this.#pending.length > this.#options.maxPending) {
      const excess = this.#pending.length - this.#options.maxPending;
      this.#pending.splice(0, excess);
      this.#dropped += excess;
      this.#options.logger?.error({ dropped: this.#dropped }, 'click buffer full: oldest clicks dropped');
    }
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      void this.flush().catch(() => undefined);
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and writes everything still waiting; a failure is logged with the count lost. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    try {
      await this.flush();
    } catch (error) {
      this.#options.logger?.error(
        { err: error, lost: this.#pending.length },
        'clicks not written at shutdown',
      );
    }
  }

  /** Writes every waiting click; concurrent calls queue behind each other. Rejects if a batch fails. */
  flush(): Promise<void> {
    const run = this.#writing.catch(() => undefined).then(() => this.#drain());
    this.#writing = run;
    return run;
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#options.batchSize);
      try {
        await this.#options.write(batch);
        this.#written += batch.length;
      } catch (error) {
        this.#pending = [...batch, ...this.#pending];
        this.#options.logger?.warn(
          { err: error, waiting: this.#pending.length },
          'click batch not written; will retry',
        );
        throw error;
      }
    }
  }
}
