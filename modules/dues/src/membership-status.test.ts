import { describe, expect, it } from 'vitest';
import { arrearsOf, deadlinePassedAt, membershipStatus, type StatusInput } from './membership-status.ts';

const at = (iso: string) => new Date(iso);
const base = (overrides: Partial<StatusInput>): StatusInput => ({
  now: at('2026-03-05T06:00:00Z'),
  staffStatus: 'none',
  joinedPeriod: '2026-01',
  confirmedPeriods: new Set(),
  deadlineDay: () => 10,
  ...overrides,
});

describe('membership status (Asia/Almaty)', () => {
  it('is pending before the first confirmed payment, whatever the date', () => {
    expect(membershipStatus(base({ now: at('2026-03-25T06:00:00Z') }))).toBe('pending');
  });

  it('is active with the current month confirmed', () => {
    expect(membershipStatus(base({ confirmedPeriods: new Set(['2026-03']) }))).toBe('active');
  });

  it('is active up to the deadline day with the previous month confirmed, overdue after it', () => {
    const paidFebruary = new Set(['2026-02']);
    // 10 March 23:59 in Almaty (UTC+5) is still before the deadline.
    expect(membershipStatus(base({ confirmedPeriods: paidFebruary, now: at('2026-03-10T18:59:00Z') }))).toBe(
      'active',
    );
    // 11 March 00:00 in Almaty.
    expect(membershipStatus(base({ confirmedPeriods: paidFebruary, now: at('2026-03-10T19:00:00Z') }))).toBe(
      'overdue',
    );
  });

  it('is overdue before the deadline when the previous month is unpaid', () => {
    expect(membershipStatus(base({ confirmedPeriods: new Set(['2026-01']) }))).toBe('overdue');
  });

  it('lets staff decisions win', () => {
    const paid = new Set(['2026-03']);
    expect(membershipStatus(base({ confirmedPeriods: paid, staffStatus: 'suspended' }))).toBe('suspended');
    expect(membershipStatus(base({ confirmedPeriods: paid, staffStatus: 'blocked' }))).toBe('blocked');
  });

  it('uses the deadline day in force for the current period', () => {
    const input = base({
      confirmedPeriods: new Set(['2026-02']),
      now: at('2026-03-12T06:00:00Z'),
      deadlineDay: (period) => (period >= '2026-03' ? 15 : 10),
    });
    expect(membershipStatus(input)).toBe('active');
  });
});

describe('arrears', () => {
  it('lists every unpaid month since joining whose deadline has passed', () => {
    const input = base({
      joinedPeriod: '2025-11',
      confirmedPeriods: new Set(['2025-12']),
      now: at('2026-03-05T06:00:00Z'),
    });
    expect(arrearsOf(input)).toEqual(['2025-11', '2026-01', '2026-02']);
    expect(arrearsOf({ ...input, now: at('2026-03-11T06:00:00Z') })).toEqual([
      '2025-11',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('is empty for a member who joins in the future', () => {
    expect(arrearsOf(base({ joinedPeriod: '2026-05' }))).toEqual([]);
  });

  it('computes the deadline in Almaty', () => {
    expect(deadlinePassedAt('2026-03', 10).toISOString()).toBe('2026-03-10T19:00:00.000Z');
  });
});
