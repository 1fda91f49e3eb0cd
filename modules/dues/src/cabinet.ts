import { periodsBetween, type Executor } from '@sauda/platform';
import type { MemberRow, PaymentRow, Requisites } from './dues.tables.ts';
import type { FeeSchedule } from './fee-schedule.ts';
import { toMember, type Member } from './member-views.ts';
import { standingOf } from './member-standing.ts';
import { deadlineDate } from './membership-status.ts';
import { paymentsOfMember, providerAttemptsOf } from './payments.repository.ts';
import { toPayment, type Payment } from './payment-views.ts';
import { loadSettings } from './settings.ts';
import { payableWindow } from './start-payment.ts';
import type { DuesContext } from './dues.context.ts';

type Amount = { readonly amount: string; readonly asset: string };
const amountOf = (schedule: FeeSchedule, period: string): Amount => {
  const fee = schedule.forPeriod(period);
  return { amount: fee.amount.toString(), asset: fee.currency };
};

/** The member's dashboard: status, this month, what can be paid and how, what is owed. */
export interface Cabinet {
  readonly member: Member;
  readonly currentPeriod: string;
  readonly deadline: string;
  readonly fee: Amount;
  readonly currentPeriodPaid: boolean;
  readonly payablePeriods: { readonly period: string; readonly amount: Amount }[];
  readonly arrears: { readonly period: string; readonly amount: Amount }[];
  readonly methods: { readonly kaspiQr: boolean; readonly transfer: boolean };
  readonly requisites: Requisites | null;
}

export async function cabinetOf(ctx: DuesContext, row: MemberRow): Promise<Cabinet> {
  const now = ctx.clock.now();
  const [standing, settings] = await Promise.all([standingOf(ctx.db, row, now), loadSettings(ctx.db)]);
  const { schedule, currentPeriod } = standing;
  const window = payableWindow(row, now, settings);
  return {
    member: toMember(ctx.encryptor, row, standing.status),
    currentPeriod,
    deadline: deadlineDate(currentPeriod, schedule.deadlineDay(currentPeriod)),
    fee: amountOf(schedule, currentPeriod),
    currentPeriodPaid: standing.confirmedPeriods.has(currentPeriod),
    payablePeriods: periodsBetween(window.from, window.to)
      .filter((period) => !standing.confirmedPeriods.has(period))
      .map((period) => ({ period, amount: amountOf(schedule, period) })),
    arrears: standing.arrears.map((period) => ({ period, amount: amountOf(schedule, period) })),
    methods: { kaspiQr: ctx.provider !== undefined, transfer: settings.requisites !== null },
    requisites: settings.requisites,
  };
}

export type MonthState = 'paid' | 'pending' | 'unpaid' | 'upcoming';

/** Payment history by month, from joining (or the first payment) to the last month paid ahead. */
export interface PaymentHistory {
  readonly months: {
    readonly period: string;
    readonly state: MonthState;
    readonly amount: Amount;
    readonly paymentId: string | null;
    readonly confirmedAt: string | null;
  }[];
  readonly payments: Payment[];
}

export async function historyOf(executor: Executor, row: MemberRow, now: Date): Promise<PaymentHistory> {
  const [standing, rows] = await Promise.all([
    standingOf(executor, row, now),
    paymentsOfMember(executor, row.id),
  ]);
  const attempts = await providerAttemptsOf(
    executor,
    rows.map((payment) => payment.id),
  );
  const { currentPeriod, schedule } = standing;
  const periods = rows.map((payment) => payment.period);
  const first = [row.joinedPeriod, ...periods].sort()[0] ?? currentPeriod;
  const last = [currentPeriod, ...periods].sort().at(-1) ?? currentPeriod;
  const byPeriod = new Map<string, PaymentRow[]>();
  for (const payment of rows)
    byPeriod.set(payment.period, [...(byPeriod.get(payment.period) ?? []), payment]);
  const months = periodsBetween(first > last ? last : first, last)
    .reverse()
    .map((period) => {
      const list = byPeriod.get(period) ?? [];
      const confirmed = list.find((payment) => payment.status === 'confirmed');
      const pending = list.find((payment) => payment.status === 'pending');
      const shown = confirmed ?? pending;
      const state: MonthState = confirmed
        ? 'paid'
        : pending
          ? 'pending'
          : period > currentPeriod || (period === currentPeriod && !standing.arrears.includes(period))
            ? 'upcoming'
            : period < row.joinedPeriod
              ? 'upcoming'
              : 'unpaid';
      return {
        period,
        state,
        amount: shown ? { amount: shown.amount, asset: shown.currency } : amountOf(schedule, period),
        paymentId: shown?.id ?? null,
        confirmedAt: confirmed?.confirmedAt?.toISOString() ?? null,
      };
    });
  return {
    months,
    payments: rows.map((payment) => toPayment(payment, attempts.get(payment.id)?.[0])),
  };
}
