import { date, integer, numeric, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { TaxStatus } from './rewards.settings.ts';

export const rewardsSchema = pgSchema('rewards');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });

export const PRODUCTS = ['loyalty', 'cpa'] as const;
export type RewardProduct = (typeof PRODUCTS)[number];

export const CONVERSION_STATES = ['pending', 'approved', 'declined', 'paid', 'reversed'] as const;
export type ConversionState = (typeof CONVERSION_STATES)[number];

/** What the user sees: waiting (not priced or not funded yet), pending, available, declined, reversed. */
export const REWARD_STATUSES = ['waiting', 'pending', 'available', 'declined', 'reversed'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** Why the ledger is behind what the reward should be; a job retries these. */
export const WAITING_REASONS = ['no-rate', 'pool-empty', 'partner-unknown', 'asset-unknown'] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];

export const rewards = rewardsSchema.table('rewards', {
  id: text('id').primaryKey(),
  conversionId: text('conversion_id').notNull().unique(),
  product: text('product').$type<RewardProduct>().notNull(),
  userId: text('user_id').notNull(),
  partnerId: text('partner_id').notNull(),
  networkKey: text('network_key').notNull(),
  actionId: text('action_id').notNull(),
  revision: integer('revision').notNull(),
  conversionState: text('conversion_state').$type<ConversionState>().notNull(),
  status: text('status').$type<RewardStatus>().notNull(),
  waitingReason: text('waiting_reason').$type<WaitingReason>(),
  commission: amount('commission').notNull(),
  currency: text('currency').notNull(),
  occurredAt: instant('occurred_at').notNull(),
  asset: text('asset').notNull(),
  userShare: text('user_share'),
  holdDays: integer('hold_days'),
  availableAfter: instant('available_after'),
  rateForDay: date('rate_for_day', { mode: 'string' }),
  rateDay: date('rate_day', { mode: 'string' }),
  ratePrice: text('rate_price'),
  feeBasisPoints: integer('fee_basis_points'),
  taxBasisPoints: integer('tax_basis_points'),
  taxStatus: text('tax_status').$type<TaxStatus>(),
  amount: amount('amount').notNull(),
  gross: amount('gross').notNull(),
  fee: amount('fee').notNull(),
  tax: amount('tax').notNull(),
  heldNet: amount('held_net').notNull(),
  heldFee: amount('held_fee').notNull(),
  heldTax: amount('held_tax').notNull(),
  postedNet: amount('posted_net').notNull(),
  postedFee: amount('posted_fee').notNull(),
  postedTax: amount('posted_tax').notNull(),
  grossBooked: amount('gross_booked').notNull(),
  ledgerSeq: integer('ledger_seq').notNull(),
  holdSeq: integer('hold_seq'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  availableAt: instant('available_at'),
  closedAt: instant('closed_at'),
});

export type RewardRow = typeof rewards.$inferSelect;

export const conversionRevisions = rewardsSchema.table(
  'conversion_revisions',
  {
    conversionId: text('conversion_id').notNull(),
    revision: integer('revision').notNull(),
    eventId: text('event_id').notNull(),
    state: text('state').$type<ConversionState>().notNull(),
    commission: amount('commission').notNull(),
    outcome: text('outcome').$type<'applied' | 'stale'>().notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.conversionId, table.revision] })],
);

export type RevisionRow = typeof conversionRevisions.$inferSelect;

export const exchangeRates = rewardsSchema.table(
  'exchange_rates',
  {
    asset: text('asset').notNull(),
    currency: text('currency').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    price: numeric('price', { precision: 30, scale: 12 }).notNull(),
    enteredBy: text('entered_by').notNull(),
    enteredAt: instant('entered_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.asset, table.currency, table.day] })],
);

export type ExchangeRateRow = typeof exchangeRates.$inferSelect;

export const taxStatuses = rewardsSchema.table('tax_statuses', {
  userId: text('user_id').primaryKey(),
  status: text('status').$type<TaxStatus>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const taxEntries = rewardsSchema.table('tax_entries', {
  id: text('id').primaryKey(),
  rewardId: text('reward_id').notNull(),
  userId: text('user_id').notNull(),
  period: text('period').notNull(),
  currency: text('currency').notNull(),
  income: numeric('income', { precision: 40, scale: 0 }).notNull(),
  withheld: numeric('withheld', { precision: 40, scale: 0 }).notNull(),
  net: numeric('net', { precision: 40, scale: 0 }).notNull(),
  createdAt: instant('created_at').notNull(),
});
