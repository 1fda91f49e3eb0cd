import { bigint, boolean, date, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const trackingSchema = pgSchema('tracking');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const userRefs = trackingSchema.table('user_refs', {
  ref: bigint('ref', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
  userId: text('user_id').notNull().unique(),
  createdAt: instant('created_at').notNull(),
});

export const links = trackingSchema.table('links', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  ownerId: text('owner_id').notNull(),
  ownerRef: bigint('owner_ref', { mode: 'number' }).notNull(),
  partnerId: text('partner_id').notNull(),
  targetUrl: text('target_url').notNull(),
  createdAt: instant('created_at').notNull(),
  disabledAt: instant('disabled_at'),
});

/** Read-only view of the clicks (written by raw SQL in tracking.repository.ts); the columns reads need. */
export const clicks = trackingSchema.table('clicks', {
  clickId: text('click_id').notNull(),
  clickedAt: instant('clicked_at').notNull(),
  partnerId: text('partner_id').notNull(),
  userId: text('user_id'),
  source: text('source').notNull().$type<'web' | 'ext' | 'app' | 'link'>(),
  isBot: boolean('is_bot').notNull(),
  isDuplicate: boolean('is_duplicate').notNull(),
});

/** Read-only view of the aggregates for reports (written by raw SQL in tracking.repository.ts). */
export const dailyClicks = trackingSchema.table('daily_clicks', {
  day: date('day', { mode: 'string' }).notNull(),
  partnerId: text('partner_id').notNull(),
  source: text('source').notNull(),
  userId: text('user_id').notNull(),
  linkId: text('link_id').notNull(),
  clicks: bigint('clicks', { mode: 'number' }).notNull(),
  uniqueClicks: bigint('unique_clicks', { mode: 'number' }).notNull(),
  botClicks: bigint('bot_clicks', { mode: 'number' }).notNull(),
});

export type LinkRow = typeof links.$inferSelect;
export type DailyClicksRow = typeof dailyClicks.$inferSelect;
