import {
  bigint,
  boolean,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Localized } from '@sauda/platform';
import type { PartnerDomain } from './partner-domains.ts';

export const catalogSchema = pgSchema('catalog');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface AppLinks {
  readonly ios?: string | undefined;
  readonly android?: string | undefined;
}

export const categories = catalogSchema.table('categories', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<Localized>().notNull(),
  icon: text('icon').notNull(),
  position: integer('position').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const partners = catalogSchema.table('partners', {
  id: text('id').primaryKey(),
  number: integer('number').generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<Localized>().notNull(),
  shortDescription: jsonb('short_description').$type<Localized>().notNull(),
  description: jsonb('description').$type<Localized>().notNull(),
  conditions: jsonb('conditions').$type<Localized>().notNull(),
  logoKey: text('logo_key'),
  website: text('website').notNull(),
  domains: jsonb('domains').$type<PartnerDomain[]>().notNull(),
  rewardKind: text('reward_kind').$type<'percent' | 'fixed'>().notNull(),
  rewardRate: numeric('reward_rate').notNull(),
  rewardCurrency: text('reward_currency').notNull(),
  rewardUserShare: numeric('reward_user_share').notNull(),
  rewardCap: numeric('reward_cap'),
  holdDays: integer('hold_days').notNull(),
  network: text('network').notNull(),
  trackingUrlTemplate: text('tracking_url_template').notNull(),
  appLinks: jsonb('app_links').$type<AppLinks>(),
  interstitial: boolean('interstitial').notNull(),
  status: text('status').$type<PartnerStatus>().notNull(),
  featured: boolean('featured').notNull(),
  sortWeight: integer('sort_weight').notNull(),
  popularity: integer('popularity').notNull(),
  searchText: text('search_text').notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const partnerCategories = catalogSchema.table(
  'partner_categories',
  {
    partnerId: text('partner_id').notNull(),
    categoryId: text('category_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.categoryId] })],
);

export const rateChanges = catalogSchema.table('rate_changes', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  changedAt: instant('changed_at').notNull(),
  actor: text('actor').notNull(),
  oldTerms: jsonb('old_terms'),
  newTerms: jsonb('new_terms').notNull(),
});

export const feedState = catalogSchema.table('feed_state', {
  singleton: boolean('singleton').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

export const PARTNER_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export type PartnerRow = typeof partners.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type RateChangeRow = typeof rateChanges.$inferSelect;
