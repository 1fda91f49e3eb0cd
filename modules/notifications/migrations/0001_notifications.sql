-- Messages, their per-channel deliveries with an attempt log, the in-app inbox and user preferences.
CREATE SCHEMA IF NOT EXISTS notifications;

-- One message = one template rendered once for one recipient. Recipient addresses live on deliveries.
CREATE TABLE notifications.messages (
  id          text PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  template    text NOT NULL,
  category    text NOT NULL CHECK (category IN ('security', 'account', 'marketing', 'product')),
  locale      text NOT NULL CHECK (locale IN ('ru', 'kk', 'en')),
  user_id     text
);
CREATE INDEX messages_user ON notifications.messages (user_id, id) WHERE user_id IS NOT NULL;

-- No CHECK on channel: the set grows with adapters (telegram, whatsapp) without a migration.
CREATE TABLE notifications.deliveries (
  id                   text PRIMARY KEY,
  message_id           text NOT NULL REFERENCES notifications.messages (id),
  channel              text NOT NULL,
  address              text NOT NULL,
  content              jsonb NOT NULL,
  status               text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  skip_reason          text CHECK ((status = 'skipped') = (skip_reason IS NOT NULL)),
  attempts             integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  provider_message_id  text,
  last_error           text,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  sent_at              timestamptz,
  UNIQUE (message_id, channel)
);
CREATE INDEX deliveries_channel ON notifications.deliveries (channel, id);

-- The delivery log: every try, successful or not, in order.
CREATE TABLE notifications.delivery_attempts (
  delivery_id          text NOT NULL REFERENCES notifications.deliveries (id),
  attempt              integer NOT NULL CHECK (attempt >= 1),
  attempted_at         timestamptz NOT NULL,
  outcome              text NOT NULL CHECK (outcome IN ('sent', 'failed')),
  provider_message_id  text,
  error                text,
  duration_ms          integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- In-app notifications; delivery_id is unique so a redelivered event cannot add a second copy.
CREATE TABLE notifications.inbox (
  id           text PRIMARY KEY,
  user_id      text NOT NULL,
  delivery_id  text NOT NULL UNIQUE REFERENCES notifications.deliveries (id),
  category     text NOT NULL,
  title        text NOT NULL,
  body         text NOT NULL,
  created_at   timestamptz NOT NULL,
  read_at      timestamptz
);
CREATE INDEX inbox_user ON notifications.inbox (user_id, id);
CREATE INDEX inbox_unread ON notifications.inbox (user_id) WHERE read_at IS NULL;

-- A row exists only where the user made a choice; otherwise the defaults apply. Security is never off.
CREATE TABLE notifications.preferences (
  user_id     text NOT NULL,
  category    text NOT NULL CHECK (category IN ('security', 'account', 'marketing', 'product')),
  channel     text NOT NULL,
  enabled     boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, category, channel),
  CHECK (category <> 'security' OR enabled)
);
