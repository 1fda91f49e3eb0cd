import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  almatyDate,
  almatyDayBounds,
  isPeriod,
  ManualClock,
  parsePeriod,
  periodBounds,
  periodOf,
  periodsBetween,
} from './clock.ts';

describe('Almaty business time', () => {
  it('puts late-evening UTC instants into the next Almaty day and month', () => {
    // 2026-01-31T20:00Z is 01:00 on 1 February in Almaty (UTC+5).
    const instant = new Date('2026-01-31T20:00:00Z');
    expect(almatyDate(instant)).toBe('2026-02-01');
    expect(periodOf(instant)).toBe('2026-02');
  });

  it('bounds periods and days at Almaty midnight', () => {
    expect(periodBounds('2026-03')).toEqual({
      start: new Date('2026-02-28T19:00:00Z'),
      end: new Date('2026-03-31T19:00:00Z'),
    });
    expect(almatyDayBounds(new Date('2026-06-10T12:00:00Z'))).toEqual({
      start: new Date('2026-06-09T19:00:00Z'),
      end: new Date('2026-06-10T19:00:00Z'),
    });
  });

  it('follows the tz database history (Almaty was UTC+6 before March 2024)', () => {
    expect(periodBounds('2023-05').start).toEqual(new Date('2023-04-30T18:00:00Z'));
  });

  it('does period arithmetic across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(periodsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-02', '2026-01')).toEqual([]);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-07')).toBe(true);
    expect(() => parsePeriod('26-07')).toThrow(RangeError);
  });

  it('computes whole years of age on the Almaty date', () => {
    expect(ageOn('2008-11-22', new Date('2026-11-21T18:59:00Z'))).toBe(17);
    expect(ageOn('2008-11-22', new Date('2026-11-21T19:00:00Z'))).toBe(18);
  });

  it('lets tests move time by hand', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });
});
