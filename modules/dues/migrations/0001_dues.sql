-- Membership dues: members, the fee schedule and settings, payments per period with the provider's
-- payment attempts and webhook events, reminders sent, imports, and the versioned content pages.
CREATE SCHEMA dues;

CREATE FUNCTION dues.is_period(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT value ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
$$;

-- The fee and the deadline, versioned by the first period they apply to: a change is a new row for a
-- future period, so a month already under way keeps the amount members were told.
CREATE TABLE dues.fee_schedule (
  id             text PRIMARY KEY,
  effective_from text NOT NULL UNIQUE CHECK (dues.is_period(effective_from)),
  amount         numeric(39, 0) NOT NULL CHECK (amount > 0),
  currency       text NOT NULL CHECK (currency ~ '^[A-Z][A-Z0-9]{1,11}$'),
  deadline_day   integer NOT NULL CHECK (deadline_day BETWEEN 1 AND 28),
  created_at     timestamptz NOT NULL,
  created_by     text NOT NULL
);
INSERT INTO dues.fee_schedule (id, effective_from, amount, currency, deadline_day, created_at, created_by)
VALUES ('dfs_default', '2000-01', 200000, 'KZT', 10, now(), 'system:migration');

-- One row: what the community shows and allows; changes take effect at once and are audited.
CREATE TABLE dues.settings (
  id               boolean PRIMARY KEY DEFAULT true CHECK (id),
  community_name   jsonb NOT NULL,
  previous_months  integer NOT NULL CHECK (previous_months BETWEEN 0 AND 24),
  future_months    integer NOT NULL CHECK (future_months BETWEEN 0 AND 24),
  requisites       jsonb,
  reminder_offsets integer[] NOT NULL,
  updated_at       timestamptz NOT NULL,
  updated_by       text NOT NULL
);
INSERT INTO dues.settings (community_name, previous_months, future_months, requisites, reminder_offsets, updated_at, updated_by)
VALUES ('{"ru": "Община", "kk": "Қауымдастық", "en": "Community"}', 1, 2, NULL, '{-3,0,1}', now(), 'system:migration');

-- Personal data is ciphertext bound to the member id; lookups go through blind indexes.
CREATE TABLE dues.members (
  id                   text PRIMARY KEY,
  number               integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  user_id              text UNIQUE,
  full_name_ciphertext text NOT NULL,
  phone_ciphertext     text NOT NULL,
  phone_index          text NOT NULL UNIQUE,
  email_ciphertext     text,
  iin_ciphertext       text,
  iin_index            text UNIQUE,
  city                 text CHECK (char_length(city) BETWEEN 1 AND 100),
  preferred_channel    text NOT NULL CHECK (preferred_channel IN ('sms', 'whatsapp', 'email', 'in_app')),
  reminders_enabled    boolean NOT NULL,
  locale               text NOT NULL CHECK (locale IN ('ru', 'kk', 'en')),
  joined_period        text NOT NULL CHECK (dues.is_period(joined_period)),
  staff_status         text NOT NULL CHECK (staff_status IN ('none', 'suspended', 'blocked')),
  staff_status_reason  text CHECK (char_length(staff_status_reason) <= 500),
  source               text NOT NULL CHECK (source IN ('registration', 'import', 'staff')),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK ((staff_status = 'none') = (staff_status_reason IS NULL))
);
CREATE INDEX members_city ON dues.members (city);

CREATE TABLE dues.payments (
  id                      text PRIMARY KEY,
  member_id               text NOT NULL REFERENCES dues.members (id),
  period                  text NOT NULL CHECK (dues.is_period(period)),
  amount                  numeric(39, 0) NOT NULL CHECK (amount > 0),
  currency                text NOT NULL,
  status                  text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'refunded')),
  method                  text NOT NULL CHECK (method IN ('kaspi_transfer', 'kaspi_qr', 'manual', 'other')),
  -- What a member quotes in a bank transfer so the cashier can match it.
  reference               text NOT NULL UNIQUE,
  note                    text CHECK (char_length(note) <= 1000),
  receipt_key             text,
  receipt_content_type    text,
  receipt_bytes           integer,
  receipt_data_key        text,
  receipt_uploaded_at     timestamptz,
  ledger_transfer_id      text,
  confirmed_by            text,
  confirmed_at            timestamptz,
  rejected_by             text,
  rejected_at             timestamptz,
  rejection_reason        text CHECK (char_length(rejection_reason) <= 500),
  refunded_by             text,
  refunded_at             timestamptz,
  refund_reason           text CHECK (char_length(refund_reason) <= 500),
  created_by              text NOT NULL,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  CHECK ((status IN ('confirmed', 'refunded')) = (confirmed_at IS NOT NULL AND ledger_transfer_id IS NOT NULL)),
  CHECK ((status = 'rejected') = (rejected_at IS NOT NULL)),
  CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
  CHECK ((receipt_key IS NULL) = (receipt_data_key IS NULL))
);
-- The rule of the product: at most one confirmed payment per member and period, and one open one.
CREATE UNIQUE INDEX payments_one_confirmed ON dues.payments (member_id, period) WHERE status = 'confirmed';
CREATE UNIQUE INDEX payments_one_pending ON dues.payments (member_id, period) WHERE status = 'pending';
CREATE INDEX payments_status_period ON dues.payments (status, period, created_at);
CREATE INDEX payments_member ON dues.payments (member_id, period);

