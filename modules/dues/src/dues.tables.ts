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

export const duesSchema = pgSchema('dues');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const PAYMENT_STATUSES = ['pending', 'confirmed', 'rejected', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_METHODS = ['kaspi_transfer', 'kaspi_qr', 'manual', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const REMINDER_CHANNELS = ['sms', 'whatsapp', 'email', 'in_app'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const STAFF_STATUSES = ['none', 'suspended', 'blocked'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export const MEMBER_LOCALES = ['ru', 'kk', 'en'] as const;
export type MemberLocale = (typeof MEMBER_LOCALES)[number];
export const PAGE_SLUGS = ['home', 'about', 'rules', 'contacts', 'privacy'] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];
export const PAGE_LOCALES = ['ru', 'kk'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];
export type ProviderPaymentStatus = 'created' | 'paid' | 'failed' | 'expired' | 'amount-mismatch';

/** Bank details shown with the bank-transfer instruction. */
export interface Requisites {
  readonly recipient: string;
  readonly bin: string;
  readonly bank: string;
  readonly iban: string;
  readonly kaspiPhone?: string | undefined;
}

export const feeSchedule = duesSchema.table('fee_schedule', {
  id: text('id').primaryKey(),
  effectiveFrom: text('effective_from').notNull().unique(),
  amount: numeric('amount').notNull(),
  currency: text('currency').notNull(),
  deadlineDay: integer('deadline_day').notNull(),
  createdAt: instant('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});
export type FeeScheduleRow = typeof feeSchedule.$inferSelect;

export const settings = duesSchema.table('settings', {
  id: boolean('id').primaryKey(),
  communityName: jsonb('community_name').$type<Localized>().notNull(),
  previousMonths: integer('previous_months').notNull(),
  futureMonths: integer('future_months').notNull(),
  requisites: jsonb('requisites').$type<Requisites>(),
  reminderOffsets: integer('reminder_offsets').array().notNull(),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
export type SettingsRow = typeof settings.$inferSelect;

export const members = duesSchema.table('members', {
  id: text('id').primaryKey(),
  number: integer('number').generatedAlwaysAsIdentity(),
  userId: text('user_id').unique(),
  fullNameCiphertext: text('full_name_ciphertext').notNull(),
  phoneCiphertext: text('phone_ciphertext').notNull(),
  phoneIndex: text('phone_index').notNull().unique(),
  emailCiphertext: text('email_ciphertext'),
  iinCiphertext: text('iin_ciphertext'),
  iinIndex: text('iin_index').unique(),
  city: text('city'),
  preferredChannel: text('preferred_channel').$type<ReminderChannel>().notNull(),
  remindersEnabled: boolean('reminders_enabled').notNull(),
  locale: text('locale').$type<MemberLocale>().notNull(),
  joinedPeriod: text('joined_period').notNull(),
  staffStatus: text('staff_status').$type<StaffStatus>().notNull(),
  staffStatusReason: text('staff_status_reason'),
  source: text('source').$type<'registration' | 'import' | 'staff'>().notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
export type MemberRow = typeof members.$inferSelect;

export const payments = duesSchema.table('payments', {
  id: text('id').primaryKey(),
  memberId: text('member_id').notNull(),
  period: text('period').notNull(),
  amount: numeric('amount').notNull(),
  currency: text('currency').notNull(),
  status: text('status').$type<PaymentStatus>().notNull(),
  method: text('method').$type<PaymentMethod>().notNull(),
  reference: text('reference').notNull().unique(),
  note: text('note'),
  receiptKey: text('receipt_key'),
  receiptContentType: text('receipt_content_type'),
  receiptBytes: integer('receipt_bytes'),
  receiptDataKey: text('receipt_data_key'),
  receiptUploadedAt: instant('receipt_uploaded_at'),
  ledgerTransferId: text('ledger_transfer_id'),
  confirmedBy: text('confirmed_by'),
  confirmedAt: instant('confirmed_at'),
  rejectedBy: text('rejected_by'),
  rejectedAt: instant('rejected_at'),
  rejectionReason: text('rejection_reason'),
  refundedBy: text('refunded_by'),
  refundedAt: instant('refunded_at'),
  refundReason: text('refund_reason'),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
export type PaymentRow = typeof payments.$inferSelect;

export const providerPayments = duesSchema.table(
  'provider_payments',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    provider: text('provider').notNull(),
    providerPaymentId: text('provider_payment_id').notNull(),
    paymentId: text('payment_id').notNull(),
    status: text('status').$type<ProviderPaymentStatus>().notNull(),
    qrPayload: text('qr_payload'),
    paymentUrl: text('payment_url'),
    expiresAt: instant('expires_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.providerPaymentId] })],
);
export type ProviderPaymentRow = typeof providerPayments.$inferSelect;

export const providerEvents = duesSchema.table(
  'provider_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.eventId] })],
);

export const reminders = duesSchema.table(
  'reminders',
  {
    memberId: text('member_id').notNull(),
    period: text('period').notNull(),
    offsetDays: integer('offset_days').notNull(),
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.period, table.offsetDays] })],
);

export interface ImportRowError {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export const imports = duesSchema.table('imports', {
  id: text('id').primaryKey(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  format: text('format').$type<'csv' | 'xlsx'>().notNull(),
  dryRun: boolean('dry_run').notNull(),
  status: text('status').$type<'running' | 'completed' | 'failed'>().notNull(),
  totalRows: integer('total_rows').notNull(),
  processedRows: integer('processed_rows').notNull(),
  createdMembers: integer('created_members').notNull(),
  updatedMembers: integer('updated_members').notNull(),
  paymentsCreated: integer('payments_created').notNull(),
  errors: jsonb('errors').$type<ImportRowError[]>().notNull(),
  startedBy: text('started_by').notNull(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
});
export type ImportRow = typeof imports.$inferSelect;

export const pages = duesSchema.table(
  'pages',
  {
    slug: text('slug').$type<PageSlug>().notNull(),
    locale: text('locale').$type<PageLocale>().notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.slug, table.locale, table.version] })],
);
export type PageRow = typeof pages.$inferSelect;
