import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import { entries, type EntryRow } from './audit.tables.ts';

// Appends take this transaction-scoped lock so the chain has one writer at a time; audit writes are
// rare administrative actions, so the serialisation costs nothing measurable.
const CHAIN_LOCK_KEY = 7_364_121_510;

export async function appendEntry(
  executor: Executor,
  build: (head: { seq: number; hash: string | undefined }) => EntryRow,
): Promise<EntryRow> {
  // A nested transaction is a savepoint inside the caller's transaction, and a real transaction
  // when called on the pool, so the lock, the read of the head and the insert share one connection.
  return executor.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    const [last] = await tx
      .select({ seq: entries.seq, hash: entries.hash })
      .from(entries)
      .orderBy(desc(entries.seq))
      .limit(1);
    const row = build({ seq: (last?.seq ?? 0) + 1, hash: last?.hash });
    await tx.insert(entries).values(row);
    return row;
  });
}

export async function* readChain(db: Db, batchSize = 1000): AsyncGenerator<EntryRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(entries)
      .where(gt(entries.seq, after))
      .orderBy(asc(entries.seq))
      .limit(batchSize);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.seq;
  }
}

export interface EntryFilter {
  readonly entityType?: string | undefined;
  readonly entityId?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

export async function findEntries(db: Db, filter: EntryFilter): Promise<EntryRow[]> {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(entries.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(entries.entityId, filter.entityId));
  if (filter.actor) conditions.push(eq(entries.actor, filter.actor));
  if (filter.action) conditions.push(eq(entries.action, filter.action));
  if (filter.beforeSeq) conditions.push(lt(entries.seq, filter.beforeSeq));
  return db
    .select()
    .from(entries)
    .where(and(...conditions))
    .orderBy(desc(entries.seq))
    .limit(filter.limit);
}
