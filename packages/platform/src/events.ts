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

export interface EventHandler<S extends TSchema = TSchema> {
  /** Unique and stable, e.g. `rewards.credit-approved-conversion`: it keys the handled-once record. */
  readonly name: string;
  readonly event: EventDefinition<S>;
  handle(payload: Static<S>, context: EventContext): Promise<void>;
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
 * to reach a settled state deterministically. Same handled-once rule as the job runner.
 */
export async function deliverPendingEvents(db: Db, handlers: readonly EventHandler[]): Promise<number> {
  const byEvent = subscriptions(handlers);
  let delivered = 0;
  for (;;) {
    const { rows } = await db.execute<{ id: string; name: string; payload: unknown }>(
      sql`SELECT id, name, payload FROM platform.outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 100`,
    );
    if (rows.length === 0) return delivered;
    for (const row of rows) {
      for (const handler of byEvent.get(row.name) ?? [])
        await handleEventOnce(db, handler, row.id, row.payload);
      await db.execute(sql`UPDATE platform.outbox SET dispatched_at = now() WHERE id = ${row.id}`);
      delivered += 1;
    }
  }
}
