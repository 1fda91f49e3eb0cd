import { bigint, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const identitySchema = pgSchema('identity');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = identitySchema.table('users', {
  id: text('id').primaryKey(),
  status: text('status').$type<AccountStatus>().notNull(),
  emailCiphertext: text('email_ciphertext'),
  emailIndex: text('email_index'),
  emailVerifiedAt: instant('email_verified_at'),
  phoneCiphertext: text('phone_ciphertext'),
  phoneIndex: text('phone_index'),
  phoneVerifiedAt: instant('phone_verified_at'),
  fullNameCiphertext: text('full_name_ciphertext'),
  passwordHash: text('password_hash'),
  passwordChangedAt: instant('password_changed_at'),
  locale: text('locale').notNull(),
  totpSecretCiphertext: text('totp_secret_ciphertext'),
  totpEnabledAt: instant('totp_enabled_at'),
  totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
  totpPendingSecretCiphertext: text('totp_pending_secret_ciphertext'),
  blockedReason: text('blocked_reason'),
  blockedAt: instant('blocked_at'),
  blockedBy: text('blocked_by'),
  deletionRequestedAt: instant('deletion_requested_at'),
  erasedAt: instant('erased_at'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export type AccountStatus = 'pending_verification' | 'active' | 'blocked' | 'deletion_requested' | 'erased';
export type UserRow = typeof users.$inferSelect;

export const userRoles = identitySchema.table(
  'user_roles',
  {
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    grantedAt: instant('granted_at').notNull(),
    grantedBy: text('granted_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.role] })],
);

export const legalDocuments = identitySchema.table(
  'legal_documents',
  {
    document: text('document').notNull(),
    version: text('version').notNull(),
    url: text('url').notNull(),
    publishedAt: instant('published_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.document, table.version] })],
);

export const consents = identitySchema.table('consents', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  document: text('document').notNull(),
  version: text('version').notNull(),
  acceptedAt: instant('accepted_at').notNull(),
  ip: text('ip'),
});

export type CodePurpose =
  'verify-email' | 'verify-phone' | 'reset-password' | 'change-email' | 'change-phone';
export type CodeChannel = 'email' | 'sms';

export const verificationCodes = identitySchema.table('verification_codes', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  purpose: text('purpose').$type<CodePurpose>().notNull(),
  channel: text('channel').$type<CodeChannel>().notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: instant('expires_at').notNull(),
  consumedAt: instant('consumed_at'),
  createdAt: instant('created_at').notNull(),
  messageId: text('message_id'),
  /** The new address a `change-*` code proves, sealed to `<userId>:pending_<email|phone>`. */
  pendingAddressCiphertext: text('pending_address_ciphertext'),
});

export type SessionKind = 'web' | 'api' | 'device';

export const sessions = identitySchema.table('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  kind: text('kind').$type<SessionKind>().notNull(),
  tokenHash: text('token_hash'),
  client: text('client').notNull(),
  scopes: text('scopes').array().notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: instant('created_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  secondFactorAt: instant('second_factor_at'),
  revokedAt: instant('revoked_at'),
  revokedReason: text('revoked_reason'),
});

export type SessionRow = typeof sessions.$inferSelect;

export const refreshTokens = identitySchema.table('refresh_tokens', {
  id: text('id').primaryKey(),
  sessionId: text('session_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  rotatedAt: instant('rotated_at'),
});

export const backupCodes = identitySchema.table('backup_codes', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  createdAt: instant('created_at').notNull(),
  usedAt: instant('used_at'),
});

export type DeviceAuthorizationStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export const deviceAuthorizations = identitySchema.table('device_authorizations', {
  id: text('id').primaryKey(),
  deviceCodeHash: text('device_code_hash').notNull(),
  userCode: text('user_code').notNull(),
  clientId: text('client_id').notNull(),
  scopes: text('scopes').array().notNull(),
  status: text('status').$type<DeviceAuthorizationStatus>().notNull(),
  userId: text('user_id'),
  sessionId: text('session_id'),
  intervalSeconds: integer('interval_seconds').notNull(),
  expiresAt: instant('expires_at').notNull(),
  lastPolledAt: instant('last_polled_at'),
  decidedAt: instant('decided_at'),
  createdAt: instant('created_at').notNull(),
});

export type DeviceAuthorizationRow = typeof deviceAuthorizations.$inferSelect;

export const apiKeys = identitySchema.table('api_keys', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull(),
  scopes: text('scopes').array().notNull(),
  createdAt: instant('created_at').notNull(),
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const throttles = identitySchema.table('throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: instant('last_failure_at').notNull(),
  lockedUntil: instant('locked_until'),
});

export const usedChallenges = identitySchema.table('used_challenges', {
  signature: text('signature').primaryKey(),
  expiresAt: instant('expires_at').notNull(),
});
