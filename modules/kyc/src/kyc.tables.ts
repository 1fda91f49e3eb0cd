import { bigint, boolean, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { KycReason, KycStatus } from './kyc-status.ts';

export const kycSchema = pgSchema('kyc');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const subjects = kycSchema.table('subjects', {
  userId: text('user_id').primaryKey(),
  currentCaseId: text('current_case_id'),
  verifiedCaseId: text('verified_case_id'),
  attemptsUsed: integer('attempts_used').notNull().default(0),
  attemptsGranted: integer('attempts_granted').notNull().default(0),
  closedAt: at('closed_at'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type PendingStep = 'create-session' | 'upload-document' | 'submit-liveness';
export type DocumentType = 'id_card' | 'passport';

export const cases = kycSchema.table('cases', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  attempt: integer('attempt').notNull(),
  status: text('status').$type<Exclude<KycStatus, 'not_started'>>().notNull(),
  reason: text('reason').$type<KycReason>(),
  iinCiphertext: text('iin_ciphertext'),
  iinIndex: text('iin_index'),
  iinMasked: text('iin_masked').notNull(),
  consentVersion: text('consent_version').notNull(),
  consentGivenAt: at('consent_given_at').notNull(),
  declaredResident: boolean('declared_resident').notNull(),
  provider: text('provider').notNull(),
  providerSessionId: text('provider_session_id'),
  pendingStep: text('pending_step').$type<PendingStep>(),
  retryCount: integer('retry_count').notNull().default(0),
  nextRetryAt: at('next_retry_at'),
  lastPolledAt: at('last_polled_at'),
  documentType: text('document_type').$type<DocumentType>(),
  recognisedCiphertext: text('recognised_ciphertext'),
  personCiphertext: text('person_ciphertext'),
  providerChecks: jsonb('provider_checks').$type<Record<string, unknown>>(),
  decidedBy: text('decided_by'),
  decisionNote: text('decision_note'),
  decidedAt: at('decided_at'),
  verifiedAt: at('verified_at'),
  purgedAt: at('purged_at'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type CaseRow = typeof cases.$inferSelect;

export type DocumentSide = 'front' | 'back' | 'main' | 'selfie';
export type ImageContentType = 'image/jpeg' | 'image/png';

export const documents = kycSchema.table('documents', {
  id: text('id').primaryKey(),
  caseId: text('case_id').notNull(),
  side: text('side').$type<DocumentSide>().notNull(),
  contentType: text('content_type').$type<ImageContentType>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  storageKey: text('storage_key').notNull(),
  keyCiphertext: text('key_ciphertext'),
  sentToProviderAt: at('sent_to_provider_at'),
  createdAt: at('created_at').notNull(),
  purgedAt: at('purged_at'),
});

export type DocumentRow = typeof documents.$inferSelect;

export const providerEvents = kycSchema.table(
  'provider_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    sessionId: text('session_id').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.eventId] })],
);

export const journal = kycSchema.table('journal', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull(),
  occurredAt: at('occurred_at').notNull(),
  actor: text('actor').notNull(),
  operation: text('operation').notNull(),
  caseId: text('case_id'),
  userId: text('user_id'),
  maskedIin: text('masked_iin'),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  result: text('result'),
  reason: text('reason'),
  providerReference: text('provider_reference'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export type JournalRow = typeof journal.$inferSelect;

export const journalHead = kycSchema.table('journal_head', {
  singleton: boolean('singleton').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
