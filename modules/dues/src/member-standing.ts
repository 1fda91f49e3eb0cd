import { periodOf, type Executor, type Period } from '@sauda/platform';
import type { MemberRow } from './dues.tables.ts';
import { loadFeeSchedule, type FeeSchedule } from './fee-schedule.ts';
import { confirmedPeriodsOf } from './members.repository.ts';
import { arrearsOf, membershipStatus, type MembershipStatus } from './membership-status.ts';

/** Where a member stands now: status, arrears, and what the computation was based on. */
export interface Standing {
  readonly status: MembershipStatus;
  readonly arrears: Period[];
  readonly confirmedPeriods: ReadonlySet<string>;
  readonly schedule: FeeSchedule;
  readonly currentPeriod: Period;
}

export function standingFrom(
  row: MemberRow,
  confirmed: ReadonlySet<string>,
  schedule: FeeSchedule,
  now: Date,
): Standing {
  const input = {
    now,
    staffStatus: row.staffStatus,
    joinedPeriod: row.joinedPeriod,
    confirmedPeriods: confirmed,
    deadlineDay: schedule.deadlineDay,
  };
  return {
    status: membershipStatus(input),
    arrears: arrearsOf(input),
    confirmedPeriods: confirmed,
    schedule,
    currentPeriod: periodOf(now),
  };
}

export async function standingOf(executor: Executor, row: MemberRow, now: Date): Promise<Standing> {
  const [confirmed, schedule] = await Promise.all([
    confirmedPeriodsOf(executor, [row.id]),
    loadFeeSchedule(executor),
  ]);
  return standingFrom(row, confirmed.get(row.id) ?? new Set(), schedule, now);
}
