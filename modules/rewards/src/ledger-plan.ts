import type { BatchItem, Metadata } from '@sauda/ledger';
import type { LegAccounts } from './reward-accounts.ts';
import type { RewardProduct } from './rewards.tables.ts';

/**
 * Plans the one linked batch that moves a reward's ledger position to its target. The position is
 * what the ledger holds for the reward (holds of the current generation, posted amounts, gross in
 * clearing); the target is what the latest conversion state says it should hold. Any position can
 * reach any target in one all-or-nothing batch, so redelivered, late or out-of-order revisions,
 * amount changes and reversals all come down to the same step.
 */

export type Leg = 'net' | 'fee' | 'tax';
export type LegAmounts = Readonly<Record<Leg, bigint>>;

export interface LedgerPosition {
  readonly held: LegAmounts;
  readonly posted: LegAmounts;
  /** cpa: gross moved from the network's receivable into clearing. */
  readonly grossBooked: bigint;
  /** The ledger sequence number the current holds were created with. */
  readonly holdSeq: number | null;
}

/** none: nothing in the ledger; held: pending transfers; posted: available to the user. */
export type TargetMode = 'none' | 'held' | 'posted';

export interface LedgerTarget {
  readonly mode: TargetMode;
  readonly legs: LegAmounts;
  /** cpa: the gross commission (= fee + tax + net); loyalty: unused. */
  readonly gross: bigint;
}

export interface PlanInput {
  readonly rewardId: string;
  /** A fresh sequence number: every transfer id of this batch carries it. */
  readonly seq: number;
  readonly product: RewardProduct;
  readonly position: LedgerPosition;
  readonly target: LedgerTarget;
  readonly accounts: LegAccounts;
  /** What the user's wallet could give back now (posted minus outgoing holds). */
  readonly walletAvailable: bigint;
  readonly metadata: Metadata;
}

export interface Plan {
  readonly items: BatchItem[];
  readonly position: LedgerPosition;
  /** Taken back from the user beyond what their wallet held: recorded as their debt. */
  readonly toDebt: bigint;
  /** What the wallet can still give once the batch is applied. */
  readonly walletAvailable: bigint;
}

export const ZERO: LegAmounts = { net: 0n, fee: 0n, tax: 0n };
const LEGS_OF: Record<RewardProduct, readonly Leg[]> = { loyalty: ['net'], cpa: ['fee', 'tax', 'net'] };

const CODES: Record<RewardProduct, Record<Leg | 'gross', { forward: string; back: string }>> = {
  loyalty: {
    net: { forward: 'reward', back: 'reward-reversal' },
    fee: { forward: 'fee', back: 'fee-reversal' },
    tax: { forward: 'tax', back: 'tax-reversal' },
    gross: { forward: 'commission', back: 'commission-reversal' },
  },
  cpa: {
    net: { forward: 'commission', back: 'commission-reversal' },
    fee: { forward: 'fee', back: 'fee-reversal' },
    tax: { forward: 'tax', back: 'tax-reversal' },
    gross: { forward: 'commission', back: 'commission-reversal' },
  },
};

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const sameLegs = (a: LegAmounts, b: LegAmounts): boolean =>
  a.net === b.net && a.fee === b.fee && a.tax === b.tax;

export const holdId = (rewardId: string, holdSeq: number, leg: Leg): string =>
  `${rewardId}:${String(holdSeq)}:hold-${leg}`;

