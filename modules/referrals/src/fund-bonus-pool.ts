import { AppError, isAppError } from '@sauda/platform';
import { BONUS_POOL } from './pay-bonus.ts';
import type { ReferralsActor, ReferralsContext } from './referrals.context.ts';
import { ReferralsErrors } from './referrals.errors.ts';

/**
 * Staff record reward-asset money set aside for referral bonuses: custody → treasury → bonus pool,
 * one linked batch keyed by the staff's reference (repeating it returns the original funding).
 */
export async function fundBonusPool(
  ctx: ReferralsContext,
  actor: ReferralsActor,
  input: { amount: string; reference: string },
): Promise<{
  reference: string;
  amount: string;
  asset: string;
  pool: { posted: string; available: string };
  created: boolean;
}> {
  const { code: asset, decimals } = ctx.rewards.settings.rewardAsset;
  let amount: bigint;
  try {
    amount = ctx.ledger.parseAmount(input.amount, asset);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(ReferralsErrors.REFERRALS_AMOUNT_INVALID, { params: { decimals } });
  }
  if (amount <= 0n) throw new AppError(ReferralsErrors.REFERRALS_AMOUNT_INVALID, { params: { decimals } });
  const [custody, treasury, pool] = await Promise.all([
    ctx.account('provider:custody', 'settlement', false),
    ctx.account('platform:treasury', 'treasury', true),
    ctx.account(BONUS_POOL.owner, BONUS_POOL.code, true),
  ]);
  const id = `bonus-funding:${input.reference}`;
  const metadata = { reference: input.reference };
  const created = await ctx.db.transaction(async (tx) => {
    const existed = (await ctx.ledger.getTransfer(`${id}:pool`)) !== undefined;
    await ctx.ledger.createLinkedTransfers(
      [
        {
          type: 'transfer',
          id: `${id}:deposit`,
          debitAccountId: custody,
          creditAccountId: treasury,
          amount,
          code: 'deposit',
          metadata,
        },
        {
          type: 'transfer',
          id: `${id}:pool`,
          debitAccountId: treasury,
          creditAccountId: pool,
          amount,
          code: 'pool-funding',
          metadata,
        },
      ],
      { executor: tx },
    );
    if (existed) return false;
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: 'referrals.bonus-pool-funded',
      entityType: 'ledger-account',
      entityId: pool,
      after: { reference: input.reference, amount: amount.toString(), asset },
      context: actor.context,
    });
    return true;
  });
  const balance = await ctx.ledger.getBalance(pool);
  return {
    reference: input.reference,
    amount: amount.toString(),
    asset,
    pool: { posted: balance.posted.toString(), available: balance.available.toString() },
    created,
  };
}
