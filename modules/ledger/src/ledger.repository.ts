import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import type { AccountState, TargetState, WrittenTransfer } from './evaluate-request.ts';
import type { Metadata } from './transfer-commands.ts';
import type { TransferKind, TransferRecord } from './transfer-hash.ts';

/** All SQL of the write path: a batch costs one claim lookup, one lock, one insert statement. */

const param = (values: readonly unknown[]): SQL => sql`${sql.param(values)}`;

/** The public shape of a transfer. */
export interface Transfer {
  readonly id: string;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly pendingId: string | null;
  /** For post, void and expiry: the amount the hold had reserved. */
  readonly pendingAmount: bigint | null;
  readonly timeoutAt: Date | null;
  readonly reversesId: string | null;
  readonly code: string;
  readonly metadata: Metadata;
  readonly batchId: string | null;
  readonly createdAt: Date;
}

export function publicTransfer(record: TransferRecord): Transfer {
  return {
    id: record.id,
    kind: record.kind,
    debitAccountId: record.debitAccountId,
    creditAccountId: record.creditAccountId,
    asset: record.asset,
    amount: record.amount,
    pendingId: record.pendingId,
    pendingAmount: record.pendingAmount,
    timeoutAt: record.timeoutAt,
    reversesId: record.reversesId,
    code: record.code,
    metadata: record.metadata,
    batchId: record.batchId,
    createdAt: record.createdAt,
  };
}

export interface StoredTransfer extends TransferRecord {
  readonly seq: bigint;
  readonly hash: string;
  readonly txid: bigint;
}

type Raw = Record<string, unknown>;

const text = (value: unknown): string => value as string;
const nullableText = (value: unknown): string | null => (value === null ? null : (value as string));
const big = (value: unknown): bigint => BigInt(value as string);
const nullableBig = (value: unknown): bigint | null => (value === null ? null : BigInt(value as string));
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const nullableDate = (value: unknown): Date | null => (value === null ? null : date(value));

export const TRANSFER_COLUMNS = sql.raw(
  `seq, id, batch_id, kind, debit_account_id, credit_account_id, asset, amount, pending_id, pending_amount,
   timeout_at, reverses_id, code, metadata, created_at, debit_prev_id, credit_prev_id, debit_balance,
   credit_balance, hash, txid`,
);

export function storedTransfer(row: Raw): StoredTransfer {
  return {
    seq: big(row.seq),
    id: text(row.id),
    batchId: nullableText(row.batch_id),
    kind: row.kind as TransferKind,
    debitAccountId: text(row.debit_account_id),
    creditAccountId: text(row.credit_account_id),
    asset: text(row.asset),
    amount: big(row.amount),
    pendingId: nullableText(row.pending_id),
    pendingAmount: nullableBig(row.pending_amount),
    timeoutAt: nullableDate(row.timeout_at),
    reversesId: nullableText(row.reverses_id),
    code: text(row.code),
    metadata: row.metadata as Metadata,
    createdAt: date(row.created_at),
    debitPrevId: nullableText(row.debit_prev_id),
    creditPrevId: nullableText(row.credit_prev_id),
    debitBalance: big(row.debit_balance),
    creditBalance: big(row.credit_balance),
    hash: text(row.hash),
    txid: big(row.txid),
  };
}

export interface Claim {
  readonly id: string;
  readonly requestHash: string;
  readonly request: Record<string, unknown>;
  readonly outcome: 'applied' | 'rejected';
  readonly errorCode: string | null;
  readonly errorParams: Record<string, unknown> | null;
}

export interface BatchState {
  readonly accounts: Map<string, AccountState>;
  readonly targets: Map<string, TargetState>;
  readonly claims: Map<string, Claim>;
}

/**
 * One round trip for everything a batch needs: it locks every account the batch touches, directly
 * or through the transfers it refers to, in id order (two batches always lock shared accounts in
 * the same order, so they never deadlock), and reads the ids' claims and the referenced transfers.
 * A locked row comes back in its newest committed version; a claim or a resolution committed while
 * we waited for a lock is caught later by the unique indexes (insertBatch counts the rows it wrote).
 */
