-- Conversions: the networks that report orders, the append-only inbox of every report received, the
-- conversions (one per network action) and the append-only history of their changes.
CREATE SCHEMA IF NOT EXISTS conversions;

CREATE TABLE conversions.networks (
  id                        text PRIMARY KEY,
  key                       text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name                      text NOT NULL,
  kind                      text NOT NULL CHECK (kind IN ('admitad', 's2s', 'signed', 'sandbox', 'direct')),
  -- Encryptor token (AES-256-GCM envelope); the secret signs or authenticates the network's reports.
  secret_ciphertext         text NOT NULL,
  -- Addresses and CIDR blocks reports may come from; empty = any.
  ip_allowlist              text[] NOT NULL DEFAULT '{}',
  parameter_mapping         jsonb NOT NULL,
  status_mapping            jsonb NOT NULL,
  default_currency          text NOT NULL,
  -- The only partner this network reports for (retailers without a network), or null.
  partner_id                text,
  -- Retailers without a network: the public key of the pixel and S2S API, and the pixel's origins.
  publishable_key           text UNIQUE,
  allowed_origins           text[] NOT NULL DEFAULT '{}',
  polling_url               text,
  polling_token_ciphertext  text,
  polling_enabled           boolean NOT NULL DEFAULT false,
  -- End of the last polling window fetched completely; the next window overlaps it.
  polled_until              timestamptz,
  active                    boolean NOT NULL DEFAULT true,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL,
  CHECK (kind <> 'direct' OR (partner_id IS NOT NULL AND publishable_key IS NOT NULL))
);

