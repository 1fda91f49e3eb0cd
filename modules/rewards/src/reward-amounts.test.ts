import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchItem } from '@sauda/ledger';
import { planLedger, ZERO, type LedgerPosition, type LedgerTarget, type TargetMode } from './ledger-plan.ts';
import { cpaSplit, loyaltyReward, parseDecimal, userPartOfCommission, valueAt } from './reward-amounts.ts';

describe('reward arithmetic', () => {
  it('splits a CPA commission into fee, tax and net that always add up to the gross', () => {
    expect(cpaSplit(1_000_000n, 2000, 1000)).toEqual({
      gross: 1_000_000n,
      fee: 200_000n,
      tax: 80_000n,
      net: 720_000n,
    });
    expect(cpaSplit(1n, 2000, 1000)).toEqual({ gross: 1n, fee: 0n, tax: 0n, net: 1n });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (gross, fee, tax) => {
          const split = cpaSplit(gross, fee, tax);
          expect(split.fee + split.tax + split.net).toBe(gross);
          expect(split.fee >= 0n && split.tax >= 0n && split.net >= 0n).toBe(true);
        },
      ),
    );
  });

  it('rounds a loyalty reward down to the minor unit, never above the exact value', () => {
    // 1 000.00 ₸ × 0.7 at 500 ₸ per USDT = 1.4 USDT.
    expect(
      loyaltyReward({
        commission: 100_000n,
        currencyDecimals: 2,
        userShare: '0.7',
        price: '500',
        assetDecimals: 6,
      }),
    ).toBe(1_400_000n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (commission, shareBasis, priceCents) => {
          const userShare = (shareBasis / 10_000).toFixed(4);
          const price = (priceCents / 100).toFixed(2);
          const reward = loyaltyReward({
            commission,
            currencyDecimals: 2,
            userShare,
            price,
            assetDecimals: 6,
          });
          // reward ≤ exact < reward + 1, in integers: reward × price × 100 ≤ commission × share × 10^6 …
          const exact = commission * BigInt(shareBasis) * 10n ** 6n * 100n;
          const scale = 10_000n * BigInt(priceCents) * 100n;
          expect(reward * scale <= exact).toBe(true);
          expect((reward + 1n) * scale > exact).toBe(true);
        },
      ),
    );
  });

  it('reads decimals exactly and refuses what is not one', () => {
    expect(parseDecimal('505.12')).toEqual({ numerator: 50512n, denominator: 100n });
    for (const bad of ['', '1e3', '-1', '1.', '.5', '01', '1.1234567890123', 'abc'])
      expect(parseDecimal(bad)).toBeUndefined();
    expect(userPartOfCommission(100_001n, '0.5')).toBe(50_000n);
    expect(valueAt(1_400_000n, 6, '500', 2)).toBe(70_000n);
  });
});

/** A tiny ledger: posted and pending per account, holds by id, and the no-overdraft accounts. */
function simulate(
  items: readonly BatchItem[],
  state: Map<string, { posted: bigint; pendingIn: bigint; pendingOut: bigint }>,
  holds: Map<string, { from: string; to: string; amount: bigint }>,
) {
  const account = (id: string) => {
    const found = state.get(id) ?? { posted: 0n, pendingIn: 0n, pendingOut: 0n };
    state.set(id, found);
    return found;
  };
  for (const item of items) {
    if (item.type === 'transfer') {
      account(item.debitAccountId).posted -= BigInt(item.amount);
      account(item.creditAccountId).posted += BigInt(item.amount);
    } else if (item.type === 'pending') {
      account(item.debitAccountId).pendingOut += BigInt(item.amount);
      account(item.creditAccountId).pendingIn += BigInt(item.amount);
      holds.set(item.id, {
        from: item.debitAccountId,
        to: item.creditAccountId,
        amount: BigInt(item.amount),
      });
    } else if (item.type === 'post' || item.type === 'void') {
      const hold = holds.get(item.pendingId);
      if (!hold) throw new Error(`no hold ${item.pendingId}`);
      holds.delete(item.pendingId);
      account(hold.from).pendingOut -= hold.amount;
      account(hold.to).pendingIn -= hold.amount;
      if (item.type === 'post') {
        const amount = item.amount === undefined ? hold.amount : BigInt(item.amount);
        expect(amount <= hold.amount).toBe(true);
        account(hold.from).posted -= amount;
        account(hold.to).posted += amount;
      }
    }
  }
}

describe('ledger plan', () => {
  const accounts = {
    source: 'clearing',
    wallet: 'wallet',
    debt: 'debt',
    receivable: 'receivable',
    fees: 'fees',
    tax: 'tax',
  };
  const target = fc.record({
    mode: fc.constantFrom<TargetMode>('none', 'held', 'posted'),
    gross: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  });

  it('reaches any sequence of CPA targets, keeping clearing whole and every hold accounted for', () => {
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 8 }), (targets) => {
        const state = new Map<string, { posted: bigint; pendingIn: bigint; pendingOut: bigint }>();
        const holds = new Map<string, { from: string; to: string; amount: bigint }>();
        let position: LedgerPosition = { held: ZERO, posted: ZERO, grossBooked: 0n, holdSeq: null };
        let available = false;
        targets.forEach((step, index) => {
          // Once available, a reward never goes back to held (the reconciler asks for posted or none).
          const mode: TargetMode = available && step.mode === 'held' ? 'posted' : step.mode;
          const split = cpaSplit(step.gross, 2000, 1000);
          const wanted: LedgerTarget = {
            mode,
            legs: mode === 'none' ? ZERO : split,
            gross: mode === 'none' ? 0n : split.gross,
          };
          const wallet = state.get('wallet');
          const plan = planLedger({
            rewardId: 'rwd_test',
            seq: index + 1,
            product: 'cpa',
            position,
            target: wanted,
            accounts,
            walletAvailable: wallet ? wallet.posted - wallet.pendingOut : 0n,
            metadata: {},
          });
          simulate(plan.items, state, holds);
          position = plan.position;
          if (mode === 'posted') available = true;
          const clearing = state.get('clearing') ?? { posted: 0n, pendingIn: 0n, pendingOut: 0n };
          // Clearing holds exactly the gross that is still on its way, and never less than it promised.
          expect(clearing.posted - clearing.pendingOut).toBe(0n);
          expect(clearing.posted).toBe(mode === 'held' ? wanted.gross : 0n);
          const legs = { net: split.net, fee: split.fee, tax: split.tax };
          const held = mode === 'held' ? legs : ZERO;
          const posted = mode === 'posted' ? legs : ZERO;
          expect(position.held).toEqual(held);
          expect(position.posted).toEqual(posted);
          const walletNow = state.get('wallet') ?? { posted: 0n, pendingIn: 0n, pendingOut: 0n };
          const debt = state.get('debt')?.posted ?? 0n;
          expect(walletNow.posted + debt).toBe(posted.net);
          expect(walletNow.pendingIn).toBe(held.net);
          expect(state.get('receivable')?.posted ?? 0n).toBe(-(mode === 'none' ? 0n : wanted.gross));
          expect(holds.size).toBe(
            mode === 'held' ? [held.fee, held.tax, held.net].filter((leg) => leg > 0n).length : 0,
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});
