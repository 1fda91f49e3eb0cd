import { isPeriod, AppError, type Executor, type Encryptor } from '@sauda/platform';
import { DuesErrors } from './dues.errors.ts';
import type { MemberRow } from './dues.tables.ts';
import { loadFeeSchedule } from './fee-schedule.ts';
import { standingFrom, type Standing } from './member-standing.ts';
import { toMember, type Member } from './member-views.ts';
import { confirmedPeriodsOf, listMemberRows, paymentsInPeriod } from './members.repository.ts';
import type { MembershipStatus } from './membership-status.ts';

export interface MemberQuery {
  readonly status?: MembershipStatus | undefined;
  /** Members without a confirmed payment for this period. */
  readonly unpaidPeriod?: string | undefined;
  readonly city?: string | undefined;
  /** Part of the name (any case) or of the phone number (digits). */
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface MemberListItem extends Member {
  readonly arrearsCount: number;
}

export interface MemberPage {
  readonly items: readonly MemberListItem[];
  readonly total: number;
}

interface Matched {
  readonly row: MemberRow;
  readonly member: Member;
  readonly standing: Standing;
}

/**
 * Names and phones are stored encrypted, so the list is filtered after decryption, in memory. A
 * community of a few thousand members is read in milliseconds; see ADR 0008 for the limit.
 */
export async function matchMembers(
  executor: Executor,
  encryptor: Encryptor,
  now: Date,
  query: Omit<MemberQuery, 'limit' | 'offset'>,
): Promise<Matched[]> {
  if (query.unpaidPeriod !== undefined && !isPeriod(query.unpaidPeriod))
    throw new AppError(DuesErrors.DUES_INVALID_PERIOD);
  const [rows, confirmed, schedule] = await Promise.all([
    listMemberRows(executor, { city: query.city }),
    confirmedPeriodsOf(executor),
    loadFeeSchedule(executor),
  ]);
  const needle = query.search?.normalize('NFC').trim().toLocaleLowerCase('ru') ?? '';
  const digits = needle.replace(/\D/g, '');
  const matched: Matched[] = [];
  for (const row of rows) {
    const periods = confirmed.get(row.id) ?? new Set<string>();
    if (query.unpaidPeriod && periods.has(query.unpaidPeriod)) continue;
    const standing = standingFrom(row, periods, schedule, now);
    if (query.status && standing.status !== query.status) continue;
    const member = toMember(encryptor, row, standing.status);
    if (needle) {
      const byName = member.fullName.toLocaleLowerCase('ru').includes(needle);
      const byPhone = digits.length >= 3 && member.phone.replace(/\D/g, '').includes(digits);
      if (!byName && !byPhone) continue;
    }
    matched.push({ row, member, standing });
  }
  return matched;
}

export async function listMembers(
  executor: Executor,
  encryptor: Encryptor,
  now: Date,
  query: MemberQuery,
): Promise<MemberPage> {
  const matched = await matchMembers(executor, encryptor, now, query);
  return {
    total: matched.length,
    items: matched
      .slice(query.offset, query.offset + query.limit)
      .map(({ member, standing }) => ({ ...member, arrearsCount: standing.arrears.length })),
  };
}

/** Per member, the state of one period: confirmed (with its time), pending, or unpaid. */
export async function periodStates(
  executor: Executor,
  period: string,
): Promise<Map<string, { state: 'confirmed' | 'pending' | 'unpaid'; confirmedAt: Date | null }>> {
  const byMember = await paymentsInPeriod(executor, period);
  const result = new Map<string, { state: 'confirmed' | 'pending' | 'unpaid'; confirmedAt: Date | null }>();
  for (const [memberId, list] of byMember) {
    const confirmed = list.find((payment) => payment.status === 'confirmed');
    if (confirmed) result.set(memberId, { state: 'confirmed', confirmedAt: confirmed.confirmedAt });
    else if (list.some((payment) => payment.status === 'pending'))
      result.set(memberId, { state: 'pending', confirmedAt: null });
  }
  return result;
}
