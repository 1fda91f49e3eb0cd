import { LedgerErrors, type BatchItem } from '@sauda/ledger';
import { isAppError, newId, periodOf, publishEvent, type Tx } from '@sauda/platform';
import { planLedger, ZERO, type LedgerPosition, type TargetMode } from './ledger-plan.ts';
import type { DeferredLedgerWrites } from './deferred-ledger-writes.ts';
import { amountsOf, isPriced, priceReward } from './price-reward.ts';
import type { LegAccounts } from './reward-accounts.ts';
import type { RewardsContext } from './rewards.context.ts';
import { RewardStatusChanged } from './rewards.events.ts';
import { insertTaxEntry, saveReward } from './rewards.repository.ts';
import type { RewardRow, RewardStatus, WaitingReason } from './rewards.tables.ts';

/**
 * Brings one locked reward in line with the latest state of its conversion: prices it if it can,
 * works out where the ledger should stand (nothing, held, or posted once approved and past the hold
 * period), moves it there in one linked batch, and records the new status, notifying the user and
 * publishing the change when the status moved. Called by the event handler and by both jobs; running
 * it again changes nothing.
 */

const isClosing = (reward: RewardRow): boolean =>
  reward.conversionState === 'declined' || reward.conversionState === 'reversed';

function modeOf(reward: RewardRow, now: Date): TargetMode {
  if (isClosing(reward)) return 'none';
  if (reward.availableAt) return 'posted';
  const approved = reward.conversionState === 'approved' || reward.conversionState === 'paid';
  if (approved && reward.availableAfter && reward.availableAfter <= now) return 'posted';
  return 'held';
}

function statusAfter(reward: RewardRow, mode: TargetMode): RewardStatus {
  if (reward.conversionState === 'declined') return reward.availableAt ? 'reversed' : 'declined';
  if (reward.conversionState === 'reversed') return 'reversed';
  return mode === 'posted' ? 'available' : 'pending';
}

const positionOf = (reward: RewardRow): LedgerPosition => ({
  held: { net: BigInt(reward.heldNet), fee: BigInt(reward.heldFee), tax: BigInt(reward.heldTax) },
  posted: { net: BigInt(reward.postedNet), fee: BigInt(reward.postedFee), tax: BigInt(reward.postedTax) },
  grossBooked: BigInt(reward.grossBooked),
  holdSeq: reward.holdSeq,
});

const isEmpty = (position: LedgerPosition): boolean =>
  [...Object.values(position.held), ...Object.values(position.posted), position.grossBooked].every(
    (amount) => amount === 0n,
  );

/** Runs the batch in a savepoint, so an empty pool leaves no remembered refusal behind. */
async function applyBatch(
  ctx: RewardsContext,
  tx: Tx,
  items: readonly BatchItem[],
  poolId: string | undefined,
): Promise<'applied' | 'pool-empty'> {
  try {
    await tx.transaction(async (savepoint) => {
      await ctx.ledger.createLinkedTransfers(items, { executor: savepoint });
    });
    return 'applied';
  } catch (error) {
    if (
      isAppError(error) &&
      error.code === LedgerErrors.LEDGER_INSUFFICIENT_FUNDS &&
      poolId !== undefined &&
      error.params.accountId === poolId
    )
      return 'pool-empty';
    throw error;
  }
}

async function accountsOf(ctx: RewardsContext, reward: RewardRow): Promise<LegAccounts | undefined> {
  try {
    return await ctx.accounts.forReward(reward);
  } catch (error) {
    if (isAppError(error) && error.code === LedgerErrors.LEDGER_ASSET_UNKNOWN) return undefined;
    throw error;
  }
}

/** Debt first (ADR 0006): what the wallet can give, up to what the user owes, goes to their debt account. */
async function settlement(
  ctx: RewardsContext,
  tx: Tx,
  accounts: LegAccounts,
  walletAvailable: bigint,
  id: string,
  metadata: Record<string, string>,
): Promise<BatchItem | undefined> {
  const debt = await ctx.ledger.getAccount(accounts.debt, { executor: tx });
  const owed = debt.debitsPosted - debt.creditsPosted;
  const amount = owed < walletAvailable ? owed : walletAvailable;
  if (amount <= 0n) return undefined;
  return {
    type: 'transfer',
    id,
    debitAccountId: accounts.wallet,
    creditAccountId: accounts.debt,
    amount,
    code: 'debt-settlement',
    metadata,
  };
}

/**
 * With `deferred`, a batch that reads no ledger balance is gathered there rather than written at
 * once (the caller flushes it before committing); without it, the batch is written here.
 */
