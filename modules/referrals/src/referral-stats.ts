import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { AppError, isId, sql } from '@sauda/platform';
import { ensureCode } from './referral-codes.ts';
import type { ReferralsContext } from './referrals.context.ts';
import { ReferralsErrors } from './referrals.errors.ts';
import { referrals, type ReferralRow, type ReferralStatus } from './referrals.tables.ts';

export interface ReferralStats {
  /** Distinct devices that opened the referral link. */
  readonly invited: number;
  /** Accounts that joined with the code. */
  readonly registered: number;
  readonly kycVerified: number;
  /** Referees whose bonus was paid. */
  readonly rewarded: number;
  readonly earned: { readonly amount: string; readonly asset: string };
}

export interface ReferralCard {
  readonly code: string;
  readonly link: string;
  readonly stats: ReferralStats;
}

export async function statsOf(ctx: ReferralsContext, referrerId: string): Promise<ReferralStats> {
  const { rows } = await ctx.db.execute<{
    invited: number;
    registered: number;
    verified: number;
    rewarded: number;
    earned: string;
  }>(sql`
    SELECT
      (SELECT count(*)::int FROM referrals.visits WHERE referrer_id = ${referrerId}) AS invited,
      (SELECT count(*)::int FROM referrals.referrals WHERE referrer_id = ${referrerId}) AS registered,
      (SELECT count(*)::int FROM referrals.referrals
        WHERE referrer_id = ${referrerId} AND referee_verified_at IS NOT NULL) AS verified,
      (SELECT count(*)::int FROM referrals.bonuses WHERE referrer_id = ${referrerId}) AS rewarded,
      (SELECT coalesce(sum(amount), 0)::text FROM referrals.bonuses WHERE referrer_id = ${referrerId}) AS earned`);
  const row = rows[0];
  return {
    invited: row?.invited ?? 0,
    registered: row?.registered ?? 0,
    kycVerified: row?.verified ?? 0,
    rewarded: row?.rewarded ?? 0,
    earned: { amount: row?.earned ?? '0', asset: ctx.rewards.settings.rewardAsset.code },
  };
}

/** The user's code (created on first use), link and statistics. */
export async function referralCard(ctx: ReferralsContext, userId: string): Promise<ReferralCard> {
  const code = await ensureCode(ctx.db, userId, ctx.clock.now());
  return {
    code,
    link: `${ctx.settings.linkBase.replace(/\/+$/, '')}/r/${code}`,
    stats: await statsOf(ctx, userId),
  };
}

export interface ReferralQuery {
  readonly referrerId?: string | undefined;
  readonly refereeId?: string | undefined;
  readonly status?: ReferralStatus | undefined;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export interface ReferralView {
  readonly id: string;
  readonly referrerId: string;
  readonly refereeId: string;
  readonly code: string;
  readonly status: ReferralStatus;
  readonly refusalReason: string | null;
  readonly claimedAt: string;
  readonly refereeVerifiedAt: string | null;
  readonly firstRewardAt: string | null;
  readonly updatedAt: string;
}

const toView = (row: ReferralRow): ReferralView => ({
  id: row.id,
  referrerId: row.referrerId,
  refereeId: row.refereeId,
  code: row.code,
  status: row.status,
  refusalReason: row.refusalReason,
  claimedAt: row.claimedAt.toISOString(),
  refereeVerifiedAt: row.refereeVerifiedAt?.toISOString() ?? null,
  firstRewardAt: row.firstRewardAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
});

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (isId(parsed.after, 'ref')) return parsed.after as string;
  } catch {
    // falls through to the error below
  }
  throw new AppError(ReferralsErrors.REFERRALS_CURSOR_INVALID);
}

/** Staff: referrals newest first, by referrer, referee or status. */
export async function listReferrals(
  ctx: ReferralsContext,
  query: ReferralQuery,
): Promise<{ items: ReferralView[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [
    query.referrerId ? eq(referrals.referrerId, query.referrerId) : undefined,
    query.refereeId ? eq(referrals.refereeId, query.refereeId) : undefined,
    query.status ? eq(referrals.status, query.status) : undefined,
    query.cursor ? lt(referrals.id, decodeCursor(query.cursor)) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(referrals)
    .where(and(...conditions))
    .orderBy(desc(referrals.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toView),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify({ after: last.id })).toString('base64url')
        : null,
  };
}
