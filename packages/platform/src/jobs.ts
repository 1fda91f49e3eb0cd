import PgBoss from 'pg-boss';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { handleEventsOnceOrAlone, subscriptions, type EventHandler } from './events.ts';
import type { Logger } from './logger.ts';

/** A background job: a typed payload, retries with exponential backoff, optionally a cron schedule. */
export interface JobDefinition<T extends object = object> {
  /** Stable queue name, e.g. `ledger.expire-pending`. */
  readonly name: string;
  handle(data: T, context: { readonly jobId: string; readonly logger: Logger }): Promise<void>;
  /** Cron expression evaluated in Asia/Almaty. */
  readonly cron?: string;
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  readonly expireInSeconds?: number;
}

export function defineJob<T extends object>(job: JobDefinition<T>): JobDefinition {
  return job;
}

const EVENT_QUEUE_PREFIX = 'event__';
const RELAY_BATCH = 500;
const PGBOSS_START_LOCK_KEY = 7_364_121_511;

export interface JobRunnerOptions {
  readonly pool: pg.Pool;
  readonly db: Db;
  readonly logger: Logger;
  readonly jobs: readonly JobDefinition[];
  readonly handlers: readonly EventHandler[];
  /** How often the outbox is polled for new events. */
  readonly relayIntervalMs?: number;
  readonly pollingIntervalSeconds?: number;
}

/**
 * pg-boss on our own pool: jobs, schedules and the outbox relay. The relay moves each event into
 * one job per subscribed handler and marks it dispatched in the same transaction, so an event is
 * neither lost nor queued twice; pg-boss retries a failing handler with backoff, then dead-letters it.
 */
export class JobRunner {
  readonly #options: JobRunnerOptions;
  readonly #boss: PgBoss;
  readonly #subscriptions: Map<string, EventHandler[]>;
  #running = false;
  #relayTimer: NodeJS.Timeout | undefined;
  #relaying: Promise<void> = Promise.resolve();

