import { asc, eq } from 'drizzle-orm';
import { UserRegistered } from '@sauda/identity';
import { KycVerificationRevoked, KycVerified } from '@sauda/kyc';
import { defineHandler, type EventHandler, type Tx } from '@sauda/platform';
import { RewardStatusChanged } from '@sauda/rewards';
import { lockReferralOf, payBonusIfDue } from './pay-bonus.ts';
import { ensureCode } from './referral-codes.ts';
import type { ReferralsContext } from './referrals.context.ts';
import { referrals, type ReferralRow } from './referrals.tables.ts';

/** What referrals learns from other modules: new accounts, verifications, rewards becoming available. */

async function onReferee(
  ctx: ReferralsContext,
  tx: Tx,
  refereeId: string,
  change: (row: ReferralRow) => Partial<ReferralRow>,
): Promise<void> {
  const referral = await lockReferralOf(tx, refereeId);
  if (!referral || referral.status === 'rewarded' || referral.status === 'refused') return;
  const patch = change(referral);
  const [saved] = await tx
    .update(referrals)
    .set({ ...patch, updatedAt: ctx.clock.now() })
    .where(eq(referrals.id, referral.id))
    .returning();
  if (saved) await payBonusIfDue(ctx, tx, saved);
}

export function referralHandlers(ctx: ReferralsContext): EventHandler[] {
  return [
    defineHandler({
      name: 'referrals.create-code',
      event: UserRegistered,
      handle: async ({ userId }, { tx }) => {
        await ensureCode(tx, userId, ctx.clock.now());
      },
    }),
    defineHandler({
      name: 'referrals.note-first-reward',
      event: RewardStatusChanged,
      handle: async (change, { tx }) => {
        if (change.status !== 'available') return;
        await onReferee(ctx, tx, change.userId, (row) => ({
          firstRewardAt: row.firstRewardAt ?? ctx.clock.now(),
        }));
      },
    }),
    defineHandler({
      name: 'referrals.note-kyc-verified',
      event: KycVerified,
      handle: async ({ userId }, { tx }) => {
        await onReferee(ctx, tx, userId, () => ({ refereeVerifiedAt: ctx.clock.now() }));
      },
    }),
    defineHandler({
      name: 'referrals.note-kyc-revoked',
      event: KycVerificationRevoked,
      handle: async ({ userId }, { tx }) => {
        // A bonus waiting for the pool waits for a new verification instead.
        await onReferee(ctx, tx, userId, (row) => ({
          refereeVerifiedAt: null,
          status: row.status === 'waiting' ? 'linked' : row.status,
        }));
      },
    }),
  ];
}

/** What the retry job runs: referrals whose bonus waits for the pool; returns how many were paid. */
export async function retryWaitingBonuses(ctx: ReferralsContext): Promise<number> {
  const waiting = await ctx.db
    .select({ refereeId: referrals.refereeId })
    .from(referrals)
    .where(eq(referrals.status, 'waiting'))
    .orderBy(asc(referrals.updatedAt))
    .limit(ctx.settings.batchSize);
  let paid = 0;
  for (const { refereeId } of waiting) {
    try {
      const after = await ctx.db.transaction(async (tx) => {
        const referral = await lockReferralOf(tx, refereeId);
        return referral ? payBonusIfDue(ctx, tx, referral) : undefined;
      });
      if (after?.status === 'rewarded') paid += 1;
    } catch (error) {
      ctx.logger?.error({ err: error, refereeId }, 'referral bonus could not be paid; next run retries');
    }
  }
  return paid;
}
