/**
 * Time is injected so tests can move it; business dates (periods, day boundaries, deadlines)
 * are computed in Asia/Almaty, whatever the server's own time zone.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date | string = '2026-01-15T06:00:00Z') {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(instant: Date | string): void {
    this.#now = new Date(instant);
  }
  advance(milliseconds: number): void {
    this.#now = new Date(this.#now.getTime() + milliseconds);
  }
}

export const BUSINESS_TIME_ZONE = 'Asia/Almaty';

/** A month of dues or reporting, always written `YYYY-MM`. */
export type Period = `${number}-${number}`;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function localParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(
    partsFormatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of Almaty from UTC at that instant, in milliseconds (history-aware via the tz database). */
function offsetAt(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant at which the given Almaty wall-clock time occurs. */
export function almatyWallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(new Date(guess));
  return new Date(guess - offsetAt(new Date(first)));
}

/** `YYYY-MM-DD` of the Almaty calendar day containing the instant. */
export function almatyDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function periodOf(instant: Date): Period {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}` as Period;
}

export function parsePeriod(period: string): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`"${period}" is not a YYYY-MM period`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function addMonths(period: string, months: number): Period {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}` as Period;
}

/** [start, end) of a period in UTC instants, bounded by Almaty midnights. */
export function periodBounds(period: string): { start: Date; end: Date } {
  const { year, month } = parsePeriod(period);
  const next = parsePeriod(addMonths(period, 1));
  return {
    start: almatyWallTimeToInstant(year, month, 1),
    end: almatyWallTimeToInstant(next.year, next.month, 1),
  };
}

/** [start, end) of the Almaty day containing the instant. */
export function almatyDayBounds(instant: Date): { start: Date; end: Date } {
  const p = localParts(instant);
  const start = almatyWallTimeToInstant(p.year, p.month, p.day);
  const nextDay = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return {
    start,
    end: almatyWallTimeToInstant(nextDay.getUTCFullYear(), nextDay.getUTCMonth() + 1, nextDay.getUTCDate()),
  };
}

/** Every period from `from` to `to`, both included (arrears, reports). */
export function periodsBetween(from: string, to: string): Period[] {
  const result: Period[] = [];
  for (let period = addMonths(from, 0); period <= to; period = addMonths(period, 1)) result.push(period);
  return result;
}

/** Whole years between a birth date (YYYY-MM-DD) and the Almaty date of `instant`. */
export function ageOn(birthDate: string, instant: Date): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const p = localParts(instant);
  return p.year - by - (p.month < bm || (p.month === bm && p.day < bd) ? 1 : 0);
}