  constructor(options: JobRunnerOptions) {
    this.#options = options;
    this.#subscriptions = subscriptions(options.handlers);
    this.#boss = new PgBoss({
      db: { executeSql: (text, values) => options.pool.query(text, values) },
      schema: 'pgboss',
      // Each instance supervises and schedules; pg-boss coordinates them through advisory locks.
      superviseIntervalSeconds: 30,
    });
    this.#boss.on('error', (error) => {
      options.logger.error({ err: error }, 'job runner error');
    });
  }

  get running(): boolean {
    return this.#running;
  }

  async start(): Promise<void> {
    const { logger } = this.#options;
    await this.#startBossExclusively();
    await this.#boss.createQueue('dead-letters');
    for (const job of this.#options.jobs) {
      await this.#boss.createQueue(job.name, {
        retryLimit: job.retryLimit ?? 5,
        retryDelay: job.retryDelaySeconds ?? 5,
        retryBackoff: true,
        deadLetter: 'dead-letters',
        ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
      });
      await this.#boss.work<object>(job.name, this.#workOptions(1), async (batch) => {
        for (const item of batch)
          await job.handle(item.data, { jobId: item.id, logger: logger.child({ job: job.name }) });
      });
      if (job.cron) await this.#boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Almaty' });
    }
    for (const handler of this.#options.handlers) {
      const queue = EVENT_QUEUE_PREFIX + handler.name;
      await this.#boss.createQueue(queue, {
        retryLimit: 10,
        retryDelay: 2,
        retryBackoff: true,
        deadLetter: 'dead-letters',
      });
      // pg-boss runs one fetch loop per work() call: several calls are several concurrent workers.
      for (let worker = 0; worker < Math.max(1, handler.concurrency ?? 1); worker += 1)
        await this.#workEvents(queue, handler);
    }
    this.#running = true;
    this.#scheduleRelay();
    logger.info(
      { jobs: this.#options.jobs.length, handlers: this.#options.handlers.length },
      'job runner started',
    );
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    clearTimeout(this.#relayTimer);
    await this.#relaying;
    await this.#boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
  }

  async send(
    name: string,
    data: object,
    options: { startAfter?: Date; singletonKey?: string } = {},
  ): Promise<string | null> {
    return this.#boss.send(name, data, options);
  }

  /** Jobs waiting across all queues (for /metrics). */
  async queueDepth(): Promise<number> {
    const queues = await this.#boss.getQueues();
    return queues.reduce((sum, queue) => sum + queue.queuedCount, 0);
  }

  /** Moves one batch of undispatched outbox events into handler jobs; returns how many it moved. */
  async relayOnce(): Promise<number> {
    const client = await this.#options.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; name: string; payload: unknown }>(
        `SELECT id, name, payload FROM platform.outbox WHERE dispatched_at IS NULL
         ORDER BY id LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const inTransaction = {
        db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
      };
      // One insert per queue for the whole batch: a round trip per event would cap the relay.
      const jobsByQueue = new Map<string, { name: string; data: { eventId: string; payload: unknown } }[]>();
      for (const row of rows) {
        for (const handler of this.#subscriptions.get(row.name) ?? []) {
          const queue = EVENT_QUEUE_PREFIX + handler.name;
          const jobs = jobsByQueue.get(queue) ?? [];
          jobs.push({ name: queue, data: { eventId: row.id, payload: row.payload } });
          jobsByQueue.set(queue, jobs);
        }
      }
      for (const [queue, jobs] of jobsByQueue) await this.#boss.insert(queue, jobs, inTransaction);
      if (rows.length > 0) {
        await client.query('UPDATE platform.outbox SET dispatched_at = now() WHERE id = ANY($1)', [
          rows.map((r) => r.id),
        ]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * pg-boss installs or upgrades its schema on start; two instances starting together on a fresh
   * database can collide doing so. A session advisory lock makes them take turns.
   */
  async #startBossExclusively(): Promise<void> {
    const client = await this.#options.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [PGBOSS_START_LOCK_KEY]);
      await this.#boss.start();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PGBOSS_START_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }

  #workOptions(batchSize: number): PgBoss.WorkOptions {
    return { pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 1, batchSize };
  }

  /**
   * One worker of an event handler: up to `batchSize` jobs per fetch, handled in one transaction
   * (one by one if that fails). Only the events that fail alone are failed (and retried by pg-boss);
   * the rest complete. pg-boss sleeps the polling interval after every fetch, so a full batch wakes
   * the worker at once: a backlog drains at the handler's speed, not one batch per interval.
   */
  async #workEvents(queue: string, handler: EventHandler): Promise<void> {
    const batchSize = Math.max(1, handler.batchSize ?? 1);
    const worker: { id?: string } = {};
    worker.id = await this.#boss.work<{ eventId: string; payload: unknown }>(
      queue,
      this.#workOptions(batchSize),
      async (batch) => {
        const items = batch.map((job) => ({ eventId: job.data.eventId, payload: job.data.payload }));
        const { failed } = await handleEventsOnceOrAlone(this.#options.db, handler, items);
        if (batch.length === batchSize && worker.id) this.#boss.notifyWorker(worker.id);
        if (failed.size === 0) return;
        if (failed.size === batch.length) throw [...failed.values()][0];
        // Failing them here leaves them out of the completion pg-boss makes of the batch afterwards.
        for (const job of batch) {
          const error = failed.get(job.data.eventId);
          if (error !== undefined) await this.#boss.fail(queue, job.id, errorDetails(error));
        }
      },
    );
  }

  #scheduleRelay(): void {
    if (!this.#running) return;
    this.#relayTimer = setTimeout(() => {
      this.#relaying = this.#relayUntilEmpty()
        .catch((error: unknown) => {
          this.#options.logger.warn({ err: error }, 'outbox relay failed; retrying');
        })
        .finally(() => {
          this.#scheduleRelay();
        });
    }, this.#options.relayIntervalMs ?? 250);
  }

  async #relayUntilEmpty(): Promise<void> {
    while (this.#running && (await this.relayOnce()) === RELAY_BATCH) {
      // keep draining a backlog before sleeping again
    }
  }
}

function errorDetails(error: unknown): object {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { message: String(error) };
}

/** Seconds since the oldest event still waiting in the outbox (0 when it is empty). */
export async function outboxLagSeconds(db: Db): Promise<number> {
  const { rows } = await db.execute<{ lag: string | null }>(
    sql`SELECT extract(epoch FROM now() - min(occurred_at)) AS lag FROM platform.outbox WHERE dispatched_at IS NULL`,
  );
  return Number(rows[0]?.lag ?? 0);
}
