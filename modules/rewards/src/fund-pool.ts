import { AppError, isAppError } from '@sauda/platform';
import { CUSTODY, TREASURY } from './reward-accounts.ts';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { RewardsErrors } from './rewards.errors.ts';

/**
 * Staff record reward-asset money the platform set aside for loyalty rewards: it arrives in custody
 * (the mirror of the platform's wallet outside Sauda), passes through the treasury and lands in the
 * rewards pool, whose no-overdraft flag caps what can ever be promised to users. The staff-chosen
 * reference is the idempotency key: repeating it returns the original funding, and reusing it for
 * another amount is refused by the ledger.
 */

export interface PoolFunding {
  readonly reference: string;
  readonly amount: string;
  readonly asset: string;
  /** The pool after the funding: what it holds and what is not promised yet. */
  readonly pool: { readonly posted: string; readonly available: string };
  /** False when the reference was already used for this amount (nothing moved). */
  readonly created: boolean;
}

export async function fundPool(
  ctx: RewardsContext,
  actor: RewardsActor,
  input: { amount: string; reference: string },
): Promise<PoolFunding> {
  await ctx.ensureRewardAsset();
  const { code: asset, decimals } = ctx.settings.rewardAsset;
  let amount: bigint;
  try {
    amount = ctx.ledger.parseAmount(input.amount, asset);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(RewardsErrors.REWARDS_AMOUNT_INVALID, { params: { decimals } });
  }
  if (amount <= 0n) throw new AppError(RewardsErrors.REWARDS_AMOUNT_INVALID, { params: { decimals } });
  const [custody, treasury, pool] = await Promise.all([
    ctx.accounts.id({ ...CUSTODY, asset }),
    ctx.accounts.id({ ...TREASURY, asset, debitsMustNotExceedCredits: true }),
    ctx.accounts.pool(asset),
  ]);
  const id = `pool-funding:${input.reference}`;
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
      action: 'rewards.pool-funded',
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
