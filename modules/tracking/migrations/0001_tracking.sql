-- Click tracking: compact user references carried in click ids, the clicks themselves (partitioned by
-- month, so retention drops whole partitions), daily aggregates for reports, and CPA short links.
CREATE SCHEMA IF NOT EXISTS tracking;

-- A user's click ids carry this small number instead of the 30-character user id. Allocated before
-- any click (when the user's click context is issued or a link is created), so resolving a click id
-- never depends on a click row having been written.
CREATE TABLE tracking.user_refs (
  ref         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY CHECK (ref BETWEEN 1 AND 4294967295),
  user_id     text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL
);

CREATE TABLE tracking.clicks (
  click_id      text NOT NULL,
  clicked_at    timestamptz NOT NULL,
  partner_id    text NOT NULL,
  user_id       text,
  link_id       text,
  source        text NOT NULL CHECK (source IN ('web', 'ext', 'app', 'link')),
  target_url    text NOT NULL,
  -- IPv4 /24 or IPv6 /48 network, never the full address.
  ip_prefix     text,
  user_agent    text,
  referrer      text,
  -- Keyed hash of IP /24 + user agent + language: equal for repeat clicks, useless without the key.
  fingerprint   text NOT NULL,
  is_bot        boolean NOT NULL,
  is_duplicate  boolean NOT NULL,
  PRIMARY KEY (click_id, clicked_at)
) PARTITION BY RANGE (clicked_at);
CREATE INDEX clicks_partner ON tracking.clicks (partner_id, clicked_at);
CREATE INDEX clicks_user ON tracking.clicks (user_id, clicked_at) WHERE user_id IS NOT NULL;
CREATE INDEX clicks_link ON tracking.clicks (link_id, clicked_at) WHERE link_id IS NOT NULL;
-- Catches clicks of a month whose partition does not exist yet; the maintenance job moves them out.
CREATE TABLE tracking.clicks_default PARTITION OF tracking.clicks DEFAULT;

-- Monthly partitions (Asia/Almaty months) for this month and the next two; the daily job keeps ahead.
DO $$
DECLARE
  month_start date := date_trunc('month', now() AT TIME ZONE 'Asia/Almaty')::date;
  first date;
BEGIN
  FOR i IN 0..2 LOOP
    first := (month_start + make_interval(months => i))::date;
    EXECUTE format(
      'CREATE TABLE tracking.%I PARTITION OF tracking.clicks FOR VALUES FROM (%L) TO (%L)',
      'clicks_p' || to_char(first, 'YYYY_MM'),
      (first::timestamp AT TIME ZONE 'Asia/Almaty'),
      ((first + interval '1 month')::timestamp AT TIME ZONE 'Asia/Almaty'));
  END LOOP;
END $$;

-- Counts per Almaty day, partner, source, user and link, updated in the same statement that writes
-- a batch of clicks. clicks excludes bots; unique_clicks also excludes duplicates.
CREATE TABLE tracking.daily_clicks (
  day            date NOT NULL,
  partner_id     text NOT NULL,
  source         text NOT NULL,
  user_id        text NOT NULL DEFAULT '',
  link_id        text NOT NULL DEFAULT '',
  clicks         bigint NOT NULL DEFAULT 0,
  unique_clicks  bigint NOT NULL DEFAULT 0,
  bot_clicks     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, partner_id, source, user_id, link_id)
);
CREATE INDEX daily_clicks_link ON tracking.daily_clicks (link_id) WHERE link_id <> '';
CREATE INDEX daily_clicks_user ON tracking.daily_clicks (user_id, day) WHERE user_id <> '';

CREATE TABLE tracking.links (
  id           text PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  owner_id     text NOT NULL,
  owner_ref    bigint NOT NULL REFERENCES tracking.user_refs (ref),
  partner_id   text NOT NULL,
  target_url   text NOT NULL,
  created_at   timestamptz NOT NULL,
  disabled_at  timestamptz
);
CREATE INDEX links_owner ON tracking.links (owner_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX links_owner_target ON tracking.links (owner_id, target_url) WHERE disabled_at IS NULL;
