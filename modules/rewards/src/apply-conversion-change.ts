import { ConversionChanged } from '@sauda/conversions';
import {
  defineHandler,
  newId,
  type EventContext,
  type EventItem,
  type Static,
  type Tx,
} from '@sauda/platform';
import { DeferredLedgerWrites } from './deferred-ledger-writes.ts';
import { reconcileReward } from './reconcile-reward.ts';
import type { RewardsContext } from './rewards.context.ts';
import { findRewardByConversion, insertOrLockReward, recordRevision } from './rewards.repository.ts';

type Change = Static<typeof ConversionChanged.schema>;

/**
 * Applies one revision of a conversion. Idempotent per (conversion, revision): a redelivered or
 * repeated revision is recorded once and changes nothing. Revisions may arrive in any order: each
 * carries the whole state, so the newest one seen is applied and an older one arriving after it is
 * only recorded as stale. The reward row is locked, so revisions of one conversion take turns.
 */
export async function applyConversionChange(
  ctx: RewardsContext,
  change: Change,
  context: EventContext,
  deferred?: DeferredLedgerWrites,
): Promise<void> {
  const { tx, eventId } = context;
  const occurredAt = new Date(change.occurredAt);
  if (Number.isNaN(occurredAt.getTime()))
    throw new TypeError(
      `conversion ${change.conversionId} revision ${String(change.revision)} has no valid occurredAt`,
    );
  await ctx.ensureRewardAsset();
  const now = ctx.clock.now();
  const id = newId('rwd');
  const reward =
    (await findRewardByConversion(tx, change.conversionId)) ??
    (await insertOrLockReward(tx, {
      id,
      conversionId: change.conversionId,
      product: change.product,
      userId: change.userId,
      partnerId: change.partnerId,
      networkKey: change.networkKey,
      actionId: change.actionId,
      revision: change.revision,
      conversionState: change.state,
      // Placeholder until reconciled in this same transaction.
      status: 'pending',
      commission: change.commission,
      currency: change.currency,
      occurredAt,
      asset: change.product === 'loyalty' ? ctx.settings.rewardAsset.code : change.currency,
      amount: '0',
      gross: '0',
      fee: '0',
      tax: '0',
      heldNet: '0',
      heldFee: '0',
      heldTax: '0',
      postedNet: '0',
      postedFee: '0',
      postedTax: '0',
      grossBooked: '0',
      ledgerSeq: 0,
      createdAt: now,
      updatedAt: now,
    }));
  const created = reward.id === id;
  const stale = !created && change.revision <= reward.revision;
  const first = await recordRevision(tx, {
    conversionId: change.conversionId,
    revision: change.revision,
    eventId,
    state: change.state,
    commission: change.commission,
    outcome: stale ? 'stale' : 'applied',
    receivedAt: now,
  });
  if (stale || !first) return;
  if (reward.userId !== change.userId || reward.product !== change.product) {
    // The earner and the product are fixed when the reward is created; a later revision cannot move the money.
    ctx.logger?.warn(
      { conversionId: change.conversionId, rewardId: reward.id, revision: change.revision },
      'conversion revision names another user or product; keeping the original',
    );
  }
  await reconcileReward(
    ctx,
    tx,
    {
      ...reward,
      revision: change.revision,
      conversionState: change.state,
      commission: change.commission,
    },
    created ? null : reward.status,
    deferred,
  );
}

/**
 * Applies many revisions in one transaction, their ledger batches gathered into one linked batch
 * written at the end (see deferred-ledger-writes.ts). Taken in conversion order, so concurrent
 * batches lock reward rows in the same order; revisions of one conversion keep their delivery order.
 */
export async function applyConversionChanges(
  ctx: RewardsContext,
  items: readonly EventItem<typeof ConversionChanged.schema>[],
  tx: Tx,
): Promise<void> {
  const deferred = new DeferredLedgerWrites(ctx.ledger, tx);
  const ordered = [...items].sort((a, b) =>
    a.payload.conversionId < b.payload.conversionId
      ? -1
      : a.payload.conversionId > b.payload.conversionId
        ? 1
        : 0,
  );
  for (const item of ordered)
    await applyConversionChange(ctx, item.payload, { eventId: item.eventId, tx }, deferred);
  await deferred.flush();
}

export const conversionHandlers = (ctx: RewardsContext) => [
  defineHandler({
    name: 'rewards.apply-conversion-change',
    event: ConversionChanged,
    // One worker: batches lock the same hot pool account, so a second one mostly waits, and under a
    // postback storm the cores go to taking in conversions first (bench:postbacks: 1,202 processed/s
    // with one worker, 847/s with two; rewards catch up after the storm either way).
    concurrency: 1,
    // Many revisions per transaction: one commit and one write of the hot ledger accounts for all.
    batchSize: 200,
    handle: (payload, context) => applyConversionChange(ctx, payload, context),
    handleBatch: (items, { tx }) => applyConversionChanges(ctx, items, tx),
  }),
];
