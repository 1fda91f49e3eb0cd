-- Append-only, hash-chained audit log. Each row's hash covers its content and the previous row's
-- hash, so an edited, inserted or removed row breaks the chain at a nameable place.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.entries (
  seq          bigint PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  occurred_at  timestamptz NOT NULL,
  actor        text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  ip           text,
  user_agent   text,
  request_id   text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX entries_entity ON audit.entries (entity_type, entity_id, seq);
CREATE INDEX entries_actor ON audit.entries (actor, seq);

CREATE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.entries is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER entries_no_update_delete BEFORE UPDATE OR DELETE ON audit.entries
  FOR EACH ROW EXECUTE FUNCTION audit.reject_change();
-- TRUNCATE does not fire row triggers, so it needs its own.
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON audit.entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
