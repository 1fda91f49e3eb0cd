import { bigint, boolean, integer, jsonb, numeric, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const conversionsSchema = pgSchema('conversions');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Minor units; numeric(39,0) comes back as a string and is turned into bigint at the edges. */
const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });

export const NETWORK_KINDS = ['admitad', 's2s', 'signed', 'sandbox', 'direct'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const CONVERSION_STATES = ['pending', 'approved', 'declined', 'paid', 'reversed'] as const;
export type ConversionState = (typeof CONVERSION_STATES)[number];
/** What a network can say about an action; `reversed` is ours (declined after approval). */
export type ReportedState = 'pending' | 'approved' | 'declined' | 'paid';

export type AttributionStatus = 'attributed' | 'unattributed' | 'probable' | 'rejected';
export type UnattributedReason = 'no-click' | 'unknown-click' | 'anonymous-click' | 'partner-mismatch';
export type Product = 'loyalty' | 'cpa';
export type Attribution = 'click' | 'staff' | 'probable';

export const INBOX_SOURCES = ['postback', 'poll', 'pixel', 'api'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];
export type InboxAuth = 'signature' | 'secret' | 'publishable-key' | 'poll';
export const INBOX_OUTCOMES = [
  'created',
  'changed',
  'duplicate',
  'stale',
  'ignored',
  'rejected',
  'failed',
] as const;
export type InboxOutcome = (typeof INBOX_OUTCOMES)[number];

/** Internal field -> the network's parameter name. */
export interface ParameterMapping {
  readonly clickId: string;
  readonly actionId: string;
  readonly orderId: string;
  readonly commission: string;
  readonly orderAmount: string;
  readonly currency: string;
  readonly status: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly occurredAt: string;
  readonly statusUpdatedAt: string;
  /** Where a network that cannot sign puts our secret (`?secret=…`). */
  readonly secret: string;
}

/** The network's status word (lower case) -> what it means to us. */
export type StatusMapping = Readonly<Record<string, ReportedState>>;

export const networks = conversionsSchema.table('networks', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').$type<NetworkKind>().notNull(),
  secretCiphertext: text('secret_ciphertext').notNull(),
  ipAllowlist: text('ip_allowlist').array().notNull(),
  parameterMapping: jsonb('parameter_mapping').$type<ParameterMapping>().notNull(),
  statusMapping: jsonb('status_mapping').$type<StatusMapping>().notNull(),
  defaultCurrency: text('default_currency').notNull(),
  partnerId: text('partner_id'),
  publishableKey: text('publishable_key').unique(),
  allowedOrigins: text('allowed_origins').array().notNull(),
  pollingUrl: text('polling_url'),
  pollingTokenCiphertext: text('polling_token_ciphertext'),
  pollingEnabled: boolean('polling_enabled').notNull(),
  polledUntil: instant('polled_until'),
  active: boolean('active').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const inbox = conversionsSchema.table('inbox', {
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
  id: text('id').notNull().unique(),
  networkId: text('network_id').notNull(),
  source: text('source').$type<InboxSource>().notNull(),
  receivedAt: instant('received_at').notNull(),
  method: text('method').notNull(),
  query: text('query').notNull(),
  body: text('body').notNull(),
  contentType: text('content_type'),
  headers: jsonb('headers').$type<Record<string, string>>().notNull(),
  remoteIp: text('remote_ip'),
  auth: text('auth').$type<InboxAuth>().notNull(),
  digest: text('digest'),
  derivedCommission: amount('derived_commission'),
  processedAt: instant('processed_at'),
  outcome: text('outcome').$type<InboxOutcome>(),
  conversionId: text('conversion_id'),
  errorCode: text('error_code'),
});

export const conversions = conversionsSchema.table('conversions', {
  id: text('id').primaryKey(),
  networkId: text('network_id').notNull(),
  actionId: text('action_id').notNull(),
  orderId: text('order_id'),
  partnerId: text('partner_id'),
  userId: text('user_id'),
  clickId: text('click_id'),
  product: text('product').$type<Product>(),
  attribution: text('attribution').$type<Attribution>(),
  attributionStatus: text('attribution_status').$type<AttributionStatus>().notNull(),
  unattributedReason: text('unattributed_reason').$type<UnattributedReason>(),
  probableUserId: text('probable_user_id'),
  probableClickId: text('probable_click_id'),
  probableProduct: text('probable_product').$type<Product>(),
  state: text('state').$type<ConversionState>().notNull(),
  networkStatus: text('network_status').notNull(),
  commission: amount('commission').notNull(),
  orderAmount: amount('order_amount'),
  currency: text('currency').notNull(),
  occurredAt: instant('occurred_at').notNull(),
  statusUpdatedAt: instant('status_updated_at'),
  lastReportSeq: bigint('last_report_seq', { mode: 'number' }),
  revision: integer('revision').notNull(),
  publishedState: text('published_state').$type<ConversionState>(),
  publishedCommission: amount('published_commission').notNull(),
  changeCount: integer('change_count').notNull(),
  resolvedBy: text('resolved_by'),
  resolvedAt: instant('resolved_at'),
  resolutionNote: text('resolution_note'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const changes = conversionsSchema.table('changes', {
  conversionId: text('conversion_id').notNull(),
  seq: integer('seq').notNull(),
  at: instant('at').notNull(),
  kind: text('kind').$type<'state' | 'amount' | 'attribution'>().notNull(),
  state: text('state').$type<ConversionState>().notNull(),
  previousState: text('previous_state').$type<ConversionState>(),
  commission: amount('commission').notNull(),
  previousCommission: amount('previous_commission'),
  inboxId: text('inbox_id'),
  actor: text('actor').notNull(),
  revision: integer('revision'),
  eventId: text('event_id'),
});

export type NetworkRow = typeof networks.$inferSelect;
export type InboxRow = typeof inbox.$inferSelect;
export type ConversionRow = typeof conversions.$inferSelect;
export type ChangeRow = typeof changes.$inferSelect;
