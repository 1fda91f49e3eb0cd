import { bigint, boolean, integer, jsonb, numeric, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Drizzle views of the ledger schema for reads. Writes go through hand-written SQL in
 * ledger.repository.ts (one statement per batch, arrays through unnest) and the schema's triggers.
 */
export const ledgerSchema = pgSchema('ledger');

const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const assets = ledgerSchema.table('assets', {
  code: text('code').primaryKey(),
  decimals: integer('decimals').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const accounts = ledgerSchema.table('accounts', {
  id: text('id').primaryKey(),
  asset: text('asset').notNull(),
  owner: text('owner').notNull(),
  code: text('code').notNull(),
  debitsMustNotExceedCredits: boolean('debits_must_not_exceed_credits').notNull().default(false),
  creditsMustNotExceedDebits: boolean('credits_must_not_exceed_debits').notNull().default(false),
  closed: boolean('closed').notNull().default(false),
  debitsPosted: amount('debits_posted').notNull().default('0'),
  creditsPosted: amount('credits_posted').notNull().default('0'),
  debitsPending: amount('debits_pending').notNull().default('0'),
  creditsPending: amount('credits_pending').notNull().default('0'),
  headTransferId: text('head_transfer_id'),
  createdAt: instant('created_at').notNull(),
});

export const transfers = ledgerSchema.table('transfers', {
  seq: bigint('seq', { mode: 'bigint' }).notNull(),
  id: text('id').primaryKey(),
  batchId: text('batch_id'),
  kind: text('kind').notNull(),
  debitAccountId: text('debit_account_id').notNull(),
  creditAccountId: text('credit_account_id').notNull(),
  asset: text('asset').notNull(),
  amount: amount('amount').notNull(),
  pendingId: text('pending_id'),
  pendingAmount: amount('pending_amount'),
  timeoutAt: instant('timeout_at'),
  reversesId: text('reverses_id'),
  code: text('code').notNull(),
  metadata: jsonb('metadata').notNull(),
  createdAt: instant('created_at').notNull(),
  debitPrevId: text('debit_prev_id'),
  creditPrevId: text('credit_prev_id'),
  debitBalance: numeric('debit_balance', { precision: 40, scale: 0 }).notNull(),
  creditBalance: numeric('credit_balance', { precision: 40, scale: 0 }).notNull(),
  hash: text('hash').notNull(),
  txid: bigint('txid', { mode: 'bigint' }).notNull(),
});

export const requests = ledgerSchema.table('requests', {
  id: text('id').primaryKey(),
  requestHash: text('request_hash').notNull(),
  request: jsonb('request').notNull(),
  outcome: text('outcome').notNull(),
  errorCode: text('error_code'),
  errorParams: jsonb('error_params'),
  createdAt: instant('created_at').notNull(),
});

export const blocks = ledgerSchema.table('blocks', {
  number: bigint('number', { mode: 'number' }).primaryKey(),
  fromTxid: bigint('from_txid', { mode: 'bigint' }).notNull(),
  toTxid: bigint('to_txid', { mode: 'bigint' }).notNull(),
  transferIds: text('transfer_ids').array().notNull(),
  transferHashes: text('transfer_hashes').array().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: instant('sealed_at').notNull(),
});

export type AccountRow = typeof accounts.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type BlockRow = typeof blocks.$inferSelect;
