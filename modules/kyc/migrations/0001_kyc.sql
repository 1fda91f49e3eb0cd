-- KYC by IIN. Personal data (IIN, names, birth date, document numbers, image keys) is stored only
-- as Encryptor ciphertext; the IIN is found again through a keyed blind index. The journal is an
-- append-only, hash-chained record of every KYC operation for the regulator.
CREATE SCHEMA IF NOT EXISTS kyc;

-- One row per user who ever started KYC: serialises that user's attempts (SELECT … FOR UPDATE).
CREATE TABLE kyc.subjects (
  user_id            text PRIMARY KEY,
  current_case_id    text,
  verified_case_id   text,
  attempts_used      integer NOT NULL DEFAULT 0 CHECK (attempts_used >= 0),
  attempts_granted   integer NOT NULL DEFAULT 0 CHECK (attempts_granted >= 0),
  closed_at          timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX subjects_closed ON kyc.subjects (closed_at) WHERE closed_at IS NOT NULL;

-- One row per attempt.
CREATE TABLE kyc.cases (
  id                    text PRIMARY KEY,
  user_id               text NOT NULL REFERENCES kyc.subjects (user_id),
  attempt               integer NOT NULL CHECK (attempt >= 1),
  status                text NOT NULL CHECK (status IN ('iin_submitted', 'awaiting_document',
                          'awaiting_liveness', 'state_check', 'verified', 'rejected', 'rejected_final',
                          'manual_review', 'provider_unavailable')),
  reason                text,
  iin_ciphertext        text,
  iin_index             text,
  iin_masked            text NOT NULL CHECK (iin_masked ~ '^[0-9]{6}\*{6}$'),
  consent_version       text NOT NULL,
  consent_given_at      timestamptz NOT NULL,
  declared_resident     boolean NOT NULL,
  provider              text NOT NULL,
  provider_session_id   text,
  pending_step          text CHECK (pending_step IN ('create-session', 'upload-document', 'submit-liveness')),
  retry_count           integer NOT NULL DEFAULT 0,
  next_retry_at         timestamptz,
  last_polled_at        timestamptz,
  document_type         text CHECK (document_type IN ('id_card', 'passport')),
  recognised_ciphertext text,
  person_ciphertext     text,
  provider_checks       jsonb,
  decided_by            text,
  decision_note         text,
  decided_at            timestamptz,
  verified_at           timestamptz,
  purged_at             timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  UNIQUE (user_id, attempt)
);
-- An IIN is verified on at most one account at a time; a second one goes to manual review.
CREATE UNIQUE INDEX cases_one_verified_per_iin ON kyc.cases (iin_index) WHERE status = 'verified';
CREATE INDEX cases_iin_index ON kyc.cases (iin_index);
CREATE INDEX cases_status ON kyc.cases (status, updated_at);
CREATE INDEX cases_retry_due ON kyc.cases (next_retry_at) WHERE status = 'provider_unavailable';
CREATE UNIQUE INDEX cases_provider_session ON kyc.cases (provider, provider_session_id);

-- Document images and selfies. The bytes live in the document store, encrypted with a per-file data
-- key; only the wrapped key is here, so deleting it makes every copy of the file unreadable.
CREATE TABLE kyc.documents (
  id                   text PRIMARY KEY,
  case_id              text NOT NULL REFERENCES kyc.cases (id),
  side                 text NOT NULL CHECK (side IN ('front', 'back', 'main', 'selfie')),
  content_type         text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  size_bytes           integer NOT NULL,
  storage_key          text NOT NULL,
  key_ciphertext       text,
  sent_to_provider_at  timestamptz,
  created_at           timestamptz NOT NULL,
  purged_at            timestamptz
);
CREATE INDEX documents_case ON kyc.documents (case_id, created_at);

-- Webhook deliveries already applied: a redelivery inside the replay window is recognised and ignored.
CREATE TABLE kyc.provider_events (
  provider     text NOT NULL,
  event_id     text NOT NULL,
  session_id   text NOT NULL,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE kyc.journal (
  seq                 bigint PRIMARY KEY,
  id                  text NOT NULL UNIQUE,
  occurred_at         timestamptz NOT NULL,
  actor               text NOT NULL,
  operation           text NOT NULL,
  case_id             text,
  user_id             text,
  masked_iin          text CHECK (masked_iin ~ '^[0-9]{6}\*{6}$'),
  from_status         text,
  to_status           text,
  result              text,
  reason              text,
  provider_reference  text,
  prev_hash           text NOT NULL,
  hash                text NOT NULL
);
CREATE INDEX journal_occurred ON kyc.journal (occurred_at, seq);
CREATE INDEX journal_case ON kyc.journal (case_id, seq);

-- The newest seq and hash. Appenders lock this row inside their transaction, which makes them take
-- turns for exactly as long as the transaction that writes the entry.
CREATE TABLE kyc.journal_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq        bigint NOT NULL,
  hash       text NOT NULL
);
INSERT INTO kyc.journal_head (singleton, seq, hash) VALUES (true, 0, repeat('0', 64));

CREATE FUNCTION kyc.reject_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kyc.journal is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER journal_no_update_delete BEFORE UPDATE OR DELETE ON kyc.journal
  FOR EACH ROW EXECUTE FUNCTION kyc.reject_journal_change();
-- TRUNCATE does not fire row triggers, so it needs its own.
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON kyc.journal
  FOR EACH STATEMENT EXECUTE FUNCTION kyc.reject_journal_change();
