import type { Executor } from '@sauda/platform';

/** The price of one unit of an asset in a currency, valid for a day. */
export interface RateQuote {
  /** Units of the currency for one unit of the asset, as a decimal string ("505.12"). */
  readonly price: string;
  /** The day the price was set for (`YYYY-MM-DD`, Asia/Almaty). */
  readonly day: string;
}

/**
 * Where daily rates come from. Today staff enter them; an exchange's API could be another source.
 * `rateFor` returns the rate of the day, or the latest one before it when the day has none, so the
 * caller can record which day it used; undefined when there is no rate on or before the day.
 */
export interface RateSource {
  rateFor(
    query: { asset: string; currency: string; day: string },
    executor?: Executor,
  ): Promise<RateQuote | undefined>;
}
