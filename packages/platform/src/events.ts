import { sql } from 'drizzle-orm';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Db, Executor, Tx } from './database.ts';
import { newId } from './ids.ts';

export { Type, type Static, type TSchema };

/**
 * Transactional outbox. A module publishes an event with the same executor (transaction) as the
 * change that caused it, so the event exists exactly when the change committed. The job runner
 * relays each event to every subscribed handler as a job; a handler runs inside a transaction
 * that also records (handler, event id), so a redelivered event is skipped: handlers run once.
 */
export interface EventDefinition<S extends TSchema = TSchema> {
  readonly name: string;
  readonly schema: S;
}

export function defineEvent<S extends TSchema>(name: string, schema: S): EventDefinition<S> {
  if (!/^[a-z]+\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(name))
    throw new Error(`Event name ${name} is not module.event-name`);
  return { name, schema };
}

export async function publishEvent<S extends TSchema>(
  executor: Executor,
  event: EventDefinition<S>,
  payload: Static<S>,
): Promise<string> {
  if (!Value.Check(event.schema, payload)) {
    const [first] = Value.Errors(event.schema, payload);
    throw new TypeError(
      `Payload of ${event.name} is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
    );
  }
  const id = newId('evt');
  await executor.execute(
    sql`INSERT INTO platform.outbox (id, name, payload) VALUES (${id}, ${event.name}, ${JSON.stringify(payload)}::jsonb)`,
  );
  return id;
}

export interface EventContext {
  readonly eventId: string;
  /** The handler's transaction: its writes commit together with the "handled" mark. */
  readonly tx: Tx;
}

/** One event of a batch handed to `handleBatch`. */
export interface EventItem<S extends TSchema = TSchema> {
  readonly eventId: string;
  readonly payload: Static<S>;
}

export interface BatchContext {
  /** The batch's transaction: every event's writes and "handled" marks commit together. */
  readonly tx: Tx;
}

export interface EventHandler<S extends TSchema = TSchema> {
  /** Unique and stable, e.g. `rewards.credit-approved-conversion`: it keys the handled-once record. */
  readonly name: string;
  readonly event: EventDefinition<S>;
  handle(payload: Static<S>, context: EventContext): Promise<void>;
  /**
   * Events the job runner takes per transaction (default 1). With more, one transaction claims and
   * handles them all, so a busy handler pays one commit (and, with `handleBatch`, shared work) for
   * many events. A batch that fails is rolled back and its events are handled one by one, so an
   * event that cannot be handled fails alone and its neighbours are not held back.
   */
  readonly batchSize?: number;
  /**
   * Handles several events, in delivery order, in one transaction; only events not handled before
   * are passed. Without it a batch calls `handle` for each event in turn, in the same transaction.
   */
  handleBatch?(items: readonly EventItem<S>[], context: BatchContext): Promise<void>;
  /**
   * Workers per instance (default 1). More only when the handler is safe to run concurrently with
   * itself: handled-once makes a redelivery harmless, but ordering between events is then lost.
   */
  readonly concurrency?: number;
}

export function defineHandler<S extends TSchema>(handler: EventHandler<S>): EventHandler {
  return handler;
}

/** Runs the handler unless it already handled this event; returns whether it ran. */
export async function handleEventOnce(
  db: Db,
  handler: EventHandler,
  eventId: string,
  payload: unknown,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claim = await tx.execute(
      sql`INSERT INTO platform.handled_events (handler, event_id) VALUES (${handler.name}, ${eventId}) ON CONFLICT DO NOTHING`,
    );
    if (claim.rowCount === 0) return false;
    await handler.handle(payload, { eventId, tx });
    return true;
  });
}

/**
 * Handles several events in one transaction, claiming each (handler, event id) first; returns the
 * ids it handled (not those handled before). Throws, leaving nothing behind, when any event fails:
 * the caller then handles them one by one (see `handleEventsOnceOrAlone`).
 */
export async function handleEventsOnce(
  db: Db,
  handler: EventHandler,
  items: readonly EventItem[],
): Promise<string[]> {
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const ids = items.map((item) => item.eventId);
    const claimed = await tx.execute<{ event_id: string }>(
      sql`INSERT INTO platform.handled_events (handler, event_id)
          SELECT ${handler.name}, id FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) AS id
          ON CONFLICT DO NOTHING RETURNING event_id`,
    );
    const fresh = new Set(claimed.rows.map((row) => row.event_id));
    // A batch may carry the same event twice (a redelivery); it is handled once.
    const seen = new Set<string>();
    const todo = items.filter((item) => {
      if (!fresh.has(item.eventId) || seen.has(item.eventId)) return false;
      seen.add(item.eventId);
      return true;
    });
    if (todo.length === 0) return [];
    if (handler.handleBatch) await handler.handleBatch(todo, { tx });
    else for (const item of todo) await handler.handle(item.payload, { eventId: item.eventId, tx });
    return todo.map((item) => item.eventId);
  });
}

/** What happened to each event of a batch: the ids that failed, with their errors. */
export interface BatchOutcome {
  readonly failed: ReadonlyMap<string, unknown>;
}

/**
 * A batch in one transaction; if it fails, each event alone in its own transaction, so only the
 * events that fail by themselves are reported failed (and retried), never their neighbours.
 */
export async function handleEventsOnceOrAlone(
  db: Db,
  handler: EventHandler,
  items: readonly EventItem[],
): Promise<BatchOutcome> {
  const failed = new Map<string, unknown>();
  if (items.length > 1) {
    try {
      await handleEventsOnce(db, handler, items);
      return { failed };
    } catch {
      // Fall through: the batch rolled back; find out which event (if any) fails on its own.
    }
  }
  for (const item of items) {
    try {
      await handleEventOnce(db, handler, item.eventId, item.payload);
    } catch (error) {
      failed.set(item.eventId, error);
    }
  }
  return { failed };
}

export interface OutboxRow {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

/** Which handlers subscribe to which event name. */
export function subscriptions(handlers: readonly EventHandler[]): Map<string, EventHandler[]> {
  const map = new Map<string, EventHandler[]>();
  for (const handler of handlers)
    map.set(handler.event.name, [...(map.get(handler.event.name) ?? []), handler]);
  return map;
}

/**
 * Delivers undispatched events directly, in order, without the queue: used by tests and the CLI
 * to reach a settled state deterministically. Same handled-once rule as the job runner; a handler
 * with a `batchSize` gets its events of each page in batches, as the job runner gives them.
 */
export async function deliverPendingEvents(db: Db, handlers: readonly EventHandler[]): Promise<number> {
  const byEvent = subscriptions(handlers);
  let delivered = 0;
  for (;;) {
    const { rows } = await db.execute<{ id: string; name: string; payload: unknown }>(
      sql`SELECT id, name, payload FROM platform.outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 100`,
    );
    if (rows.length === 0) return delivered;
    for (const handler of handlers.filter((h) => (h.batchSize ?? 1) > 1)) {
      const items = rows
        .filter((row) => row.name === handler.event.name)
        .map((row) => ({ eventId: row.id, payload: row.payload }));
      for (let start = 0; start < items.length; start += handler.batchSize ?? 1) {
        const { failed } = await handleEventsOnceOrAlone(
          db,
          handler,
          items.slice(start, start + (handler.batchSize ?? 1)),
        );
        for (const error of failed.values()) throw error;
      }
    }
    for (const row of rows) {
      for (const handler of byEvent.get(row.name) ?? [])
        if ((handler.batchSize ?? 1) <= 1) await handleEventOnce(db, handler, row.id, row.payload);
      await db.execute(sql`UPDATE platform.outbox SET dispatched_at = now() WHERE id = ${row.id}`);
      delivered += 1;
    }
  }
}
