import { MAX_TOTAL } from './amounts.ts';
import { LedgerErrors, type LedgerErrorCode } from './ledger.errors.ts';
import type { Command, LedgerRequest } from './transfer-commands.ts';
import { transferHash, type TransferKind, type TransferRecord } from './transfer-hash.ts';

/** An account as locked for this batch; the totals move as the batch's transfers are evaluated. */
export interface AccountState {
  readonly id: string;
  readonly asset: string;
  readonly debitsMustNotExceedCredits: boolean;
  readonly creditsMustNotExceedDebits: boolean;
  readonly closed: boolean;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  head: string | null;
}

/** A transfer that a post, void, expiry or reversal refers to. */
export interface TargetState {
  readonly id: string;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly code: string;
  readonly timeoutAt: Date | null;
  readonly reversesId: string | null;
  resolution: TransferKind | null;
  reversedBy: string | null;
}

export interface LedgerState {
  readonly accounts: Map<string, AccountState>;
  readonly targets: Map<string, TargetState>;
}

export interface WrittenTransfer extends TransferRecord {
  readonly hash: string;
}

export type Verdict =
  | { readonly ok: true; readonly transfers: readonly WrittenTransfer[] }
  | {
      readonly ok: false;
      readonly failedId: string;
      readonly code: LedgerErrorCode;
      readonly params: Readonly<Record<string, unknown>>;
    };

/** A business refusal found while evaluating; it becomes the request's outcome, never escapes. */
class Rejection extends Error {
  readonly code: LedgerErrorCode;
  readonly params: Readonly<Record<string, unknown>>;
  constructor(code: LedgerErrorCode, params: Readonly<Record<string, unknown>>) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

const RESOLUTION_NAMES: Partial<Record<TransferKind, string>> = {
  post_pending: 'posted',
  void_pending: 'voided',
  expire_pending: 'expired',
};

/**
 * Copy-on-write view of the batch state for one request: a linked batch that fails leaves no trace
 * on the accounts the next request in the same database transaction sees.
 */
class Workspace {
  readonly #base: LedgerState;
  readonly #accounts = new Map<string, AccountState>();
  readonly #targets = new Map<string, TargetState>();

  constructor(base: LedgerState) {
    this.#base = base;
  }

  account(id: string): AccountState {
    let account = this.#accounts.get(id);
    if (!account) {
      const base = this.#base.accounts.get(id);
      if (!base) throw new Rejection(LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND, { accountId: id });
      account = { ...base };
      this.#accounts.set(id, account);
    }
    return account;
  }

  target(id: string): TargetState | undefined {
    let target = this.#targets.get(id);
    if (!target) {
      const base = this.#base.targets.get(id);
      if (!base) return undefined;
      target = { ...base };
      this.#targets.set(id, target);
    }
    return target;
  }

  addTarget(target: TargetState): void {
    this.#targets.set(target.id, target);
  }

