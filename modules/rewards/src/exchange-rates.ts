import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { AppError, almatyDate, getAsset, MoneyError, type Db } from '@sauda/platform';
import { canonicalDecimal, parseDecimal } from './reward-amounts.ts';
import type { RewardsActor, RewardsContext } from './rewards.context.ts';
import { RewardsErrors } from './rewards.errors.ts';
import { exchangeRates, rewards, type ExchangeRateRow } from './rewards.tables.ts';
import type { RateSource } from './rate-source.ts';

export function staffRateSource(db: Db): RateSource {
  return {
    async rateFor(query, executor = db) {
      // FOR SHARE: a staff correction of this rate waits until the reward that reads it has committed,
      // so "was this rate used?" is answered truthfully.
      const [row] = await executor
        .select()
        .from(exchangeRates)
        .where(
          and(
            eq(exchangeRates.asset, query.asset),
            eq(exchangeRates.currency, query.currency),
            lte(exchangeRates.day, query.day),
          ),
        )
        .orderBy(desc(exchangeRates.day))
        .limit(1)
        .for('share');
      return row ? { price: canonicalDecimal(row.price), day: row.day } : undefined;
    },
  };
}

export interface ExchangeRate {
  readonly asset: string;
  readonly currency: string;
  readonly day: string;
  readonly price: string;
  readonly enteredBy: string;
  readonly enteredAt: string;
}

const toRate = (row: ExchangeRateRow): ExchangeRate => ({
  asset: row.asset,
  currency: row.currency,
  day: row.day,
  price: canonicalDecimal(row.price),
  enteredBy: row.enteredBy,
  enteredAt: row.enteredAt.toISOString(),
});

const MAX_PRICE_DIGITS = 18;

function checkPrice(price: string): string {
  const parsed = parseDecimal(price);
  const whole = price.split('.')[0] ?? '';
  if (!parsed || parsed.numerator === 0n || whole.length > MAX_PRICE_DIGITS)
    throw new AppError(RewardsErrors.REWARDS_RATE_INVALID);
  return canonicalDecimal(price);
}

function checkCurrency(currency: string, asset: string): void {
  try {
    getAsset(currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new AppError(RewardsErrors.REWARDS_CURRENCY_UNKNOWN, { params: { currency } });
  }
  if (currency === asset)
    throw new AppError(RewardsErrors.REWARDS_CURRENCY_UNKNOWN, { params: { currency } });
}

/**
 * Staff enter the price of the reward asset for a day. Entering the same price again changes
 * nothing; a different price corrects a typo only while no reward was priced with it (afterwards it
 * would silently disagree with what users were credited). Every change is audited.
 */
export async function enterRate(
  ctx: RewardsContext,
  actor: RewardsActor,
  input: { day: string; currency: string; price: string },
): Promise<{ rate: ExchangeRate; created: boolean }> {
  const asset = ctx.settings.rewardAsset.code;
  checkCurrency(input.currency, asset);
  const price = checkPrice(input.price);
  if (input.day > almatyDate(ctx.clock.now()))
    throw new AppError(RewardsErrors.REWARDS_RATE_DAY_IN_FUTURE, { params: { day: input.day } });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const key = and(
      eq(exchangeRates.asset, asset),
      eq(exchangeRates.currency, input.currency),
      eq(exchangeRates.day, input.day),
    );
    const [existing] = await tx.select().from(exchangeRates).where(key).for('update');
    if (existing && canonicalDecimal(existing.price) === price)
      return { rate: toRate(existing), created: false };
    if (existing) {
      const [used] = await tx
        .select({ id: rewards.id })
        .from(rewards)
        .where(
          and(eq(rewards.rateDay, input.day), eq(rewards.currency, input.currency), eq(rewards.asset, asset)),
        )
        .limit(1);
      if (used)
        throw new AppError(RewardsErrors.REWARDS_RATE_IN_USE, {
          params: { currency: input.currency, day: input.day },
        });
    }
    const row = {
      asset,
      currency: input.currency,
      day: input.day,
      price,
      enteredBy: actor.id,
      enteredAt: now,
    };
    const [saved] = existing
      ? await tx
          .update(exchangeRates)
          .set({ price, enteredBy: actor.id, enteredAt: now })
          .where(key)
          .returning()
      : await tx.insert(exchangeRates).values(row).returning();
    if (!saved) throw new Error('exchange rate was not saved');
    await ctx.audit.record(tx, {
      actor: actor.id,
      action: existing ? 'rewards.rate-corrected' : 'rewards.rate-entered',
      entityType: 'exchange-rate',
      entityId: `${asset}/${input.currency}/${input.day}`,
      before: existing ? { price: canonicalDecimal(existing.price) } : undefined,
      after: { price },
      context: actor.context,
    });
    return { rate: toRate(saved), created: !existing };
  });
}

export async function listRates(
  ctx: RewardsContext,
  filter: { currency?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<ExchangeRate[]> {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new AppError(RewardsErrors.REWARDS_PERIOD_INVALID, {
      params: { from: filter.from, to: filter.to },
    });
  const rows = await ctx.db
    .select()
    .from(exchangeRates)
    .where(
      and(
        eq(exchangeRates.asset, ctx.settings.rewardAsset.code),
        filter.currency ? eq(exchangeRates.currency, filter.currency) : undefined,
        filter.from ? gte(exchangeRates.day, filter.from) : undefined,
        filter.to ? lte(exchangeRates.day, filter.to) : undefined,
      ),
    )
    .orderBy(desc(exchangeRates.day), asc(exchangeRates.currency))
    .limit(400);
  return rows.map(toRate);
}
