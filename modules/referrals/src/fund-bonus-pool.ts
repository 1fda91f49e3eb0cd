import { fundFromCustody, type PoolFunding } from '@sauda/rewards';
import { BONUS_POOL } from './pay-bonus.ts';
import type { ReferralsActor, ReferralsContext } from './referrals.context.ts';
import { ReferralsErrors } from './referrals.errors.ts';

/**
 * Staff record reward-asset money set aside for referral bonuses: custody → treasury → bonus pool,
 * the same movement as the rewards pool's funding, keyed by the staff's reference.
 */
export async function fundBonusPool(
  ctx: ReferralsContext,
  actor: ReferralsActor,
  input: { amount: string; reference: string },
): Promise<PoolFunding> {
  const [custody, treasury, pool] = await Promise.all([
    ctx.account('provider:custody', 'settlement', false),
    ctx.account('platform:treasury', 'treasury', true),
    ctx.account(BONUS_POOL.owner, BONUS_POOL.code, true),
  ]);
  return fundFromCustody(ctx, {
    actor,
    ...input,
    asset: ctx.rewards.settings.rewardAsset,
    accounts: { custody, treasury, pool },
    idPrefix: 'bonus-funding',
    auditAction: 'referrals.bonus-pool-funded',
    invalidAmount: ReferralsErrors.REFERRALS_AMOUNT_INVALID,
  });
}
