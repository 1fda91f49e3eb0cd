import { reconcileReward } from './reconcile-reward.ts';
import type { RewardsContext } from './rewards.context.ts';
import { dueRewardIds, lockRewardIfFree, waitingRewardIds } from './rewards.repository.ts';

/**
 * The two jobs that move rewards without a new conversion revision: time passing (the hold period
 * of an approved conversion ends) and a missing piece arriving (a rate entered, the pool funded).
 * Each reward is handled in its own transaction, skipped if another worker holds it, and a failure
 * of one is logged without stopping the others (the next run tries it again).
 */

async function reconcileEach(ctx: RewardsContext, ids: readonly string[], job: string): Promise<number> {
  let changed = 0;
  for (const id of ids) {
    try {
      const moved = await ctx.db.transaction(async (tx) => {
        const reward = await lockRewardIfFree(tx, id);
        if (!reward) return false;
        const after = await reconcileReward(ctx, tx, reward, reward.status);
        return after.status !== reward.status || after.waitingReason !== reward.waitingReason;
      });
      if (moved) changed += 1;
    } catch (error) {
      ctx.logger?.error(
        { err: error, rewardId: id, job },
        'reward could not be reconciled; next run retries',
      );
    }
  }
  return changed;
}

/** Makes available every approved reward whose hold period has passed; returns how many moved. */
export async function releaseDueRewards(ctx: RewardsContext): Promise<number> {
  await ctx.ensureRewardAsset();
  const ids = await dueRewardIds(ctx.db, ctx.clock.now(), ctx.settings.batchSize);
  return reconcileEach(ctx, ids, 'rewards.release-due');
}

/** Tries again every reward that waits for a rate, a partner, an asset or pool funds. */
export async function retryWaitingRewards(ctx: RewardsContext): Promise<number> {
  await ctx.ensureRewardAsset();
  const ids = await waitingRewardIds(ctx.db, ctx.settings.batchSize);
  return reconcileEach(ctx, ids, 'rewards.retry-waiting');
}