  commit(): void {
    for (const [id, account] of this.#accounts) this.#base.accounts.set(id, account);
    for (const [id, target] of this.#targets) this.#base.targets.set(id, target);
  }
}

interface Movement {
  readonly kind: TransferKind;
  readonly debit: AccountState;
  readonly credit: AccountState;
  readonly amount: bigint;
  readonly pendingAmount: bigint | null;
  readonly pendingId: string | null;
  readonly reversesId: string | null;
  readonly code: string;
  readonly timeoutAt: Date | null;
}

/**
 * Decides one request against the locked state, all or nothing, and returns the rows to write with
 * their running balances, account links and hashes. Pure: the same state and request give the same
 * verdict, which is what lets a batch be evaluated in memory and written in one statement.
 */
export function evaluateRequest(state: LedgerState, request: LedgerRequest, now: Date): Verdict {
  const workspace = new Workspace(state);
  const transfers: WrittenTransfer[] = [];
  for (const command of request.commands) {
    try {
      const written = write(workspace, command, movementFor(workspace, command, now), now);
      transfers.push(written);
    } catch (error) {
      if (error instanceof Rejection) {
        return {
          ok: false,
          failedId: command.id,
          code: error.code,
          params: { ...error.params, transferId: command.id },
        };
      }
      throw error;
    }
  }
  workspace.commit();
  return { ok: true, transfers };
}

function movementFor(workspace: Workspace, command: Command, now: Date): Movement {
  switch (command.type) {
    case 'transfer':
    case 'pending': {
      const debit = workspace.account(command.debitAccountId ?? '');
      const credit = workspace.account(command.creditAccountId ?? '');
      const timeoutAt =
        command.type === 'pending' && command.timeoutSeconds !== null
          ? new Date(now.getTime() + command.timeoutSeconds * 1000)
          : null;
      return movement(command.type === 'pending' ? 'pending' : 'posted', debit, credit, {
        amount: command.amount ?? 0n,
        code: command.code ?? '',
        timeoutAt,
      });
    }
    case 'post':
    case 'void':
    case 'expire': {
      const pendingId = command.targetId ?? '';
      const pending = workspace.target(pendingId);
      if (!pending) throw new Rejection(LedgerErrors.LEDGER_PENDING_NOT_FOUND, { pendingId });
      if (pending.kind !== 'pending') throw new Rejection(LedgerErrors.LEDGER_NOT_PENDING, { pendingId });
      if (pending.resolution) {
        throw new Rejection(LedgerErrors.LEDGER_PENDING_ALREADY_RESOLVED, {
          pendingId,
          resolution: RESOLUTION_NAMES[pending.resolution],
        });
      }
      const expired = pending.timeoutAt !== null && pending.timeoutAt.getTime() <= now.getTime();
      if (command.type === 'post' && expired) {
        throw new Rejection(LedgerErrors.LEDGER_PENDING_EXPIRED, { pendingId });
      }
      if (command.type === 'expire' && !expired) {
        throw new Rejection(LedgerErrors.LEDGER_PENDING_NOT_EXPIRED, { pendingId });
      }
      const posted = command.type === 'post' ? (command.amount ?? pending.amount) : 0n;
      if (posted > pending.amount) {
        throw new Rejection(LedgerErrors.LEDGER_POST_EXCEEDS_PENDING, {
          amount: posted.toString(),
          pendingAmount: pending.amount.toString(),
        });
      }
      const kind =
        command.type === 'post'
          ? 'post_pending'
          : command.type === 'void'
            ? 'void_pending'
            : 'expire_pending';
      pending.resolution = kind;
      return {
        kind,
        debit: workspace.account(pending.debitAccountId),
        credit: workspace.account(pending.creditAccountId),
        amount: posted,
        pendingAmount: pending.amount,
        pendingId,
        reversesId: null,
        // A resolution keeps the hold's code, so a statement filtered by code shows the whole story.
        code: pending.code,
        timeoutAt: null,
      };
    }
    case 'reverse': {
      const transferId = command.targetId ?? '';
      const original = workspace.target(transferId);
      if (!original) throw new Rejection(LedgerErrors.LEDGER_TRANSFER_NOT_FOUND, { transferId });
      if ((original.kind !== 'posted' && original.kind !== 'post_pending') || original.reversesId !== null) {
        throw new Rejection(LedgerErrors.LEDGER_NOT_REVERSIBLE, { transferId });
      }
      if (original.reversedBy) throw new Rejection(LedgerErrors.LEDGER_ALREADY_REVERSED, { transferId });
      original.reversedBy = command.id;
      const debit = workspace.account(original.creditAccountId);
      const credit = workspace.account(original.debitAccountId);
      return {
        ...movement('posted', debit, credit, { amount: original.amount, code: 'reversal', timeoutAt: null }),
        reversesId: transferId,
      };
    }
  }
}

function movement(
  kind: 'posted' | 'pending',
  debit: AccountState,
  credit: AccountState,
  fields: { amount: bigint; code: string; timeoutAt: Date | null },
): Movement {
  if (debit.asset !== credit.asset) {
    throw new Rejection(LedgerErrors.LEDGER_ASSET_MISMATCH, {
      debitAsset: debit.asset,
      creditAsset: credit.asset,
    });
  }
  return {
    kind,
    debit,
    credit,
    amount: fields.amount,
    pendingAmount: null,
    pendingId: null,
    reversesId: null,
    code: fields.code,
    timeoutAt: fields.timeoutAt,
  };
}

function write(workspace: Workspace, command: Command, move: Movement, now: Date): WrittenTransfer {
  const { debit, credit, kind, amount } = move;
  const releasesHold = kind === 'void_pending' || kind === 'expire_pending';
  // Releasing a hold is always allowed; anything that moves value needs both accounts open.
  if (!releasesHold) {
    for (const account of [debit, credit]) {
      if (account.closed) throw new Rejection(LedgerErrors.LEDGER_ACCOUNT_CLOSED, { accountId: account.id });
    }
  }
  const postedDelta = kind === 'posted' || kind === 'post_pending' ? amount : 0n;
  const pendingDelta = kind === 'pending' ? amount : kind === 'posted' ? 0n : -(move.pendingAmount ?? 0n);
  const available = debit.creditsPosted - debit.debitsPosted - debit.debitsPending;

  const next = {
    debitsPosted: debit.debitsPosted + postedDelta,
    debitsPending: debit.debitsPending + pendingDelta,
    creditsPosted: credit.creditsPosted + postedDelta,
    creditsPending: credit.creditsPending + pendingDelta,
  };
  if (next.debitsPosted + next.debitsPending > MAX_TOTAL) {
    throw new Rejection(LedgerErrors.LEDGER_OVERFLOW, { accountId: debit.id });
  }
  if (next.creditsPosted + next.creditsPending > MAX_TOTAL) {
    throw new Rejection(LedgerErrors.LEDGER_OVERFLOW, { accountId: credit.id });
  }
  if (debit.debitsMustNotExceedCredits && next.debitsPosted + next.debitsPending > debit.creditsPosted) {
    throw new Rejection(LedgerErrors.LEDGER_INSUFFICIENT_FUNDS, {
      accountId: debit.id,
      available: (available < 0n ? 0n : available).toString(),
      amount: amount.toString(),
    });
  }
  if (credit.creditsMustNotExceedDebits && next.creditsPosted + next.creditsPending > credit.debitsPosted) {
    throw new Rejection(LedgerErrors.LEDGER_CREDITS_EXCEED_DEBITS, { accountId: credit.id });
  }

  debit.debitsPosted = next.debitsPosted;
  debit.debitsPending = next.debitsPending;
  credit.creditsPosted = next.creditsPosted;
  credit.creditsPending = next.creditsPending;
  const record: TransferRecord = {
    id: command.id,
    batchId: command.batchId,
    kind,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    asset: debit.asset,
    amount,
    pendingId: move.pendingId,
    pendingAmount: move.pendingAmount,
    timeoutAt: move.timeoutAt,
    reversesId: move.reversesId,
    code: move.code,
    metadata: command.metadata,
    createdAt: now,
    debitPrevId: debit.head,
    creditPrevId: credit.head,
    debitBalance: debit.creditsPosted - debit.debitsPosted,
    creditBalance: credit.creditsPosted - credit.debitsPosted,
  };
  debit.head = record.id;
  credit.head = record.id;
  workspace.addTarget({
    id: record.id,
    kind,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    asset: record.asset,
    amount,
    code: record.code,
    timeoutAt: record.timeoutAt,
    reversesId: record.reversesId,
    resolution: null,
    reversedBy: null,
  });
  return { ...record, hash: transferHash(record) };
}