-- Each attempt at the payment provider (a QR or a link); a payment may get a new one after expiry.
CREATE TABLE dues.provider_payments (
  -- Creation order, also between attempts made within the same instant.
  seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  provider            text NOT NULL,
  provider_payment_id text NOT NULL,
  payment_id          text NOT NULL REFERENCES dues.payments (id),
  status              text NOT NULL CHECK (status IN ('created', 'paid', 'failed', 'expired', 'amount-mismatch')),
  qr_payload          text,
  payment_url         text,
  expires_at          timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (provider, provider_payment_id)
);
CREATE INDEX provider_payments_payment ON dues.provider_payments (payment_id, seq);
CREATE INDEX provider_payments_open ON dues.provider_payments (status, created_at) WHERE status = 'created';

-- Webhook deliveries already applied: claimed in the same transaction as their effect.
CREATE TABLE dues.provider_events (
  provider    text NOT NULL,
  event_id    text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE dues.reminders (
  member_id   text NOT NULL REFERENCES dues.members (id),
  period      text NOT NULL CHECK (dues.is_period(period)),
  offset_days integer NOT NULL,
  channel     text NOT NULL,
  message_id  text NOT NULL,
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (member_id, period, offset_days)
);

CREATE TABLE dues.imports (
  id               text PRIMARY KEY,
  file_name        text NOT NULL,
  file_sha256      text NOT NULL,
  format           text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  dry_run          boolean NOT NULL,
  status           text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  total_rows       integer NOT NULL,
  processed_rows   integer NOT NULL,
  created_members  integer NOT NULL,
  updated_members  integer NOT NULL,
  payments_created integer NOT NULL,
  errors           jsonb NOT NULL,
  started_by       text NOT NULL,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz
);

-- Content pages in ru and kk; every save is a new version, earlier versions never change.
CREATE TABLE dues.pages (
  slug       text NOT NULL CHECK (slug IN ('home', 'about', 'rules', 'contacts', 'privacy')),
  locale     text NOT NULL CHECK (locale IN ('ru', 'kk')),
  version    integer NOT NULL CHECK (version >= 1),
  title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body       text NOT NULL CHECK (char_length(body) <= 100000),
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (slug, locale, version)
);

CREATE FUNCTION dues.reject_page_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dues.pages is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER pages_no_update_delete BEFORE UPDATE OR DELETE ON dues.pages
  FOR EACH ROW EXECUTE FUNCTION dues.reject_page_change();
CREATE TRIGGER pages_no_truncate BEFORE TRUNCATE ON dues.pages
  FOR EACH STATEMENT EXECUTE FUNCTION dues.reject_page_change();