export async function reconcileReward(
  ctx: RewardsContext,
  tx: Tx,
  reward: RewardRow,
  previousStatus: RewardStatus | null,
  deferred?: DeferredLedgerWrites,
): Promise<RewardRow> {
  const now = ctx.clock.now();
  const before = reward;
  let row: RewardRow = { ...reward, updatedAt: now };

  const wait = (reason: WaitingReason): Promise<RewardRow> =>
    finish(tx, before, previousStatus, {
      ...row,
      waitingReason: reason,
      status: previousStatus === null || previousStatus === 'waiting' ? 'waiting' : row.status,
    });

  if (!isClosing(row) && !isPriced(row)) {
    const pricing = await priceReward(ctx, tx, row);
    if (!pricing.ok) return wait(pricing.reason);
    row = { ...row, ...pricing.terms };
  }
  const amounts = isPriced(row) ? amountsOf(row) : { gross: 0n, fee: 0n, tax: 0n, net: 0n };
  row = {
    ...row,
    amount: amounts.net.toString(),
    gross: amounts.gross.toString(),
    fee: amounts.fee.toString(),
    tax: amounts.tax.toString(),
  };
  const mode = modeOf(row, now);
  const position = positionOf(row);

  if (!(mode === 'none' && isEmpty(position))) {
    const accounts = await accountsOf(ctx, row);
    if (!accounts) return wait('asset-unknown');
    // The wallet matters only when something may be taken from it or settled: not for a new hold.
    const readsBalances = position.posted.net > 0n || mode === 'posted';
    // Balances and this reward's own holds must be read as the transaction left them.
    const gather = deferred !== undefined && !readsBalances && !deferred.holds(row.id);
    if (!gather) await deferred?.flush();
    const wallet = readsBalances ? await ctx.ledger.getAccount(accounts.wallet, { executor: tx }) : undefined;
    const seq = row.ledgerSeq + 1;
    const metadata = {
      reward: row.id,
      conversion: row.conversionId,
      partner: row.partnerId,
      product: row.product,
    };
    const plan = planLedger({
      rewardId: row.id,
      seq,
      product: row.product,
      position,
      target: { mode, legs: mode === 'none' ? ZERO : amounts, gross: mode === 'none' ? 0n : amounts.gross },
      accounts,
      walletAvailable: wallet ? wallet.creditsPosted - wallet.debitsPosted - wallet.debitsPending : 0n,
      metadata,
    });
    const becomingAvailable = mode === 'posted' && row.availableAt === null;
    const items = [...plan.items];
    if (becomingAvailable) {
      const settle = await settlement(
        ctx,
        tx,
        accounts,
        plan.walletAvailable,
        `${row.id}:${String(seq)}:settle`,
        metadata,
      );
      if (settle) items.push(settle);
    }
    if (items.length > 0 && gather) {
      await deferred.add(row.id, items);
      row = { ...row, ledgerSeq: seq };
    } else if (items.length > 0) {
      const outcome = await applyBatch(
        ctx,
        tx,
        items,
        row.product === 'loyalty' ? accounts.source : undefined,
      );
      if (outcome === 'pool-empty') return wait('pool-empty');
      row = { ...row, ledgerSeq: seq };
    }
    row = {
      ...row,
      heldNet: plan.position.held.net.toString(),
      heldFee: plan.position.held.fee.toString(),
      heldTax: plan.position.held.tax.toString(),
      postedNet: plan.position.posted.net.toString(),
      postedFee: plan.position.posted.fee.toString(),
      postedTax: plan.position.posted.tax.toString(),
      grossBooked: plan.position.grossBooked.toString(),
      holdSeq: plan.position.holdSeq,
      availableAt: becomingAvailable ? now : row.availableAt,
    };
    if (row.product === 'cpa') {
      const net = plan.position.posted.net - position.posted.net;
      const tax = plan.position.posted.tax - position.posted.tax;
      if (net !== 0n || tax !== 0n) {
        await insertTaxEntry(tx, {
          id: newId('txe'),
          rewardId: row.id,
          userId: row.userId,
          period: periodOf(now),
          currency: row.asset,
          income: (net + tax).toString(),
          withheld: tax.toString(),
          net: net.toString(),
          createdAt: now,
        });
      }
    }
  }
  const status = statusAfter(row, mode);
  return finish(tx, before, previousStatus, {
    ...row,
    status,
    waitingReason: null,
    closedAt: row.closedAt ?? (status === 'declined' || status === 'reversed' ? now : null),
  });
}

/** Saves the reward; on a status change publishes it (the notice handler tells the user). */
async function finish(
  tx: Tx,
  before: RewardRow,
  previousStatus: RewardStatus | null,
  row: RewardRow,
): Promise<RewardRow> {
  await saveReward(tx, row);
  if (row.status === previousStatus) return row;
  await publishEvent(tx, RewardStatusChanged, {
    rewardId: row.id,
    conversionId: row.conversionId,
    userId: row.userId,
    partnerId: row.partnerId,
    product: row.product,
    status: row.status,
    previousStatus,
    amount: amountConcerned(before, row),
    asset: row.asset,
  });
  return row;
}

/** What the move is about for the user: held or available now, or what they no longer get. */
function amountConcerned(before: RewardRow, row: RewardRow): string {
  switch (row.status) {
    case 'available':
      return row.postedNet;
    case 'declined':
    case 'reversed':
      return before.availableAt ? before.postedNet : before.amount;
    case 'pending':
    case 'waiting':
      return row.amount;
  }
}
