import { boolean, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type {
  Category,
  Channel,
  DeliveryStatus,
  RenderedContent,
  SkipReason,
} from './notifications.model.ts';

export const notificationsSchema = pgSchema('notifications');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const messages = notificationsSchema.table('messages', {
  id: text('id').primaryKey(),
  createdAt: instant('created_at').notNull(),
  template: text('template').notNull(),
  category: text('category').$type<Category>().notNull(),
  locale: text('locale').notNull(),
  userId: text('user_id'),
});

export const deliveries = notificationsSchema.table('deliveries', {
  id: text('id').primaryKey(),
  messageId: text('message_id').notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  address: text('address').notNull(),
  content: jsonb('content').$type<RenderedContent>().notNull(),
  status: text('status').$type<DeliveryStatus>().notNull(),
  skipReason: text('skip_reason').$type<SkipReason>(),
  attempts: integer('attempts').notNull(),
  providerMessageId: text('provider_message_id'),
  lastError: text('last_error'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  sentAt: instant('sent_at'),
});

export const deliveryAttempts = notificationsSchema.table(
  'delivery_attempts',
  {
    deliveryId: text('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    attemptedAt: instant('attempted_at').notNull(),
    outcome: text('outcome').$type<'sent' | 'failed'>().notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (table) => [primaryKey({ columns: [table.deliveryId, table.attempt] })],
);

export const inbox = notificationsSchema.table('inbox', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  deliveryId: text('delivery_id').notNull(),
  category: text('category').$type<Category>().notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  createdAt: instant('created_at').notNull(),
  readAt: instant('read_at'),
});

export const preferences = notificationsSchema.table(
  'preferences',
  {
    userId: text('user_id').notNull(),
    category: text('category').$type<Category>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.category, table.channel] })],
);

export type MessageRow = typeof messages.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;
export type InboxRow = typeof inbox.$inferSelect;
