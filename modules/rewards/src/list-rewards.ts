import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { AppError, almatyDayBounds, almatyWallTimeToInstant, isId, type Locale } from '@sauda/platform';
import type { RewardsContext } from './rewards.context.ts';
import { RewardsErrors } from './rewards.errors.ts';
import { rewards, type RewardProduct, type RewardRow, type RewardStatus } from './rewards.tables.ts';

/** Rewards newest first with filters and a keyset cursor (ids sort by creation time). */

export interface RewardQuery {
  readonly statuses?: readonly RewardStatus[] | undefined;
  readonly product?: RewardProduct | undefined;
  readonly partnerId?: string | undefined;
  /** Purchases from this Almaty day on (`YYYY-MM-DD`), and up to and including `to`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
  /** Staff only. */
  readonly userId?: string | undefined;
  readonly conversionId?: string | undefined;
  readonly networkKey?: string | undefined;
  readonly actionId?: string | undefined;
}

export interface RewardView {
  readonly id: string;
  readonly conversionId: string;
  readonly product: RewardProduct;
  readonly status: RewardStatus;
  readonly waitingReason: string | null;
  readonly partner: { readonly id: string; readonly name: string | null };
  readonly amount: { readonly amount: string; readonly asset: string };
  readonly commission: { readonly amount: string; readonly currency: string };
  readonly rate: {
    readonly forDay: string;
    readonly day: string;
    readonly price: string;
    readonly fallback: boolean;
  } | null;
  readonly split: {
    readonly gross: string;
    readonly fee: string;
    readonly tax: string;
    readonly net: string;
    readonly taxStatus: string | null;
  } | null;
  readonly occurredAt: string;
  readonly availableAfter: string | null;
  readonly availableAt: string | null;
  readonly closedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface StaffRewardView extends RewardView {
  readonly userId: string;
  readonly networkKey: string;
  readonly actionId: string;
  readonly revision: number;
  readonly conversionState: string;
  readonly ledger: {
    readonly held: string;
    readonly posted: string;
    readonly grossBooked: string;
    readonly sequence: number;
  };
}

export interface RewardPage<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

const encodeCursor = (id: string): string => Buffer.from(JSON.stringify({ after: id })).toString('base64url');

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (isId(parsed.after, 'rwd')) return parsed.after as string;
  } catch {
    // falls through to the error below
  }
  throw new AppError(RewardsErrors.REWARDS_CURSOR_INVALID);
}

function dayStart(day: string): Date {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  return almatyWallTimeToInstant(year, month, date);
}

