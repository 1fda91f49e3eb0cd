import { almatyDate, getAsset, MoneyError, type Executor } from '@sauda/platform';
import { cpaSplit, loyaltyReward, type CpaSplit } from './reward-amounts.ts';
import type { RewardsContext } from './rewards.context.ts';
import { taxStatusOf } from './rewards.repository.ts';
import type { RewardRow, WaitingReason } from './rewards.tables.ts';

/**
 * Pricing freezes the terms a reward is computed with, the first time it can be: the partner's
 * user share and hold period, the rate of the day (or the latest earlier one, recorded), the fee and
 * the tax rate of the influencer's status. Later revisions change the commission, never the terms.
 */

export type PricingTerms = Pick<
  RewardRow,
  | 'userShare'
  | 'holdDays'
  | 'availableAfter'
  | 'rateForDay'
  | 'rateDay'
  | 'ratePrice'
  | 'feeBasisPoints'
  | 'taxBasisPoints'
  | 'taxStatus'
>;

export type Pricing =
  | { readonly ok: true; readonly terms: PricingTerms }
  | { readonly ok: false; readonly reason: WaitingReason };

const DAY_MS = 86_400_000;

export const isPriced = (reward: Pick<RewardRow, 'holdDays'>): boolean => reward.holdDays !== null;

function knownAsset(code: string): boolean {
  try {
    getAsset(code);
    return true;
  } catch (error) {
    if (error instanceof MoneyError) return false;
    throw error;
  }
}

export async function priceReward(
  ctx: RewardsContext,
  executor: Executor,
  reward: RewardRow,
): Promise<Pricing> {
  if (!knownAsset(reward.currency) || !knownAsset(reward.asset))
    return { ok: false, reason: 'asset-unknown' };
  const partner = await ctx.partners.get(reward.partnerId);
  if (!partner) return { ok: false, reason: 'partner-unknown' };
  const holdDays = partner.reward.holdDays;
  const base = {
    holdDays,
    availableAfter: new Date(reward.occurredAt.getTime() + holdDays * DAY_MS),
    userShare: null,
    rateForDay: null,
    rateDay: null,
    ratePrice: null,
    feeBasisPoints: null,
    taxBasisPoints: null,
    taxStatus: null,
  };
  if (reward.product === 'cpa') {
    const taxStatus = (await taxStatusOf(executor, reward.userId)) ?? ctx.settings.defaultTaxStatus;
    return {
      ok: true,
      terms: {
        ...base,
        feeBasisPoints: ctx.settings.cpaFeeBasisPoints,
        taxBasisPoints: ctx.settings.taxBasisPoints[taxStatus],
        taxStatus,
      },
    };
  }
  const day = almatyDate(reward.occurredAt);
  const quote =
    reward.currency === reward.asset
      ? { price: '1', day }
      : await ctx.rates.rateFor({ asset: reward.asset, currency: reward.currency, day }, executor);
  if (!quote) return { ok: false, reason: 'no-rate' };
  return {
    ok: true,
    terms: {
      ...base,
      userShare: partner.reward.userShare,
      rateForDay: day,
      rateDay: quote.day,
      ratePrice: quote.price,
    },
  };
}

/** What a priced reward is worth at its current commission: loyalty is all `net`. */
export function amountsOf(reward: RewardRow): CpaSplit {
  const commission = BigInt(reward.commission);
  if (reward.product === 'cpa') {
    return cpaSplit(commission, reward.feeBasisPoints ?? 0, reward.taxBasisPoints ?? 0);
  }
  if (reward.userShare === null || reward.ratePrice === null)
    throw new Error(`reward ${reward.id} is not priced`);
  const net = loyaltyReward({
    commission,
    currencyDecimals: getAsset(reward.currency).decimals,
    userShare: reward.userShare,
    price: reward.ratePrice,
    assetDecimals: getAsset(reward.asset).decimals,
  });
  return { gross: 0n, fee: 0n, tax: 0n, net };
}
