import { desc, eq } from 'drizzle-orm';
import { addMonths, AppError, getAsset, isPeriod, newId, periodOf, type Executor } from '@sauda/platform';
import type { Actor, DuesContext } from './dues.context.ts';
import { DuesErrors } from './dues.errors.ts';
import { feeSchedule, type FeeScheduleRow } from './dues.tables.ts';

/** The fee and deadline in force for one period. */
export interface Fee {
  readonly effectiveFrom: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly deadlineDay: number;
}

export interface FeeVersion extends Fee {
  readonly createdAt: string;
  readonly createdBy: string;
}

/** The versions of the fee, newest first; the oldest one (2000-01) covers every earlier period. */
export class FeeSchedule {
  readonly versions: readonly FeeVersion[];
  constructor(rows: readonly FeeScheduleRow[]) {
    this.versions = [...rows]
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))
      .map((row) => ({
        effectiveFrom: row.effectiveFrom,
        amount: BigInt(row.amount),
        currency: row.currency,
        deadlineDay: row.deadlineDay,
        createdAt: row.createdAt.toISOString(),
        createdBy: row.createdBy,
      }));
    if (this.versions.length === 0) throw new Error('dues.fee_schedule is empty');
  }

  forPeriod(period: string): Fee {
    const version =
      this.versions.find((candidate) => candidate.effectiveFrom <= period) ?? this.versions.at(-1);
    if (!version) throw new Error('dues.fee_schedule is empty');
    return version;
  }

  readonly deadlineDay = (period: string): number => this.forPeriod(period).deadlineDay;
}

export async function loadFeeSchedule(executor: Executor): Promise<FeeSchedule> {
  return new FeeSchedule(await executor.select().from(feeSchedule).orderBy(desc(feeSchedule.effectiveFrom)));
}

export interface FeeChange {
  readonly effectiveFrom: string;
  /** Minor units as a string of digits ("200000" = 2 000.00 ₸). */
  readonly amount: string;
  readonly currency: string;
  readonly deadlineDay: number;
}

/**
 * Schedules a new fee from a future period: months already started keep their amount. Saving the
 * same future period again replaces that planned version (it has not applied to anyone yet).
 */
export async function scheduleFeeChange(
  ctx: DuesContext,
  actor: Actor,
  change: FeeChange,
): Promise<FeeVersion> {
  const earliest = addMonths(periodOf(ctx.clock.now()), 1);
  if (!isPeriod(change.effectiveFrom)) throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  if (change.effectiveFrom < earliest)
    throw new AppError(DuesErrors.DUES_FEE_CHANGE_NOT_FUTURE, { params: { from: earliest } });
  if (!/^[1-9]\d{0,17}$/.test(change.amount))
    throw new AppError(DuesErrors.DUES_INVALID_SETTINGS, { params: { field: 'amount' } });
  try {
    getAsset(change.currency);
  } catch {
    throw new AppError(DuesErrors.DUES_CURRENCY_UNKNOWN, { params: { currency: change.currency } });
  }
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(feeSchedule)
      .where(eq(feeSchedule.effectiveFrom, change.effectiveFrom))
      .for('update');
    if (existing) await tx.delete(feeSchedule).where(eq(feeSchedule.id, existing.id));
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(feeSchedule)
      .values({
        id: newId('dfs'),
        effectiveFrom: change.effectiveFrom,
        amount: change.amount,
        currency: change.currency,
        deadlineDay: change.deadlineDay,
        createdAt: now,
        createdBy: actor.id,
      })
      .returning();
    const [version] = row ? new FeeSchedule([row]).versions : [];
    if (!row || !version) throw new Error('fee version was not stored');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'dues.fee-scheduled',
      entityType: 'dues-settings',
      entityId: 'fee-schedule',
      before: existing
        ? {
            effectiveFrom: existing.effectiveFrom,
            amount: existing.amount,
            currency: existing.currency,
            deadlineDay: existing.deadlineDay,
          }
        : null,
      after: {
        effectiveFrom: row.effectiveFrom,
        amount: row.amount,
        currency: row.currency,
        deadlineDay: row.deadlineDay,
      },
      context: actor.context,
    });
    return version;
  });
}
