import { sql, type SQL } from 'drizzle-orm';
import { AppError, type Executor } from '@sauda/platform';
import { LedgerErrors } from './ledger.errors.ts';
import { getAccount } from './manage-accounts.ts';
import { checkCode, checkMetadata, type Metadata } from './transfer-commands.ts';
import type { TransferKind } from './transfer-hash.ts';

export interface StatementFilter {
  /** Only transfers with one of these codes. */
  readonly codes?: readonly string[] | undefined;
  /** Created at or after this instant. */
  readonly from?: Date | undefined;
  /** Created before this instant. */
  readonly to?: Date | undefined;
  /** Only transfers whose metadata contains all of these fields, e.g. `{ partner: 'ozon' }`. */
  readonly metadata?: Metadata | undefined;
  readonly limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/** One line of a statement, seen from the account: changes are in credits-minus-debits terms. */
export interface StatementEntry {
  readonly transferId: string;
  readonly kind: TransferKind;
  readonly code: string;
  readonly side: 'debit' | 'credit';
  readonly counterpartyAccountId: string;
  readonly amount: bigint;
  readonly postedChange: bigint;
  readonly pendingChange: bigint;
  /** Posted balance right after this transfer (running balance, whatever the filters). */
  readonly balanceAfter: bigint;
  readonly pendingId: string | null;
  readonly reversesId: string | null;
  readonly metadata: Metadata;
  readonly createdAt: Date;
}

export interface StatementPage {
  readonly accountId: string;
  readonly asset: string;
  readonly entries: readonly StatementEntry[];
  readonly nextCursor: string | null;
}

const MAX_LIMIT = 500;

function encodeCursor(accountId: string, seq: string): string {
  return Buffer.from(`${accountId}|${seq}`).toString('base64url');
}

function decodeCursor(accountId: string, cursor: string): string {
  const [owner, seq] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (owner !== accountId || seq === undefined || !/^\d{1,19}$/.test(seq)) {
    throw new AppError(LedgerErrors.LEDGER_CURSOR_INVALID);
  }
  return seq;
}

const invalid = (reason: string): AppError =>
  new AppError(LedgerErrors.LEDGER_FILTER_INVALID, { params: { reason } });

function isInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * Newest first, keyset-paginated by seq. An account's transfers are written under its row lock, so
 * their seq order is their commit order: a page boundary never skips a late commit. The running
 * balance is stored on each transfer when written, so filters do not change it.
 */
export async function getStatement(
  executor: Executor,
  accountId: string,
  filter: StatementFilter = {},
): Promise<StatementPage> {
  const account = await getAccount(executor, accountId);
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalid(`limit must be 1 to ${MAX_LIMIT}`);
  const conditions: SQL[] = [];
  if (filter.codes !== undefined) {
    if (!Array.isArray(filter.codes) || filter.codes.length === 0) throw invalid('codes must not be empty');
    conditions.push(sql`code = ANY(${sql.param(filter.codes.map(checkCode))}::text[])`);
  }
  if (filter.from !== undefined) {
    if (!isInstant(filter.from)) throw invalid('from is not a valid instant');
    conditions.push(sql`created_at >= ${filter.from.toISOString()}::timestamptz`);
  }
  if (filter.to !== undefined) {
    if (!isInstant(filter.to)) throw invalid('to is not a valid instant');
    conditions.push(sql`created_at < ${filter.to.toISOString()}::timestamptz`);
  }
  if (filter.metadata !== undefined) {
    conditions.push(sql`metadata @> ${JSON.stringify(checkMetadata(filter.metadata))}::jsonb`);
  }
  if (filter.cursor !== undefined) {
    conditions.push(sql`seq < ${decodeCursor(account.id, filter.cursor)}::bigint`);
  }
  const where = conditions.length === 0 ? sql`` : sql`AND ${sql.join(conditions, sql` AND `)}`;
  const side = (name: 'debit' | 'credit', other: 'debit' | 'credit'): SQL => sql`
    (SELECT seq, id, kind, code, ${name}::text AS side, ${sql.raw(`${other}_account_id`)} AS counterparty, amount,
            pending_amount, pending_id, reverses_id, metadata, created_at, ${sql.raw(`${name}_balance`)} AS balance
     FROM ledger.transfers
     WHERE ${sql.raw(`${name}_account_id`)} = ${account.id} ${where}
     ORDER BY seq DESC LIMIT ${limit + 1})`;
  const { rows } = await executor.execute(sql`
    SELECT * FROM (${side('debit', 'credit')} UNION ALL ${side('credit', 'debit')}) AS legs
    ORDER BY seq DESC LIMIT ${limit + 1}`);
  const entries = rows.slice(0, limit).map(toEntry);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    accountId: account.id,
    asset: account.asset,
    entries,
    nextCursor: last ? encodeCursor(account.id, String(last.seq)) : null,
  };
}

function toEntry(row: Record<string, unknown>): StatementEntry {
  const kind = row.kind as TransferKind;
  const side = row.side as 'debit' | 'credit';
  const amount = BigInt(row.amount as string);
  const pendingAmount = row.pending_amount === null ? 0n : BigInt(row.pending_amount as string);
  const sign = side === 'credit' ? 1n : -1n;
  const posted = kind === 'posted' || kind === 'post_pending' ? amount : 0n;
  const pending = kind === 'pending' ? amount : kind === 'posted' ? 0n : -pendingAmount;
  return {
    transferId: row.id as string,
    kind,
    code: row.code as string,
    side,
    counterpartyAccountId: row.counterparty as string,
    amount,
    postedChange: sign * posted,
    pendingChange: sign * pending,
    balanceAfter: BigInt(row.balance as string),
    pendingId: row.pending_id as string | null,
    reversesId: row.reverses_id as string | null,
    metadata: row.metadata as Metadata,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at as string),
  };
}
