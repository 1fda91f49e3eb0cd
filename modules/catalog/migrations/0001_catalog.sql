-- The partner catalog: categories, partners with their reward terms and tracking rules, the
-- history of every rate change, and one feed version that orders every change for the extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.categories (
  id          text PRIMARY KEY,
  slug        text NOT NULL UNIQUE,
  name        jsonb NOT NULL,
  icon        text NOT NULL,
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE catalog.partners (
  id                     text PRIMARY KEY,
  -- A small, never reused number: click ids carry it instead of the 30-character id.
  number                 integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  slug                   text NOT NULL UNIQUE,
  name                   jsonb NOT NULL,
  short_description      jsonb NOT NULL,
  description            jsonb NOT NULL,
  conditions             jsonb NOT NULL,
  logo_key               text,
  website                text NOT NULL,
  domains                jsonb NOT NULL,
  reward_kind            text NOT NULL CHECK (reward_kind IN ('percent', 'fixed')),
  reward_rate            numeric(20, 2) NOT NULL CHECK (reward_rate > 0),
  reward_currency        text NOT NULL,
  reward_user_share      numeric(5, 4) NOT NULL CHECK (reward_user_share >= 0 AND reward_user_share <= 1),
  reward_cap             numeric(20, 0) CHECK (reward_cap > 0),
  hold_days              integer NOT NULL CHECK (hold_days BETWEEN 0 AND 365),
  network                text NOT NULL,
  tracking_url_template  text NOT NULL,
  app_links              jsonb,
  interstitial           boolean NOT NULL DEFAULT false,
  status                 text NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  featured               boolean NOT NULL DEFAULT false,
  sort_weight            integer NOT NULL DEFAULT 0,
  popularity             integer NOT NULL DEFAULT 0,
  -- Names in every locale folded to one Latin skeleton, so "technodom" finds "Технодом" and back.
  search_text            text NOT NULL,
  version                bigint NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX partners_search ON catalog.partners USING gin (search_text gin_trgm_ops);
CREATE INDEX partners_status ON catalog.partners (status, featured DESC, sort_weight DESC, popularity DESC, id DESC);

CREATE TABLE catalog.partner_categories (
  partner_id   text NOT NULL REFERENCES catalog.partners (id) ON DELETE CASCADE,
  category_id  text NOT NULL REFERENCES catalog.categories (id),
  PRIMARY KEY (partner_id, category_id)
);
CREATE INDEX partner_categories_category ON catalog.partner_categories (category_id);

-- Every change of reward terms: who, when, the terms before and after. Never updated.
CREATE TABLE catalog.rate_changes (
  id          text PRIMARY KEY,
  partner_id  text NOT NULL REFERENCES catalog.partners (id),
  changed_at  timestamptz NOT NULL,
  actor       text NOT NULL,
  old_terms   jsonb,
  new_terms   jsonb NOT NULL
);
CREATE INDEX rate_changes_partner ON catalog.rate_changes (partner_id, changed_at DESC);

CREATE FUNCTION catalog.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'catalog.rate_changes is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER rate_changes_no_update_delete BEFORE UPDATE OR DELETE ON catalog.rate_changes
  FOR EACH ROW EXECUTE FUNCTION catalog.reject_change();

-- One row. Every change increments it inside its transaction; the row lock orders writers, so the
-- version grows in commit order and the extension's feed ETag changes exactly when content does.
CREATE TABLE catalog.feed_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL
);
INSERT INTO catalog.feed_state (version) VALUES (1);
