import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Config } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';
import type { Logger } from './logger.ts';
import { join } from 'node:path';

export type Db = NodePgDatabase;
/** A transaction handle: everything a Db can do, inside one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  readonly url: string;
  readonly pool: pg.Pool;
  readonly db: Db;
  close(): Promise<void>;
}

// bigint columns come back as strings by default; money code parses them to bigint explicitly.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export function createPool(
  url: string,
  options: { max: number; statementTimeoutMs: number; logger?: Logger },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    application_name: 'sauda',
  });
  // An idle client losing its server emits here; without a listener the whole process would crash.
  pool.on('error', (error) => {
    options.logger?.warn({ err: error }, 'idle database connection failed');
  });
  return pool;
}

export const drizzleFor = (pool: pg.Pool): Db => drizzle(pool);

/** The pool behind a Drizzle database (node-postgres keeps it as `$client`), for what Drizzle cannot do: LISTEN, COPY. */
export function poolOf(db: Db): pg.Pool {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) throw new Error('the database handle has no connection pool');
  return client;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data directory when it
 * is not set. The returned close() also stops the embedded server it started.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.database.url;
  if (!url) {
    const dataDir = join(config.dataDir, 'postgres');
    logger.info({ dataDir, port: config.database.embeddedPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.database.embeddedPort,
      onLog: (line) => {
        logger.debug({ postgres: line });
      },
    });
    url = embedded.url;
  }
  const pool = createPool(url, {
    max: config.database.poolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    logger,
  });
  return {
    url,
    pool,
    db: drizzleFor(pool),
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** True for errors that mean "the database is unreachable right now", which clients should retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
      return true;
    // 08: connection exception; 57P0x: admin/crash shutdown, cannot connect now; 53300: too many connections.
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  }
  if (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && isDatabaseUnavailable(cause);
}
