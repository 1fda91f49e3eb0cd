-- The kernel's own tables: the transactional outbox and the record of handled events.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.outbox (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  payload       jsonb NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_undispatched ON platform.outbox (id) WHERE dispatched_at IS NULL;

-- One row per (handler, event) that completed: a redelivered event is skipped, so handlers run once.
CREATE TABLE platform.handled_events (
  handler    text NOT NULL,
  event_id   text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (handler, event_id)
);

-- Idempotency keys of retried API writes: the first response is replayed, a different payload is a conflict.
CREATE TABLE platform.idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
