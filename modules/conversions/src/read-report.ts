import { isIP } from 'node:net';
import { AppError, getAsset, type FieldError } from '@sauda/platform';
import { ConversionsErrors } from './conversions.errors.ts';
import type { InboxSource, ParameterMapping, ReportedState } from './conversions.tables.ts';
import type { NetworkSettings } from './network-directory.ts';
import { isReportCurrency, SPEC_MAPPING } from './network-settings.ts';

/** One network report, validated and in our terms. */
export interface Report {
  readonly actionId: string;
  readonly orderId: string | null;
  readonly clickId: string | null;
  readonly state: ReportedState;
  /** The network's own status word, kept for staff. */
  readonly networkStatus: string;
  /** Minor units of `currency`. */
  readonly commission: bigint;
  readonly orderAmount: bigint | null;
  readonly currency: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly occurredAt: Date;
  readonly statusUpdatedAt: Date | null;
}

/** A report as it arrived: what the inbox keeps. */
export interface RawReport {
  readonly source: InboxSource;
  readonly method: string;
  readonly query: string;
  readonly body: string;
  readonly contentType: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly remoteIp: string | null;
  readonly receivedAt: Date;
  /** Retailers who sent no commission: derived from the partner's terms at receipt. */
  readonly derivedCommission: bigint | null;
}

const MAX_INTEGER_DIGITS = 12;
const MAX_ID_LENGTH = 128;
const MAX_USER_AGENT = 512;
const PRINTABLE = /^[\x21-\x7e]+$/;
const EARLIEST = Date.UTC(2000, 0, 1);
const FUTURE_TOLERANCE_MS = 86_400_000;

const invalid = (errors: FieldError[]): AppError =>
  new AppError(ConversionsErrors.CONVERSIONS_INVALID_REPORT, { errors });

/**
 * The fields of a report: query parameters, overridden by a JSON object or form body. A parameter
 * given twice is refused rather than guessed.
 */
export function fieldsOf(raw: Pick<RawReport, 'query' | 'body' | 'contentType'>): Map<string, string> {
  const fields = new Map<string, string>();
  const repeated: string[] = [];
  const take = (source: Iterable<[string, string]>, seen: Set<string>): void => {
    for (const [name, value] of source) {
      if (seen.has(name)) repeated.push(name);
      seen.add(name);
      fields.set(name, value);
    }
  };
  take(new URLSearchParams(raw.query), new Set());
  const body = raw.body.trim();
  if (body !== '') take(bodyFields(body, raw.contentType), new Set());
  if (repeated.length > 0)
    throw invalid(repeated.map((name) => ({ path: name, message: 'given more than once' })));
  return fields;
}

