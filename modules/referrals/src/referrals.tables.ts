import { numeric, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const referralsSchema = pgSchema('referrals');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * linked: waiting for the referee's verification and first available reward; waiting: due, but
 * the bonus pool cannot pay yet; rewarded: the bonus was paid; refused: a farming guard tripped.
 */
export const REFERRAL_STATUSES = ['linked', 'waiting', 'rewarded', 'refused'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type RefusalReason = 'iin-reused' | 'same-device';

export const codes = referralsSchema.table('codes', {
  userId: text('user_id').primaryKey(),
  code: text('code').notNull().unique(),
  createdAt: instant('created_at').notNull(),
});

export const referrals = referralsSchema.table('referrals', {
  id: text('id').primaryKey(),
  refereeId: text('referee_id').notNull().unique(),
  referrerId: text('referrer_id').notNull(),
  code: text('code').notNull(),
  claimedAt: instant('claimed_at').notNull(),
  refereeVerifiedAt: instant('referee_verified_at'),
  firstRewardAt: instant('first_reward_at'),
  status: text('status').$type<ReferralStatus>().notNull(),
  refusalReason: text('refusal_reason').$type<RefusalReason>(),
  updatedAt: instant('updated_at').notNull(),
});

export type ReferralRow = typeof referrals.$inferSelect;

export const bonuses = referralsSchema.table('bonuses', {
  refereeId: text('referee_id').primaryKey(),
  referralId: text('referral_id').notNull().unique(),
  referrerId: text('referrer_id').notNull(),
  amount: numeric('amount', { precision: 39, scale: 0 }).notNull(),
  asset: text('asset').notNull(),
  transferId: text('transfer_id').notNull().unique(),
  paidAt: instant('paid_at').notNull(),
});

export const visits = referralsSchema.table(
  'visits',
  {
    referrerId: text('referrer_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.referrerId, table.fingerprint] })],
);

export const devices = referralsSchema.table(
  'devices',
  {
    userId: text('user_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.fingerprint] })],
);