export async function queryRewards(ctx: RewardsContext, query: RewardQuery): Promise<RewardPage<RewardRow>> {
  if (query.from && query.to && query.from > query.to)
    throw new AppError(RewardsErrors.REWARDS_PERIOD_INVALID, { params: { from: query.from, to: query.to } });
  const conditions: (SQL | undefined)[] = [
    query.statuses && query.statuses.length > 0 ? inArray(rewards.status, [...query.statuses]) : undefined,
    query.product ? eq(rewards.product, query.product) : undefined,
    query.partnerId ? eq(rewards.partnerId, query.partnerId) : undefined,
    query.userId ? eq(rewards.userId, query.userId) : undefined,
    query.conversionId ? eq(rewards.conversionId, query.conversionId) : undefined,
    query.networkKey ? eq(rewards.networkKey, query.networkKey) : undefined,
    query.actionId ? eq(rewards.actionId, query.actionId) : undefined,
    query.from ? gte(rewards.occurredAt, dayStart(query.from)) : undefined,
    query.to ? lt(rewards.occurredAt, almatyDayBounds(dayStart(query.to)).end) : undefined,
    query.cursor ? lt(rewards.id, decodeCursor(query.cursor)) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(rewards)
    .where(and(...conditions))
    .orderBy(desc(rewards.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}

/** Partner names in the reader's language, one catalog read per partner on the page. */
async function partnerNames(ctx: RewardsContext, rows: readonly RewardRow[], locale: Locale) {
  const ids = [...new Set(rows.map((row) => row.partnerId))];
  const partners = await Promise.all(ids.map((id) => ctx.partners.get(id)));
  return new Map(ids.map((id, index) => [id, partners[index]?.name[locale] ?? null]));
}

function toView(row: RewardRow, partnerName: string | null): RewardView {
  return {
    id: row.id,
    conversionId: row.conversionId,
    product: row.product,
    status: row.status,
    waitingReason: row.waitingReason,
    partner: { id: row.partnerId, name: partnerName },
    amount: { amount: row.status === 'available' ? row.postedNet : row.amount, asset: row.asset },
    commission: { amount: row.commission, currency: row.currency },
    rate:
      row.rateForDay && row.rateDay && row.ratePrice
        ? {
            forDay: row.rateForDay,
            day: row.rateDay,
            price: row.ratePrice,
            fallback: row.rateDay !== row.rateForDay,
          }
        : null,
    split:
      row.product === 'cpa'
        ? { gross: row.gross, fee: row.fee, tax: row.tax, net: row.amount, taxStatus: row.taxStatus }
        : null,
    occurredAt: row.occurredAt.toISOString(),
    availableAfter: row.availableAfter?.toISOString() ?? null,
    availableAt: row.availableAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toStaffView(row: RewardRow, partnerName: string | null): StaffRewardView {
  const sum = (...values: string[]): string =>
    values.reduce((total, value) => total + BigInt(value), 0n).toString();
  return {
    ...toView(row, partnerName),
    userId: row.userId,
    networkKey: row.networkKey,
    actionId: row.actionId,
    revision: row.revision,
    conversionState: row.conversionState,
    ledger: {
      held: sum(row.heldNet, row.heldFee, row.heldTax),
      posted: sum(row.postedNet, row.postedFee, row.postedTax),
      grossBooked: row.grossBooked,
      sequence: row.ledgerSeq,
    },
  };
}

export async function listRewards(
  ctx: RewardsContext,
  query: RewardQuery,
  locale: Locale,
): Promise<RewardPage<RewardView>> {
  const page = await queryRewards(ctx, query);
  const names = await partnerNames(ctx, page.items, locale);
  return {
    items: page.items.map((row) => toView(row, names.get(row.partnerId) ?? null)),
    nextCursor: page.nextCursor,
  };
}

export async function listRewardsForStaff(
  ctx: RewardsContext,
  query: RewardQuery,
  locale: Locale,
): Promise<RewardPage<StaffRewardView>> {
  const page = await queryRewards(ctx, query);
  const names = await partnerNames(ctx, page.items, locale);
  return {
    items: page.items.map((row) => toStaffView(row, names.get(row.partnerId) ?? null)),
    nextCursor: page.nextCursor,
  };
}

/** One reward; a reward of someone else is "not found" for a user (no probing other people's ids). */
export async function findRewardView(
  ctx: RewardsContext,
  rewardId: string,
  locale: Locale,
  ownerId?: string,
): Promise<StaffRewardView> {
  if (!isId(rewardId, 'rwd')) throw new AppError(RewardsErrors.REWARDS_REWARD_NOT_FOUND);
  const [row] = await ctx.db.select().from(rewards).where(eq(rewards.id, rewardId));
  if (!row || (ownerId !== undefined && row.userId !== ownerId))
    throw new AppError(RewardsErrors.REWARDS_REWARD_NOT_FOUND);
  const names = await partnerNames(ctx, [row], locale);
  return toStaffView(row, names.get(row.partnerId) ?? null);
}

export const publicView = (view: StaffRewardView): RewardView => {
  const {
    userId: _u,
    networkKey: _n,
    actionId: _a,
    revision: _r,
    conversionState: _c,
    ledger: _l,
    ...rest
  } = view;
  return rest;
};
