import { and, gte, lte, sql } from 'drizzle-orm';
import type { LedgerApi } from '@sauda/ledger';
import { AppError, isPeriod, periodsBetween, type Encryptor, type Executor } from '@sauda/platform';
import { DuesErrors } from './dues.errors.ts';
import { payments } from './dues.tables.ts';
import { TREASURY_CODE, TREASURY_OWNER } from './ledger-accounts.ts';
import { matchMembers } from './list-members.ts';

type Amount = { readonly amount: string; readonly asset: string };

export interface CollectedReport {
  readonly months: readonly {
    readonly period: string;
    readonly payments: number;
    readonly collected: readonly Amount[];
    readonly refunded: number;
  }[];
  /** What the treasury holds now, per currency, according to the ledger. */
  readonly treasury: readonly Amount[];
}

/** Confirmed dues per month paid for (refunded payments are counted apart and not collected). */
export async function collectedReport(
  executor: Executor,
  ledger: LedgerApi,
  range: { from: string; to: string },
): Promise<CollectedReport> {
  if (!isPeriod(range.from) || !isPeriod(range.to) || range.from > range.to)
    throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  const rows = await executor
    .select({
      period: payments.period,
      status: payments.status,
      currency: payments.currency,
      count: sql<number>`count(*)`.mapWith(Number),
      total: sql<string>`sum(${payments.amount})::text`,
    })
    .from(payments)
    .where(
      and(
        gte(payments.period, range.from),
        lte(payments.period, range.to),
        sql`${payments.status} IN ('confirmed', 'refunded')`,
      ),
    )
    .groupBy(payments.period, payments.status, payments.currency);
  const treasury = (await ledger.listAccounts(TREASURY_OWNER)).filter(
    (account) => account.code === TREASURY_CODE,
  );
  return {
    months: periodsBetween(range.from, range.to).map((period) => {
      const confirmed = rows.filter((row) => row.period === period && row.status === 'confirmed');
      return {
        period,
        payments: confirmed.reduce((sum, row) => sum + row.count, 0),
        collected: confirmed.map((row) => ({ amount: row.total, asset: row.currency })),
        refunded: rows
          .filter((row) => row.period === period && row.status === 'refunded')
          .reduce((sum, row) => sum + row.count, 0),
      };
    }),
    treasury: treasury.map((account) => ({
      amount: (account.creditsPosted - account.debitsPosted).toString(),
      asset: account.asset,
    })),
  };
}

export interface ArrearsLine {
  readonly memberId: string;
  readonly number: number;
  readonly fullName: string;
  readonly phone: string;
  readonly status: string;
  readonly periods: readonly string[];
  readonly owed: readonly Amount[];
}

/** Every member who owes something, most periods first. */
export async function arrearsReport(
  executor: Executor,
  encryptor: Encryptor,
  now: Date,
): Promise<ArrearsLine[]> {
  const matched = await matchMembers(executor, encryptor, now, {});
  const lines = matched
    .filter(({ standing, row }) => standing.arrears.length > 0 && row.staffStatus === 'none')
    .map(({ member, standing }) => {
      const owed = new Map<string, bigint>();
      for (const period of standing.arrears) {
        const fee = standing.schedule.forPeriod(period);
        owed.set(fee.currency, (owed.get(fee.currency) ?? 0n) + fee.amount);
      }
      return {
        memberId: member.id,
        number: member.number,
        fullName: member.fullName,
        phone: member.phone,
        status: member.status,
        periods: standing.arrears,
        owed: [...owed].map(([asset, amount]) => ({ amount: amount.toString(), asset })),
      };
    });
  return lines.sort((a, b) => b.periods.length - a.periods.length || a.number - b.number);
}
