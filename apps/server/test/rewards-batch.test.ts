import { describe, expect, it } from 'vitest';
import { handleEventsOnceOrAlone, newId, type EventHandler } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import {
  balances,
  conversion,
  DAY_MS,
  deliver,
  ledgerBalance,
  member,
  partner,
  publishChange,
  type Change,
} from './rewards-helpers.ts';

// Revisions delivered many at once (the job runner's batches, ADR 0012): one transaction, one
// linked ledger batch for the rewards that read no balance, the same outcome as one by one.
const ctx = useTestApp();

const rewardsHandler = (): EventHandler => {
  const handler = ctx()
    .app.sauda.modules.list.flatMap((module) => module.handlers ?? [])
    .find((h) => h.name === 'rewards.apply-conversion-change');
  if (!handler) throw new Error('the rewards handler is not registered');
  return handler;
};

async function rewardsOf(userId: string) {
  const { rows } = await ctx().database.pool.query<{
    conversion_id: string;
    status: string;
    held_net: string;
    posted_net: string;
  }>(
    `SELECT conversion_id, status, held_net, posted_net FROM rewards.rewards WHERE user_id = $1 ORDER BY conversion_id`,
    [userId],
  );
  return rows;
}

describe('rewards delivered in batches', () => {
  it('gives many conversions delivered at once exactly one reward each, whatever the mix of revisions', async () => {
    const partnerId = (await partner(ctx(), { holdDays: 14 })).id;
    const user = await member(ctx(), 'influencer');
    const base = { userId: user.userId, partnerId, product: 'cpa' as const, occurredAt: ctx().clock.now() };
    const fresh = Array.from({ length: 30 }, () => conversion(base));
    const clearingBefore = (await ledgerBalance(ctx(), 'platform:cpa', 'clearing', 'KZT')).posted;
    const changes: Change[] = fresh.map((revision) => revision(1, 'pending', '1000000'));
    // In the same batch: a commission change of one of them (its own gathered batch is written first),
    // a revision older than it (stale), and an approval past the hold period (it reads the wallet).
    const changed = fresh[0];
    const old = conversion({ ...base, occurredAt: new Date(ctx().clock.now().getTime() - 20 * DAY_MS) });
    if (!changed) throw new Error('no conversions');
    changes.push(
      changed(3, 'pending', '500000'),
      changed(2, 'pending', '2000000'),
      old(1, 'approved', '1000000'),
    );
    for (const change of changes) await publishChange(ctx(), change);
    await deliver(ctx());

    const rewards = await rewardsOf(user.userId);
    expect(rewards).toHaveLength(31);
    const byConversion = new Map(rewards.map((reward) => [reward.conversion_id, reward]));
    expect(byConversion.get(changed(1, 'pending', '0').conversionId)).toMatchObject({ held_net: '360000' });
    expect(byConversion.get(old(1, 'approved', '0').conversionId)).toMatchObject({
      status: 'available',
      posted_net: '720000',
    });
    expect(rewards.filter((reward) => reward.status === 'pending')).toHaveLength(30);
    // 29 × 720 000 + 360 000 held, 720 000 available: the ledger agrees with the rewards.
    expect((await balances(ctx(), user)).commissions).toEqual([
      { asset: 'KZT', pending: String(29 * 720_000 + 360_000), available: '720000', debt: '0' },
    ]);
    const clearing = (await ledgerBalance(ctx(), 'platform:cpa', 'clearing', 'KZT')).posted;
    expect(clearing - clearingBefore).toBe(BigInt(29 * 1_000_000 + 500_000));

    // Replayed all at once, even past the handled-once marks: each (conversion, revision) is applied once.
    await ctx().database.pool.query('UPDATE platform.outbox SET dispatched_at = NULL');
    await ctx().database.pool.query(
      `DELETE FROM platform.handled_events WHERE handler = 'rewards.apply-conversion-change'`,
    );
    await deliver(ctx());
    expect(await rewardsOf(user.userId)).toEqual(rewards);
    expect((await ledgerBalance(ctx(), 'platform:cpa', 'clearing', 'KZT')).posted).toBe(clearing);
  });

  it('fails a poison event alone and applies its neighbours', async () => {
    const partnerId = (await partner(ctx(), { holdDays: 14 })).id;
    const user = await member(ctx(), 'influencer');
    const base = { userId: user.userId, partnerId, product: 'cpa' as const, occurredAt: ctx().clock.now() };
    const good = [conversion(base)(1, 'pending', '1000000'), conversion(base)(1, 'pending', '1000000')];
    const poison = conversion(base)(1, 'pending', '1000000', { occurredAt: 'not a date' });
    const items = [good[0], poison, good[1]].map((payload) => ({ eventId: newId('evt'), payload }));
    const { failed } = await handleEventsOnceOrAlone(ctx().database.db, rewardsHandler(), items);
    expect([...failed.keys()]).toEqual([items[1]?.eventId]);
    expect((await rewardsOf(user.userId)).map((reward) => reward.conversion_id).sort()).toEqual(
      good.map((change) => change.conversionId).sort(),
    );
    expect((await balances(ctx(), user)).commissions).toEqual([
      { asset: 'KZT', pending: '1440000', available: '0', debt: '0' },
    ]);
    // The poison event is not marked handled, so its retry runs it again.
    const { rows } = await ctx().database.pool.query(
      `SELECT count(*)::int AS n FROM platform.handled_events WHERE event_id = $1`,
      [items[1]?.eventId],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });
});
