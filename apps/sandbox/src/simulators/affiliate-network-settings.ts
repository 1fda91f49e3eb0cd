/** How the simulated network retries a postback the platform did not accept (non-2xx or unreachable). */
export interface PostbackRetryPolicy {
  /** Wait before the second attempt. */
  readonly initialDelayMs: number;
  /** Each further wait is the previous one times this. */
  readonly multiplier: number;
  readonly maxDelayMs: number;
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
}

/**
 * Misbehaviour on purpose, so the platform's idempotency and polling are exercised. Rates are
 * probabilities from 0 to 1 per postback (per request for the statistics API); all 0 by default.
 */
export interface AffiliateNetworkChaos {
  /** Send the same postback (same body) a second time. */
  readonly duplicateRate: number;
  /** The duplicate follows the original after this long. */
  readonly duplicateDelayMs: number;
  /** Hold a postback back by `outOfOrderDelayMs`, so the order's next status overtakes it. */
  readonly outOfOrderRate: number;
  readonly outOfOrderDelayMs: number;
  /** Never send a postback at all; only polling the statistics API recovers it. */
  readonly dropRate: number;
  /** Answer the statistics API with 503. */
  readonly statisticsErrorRate: number;
}

/** What the control page and `configure` may change while the simulator runs. */
export interface AffiliateNetworkSettings {
  /** Commission as a percent of the order sum, up to two decimals (5 = 5 %). */
  readonly commissionPercent: number;
  /** Wait between the purchase and its pending postback. */
  readonly pendingDelayMs: number;
  /** Automatic approval this long after the purchase; null: only the control page approves. */
  readonly approveAfterMs: number | null;
  /** Automatic decline, for the share `declineRate` of orders, this long after the purchase. */
  readonly declineAfterMs: number | null;
  readonly declineRate: number;
  readonly retry: PostbackRetryPolicy;
  readonly chaos: AffiliateNetworkChaos;
}

/** A partial change; nested policies may be given in part. */
export type AffiliateNetworkSettingsPatch = Partial<
  Omit<AffiliateNetworkSettings, 'retry' | 'chaos'> & {
    retry: Partial<PostbackRetryPolicy>;
    chaos: Partial<AffiliateNetworkChaos>;
  }
>;

export const DEFAULT_AFFILIATE_NETWORK_SETTINGS: AffiliateNetworkSettings = {
  commissionPercent: 5,
  pendingDelayMs: 0,
  approveAfterMs: 120_000,
  declineAfterMs: 120_000,
  declineRate: 0,
  retry: { initialDelayMs: 5_000, multiplier: 2, maxDelayMs: 600_000, maxAttempts: 8 },
  chaos: {
    duplicateRate: 0,
    duplicateDelayMs: 1_000,
    outOfOrderRate: 0,
    outOfOrderDelayMs: 30_000,
    dropRate: 0,
    statisticsErrorRate: 0,
  },
};

/** Chaos the demo turns on: harmless to a correct platform, visible in its logs and inbox. */
export const AFFILIATE_NETWORK_DEMO_CHAOS: Partial<AffiliateNetworkChaos> = {
  duplicateRate: 0.1,
  outOfOrderRate: 0.1,
};

const DAY_MS = 86_400_000;

export class AffiliateNetworkSettingsError extends Error {
  override readonly name = 'AffiliateNetworkSettingsError';
}

const check = (valid: boolean, message: string): void => {
  if (!valid) throw new AffiliateNetworkSettingsError(message);
};
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isRate = (value: unknown): boolean => isNumber(value) && value >= 0 && value <= 1;
const isDelay = (value: unknown): boolean =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 30 * DAY_MS;

const pick = <T extends object>(source: unknown, keys: readonly (keyof T)[]): Partial<T> => {
  if (!source || typeof source !== 'object') return {};
  const record = source as Record<string, unknown>;
  return Object.fromEntries(
    keys.filter((key) => key in record).map((key) => [key, record[key as string]]),
  ) as Partial<T>;
};

/**
 * The settings with `patch` applied, or an error naming the first invalid field; nothing is
 * half-applied and unknown fields are ignored (the patch may come straight from a JSON body).
 */
export function applySettings(current: AffiliateNetworkSettings, patch: unknown): AffiliateNetworkSettings {
  const top = pick<AffiliateNetworkSettings>(patch, [
    'commissionPercent',
    'pendingDelayMs',
    'approveAfterMs',
    'declineAfterMs',
    'declineRate',
  ]);
  const nested = (patch ?? {}) as { retry?: unknown; chaos?: unknown };
  const next: AffiliateNetworkSettings = {
    ...current,
    ...top,
    retry: {
      ...current.retry,
      ...pick<PostbackRetryPolicy>(nested.retry, [
        'initialDelayMs',
        'multiplier',
        'maxDelayMs',
        'maxAttempts',
      ]),
    },
    chaos: {
      ...current.chaos,
      ...pick<AffiliateNetworkChaos>(nested.chaos, [
        'duplicateRate',
        'duplicateDelayMs',
        'outOfOrderRate',
        'outOfOrderDelayMs',
        'dropRate',
        'statisticsErrorRate',
      ]),
    },
  };
  const hundredths = next.commissionPercent * 100;
  check(
    isNumber(next.commissionPercent) &&
      next.commissionPercent >= 0 &&
      next.commissionPercent <= 100 &&
      Math.abs(hundredths - Math.round(hundredths)) < 1e-6,
    'commissionPercent must be 0..100 with at most two decimals',
  );
  check(isDelay(next.pendingDelayMs), 'pendingDelayMs must be an integer number of ms, 0..30 days');
  check(
    next.approveAfterMs === null || isDelay(next.approveAfterMs),
    'approveAfterMs must be null or 0..30 days',
  );
  check(
    next.declineAfterMs === null || isDelay(next.declineAfterMs),
    'declineAfterMs must be null or 0..30 days',
  );
  check(isRate(next.declineRate), 'declineRate must be 0..1');
  const { retry, chaos } = next;
  check(
    isDelay(retry.initialDelayMs) && retry.initialDelayMs > 0,
    'retry.initialDelayMs must be 1 ms..30 days',
  );
  check(
    isNumber(retry.multiplier) && retry.multiplier >= 1 && retry.multiplier <= 10,
    'retry.multiplier must be 1..10',
  );
  check(
    isDelay(retry.maxDelayMs) && retry.maxDelayMs >= retry.initialDelayMs,
    'retry.maxDelayMs must be at least retry.initialDelayMs and at most 30 days',
  );
  check(
    Number.isInteger(retry.maxAttempts) && retry.maxAttempts >= 1 && retry.maxAttempts <= 50,
    'retry.maxAttempts must be 1..50',
  );
  for (const rate of ['duplicateRate', 'outOfOrderRate', 'dropRate', 'statisticsErrorRate'] as const)
    check(isRate(chaos[rate]), `chaos.${rate} must be 0..1`);
  check(
    isDelay(chaos.duplicateDelayMs),
    'chaos.duplicateDelayMs must be an integer number of ms, 0..30 days',
  );
  check(
    isDelay(chaos.outOfOrderDelayMs),
    'chaos.outOfOrderDelayMs must be an integer number of ms, 0..30 days',
  );
  return next;
}

/** The wait before attempt `attempt + 1`: exponential, capped, without jitter so tests can predict it. */
export const retryDelayMs = (policy: PostbackRetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.multiplier ** (attempt - 1)));

/** The commission percent as basis points (5.25 % → 525n), the exact form money math uses. */
export const basisPoints = (percent: number): bigint => BigInt(Math.round(percent * 100));
