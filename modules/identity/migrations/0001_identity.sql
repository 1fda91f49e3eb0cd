-- Accounts, credentials, sessions and the abuse counters of the identity module.
-- Personal data (email, phone, full name, TOTP secrets) is stored only as Encryptor ciphertext;
-- lookups go through blind indexes (keyed HMAC), never through the clear value.
CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE identity.users (
  id                            text PRIMARY KEY,
  status                        text NOT NULL
    CHECK (status IN ('pending_verification', 'active', 'blocked', 'deletion_requested', 'erased')),
  email_ciphertext              text,
  email_index                   text,
  email_verified_at             timestamptz,
  phone_ciphertext              text,
  phone_index                   text,
  phone_verified_at             timestamptz,
  full_name_ciphertext          text,
  password_hash                 text,
  password_changed_at           timestamptz,
  locale                        text NOT NULL CHECK (locale IN ('ru', 'kk', 'en')),
  totp_secret_ciphertext        text,
  totp_enabled_at               timestamptz,
  totp_last_used_step           bigint,
  totp_pending_secret_ciphertext text,
  blocked_reason                text,
  blocked_at                    timestamptz,
  blocked_by                    text,
  deletion_requested_at         timestamptz,
  erased_at                     timestamptz,
  created_at                    timestamptz NOT NULL,
  updated_at                    timestamptz NOT NULL,
  -- An account is reachable by at least one contact point until it is erased.
  CHECK (status = 'erased' OR email_index IS NOT NULL OR phone_index IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_index ON identity.users (email_index) WHERE email_index IS NOT NULL;
CREATE UNIQUE INDEX users_phone_index ON identity.users (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX users_deletion_due ON identity.users (deletion_requested_at) WHERE status = 'deletion_requested';

CREATE TABLE identity.user_roles (
  user_id    text NOT NULL REFERENCES identity.users (id),
  role       text NOT NULL CHECK (role IN ('member', 'admin', 'cashier', 'content_manager', 'support',
                                           'compliance_officer', 'partner_manager')),
  granted_at timestamptz NOT NULL,
  granted_by text NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- The published versions of the documents a user must accept; the latest published one is current.
CREATE TABLE identity.legal_documents (
  document     text NOT NULL CHECK (document IN ('terms', 'privacy')),
  version      text NOT NULL,
  url          text NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (document, version)
);
INSERT INTO identity.legal_documents (document, version, url, published_at) VALUES
  ('terms', '2026-01-01', '/legal/terms/2026-01-01', '2026-01-01T00:00:00Z'),
  ('privacy', '2026-01-01', '/legal/privacy/2026-01-01', '2026-01-01T00:00:00Z');

-- Evidence of consent: which version of which document, when and from which address.
CREATE TABLE identity.consents (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES identity.users (id),
  document    text NOT NULL,
  version     text NOT NULL,
  accepted_at timestamptz NOT NULL,
  ip          text,
  FOREIGN KEY (document, version) REFERENCES identity.legal_documents (document, version)
);
CREATE INDEX consents_user ON identity.consents (user_id);

-- One-time codes sent to a phone or an email; only a keyed hash of the code is kept.
CREATE TABLE identity.verification_codes (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES identity.users (id),
  purpose     text NOT NULL CHECK (purpose IN ('verify-email', 'verify-phone', 'reset-password')),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  expires_at  timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at  timestamptz NOT NULL,
  -- The notifications message that carried it, so support can see whether it was delivered.
  message_id  text
);
CREATE INDEX verification_codes_open ON identity.verification_codes (user_id, purpose, created_at)
  WHERE consumed_at IS NULL;

-- A session is one sign-in on one device: a web cookie, an API client's refresh-token family,
-- or a device authorized through the device grant. Revoking it ends every token issued under it.
CREATE TABLE identity.sessions (
  id               text PRIMARY KEY,
  user_id          text NOT NULL REFERENCES identity.users (id),
  kind             text NOT NULL CHECK (kind IN ('web', 'api', 'device')),
  token_hash       text UNIQUE,
  client           text NOT NULL,
  scopes           text[] NOT NULL,
  ip               text,
  user_agent       text,
  created_at       timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  second_factor_at timestamptz,
  revoked_at       timestamptz,
  revoked_reason   text
);
CREATE INDEX sessions_user ON identity.sessions (user_id, created_at) WHERE revoked_at IS NULL;

CREATE TABLE identity.refresh_tokens (
  id         text PRIMARY KEY,
  session_id text NOT NULL REFERENCES identity.sessions (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session ON identity.refresh_tokens (session_id);

CREATE TABLE identity.backup_codes (
  id         text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES identity.users (id),
  code_hash  text NOT NULL,
  created_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX backup_codes_user ON identity.backup_codes (user_id) WHERE used_at IS NULL;

-- RFC 8628 device authorization requests.
CREATE TABLE identity.device_authorizations (
  id               text PRIMARY KEY,
  device_code_hash text NOT NULL UNIQUE,
  user_code        text NOT NULL,
  client_id        text NOT NULL,
  scopes           text[] NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'consumed')),
  user_id          text REFERENCES identity.users (id),
  session_id       text REFERENCES identity.sessions (id),
  interval_seconds integer NOT NULL,
  expires_at       timestamptz NOT NULL,
  last_polled_at   timestamptz,
  decided_at       timestamptz,
  created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX device_authorizations_pending_code ON identity.device_authorizations (user_code)
  WHERE status = 'pending';

CREATE TABLE identity.api_keys (
  id           text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES identity.users (id),
  name         text NOT NULL,
  prefix       text NOT NULL UNIQUE,
  secret_hash  text NOT NULL,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_user ON identity.api_keys (user_id, created_at);

-- Failure counters per (action, IP) and (action, account) for challenges and exponential lockout.
-- Keys hold blind indexes, never an address or an IP in clear.
CREATE TABLE identity.throttles (
  key             text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);

-- ALTCHA challenges already redeemed, kept until they expire so none can be replayed.
CREATE TABLE identity.used_challenges (
  signature  text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
