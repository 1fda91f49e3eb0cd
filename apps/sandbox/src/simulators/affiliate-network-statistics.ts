import { timingSafeEqual } from 'node:crypto';

export const STATISTICS_MAX_LIMIT = 500;
export const STATISTICS_DEFAULT_LIMIT = 100;
/** Longest window one request may ask for; pollers ask for minutes or hours. */
export const STATISTICS_MAX_WINDOW_DAYS = 93;

export interface StatisticsQuery {
  readonly start: Date;
  readonly end: Date;
  readonly offset: number;
  readonly limit: number;
}

/** ISO 8601 with a date, a time and an explicit offset, as Admitad-style pollers send. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function instant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_INSTANT.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.parse rolls 30 February over into March; a poller that sends it has a bug worth a 400.
  if (
    calendar.getUTCFullYear() !== Number(year) ||
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59 ||
    Number(offsetHours) > 14 ||
    Number(offsetMinutes) > 59
  )
    return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function integer(value: unknown, fallback: number, min: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= min && parsed <= max ? parsed : undefined;
}

/** The query of `GET /api/statistics/actions`, or the reason it is refused (a 400). */
export function parseStatisticsQuery(query: unknown): StatisticsQuery | string {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const start = instant(params.status_updated_start);
  const end = instant(params.status_updated_end);
  if (!start)
    return 'status_updated_start must be an ISO 8601 instant with an offset, e.g. 2026-01-15T06:00:00Z';
  if (!end) return 'status_updated_end must be an ISO 8601 instant with an offset, e.g. 2026-01-15T07:00:00Z';
  if (start.getTime() > end.getTime()) return 'status_updated_start must not be after status_updated_end';
  if (end.getTime() - start.getTime() > STATISTICS_MAX_WINDOW_DAYS * 86_400_000)
    return `the window must not be longer than ${STATISTICS_MAX_WINDOW_DAYS} days`;
  const limit = integer(params.limit, STATISTICS_DEFAULT_LIMIT, 1, STATISTICS_MAX_LIMIT);
  if (limit === undefined) return `limit must be an integer from 1 to ${STATISTICS_MAX_LIMIT}`;
  const offset = integer(params.offset, 0, 0, 100_000_000);
  if (offset === undefined) return 'offset must be a non-negative integer';
  return { start, end, offset, limit };
}

/** `Authorization: Bearer <secret>`, compared in constant time. */
export function bearerMatches(header: unknown, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
