import type { Account } from '@sauda/ledger';
import { almatyDate, getAsset } from '@sauda/platform';
import { valueAt } from './reward-amounts.ts';
import { WALLET_CODES } from './reward-accounts.ts';
import type { RewardsContext } from './rewards.context.ts';

/**
 * A user's balances as they see them, read from the ledger: pending is what rewards on their way
 * will bring (incoming holds), available what can be spent now, debt what a reversal left unpaid.
 */

export interface WalletBalance {
  readonly asset: string;
  readonly pending: string;
  readonly available: string;
  readonly debt: string;
}

export interface Balances {
  readonly rewards: WalletBalance & {
    /** The same amounts in the display currency at the latest rate on or before today; null without a rate. */
    readonly equivalent: {
      readonly currency: string;
      readonly pending: string;
      readonly available: string;
      readonly rateDay: string;
      readonly price: string;
    } | null;
  };
  /** CPA commissions, one wallet per currency earned in. */
  readonly commissions: readonly WalletBalance[];
}

function walletBalance(asset: string, wallet: Account | undefined, debt: Account | undefined): WalletBalance {
  const owed = debt ? debt.debitsPosted - debt.creditsPosted : 0n;
  return {
    asset,
    pending: (wallet?.creditsPending ?? 0n).toString(),
    available: wallet ? (wallet.creditsPosted - wallet.debitsPosted - wallet.debitsPending).toString() : '0',
    debt: (owed > 0n ? owed : 0n).toString(),
  };
}

export async function balancesOf(ctx: RewardsContext, userId: string): Promise<Balances> {
  const accounts = await ctx.ledger.listAccounts(userId);
  const find = (code: string, asset: string): Account | undefined =>
    accounts.find((account) => account.code === code && account.asset === asset);
  const { code: asset, decimals } = ctx.settings.rewardAsset;
  const loyalty = walletBalance(
    asset,
    find(WALLET_CODES.loyalty.wallet, asset),
    find(WALLET_CODES.loyalty.debt, asset),
  );
  const currency = ctx.settings.displayCurrency;
  const quote = await ctx.rates.rateFor({ asset, currency, day: almatyDate(ctx.clock.now()) });
  const currencyDecimals = getAsset(currency).decimals;
  const equivalent = quote
    ? {
        currency,
        pending: valueAt(BigInt(loyalty.pending), decimals, quote.price, currencyDecimals).toString(),
        available: valueAt(BigInt(loyalty.available), decimals, quote.price, currencyDecimals).toString(),
        rateDay: quote.day,
        price: quote.price,
      }
    : null;
  const commissions = [
    ...new Set(
      accounts.filter((account) => account.code === WALLET_CODES.cpa.wallet).map((account) => account.asset),
    ),
  ]
    .sort()
    .map((code) =>
      walletBalance(code, find(WALLET_CODES.cpa.wallet, code), find(WALLET_CODES.cpa.debt, code)),
    );
  return { rewards: { ...loyalty, equivalent }, commissions };
}