export async function lockBatch(
  executor: Executor,
  accountIds: readonly string[],
  targetIds: readonly string[],
  ids: readonly string[],
): Promise<BatchState> {
  const targetsParam = param(targetIds);
  const viaTargets =
    targetIds.length === 0
      ? sql``
      : sql`OR id IN (SELECT debit_account_id FROM ledger.transfers WHERE id = ANY(${targetsParam}::text[])
                      UNION ALL
                      SELECT credit_account_id FROM ledger.transfers WHERE id = ANY(${targetsParam}::text[]))`;
  const targets =
    targetIds.length === 0
      ? sql``
      : sql`UNION ALL
            SELECT 'target', jsonb_build_object('id', t.id, 'kind', t.kind, 'debit_account_id', t.debit_account_id,
                     'credit_account_id', t.credit_account_id, 'asset', t.asset, 'amount', t.amount::text,
                     'code', t.code, 'timeout_at', t.timeout_at, 'reverses_id', t.reverses_id,
                     'resolution', (SELECT r.kind FROM ledger.transfers r WHERE r.pending_id = t.id),
                     'reversed_by', (SELECT v.id FROM ledger.transfers v WHERE v.reverses_id = t.id))
            FROM ledger.transfers t WHERE t.id = ANY(${targetsParam}::text[])`;
  const { rows } = await executor.execute<{ what: string; row: Raw }>(sql`
    WITH locked AS (
      SELECT id, asset, debits_must_not_exceed_credits, credits_must_not_exceed_debits, closed,
             debits_posted::text, credits_posted::text, debits_pending::text, credits_pending::text, head_transfer_id
      FROM ledger.accounts
      WHERE id = ANY(${param(accountIds)}::text[]) ${viaTargets}
      ORDER BY id FOR UPDATE
    )
    SELECT 'account' AS what, to_jsonb(locked) AS row FROM locked
    UNION ALL
    SELECT 'claim', jsonb_build_object('id', id, 'request_hash', request_hash, 'request', request,
             'outcome', outcome, 'error_code', error_code, 'error_params', error_params)
    FROM ledger.requests WHERE id = ANY(${param(ids)}::text[])
    ${targets}`);
  const state: BatchState = { accounts: new Map(), targets: new Map(), claims: new Map() };
  for (const { what, row } of rows) {
    if (what === 'account') state.accounts.set(text(row.id), accountState(row));
    else if (what === 'claim') state.claims.set(text(row.id), claim(row));
    else state.targets.set(text(row.id), targetState(row));
  }
  return state;
}

function claim(row: Raw): Claim {
  return {
    id: text(row.id),
    requestHash: text(row.request_hash),
    request: row.request as Record<string, unknown>,
    outcome: row.outcome as Claim['outcome'],
    errorCode: nullableText(row.error_code),
    errorParams: row.error_params as Record<string, unknown> | null,
  };
}

function targetState(row: Raw): TargetState {
  return {
    id: text(row.id),
    kind: row.kind as TransferKind,
    debitAccountId: text(row.debit_account_id),
    creditAccountId: text(row.credit_account_id),
    asset: text(row.asset),
    amount: big(row.amount),
    code: text(row.code),
    timeoutAt: nullableDate(row.timeout_at),
    reversesId: nullableText(row.reverses_id),
    resolution: row.resolution === null ? null : (row.resolution as TransferKind),
    reversedBy: nullableText(row.reversed_by),
  };
}

export function accountState(row: Raw): AccountState {
  return {
    id: text(row.id),
    asset: text(row.asset),
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits as boolean,
    creditsMustNotExceedDebits: row.credits_must_not_exceed_debits as boolean,
    closed: row.closed as boolean,
    debitsPosted: big(row.debits_posted),
    creditsPosted: big(row.credits_posted),
    debitsPending: big(row.debits_pending),
    creditsPending: big(row.credits_pending),
    head: nullableText(row.head_transfer_id),
  };
}

