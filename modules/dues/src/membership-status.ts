import {
  addMonths,
  almatyDate,
  almatyWallTimeToInstant,
  parsePeriod,
  periodOf,
  periodsBetween,
  type Period,
} from '@sauda/platform';
import type { StaffStatus } from './dues.tables.ts';

export const MEMBERSHIP_STATUSES = ['active', 'overdue', 'pending', 'suspended', 'blocked'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export interface StatusInput {
  readonly now: Date;
  readonly staffStatus: StaffStatus;
  readonly joinedPeriod: string;
  /** Periods with a confirmed payment. */
  readonly confirmedPeriods: ReadonlySet<string>;
  /** The deadline day of a period (from the fee schedule in force for it). */
  readonly deadlineDay: (period: string) => number;
}

/** The first instant after the deadline of a period: midnight in Almaty after its deadline day. */
export function deadlinePassedAt(period: string, deadlineDay: number): Date {
  const { year, month } = parsePeriod(period);
  return almatyWallTimeToInstant(year, month, deadlineDay + 1);
}

/** `YYYY-MM-DD` of the last day to pay a period. */
export function deadlineDate(period: string, deadlineDay: number): string {
  return `${period}-${String(deadlineDay).padStart(2, '0')}`;
}

/**
 * The rule of the product, in Asia/Almaty: staff decisions first; then active with a confirmed
 * payment for the current month, or, up to the deadline day, for the previous one; pending before
 * the first confirmed payment ever; overdue otherwise.
 */
export function membershipStatus(input: StatusInput): MembershipStatus {
  if (input.staffStatus !== 'none') return input.staffStatus;
  const current = periodOf(input.now);
  if (input.confirmedPeriods.has(current)) return 'active';
  if (input.confirmedPeriods.size === 0) return 'pending';
  const today = almatyDate(input.now);
  const beforeDeadline = today <= deadlineDate(current, input.deadlineDay(current));
  if (beforeDeadline && input.confirmedPeriods.has(addMonths(current, -1))) return 'active';
  return 'overdue';
}

/**
 * Every unpaid period since the member joined whose deadline has passed (the current month counts
 * once its deadline day is over).
 */
export function arrearsOf(input: StatusInput): Period[] {
  const current = periodOf(input.now);
  if (input.joinedPeriod > current) return [];
  return periodsBetween(input.joinedPeriod, current).filter(
    (period) =>
      !input.confirmedPeriods.has(period) && input.now >= deadlinePassedAt(period, input.deadlineDay(period)),
  );
}
