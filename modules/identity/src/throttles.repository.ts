import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { throttles, usedChallenges } from './identity.tables.ts';

export interface ThrottleState {
  readonly key: string;
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export async function findThrottles(executor: Executor, keys: readonly string[]): Promise<ThrottleState[]> {
  if (keys.length === 0) return [];
  return executor
    .select()
    .from(throttles)
    .where(inArray(throttles.key, [...keys]));
}

/** Adds one failure, starting over when the previous one is older than `forgetBefore`; returns the new count. */
export async function addFailure(
  executor: Executor,
  key: string,
  now: Date,
  forgetBefore: Date,
): Promise<number> {
  const [row] = await executor
    .insert(throttles)
    .values({ key, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`CASE WHEN ${throttles.lastFailureAt} < ${forgetBefore} THEN 1 ELSE ${throttles.failures} + 1 END`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: throttles.failures });
  return row?.failures ?? 1;
}

export async function lockThrottle(executor: Executor, key: string, until: Date): Promise<void> {
  await executor
    .update(throttles)
    .set({ lockedUntil: until })
    .where(sql`${throttles.key} = ${key}`);
}

export async function clearThrottles(executor: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await executor.delete(throttles).where(inArray(throttles.key, [...keys]));
}

/** Records a redeemed challenge; false when it was redeemed before (a replay). */
export async function redeemChallenge(
  executor: Executor,
  signature: string,
  expiresAt: Date,
): Promise<boolean> {
  const inserted = await executor
    .insert(usedChallenges)
    .values({ signature, expiresAt })
    .onConflictDoNothing()
    .returning({ signature: usedChallenges.signature });
  return inserted.length === 1;
}

export async function purgeExpiredThrottles(
  executor: Executor,
  now: Date,
  forgetBefore: Date,
): Promise<void> {
  await executor.delete(usedChallenges).where(lt(usedChallenges.expiresAt, now));
  await executor
    .delete(throttles)
    .where(
      and(
        lt(throttles.lastFailureAt, forgetBefore),
        sql`(${throttles.lockedUntil} IS NULL OR ${throttles.lockedUntil} < ${now})`,
      ),
    );
}