function bodyFields(body: string, contentType: string | null): [string, string][] {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const json =
    type === 'application/json' || (type !== 'application/x-www-form-urlencoded' && body[0] === '{');
  if (!json) return [...new URLSearchParams(body)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError(ConversionsErrors.CONVERSIONS_MALFORMED_REPORT);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AppError(ConversionsErrors.CONVERSIONS_MALFORMED_REPORT);
  const fields: [string, string][] = [];
  const nested: FieldError[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (value === null) continue;
    if (typeof value === 'string') fields.push([name, value]);
    else if (typeof value === 'number' && Number.isFinite(value)) fields.push([name, String(value)]);
    else if (typeof value === 'boolean') fields.push([name, String(value)]);
    else nested.push({ path: name, message: 'a string or a number' });
  }
  if (nested.length > 0) throw invalid(nested);
  return fields;
}

/** Decimal major units ("1234.50") to minor units; undefined when it is not a sane amount. */
export function parseAmount(text: string, currency: string): bigint | undefined {
  const match = /^(\d{1,32})(?:\.(\d{1,32}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) return undefined;
  const { decimals } = getAsset(currency);
  const significant = fraction.replace(/0+$/, '');
  // Rounding a network's amount would make our books disagree with theirs: refuse instead.
  if (significant.length > decimals) return undefined;
  return BigInt(integer + significant.padEnd(decimals, '0'));
}

/** ISO 8601 (with or without offset; none means UTC), `YYYY-MM-DD HH:MM:SS`, or Unix seconds. */
export function parseInstant(text: string): Date | undefined {
  const value = text.trim();
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000);
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (!match) return undefined;
  const [, date = '', time = '00:00:00', zone = 'Z'] = match;
  // Date would roll 30 February over into March; a network that says so is wrong.
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return undefined;
  const offset =
    zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const instant = new Date(`${date}T${time}${offset}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

interface ReadOptions {
  /** Retailers: the status when none is sent; a pixel always reports `pending`. */
  readonly defaultStatus?: ReportedState;
}

/** A retailer's server may leave the status out (then: pending). */
export const readOptionsFor = (raw: Pick<RawReport, 'source'>): ReadOptions =>
  raw.source === 'api' ? { defaultStatus: 'pending' } : {};

/**
 * Validates a stored report against its network's mapping. Pure: the same row and settings always
 * give the same answer, at receipt and when the processor reads the row again.
 */
export function readReport(raw: RawReport, network: NetworkSettings, options: ReadOptions = {}): Report {
  const mapping: ParameterMapping = raw.source === 'poll' ? SPEC_MAPPING : network.mapping;
  const fields = fieldsOf(raw);
  const errors: FieldError[] = [];
  const text = (field: keyof ParameterMapping): string | undefined => {
    const value = fields.get(mapping[field])?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const identifier = (field: keyof ParameterMapping, required: boolean): string | null => {
    const value = text(field);
    if (value === undefined) {
      if (required) errors.push({ path: mapping[field], message: 'required' });
      return null;
    }
    if (value.length > MAX_ID_LENGTH || !PRINTABLE.test(value)) {
      errors.push({ path: mapping[field], message: `at most ${MAX_ID_LENGTH} printable characters` });
      return null;
    }
    return value;
  };

  const actionId = identifier('actionId', true);
  const orderId = identifier('orderId', false);
  const clickId = identifier('clickId', false);

  const currency = (text('currency') ?? network.defaultCurrency).toUpperCase();
  if (!isReportCurrency(currency))
    throw new AppError(ConversionsErrors.CONVERSIONS_UNKNOWN_CURRENCY, { params: { currency } });

  const networkStatus =
    raw.source === 'pixel'
      ? 'pending'
      : (text('status')?.toLowerCase() ?? options.defaultStatus ?? undefined);
  if (networkStatus === undefined) errors.push({ path: mapping.status, message: 'required' });
  const state = networkStatus === undefined ? undefined : network.statusMapping[networkStatus];
  if (networkStatus !== undefined && state === undefined)
    throw new AppError(ConversionsErrors.CONVERSIONS_UNKNOWN_STATUS, {
      params: { status: networkStatus.slice(0, 64) },
    });

  const amount = (field: 'commission' | 'orderAmount'): bigint | null => {
    const value = text(field);
    if (value === undefined) return null;
    const parsed = parseAmount(value, currency);
    if (parsed === undefined)
      throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_AMOUNT, { params: { field: mapping[field] } });
    return parsed;
  };
  const orderAmount = amount('orderAmount');
  const commission = amount('commission') ?? raw.derivedCommission;
  if (commission === null) {
    if (network.kind === 'direct') throw new AppError(ConversionsErrors.CONVERSIONS_COMMISSION_UNKNOWN);
    errors.push({ path: mapping.commission, message: 'required' });
  }
  if (commission !== null && orderAmount !== null && commission > orderAmount)
    throw new AppError(ConversionsErrors.CONVERSIONS_INVALID_AMOUNT, {
      params: { field: mapping.commission },
    });

  const instant = (field: 'occurredAt' | 'statusUpdatedAt'): Date | null => {
    const value = text(field);
    if (value === undefined) return null;
    const parsed = parseInstant(value);
    if (
      !parsed ||
      parsed.getTime() < EARLIEST ||
      parsed.getTime() > raw.receivedAt.getTime() + FUTURE_TOLERANCE_MS
    ) {
      errors.push({ path: mapping[field], message: 'an ISO 8601 time, not in the future' });
      return null;
    }
    return parsed;
  };
  const occurredAt = instant('occurredAt') ?? raw.receivedAt;
  const statusUpdatedAt = instant('statusUpdatedAt');

  const reportedIp = raw.source === 'pixel' ? raw.remoteIp : (text('ip') ?? null);
  if (reportedIp !== null && isIP(reportedIp) === 0 && raw.source !== 'pixel')
    errors.push({ path: mapping.ip, message: 'an IPv4 or IPv6 address' });
  const ip = reportedIp !== null && isIP(reportedIp) !== 0 ? reportedIp : null;
  const userAgent =
    (raw.source === 'pixel' ? raw.headers['user-agent'] : text('userAgent'))?.slice(0, MAX_USER_AGENT) ??
    null;

  if (errors.length > 0 || actionId === null || state === undefined || commission === null)
    throw invalid(errors);
  return {
    actionId,
    orderId,
    clickId,
    state,
    networkStatus: networkStatus ?? state,
    commission,
    orderAmount,
    currency,
    ip,
    userAgent,
    occurredAt,
    statusUpdatedAt,
  };
}
