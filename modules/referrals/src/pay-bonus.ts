import { eq } from 'drizzle-orm';
import { LedgerErrors } from '@sauda/ledger';
import { isAppError, publishEvent, type Tx } from '@sauda/platform';
import { shareDevice } from './devices.ts';
import type { ReferralsContext } from './referrals.context.ts';
import { ReferralBonusPaid } from './referrals.events.ts';
import { bonuses, referrals, type ReferralRow, type RefusalReason } from './referrals.tables.ts';

/**
 * Pays the referrer's bonus once the referee is verified and their first reward became available,
 * unless a farming guard trips: the referee's IIN was ever submitted by another account, or the two
 * accounts were seen on one device. The bonus moves from the bonus pool to the referrer's rewards
 * wallet; an empty pool leaves the referral waiting for the retry job. The `bonuses` row (primary
 * key: the referee) and the transfer id make a second payment impossible.
 */

export const BONUS_POOL = { owner: 'platform:loyalty', code: 'referral-pool' } as const;
/** The referrer's wallet is the rewards module's loyalty wallet: the bonus is spent like any reward. */
export const REFERRER_WALLET_CODE = 'rewards';

export async function lockReferralOf(tx: Tx, refereeId: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.refereeId, refereeId)).for('update');
  return row;
}

async function refusalOf(
  ctx: ReferralsContext,
  tx: Tx,
  referral: ReferralRow,
): Promise<RefusalReason | undefined> {
  if ((await ctx.kyc.accountsSharingIin(referral.refereeId)).length > 0) return 'iin-reused';
  if (await shareDevice(tx, referral.refereeId, referral.referrerId)) return 'same-device';
  return undefined;
}

/** Moves the (locked) referral as far as it can go now; returns it as saved. */
export async function payBonusIfDue(
  ctx: ReferralsContext,
  tx: Tx,
  referral: ReferralRow,
): Promise<ReferralRow> {
  if (referral.status === 'rewarded' || referral.status === 'refused') return referral;
  if (!referral.refereeVerifiedAt || !referral.firstRewardAt) return referral;
  const now = ctx.clock.now();
  const save = async (patch: Partial<ReferralRow>): Promise<ReferralRow> => {
    const [saved] = await tx
      .update(referrals)
      .set({ ...patch, updatedAt: now })
      .where(eq(referrals.id, referral.id))
      .returning();
    if (!saved) throw new Error(`referral ${referral.id} vanished`);
    return saved;
  };
  const refusal = await refusalOf(ctx, tx, referral);
  if (refusal) {
    ctx.logger?.info({ referralId: referral.id, reason: refusal }, 'referral bonus refused');
    return save({ status: 'refused', refusalReason: refusal });
  }
  const asset = ctx.rewards.settings.rewardAsset.code;
  const amount = ctx.settings.bonusAmount;
  const [pool, wallet] = await Promise.all([
    ctx.account(BONUS_POOL.owner, BONUS_POOL.code, true),
    ctx.account(referral.referrerId, REFERRER_WALLET_CODE, true),
  ]);
  const transferId = `${referral.id}:bonus`;
  try {
    // A savepoint: an empty pool must leave no remembered refusal, so the retry can use the same id.
    await tx.transaction(async (savepoint) => {
      await ctx.ledger.createTransfer(
        {
          id: transferId,
          debitAccountId: pool,
          creditAccountId: wallet,
          amount,
          code: 'referral-bonus',
          metadata: { referral: referral.id, referee: referral.refereeId },
        },
        { executor: savepoint },
      );
    });
  } catch (error) {
    if (
      isAppError(error) &&
      error.code === LedgerErrors.LEDGER_INSUFFICIENT_FUNDS &&
      error.params.accountId === pool
    ) {
      ctx.logger?.warn({ referralId: referral.id }, 'referral bonus pool is empty; the bonus waits');
      return save({ status: 'waiting' });
    }
    throw error;
  }
  await tx.insert(bonuses).values({
    refereeId: referral.refereeId,
    referralId: referral.id,
    referrerId: referral.referrerId,
    amount: amount.toString(),
    asset,
    transferId,
    paidAt: now,
  });
  await publishEvent(tx, ReferralBonusPaid, {
    referralId: referral.id,
    referrerId: referral.referrerId,
    refereeId: referral.refereeId,
    amount: amount.toString(),
    asset,
  });
  return save({ status: 'rewarded' });
}
