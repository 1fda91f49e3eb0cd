import type pg from 'pg';
import { poolOf, type Db, type Logger } from '@sauda/platform';
import { CHANGES_CHANNEL } from './catalog.repository.ts';

export interface ChangeWatch {
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * Calls `onChange(version)` whenever a catalog change commits, on every instance, through
 * PostgreSQL LISTEN on one dedicated connection. When that connection breaks it reconnects with
 * backoff and calls `onChange(undefined)`, because notifications sent meanwhile are lost and the
 * listener must reload to be sure.
 */
export function watchChanges(
  db: Db,
  onChange: (version: number | undefined) => void,
  logger?: Logger,
): Promise<ChangeWatch> {
  const pool = poolOf(db);
  let closed = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = RECONNECT_MIN_MS;

  const onNotification = (message: pg.Notification): void => {
    if (message.channel !== CHANGES_CHANNEL) return;
    const version = Number(message.payload);
    onChange(Number.isSafeInteger(version) ? version : undefined);
  };

  // A connection can fail while close() waits for UNLISTEN on it: whichever comes second must not release it again.
  const released = new WeakSet<pg.PoolClient>();
  /** Gives the connection back: destroyed (`true` or the error that broke it) or kept for reuse (`false`). */
  const drop = (connection: pg.PoolClient, destroy: Error | boolean): void => {
    if (client === connection) client = undefined;
    if (released.has(connection)) return;
    released.add(connection);
    connection.removeListener('notification', onNotification);
    connection.release(destroy);
  };

  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on('notification', onNotification);
    next.once('error', (error) => {
      logger?.warn({ err: error }, 'catalog change listener lost its connection; reconnecting');
      drop(next, error instanceof Error ? error : true);
      schedule();
    });
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = next;
    delay = RECONNECT_MIN_MS;
  };

  const schedule = (): void => {
    if (closed) return;
    retry = setTimeout(() => {
      connect().then(
        () => {
          onChange(undefined);
        },
        (error: unknown) => {
          logger?.warn({ err: error }, 'catalog change listener cannot connect; retrying');
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          schedule();
        },
      );
    }, delay);
    retry.unref();
  };

  return connect().then(() => ({
    async close() {
      closed = true;
      clearTimeout(retry);
      const current = client;
      if (!current) return;
      client = undefined;
      const unlistened = await current.query(`UNLISTEN ${CHANGES_CHANNEL}`).then(
        () => true,
        () => false,
      );
      // A connection that failed is destroyed rather than returned to the pool.
      drop(current, !unlistened);
    },
  }));
}