export interface NewClaim {
  readonly id: string;
  readonly requestHash: string;
  readonly request: Record<string, unknown>;
  readonly outcome: 'applied' | 'rejected';
  readonly errorCode: string | null;
  readonly errorParams: Readonly<Record<string, unknown>> | null;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/** Calls ledger.write_batch with the batch as two JSON arrays (keys are the column names). */
async function writeBatch(
  executor: Executor,
  transfers: readonly WrittenTransfer[],
  claims: readonly NewClaim[],
  createdAt: Date,
  skipConflicts: boolean,
): Promise<{ transfers: number; claims: number }> {
  const rows = transfers.map((t, position) => ({
    position,
    id: t.id,
    batch_id: t.batchId,
    kind: t.kind,
    debit_account_id: t.debitAccountId,
    credit_account_id: t.creditAccountId,
    asset: t.asset,
    amount: t.amount.toString(),
    pending_id: t.pendingId,
    pending_amount: t.pendingAmount?.toString() ?? null,
    timeout_at: iso(t.timeoutAt),
    reverses_id: t.reversesId,
    code: t.code,
    metadata: t.metadata,
    created_at: t.createdAt.toISOString(),
    debit_prev_id: t.debitPrevId,
    credit_prev_id: t.creditPrevId,
    debit_balance: t.debitBalance.toString(),
    credit_balance: t.creditBalance.toString(),
    hash: t.hash,
  }));
  const claimRows = claims.map((c) => ({
    id: c.id,
    request_hash: c.requestHash,
    request: c.request,
    outcome: c.outcome,
    error_code: c.errorCode,
    error_params: c.errorParams,
  }));
  const { rows: counts } = await executor.execute<{ written_transfers: number; written_claims: number }>(sql`
    SELECT written_transfers, written_claims
    FROM ledger.write_batch(${JSON.stringify(rows)}::json, ${JSON.stringify(claimRows)}::json,
                            ${iso(createdAt)}::timestamptz, ${skipConflicts})`);
  return { transfers: counts[0]?.written_transfers ?? 0, claims: counts[0]?.written_claims ?? 0 };
}

/**
 * Writes a batch's transfers and idempotency claims in one call; the transfers' statement trigger
 * then moves every touched account's totals once. Returns how many rows each insert really wrote:
 * fewer than asked means another transaction claimed an id (or resolved a hold) first.
 */
export function insertBatch(
  executor: Executor,
  transfers: readonly WrittenTransfer[],
  claims: readonly NewClaim[],
  createdAt: Date,
): Promise<{ transfers: number; claims: number }> {
  return writeBatch(executor, transfers, claims, createdAt, true);
}

/**
 * The optimistic write: one autocommitted call with no conflict handling. The transfers' trigger
 * locks the accounts and refuses (serialization_failure) if any moved since the batch was
 * evaluated; an id claimed meanwhile fails the unique index. Either way nothing is written.
 */
export async function insertAll(
  executor: Executor,
  transfers: readonly WrittenTransfer[],
  claims: readonly NewClaim[],
  createdAt: Date,
): Promise<void> {
  await writeBatch(executor, transfers, claims, createdAt, false);
}

/** Accounts as committed, without locks: the optimistic path checks them again when it writes. */
export async function readAccounts(executor: Executor, ids: readonly string[]): Promise<AccountState[]> {
  const { rows } = await executor.execute<Raw>(sql`
    SELECT id, asset, debits_must_not_exceed_credits, credits_must_not_exceed_debits, closed,
           debits_posted, credits_posted, debits_pending, credits_pending, head_transfer_id
    FROM ledger.accounts WHERE id = ANY(${param(ids)}::text[])`);
  return rows.map(accountState);
}

export async function findTransfers(executor: Executor, ids: readonly string[]): Promise<StoredTransfer[]> {
  const { rows } = await executor.execute<Raw>(
    sql`SELECT ${TRANSFER_COLUMNS} FROM ledger.transfers WHERE id = ANY(${param(ids)}::text[])`,
  );
  return rows.map(storedTransfer);
}
