import { and, asc, eq, inArray, isNotNull, lte, min, sql } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import type { TaxStatus } from './rewards.settings.ts';
import {
  conversionRevisions,
  rewards,
  taxEntries,
  taxStatuses,
  type RevisionRow,
  type RewardRow,
} from './rewards.tables.ts';

/** SQL of the reward state machine; listing and reporting queries live beside their use cases. */

export async function findRewardByConversion(
  executor: Executor,
  conversionId: string,
): Promise<RewardRow | undefined> {
  const [row] = await executor
    .select()
    .from(rewards)
    .where(eq(rewards.conversionId, conversionId))
    .for('update');
  return row;
}

/** Inserts the reward unless the conversion already has one; either way returns it locked. */
export async function insertOrLockReward(
  executor: Executor,
  row: typeof rewards.$inferInsert,
): Promise<RewardRow> {
  // A row this statement inserted is locked by it until commit; only a lost race needs the second read.
  const [inserted] = await executor
    .insert(rewards)
    .values(row)
    .onConflictDoNothing({ target: rewards.conversionId })
    .returning();
  const locked = inserted ?? (await findRewardByConversion(executor, row.conversionId));
  if (!locked) throw new Error(`reward of conversion ${row.conversionId} vanished`);
  return locked;
}

/** Locks one reward, or returns undefined when another worker holds it (it is being handled). */
export async function lockRewardIfFree(executor: Executor, id: string): Promise<RewardRow | undefined> {
  const [row] = await executor
    .select()
    .from(rewards)
    .where(eq(rewards.id, id))
    .for('update', { skipLocked: true });
  return row;
}

export async function saveReward(executor: Executor, row: RewardRow): Promise<void> {
  const { id, conversionId: _conversionId, createdAt: _createdAt, ...fields } = row;
  await executor.update(rewards).set(fields).where(eq(rewards.id, id));
}

/** Records a revision; false when this (conversion, revision) was already received. */
export async function recordRevision(executor: Executor, row: RevisionRow): Promise<boolean> {
  const inserted = await executor
    .insert(conversionRevisions)
    .values(row)
    .onConflictDoNothing()
    .returning({ revision: conversionRevisions.revision });
  return inserted.length > 0;
}

export async function revisionsOf(executor: Executor, conversionId: string): Promise<RevisionRow[]> {
  return executor
    .select()
    .from(conversionRevisions)
    .where(eq(conversionRevisions.conversionId, conversionId))
    .orderBy(asc(conversionRevisions.revision));
}

/** Rewards whose conversion is approved and whose hold period has passed, oldest first. */
export async function dueRewardIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: rewards.id })
    .from(rewards)
    .where(
      and(
        eq(rewards.status, 'pending'),
        inArray(rewards.conversionState, ['approved', 'paid']),
        lte(rewards.availableAfter, now),
      ),
    )
    .orderBy(asc(rewards.availableAfter))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Rewards the ledger is behind on (no rate, empty pool…), least recently tried first. */
export async function waitingRewardIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: rewards.id })
    .from(rewards)
    .where(isNotNull(rewards.waitingReason))
    .orderBy(asc(rewards.updatedAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

export async function firstAvailableAt(db: Db, userId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ first: min(rewards.availableAt) })
    .from(rewards)
    .where(and(eq(rewards.userId, userId), isNotNull(rewards.availableAt)));
  return row?.first ?? undefined;
}

export async function taxStatusOf(executor: Executor, userId: string): Promise<TaxStatus | undefined> {
  const [row] = await executor.select().from(taxStatuses).where(eq(taxStatuses.userId, userId));
  return row?.status;
}

export async function saveTaxStatus(
  executor: Executor,
  row: typeof taxStatuses.$inferInsert,
): Promise<TaxStatus | undefined> {
  const [previous] = await executor
    .select()
    .from(taxStatuses)
    .where(eq(taxStatuses.userId, row.userId))
    .for('update');
  await executor
    .insert(taxStatuses)
    .values(row)
    .onConflictDoUpdate({
      target: taxStatuses.userId,
      set: { status: row.status, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
  return previous?.status;
}

export async function insertTaxEntry(executor: Executor, row: typeof taxEntries.$inferInsert): Promise<void> {
  await executor.insert(taxEntries).values(row);
}

/** Per user, currency and the tax status commissions were priced with, the sums of a period's tax entries. */
export async function taxTotals(
  db: Db,
  period: string,
): Promise<
  {
    userId: string;
    currency: string;
    taxStatus: TaxStatus | null;
    income: string;
    withheld: string;
    net: string;
    entries: number;
  }[]
> {
  return db
    .select({
      userId: taxEntries.userId,
      currency: taxEntries.currency,
      taxStatus: rewards.taxStatus,
      income: sql<string>`sum(${taxEntries.income})::text`,
      withheld: sql<string>`sum(${taxEntries.withheld})::text`,
      net: sql<string>`sum(${taxEntries.net})::text`,
      entries: sql<number>`count(*)::int`,
    })
    .from(taxEntries)
    .innerJoin(rewards, eq(rewards.id, taxEntries.rewardId))
    .where(eq(taxEntries.period, period))
    .groupBy(taxEntries.userId, taxEntries.currency, rewards.taxStatus)
    .orderBy(asc(taxEntries.userId), asc(taxEntries.currency), asc(rewards.taxStatus));
}