export function planLedger(input: PlanInput): Plan {
  const { rewardId, seq, product, position, target, accounts, metadata } = input;
  const legs = LEGS_OF[product];
  const codes = CODES[product];
  const items: BatchItem[] = [];
  const held: Record<Leg, bigint> = { ...position.held };
  const posted: Record<Leg, bigint> = { ...position.posted };
  let grossBooked = position.grossBooked;
  let holdSeq = position.holdSeq;
  let walletAvailable = input.walletAvailable;
  let toDebt = 0n;
  const id = (what: string): string => `${rewardId}:${String(seq)}:${what}`;
  const legAccount = (leg: Leg): string => {
    const account = leg === 'net' ? accounts.wallet : leg === 'fee' ? accounts.fees : accounts.tax;
    if (!account) throw new Error(`reward ${rewardId} has no ${leg} account`);
    return account;
  };
  const receivable = (): string => {
    if (!accounts.receivable) throw new Error(`reward ${rewardId} has no receivable account`);
    return accounts.receivable;
  };

  const moveGross = (to: bigint, when: 'up' | 'down'): void => {
    if (product !== 'cpa') return;
    if (when === 'up' && to > grossBooked) {
      items.push({
        type: 'transfer',
        id: id('gross'),
        debitAccountId: receivable(),
        creditAccountId: accounts.source,
        amount: to - grossBooked,
        code: codes.gross.forward,
        metadata,
      });
      grossBooked = to;
    }
    if (when === 'down' && to < grossBooked) {
      items.push({
        type: 'transfer',
        id: id('gross-back'),
        debitAccountId: accounts.source,
        creditAccountId: receivable(),
        amount: grossBooked - to,
        code: codes.gross.back,
        metadata,
      });
      grossBooked = to;
    }
  };

  const voidHolds = (): void => {
    for (const leg of legs) {
      if (held[leg] === 0n || holdSeq === null) continue;
      items.push({
        type: 'void',
        id: id(`void-${leg}`),
        pendingId: holdId(rewardId, holdSeq, leg),
        metadata,
      });
      held[leg] = 0n;
    }
    holdSeq = null;
  };

  /** Gives back part of what was posted; from the wallet as far as it goes, the rest becomes debt. */
  const takeBack = (leg: Leg, amount: bigint): void => {
    if (amount <= 0n) return;
    const code = codes[leg].back;
    if (leg !== 'net') {
      items.push({
        type: 'transfer',
        id: id(`back-${leg}`),
        debitAccountId: legAccount(leg),
        creditAccountId: accounts.source,
        amount,
        code,
        metadata,
      });
    } else {
      const covered = min(amount, walletAvailable > 0n ? walletAvailable : 0n);
      if (covered > 0n) {
        items.push({
          type: 'transfer',
          id: id('back-net'),
          debitAccountId: accounts.wallet,
          creditAccountId: accounts.source,
          amount: covered,
          code,
          metadata,
        });
        walletAvailable -= covered;
      }
      if (amount > covered) {
        items.push({
          type: 'transfer',
          id: id('back-debt'),
          debitAccountId: accounts.debt,
          creditAccountId: accounts.source,
          amount: amount - covered,
          code,
          metadata,
        });
        toDebt += amount - covered;
      }
    }
    posted[leg] -= amount;
  };

  const give = (leg: Leg, amount: bigint): void => {
    if (amount <= 0n) return;
    items.push({
      type: 'transfer',
      id: id(`give-${leg}`),
      debitAccountId: accounts.source,
      creditAccountId: legAccount(leg),
      amount,
      code: codes[leg].forward,
      metadata,
    });
    posted[leg] += amount;
    if (leg === 'net') walletAvailable += amount;
  };

  switch (target.mode) {
    case 'none': {
      voidHolds();
      for (const leg of legs) takeBack(leg, posted[leg]);
      moveGross(0n, 'down');
      break;
    }
    case 'held': {
      if (sameLegs(held, target.legs) && (product !== 'cpa' || grossBooked === target.gross)) break;
      voidHolds();
      moveGross(target.gross, 'up');
      const generation = legs.filter((leg) => target.legs[leg] > 0n);
      for (const leg of generation) {
        items.push({
          type: 'pending',
          id: holdId(rewardId, seq, leg),
          debitAccountId: accounts.source,
          creditAccountId: legAccount(leg),
          amount: target.legs[leg],
          code: codes[leg].forward,
          metadata,
        });
        held[leg] = target.legs[leg];
      }
      holdSeq = generation.length > 0 ? seq : null;
      moveGross(target.gross, 'down');
      break;
    }
    case 'posted': {
      moveGross(target.gross, 'up');
      for (const leg of legs) {
        if (held[leg] === 0n || holdSeq === null) continue;
        const amount = min(target.legs[leg], held[leg]);
        const pendingId = holdId(rewardId, holdSeq, leg);
        if (amount > 0n) {
          items.push({ type: 'post', id: id(`post-${leg}`), pendingId, amount, metadata });
          posted[leg] += amount;
          if (leg === 'net') walletAvailable += amount;
        } else {
          items.push({ type: 'void', id: id(`void-${leg}`), pendingId, metadata });
        }
        held[leg] = 0n;
      }
      holdSeq = null;
      for (const leg of legs) give(leg, target.legs[leg] - posted[leg]);
      for (const leg of legs) takeBack(leg, posted[leg] - target.legs[leg]);
      moveGross(target.gross, 'down');
      break;
    }
  }
  return {
    items,
    position: { held: { ...held }, posted: { ...posted }, grossBooked, holdSeq },
    toDebt,
    walletAvailable,
  };
}
