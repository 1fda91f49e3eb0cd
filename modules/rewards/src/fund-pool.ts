import type { AuditApi } from '@sauda/audit';
import type { LedgerApi } from '@sauda/ledger';
import { AppError, isAppError, type Db } from '@sauda/platform';
import { CUSTODY, TREASURY } from './reward-accounts.ts';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { RewardsErrors } from './rewards.errors.ts';

/**
 * Staff record reward-asset money the platform set aside for a pool (loyalty rewards here, referral
 * bonuses in referrals): it arrives in custody (the mirror of the platform's wallet outside Sauda),
 * passes through the treasury and lands in the pool, whose no-overdraft flag caps what can ever be
 * promised to users. The staff-chosen reference is the idempotency key: repeating it returns the
 * original funding, and reusing it for another amount is refused by the ledger.
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

export interface FundingRequest {
  readonly actor: RewardsActor;
  readonly amount: string;
  readonly reference: string;
  readonly asset: { readonly code: string; readonly decimals: number };
  readonly accounts: { readonly custody: string; readonly treasury: string; readonly pool: string };
  /** Prefix of the two transfer ids, so each pool's references are its own. */
  readonly idPrefix: string;
  readonly auditAction: string;
  /** The caller's error for an amount that is not a positive number of the asset. */
  readonly invalidAmount: string;
}

/** Custody → treasury → pool as one linked batch, audited once; shared by every reward-asset pool. */
export async function fundFromCustody(
  deps: { readonly db: Db; readonly ledger: LedgerApi; readonly audit: Pick<AuditApi, 'record'> },
  request: FundingRequest,
): Promise<PoolFunding> {
  const { code: asset, decimals } = request.asset;
  let amount: bigint;
  try {
    amount = deps.ledger.parseAmount(request.amount, asset);
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(request.invalidAmount, { params: { decimals } });
  }
  if (amount <= 0n) throw new AppError(request.invalidAmount, { params: { decimals } });
  const { custody, treasury, pool } = request.accounts;
  const id = `${request.idPrefix}:${request.reference}`;
  const metadata = { reference: request.reference };
  const created = await deps.db.transaction(async (tx) => {
    const existed = (await deps.ledger.getTransfer(`${id}:pool`)) !== undefined;
    await deps.ledger.createLinkedTransfers(
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
    await deps.audit.record(tx, {
      actor: request.actor.id,
      action: request.auditAction,
      entityType: 'ledger-account',
      entityId: pool,
      after: { reference: request.reference, amount: amount.toString(), asset },
      context: request.actor.context,
    });
    return true;
  });
  const balance = await deps.ledger.getBalance(pool);
  return {
    reference: request.reference,
    amount: amount.toString(),
    asset,
    pool: { posted: balance.posted.toString(), available: balance.available.toString() },
    created,
  };
}

/** Funds the loyalty rewards pool. */
export async function fundPool(
  ctx: RewardsContext,
  actor: RewardsActor,
  input: { amount: string; reference: string },
): Promise<PoolFunding> {
  await ctx.ensureRewardAsset();
  const asset = ctx.settings.rewardAsset;
  const [custody, treasury, pool] = await Promise.all([
    ctx.accounts.id({ ...CUSTODY, asset: asset.code }),
    ctx.accounts.id({ ...TREASURY, asset: asset.code, debitsMustNotExceedCredits: true }),
    ctx.accounts.pool(asset.code),
  ]);
  return fundFromCustody(ctx, {
    actor,
    ...input,
    asset,
    accounts: { custody, treasury, pool },
    idPrefix: 'pool-funding',
    auditAction: 'rewards.pool-funded',
    invalidAmount: RewardsErrors.REWARDS_AMOUNT_INVALID,
  });
}
