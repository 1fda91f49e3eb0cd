import { sql } from 'drizzle-orm';
import { AppError, type Executor } from '@sauda/platform';
import { LedgerErrors } from './ledger.errors.ts';
import { getAccount } from './manage-accounts.ts';

/**
 * An account's totals and the three numbers people ask for, in credits-minus-debits terms (a
 * wallet's point of view): posted is settled, pending is held either way, and available is what can
 * still be spent, because pending debits count against it while pending credits do not count yet.
 */
export interface Balance {
  readonly accountId: string;
  readonly asset: string;
  /** Null for the current balance; otherwise the instant it was computed for. */
  readonly asOf: Date | null;
  readonly debitsPosted: bigint;
  readonly creditsPosted: bigint;
  readonly debitsPending: bigint;
  readonly creditsPending: bigint;
  readonly posted: bigint;
  readonly pending: bigint;
  readonly available: bigint;
}

export function balanceOf(
  accountId: string,
  asset: string,
  asOf: Date | null,
  totals: { debitsPosted: bigint; creditsPosted: bigint; debitsPending: bigint; creditsPending: bigint },
): Balance {
  return {
    accountId,
    asset,
    asOf,
    ...totals,
    posted: totals.creditsPosted - totals.debitsPosted,
    pending: totals.creditsPending - totals.debitsPending,
    available: totals.creditsPosted - totals.debitsPosted - totals.debitsPending,
  };
}

/**
 * The balance now (from the account's totals), or as of any past instant, recomputed from the
 * transfers created up to and including that instant (holds placed by then and not yet resolved
 * by then count as pending).
 */
export async function getBalance(executor: Executor, accountId: string, asOf?: Date): Promise<Balance> {
  const account = await getAccount(executor, accountId);
  if (asOf === undefined) return balanceOf(account.id, account.asset, null, account);
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) {
    throw new AppError(LedgerErrors.LEDGER_FILTER_INVALID, {
      params: { reason: 'asOf is not a valid instant' },
    });
  }
  const { rows } = await executor.execute<Record<string, string>>(sql`
    WITH effects AS (
      SELECT debit_account_id, credit_account_id,
             CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END AS posted,
             CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END AS pending
      FROM ledger.transfers
      WHERE (debit_account_id = ${account.id} OR credit_account_id = ${account.id})
        AND created_at <= ${asOf.toISOString()}::timestamptz
    )
    SELECT coalesce(sum(posted) FILTER (WHERE debit_account_id = ${account.id}), 0) AS debits_posted,
           coalesce(sum(posted) FILTER (WHERE credit_account_id = ${account.id}), 0) AS credits_posted,
           coalesce(sum(pending) FILTER (WHERE debit_account_id = ${account.id}), 0) AS debits_pending,
           coalesce(sum(pending) FILTER (WHERE credit_account_id = ${account.id}), 0) AS credits_pending
    FROM effects`);
  const row = rows[0] ?? {};
  return balanceOf(account.id, account.asset, asOf, {
    debitsPosted: BigInt(row.debits_posted ?? '0'),
    creditsPosted: BigInt(row.credits_posted ?? '0'),
    debitsPending: BigInt(row.debits_pending ?? '0'),
    creditsPending: BigInt(row.credits_pending ?? '0'),
  });
}
