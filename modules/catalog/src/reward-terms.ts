import { getAsset } from '@sauda/platform';

/**
 * What a partner pays and how much of it the user gets. Decimal strings, never floats:
 * - percent: `rate` is the percent of the order, more than 0 and at most 100, two decimals at most;
 * - fixed: `rate` is an amount in minor units of `currency` (an integer string, at least 1).
 * `userShare` is the fraction of the partner's reward passed to the user (0 to 1, four decimals at
 * most); `cap` limits the reward per order in minor units; `holdDays` is how long it stays pending.
 */
export interface RewardTerms {
  readonly kind: 'percent' | 'fixed';
  readonly rate: string;
  readonly currency: string;
  readonly userShare: string;
  readonly cap: string | null;
  readonly holdDays: number;
}

const PERCENT = /^(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?$/;
const MINOR_UNITS = /^[1-9]\d{0,12}$/;
const SHARE = /^(?:0(?:\.\d{1,4})?|1(?:\.0{1,4})?)$/;

/** Problems by field path; empty when the terms are valid. */
export function rewardProblems(terms: RewardTerms): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (terms.kind === 'percent') {
    if (!PERCENT.test(terms.rate) || Number(terms.rate) <= 0 || Number(terms.rate) > 100)
      problems.push({ path: '/reward/rate', message: 'a percent above 0 and at most 100, e.g. "5.5"' });
  } else if (!MINOR_UNITS.test(terms.rate)) {
    problems.push({ path: '/reward/rate', message: 'an amount in minor units, e.g. "150000"' });
  }
  try {
    getAsset(terms.currency);
  } catch {
    problems.push({ path: '/reward/currency', message: `unknown currency ${terms.currency}` });
  }
  if (!SHARE.test(terms.userShare))
    problems.push({ path: '/reward/userShare', message: 'a fraction from 0 to 1, e.g. "0.7"' });
  if (terms.cap !== null && !MINOR_UNITS.test(terms.cap))
    problems.push({ path: '/reward/cap', message: 'an amount in minor units, or null' });
  return problems;
}

/** Terms read back from PostgreSQL numerics ("5.50", "0.7000") in their shortest form. */
export function canonicalDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