-- Every authenticated report exactly as it arrived (a poll: the action as the network's API returned
-- it), written before anything else happens. The raw columns never change; processing sets its
-- result columns once. Nothing is deleted.
CREATE TABLE conversions.inbox (
  seq                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id                   text NOT NULL UNIQUE,
  network_id           text NOT NULL REFERENCES conversions.networks (id),
  source               text NOT NULL CHECK (source IN ('postback', 'poll', 'pixel', 'api')),
  received_at          timestamptz NOT NULL,
  method               text NOT NULL,
  -- The query string as sent, a secret parameter redacted.
  query                text NOT NULL,
  body                 text NOT NULL,
  content_type         text,
  headers              jsonb NOT NULL,
  remote_ip            text,
  auth                 text NOT NULL CHECK (auth IN ('signature', 'secret', 'publishable-key', 'poll')),
  -- Polls: a hash of the action, so an action polled again unchanged is stored once.
  digest               text,
  -- Retailers who send no commission: the commission derived from the partner's terms at receipt.
  derived_commission   numeric(39, 0),
  processed_at         timestamptz,
  outcome              text CHECK (outcome IN ('created', 'changed', 'duplicate', 'stale', 'ignored', 'rejected', 'failed')),
  conversion_id        text,
  error_code           text,
  CHECK ((processed_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX inbox_unprocessed ON conversions.inbox (seq) WHERE processed_at IS NULL;
CREATE INDEX inbox_outcome ON conversions.inbox (outcome, seq) WHERE outcome IN ('rejected', 'failed');
CREATE UNIQUE INDEX inbox_poll_digest ON conversions.inbox (network_id, digest) WHERE digest IS NOT NULL;

CREATE FUNCTION conversions.guard_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'conversions.inbox is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.processed_at IS NOT NULL
     OR (NEW.seq, NEW.id, NEW.network_id, NEW.source, NEW.received_at, NEW.method, NEW.query, NEW.body,
         NEW.content_type, NEW.headers, NEW.remote_ip, NEW.auth, NEW.digest, NEW.derived_commission)
        IS DISTINCT FROM
        (OLD.seq, OLD.id, OLD.network_id, OLD.source, OLD.received_at, OLD.method, OLD.query, OLD.body,
         OLD.content_type, OLD.headers, OLD.remote_ip, OLD.auth, OLD.digest, OLD.derived_commission) THEN
    RAISE EXCEPTION 'conversions.inbox keeps requests as received; only an unprocessed row may get its outcome'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER inbox_append_only BEFORE UPDATE OR DELETE ON conversions.inbox
  FOR EACH ROW EXECUTE FUNCTION conversions.guard_inbox();
-- TRUNCATE does not fire row triggers, so it needs its own.
CREATE TRIGGER inbox_no_truncate BEFORE TRUNCATE ON conversions.inbox
  FOR EACH STATEMENT EXECUTE FUNCTION conversions.guard_inbox();

CREATE TABLE conversions.conversions (
  id                      text PRIMARY KEY,
  network_id              text NOT NULL REFERENCES conversions.networks (id),
  action_id               text NOT NULL,
  order_id                text,
  partner_id              text,
  user_id                 text,
  click_id                text,
  product                 text CHECK (product IN ('loyalty', 'cpa')),
  attribution             text CHECK (attribution IN ('click', 'staff', 'probable')),
  -- attributed: has a user and publishes events; unattributed/probable: waits for staff; rejected: never pays.
  attribution_status      text NOT NULL CHECK (attribution_status IN ('attributed', 'unattributed', 'probable', 'rejected')),
  unattributed_reason     text CHECK (unattributed_reason IN ('no-click', 'unknown-click', 'anonymous-click', 'partner-mismatch')),
  probable_user_id        text,
  probable_click_id       text,
  probable_product        text CHECK (probable_product IN ('loyalty', 'cpa')),
  state                   text NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'paid', 'reversed')),
  network_status          text NOT NULL,
  commission              numeric(39, 0) NOT NULL CHECK (commission >= 0),
  order_amount            numeric(39, 0) CHECK (order_amount >= 0),
  currency                text NOT NULL,
  occurred_at             timestamptz NOT NULL,
  -- The network's time of the latest status applied: an older report never overrides a newer one.
  status_updated_at       timestamptz,
  -- The inbox row of the latest report applied: without the network's clock, receipt order decides.
  last_report_seq         bigint,
  -- ConversionChanged revisions published so far, and what the last one said.
  revision                integer NOT NULL DEFAULT 0,
  published_state         text,
  published_commission    numeric(39, 0) NOT NULL DEFAULT 0,
  -- Rows in conversions.changes so far (the next one gets this number plus one).
  change_count            integer NOT NULL DEFAULT 0,
  resolved_by             text,
  resolved_at             timestamptz,
  resolution_note         text,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  UNIQUE (network_id, action_id),
  CHECK (attribution_status <> 'attributed' OR (user_id IS NOT NULL AND partner_id IS NOT NULL AND product IS NOT NULL))
);
CREATE INDEX conversions_queue ON conversions.conversions (created_at, id)
  WHERE attribution_status IN ('unattributed', 'probable');
CREATE INDEX conversions_recent ON conversions.conversions (created_at DESC, id DESC);
CREATE INDEX conversions_user ON conversions.conversions (user_id, created_at) WHERE user_id IS NOT NULL;

-- What happened to each conversion, in order: state and amount changes, attribution decisions.
CREATE TABLE conversions.changes (
  conversion_id        text NOT NULL REFERENCES conversions.conversions (id),
  seq                  integer NOT NULL,
  at                   timestamptz NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('state', 'amount', 'attribution')),
  state                text NOT NULL,
  previous_state       text,
  commission           numeric(39, 0) NOT NULL,
  previous_commission  numeric(39, 0),
  -- The inbox row that caused it, or the staff member who decided.
  inbox_id             text,
  actor                text NOT NULL,
  -- The ConversionChanged revision published with it; null while the conversion has no user.
  revision             integer,
  event_id             text,
  PRIMARY KEY (conversion_id, seq)
);

CREATE FUNCTION conversions.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'conversions.changes is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON conversions.changes
  FOR EACH ROW EXECUTE FUNCTION conversions.reject_change();
CREATE TRIGGER changes_no_truncate BEFORE TRUNCATE ON conversions.changes
  FOR EACH STATEMENT EXECUTE FUNCTION conversions.reject_change();
