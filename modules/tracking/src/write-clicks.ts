import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, sql, type Db } from '@sauda/platform';
import type { ClickRecord } from './click-buffer.ts';

/**
 * Writes one batch of clicks and adds them to the daily aggregates, in one transaction, and is
 * idempotent per click id (the buffer retries a batch whose outcome it did not learn).
 *
 * The common case streams the batch with COPY: PostgreSQL spends less than half the CPU per row it
 * spends on a parameter it must parse as JSON and insert with ON CONFLICT, and on a 2-core machine
 * that CPU is taken from the redirects (ADR 0006). COPY cannot skip rows already written, so when a
 * retried batch meets one (a unique violation, which rolls the whole COPY back) the batch is written
 * again by the statement that skips written clicks and counts only the new ones.
 */
export async function writeClicks(db: Db, batch: readonly ClickRecord[]): Promise<void> {
  if (batch.length === 0) return;
  try {
    await copyClicks(db, batch);
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await insertNewClicks(db, batch);
  }
}

const UNIQUE_VIOLATION = '23505';
const COLUMNS =
  'click_id, clicked_at, partner_id, user_id, link_id, source, target_url, ip_prefix, user_agent, referrer, fingerprint, is_bot, is_duplicate';

// COPY's text format: backslash, tab and line breaks escaped, \N for null. PostgreSQL text cannot hold
// NUL at all, so one (only a header or URL could carry it) becomes U+FFFD instead of failing the batch.
const COPY_SPECIAL = /[\\\t\n\r\0]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\uFFFD',
};
const field = (value: string | null): string =>
  value === null ? '\\N' : value.replace(COPY_SPECIAL, (char) => COPY_ESCAPES[char] ?? char);
const flag = (value: boolean): string => (value ? 't' : 'f');

function copyText(batch: readonly ClickRecord[]): string {
  let text = '';
  for (const click of batch) {
    text += `${field(click.clickId)}\t${click.clickedAt.toISOString()}\t${field(click.partnerId)}\t${field(click.userId)}\t${field(click.linkId)}\t${field(click.source)}\t${field(click.targetUrl)}\t${field(click.ipPrefix)}\t${field(click.userAgent)}\t${field(click.referrer)}\t${field(click.fingerprint)}\t${flag(click.isBot)}\t${flag(click.isDuplicate)}\n`;
  }
  return text;
}

interface HourCounts {
  readonly hour: number;
  readonly partnerId: string;
  readonly source: string;
  readonly userId: string;
  readonly linkId: string;
  clicks: number;
  uniqueClicks: number;
  botClicks: number;
}

const HOUR_MS = 3_600_000;

/**
 * The batch counted per UTC hour, partner, source, user and link. Hours, not days: the database
 * turns each hour into its Almaty day, which an hour never straddles (Almaty's offsets are whole hours).
 */
function countByHour(batch: readonly ClickRecord[]): HourCounts[] {
  const counts = new Map<string, HourCounts>();
  for (const click of batch) {
    const hour = Math.floor(click.clickedAt.getTime() / HOUR_MS);
    const key = `${hour}\n${click.partnerId}\n${click.source}\n${click.userId ?? ''}\n${click.linkId ?? ''}`;
    let entry = counts.get(key);
    if (!entry) {
      entry = {
        hour,
        partnerId: click.partnerId,
        source: click.source,
        userId: click.userId ?? '',
        linkId: click.linkId ?? '',
        clicks: 0,
        uniqueClicks: 0,
        botClicks: 0,
      };
      counts.set(key, entry);
    }
    if (click.isBot) entry.botClicks += 1;
    else {
      entry.clicks += 1;
      if (!click.isDuplicate) entry.uniqueClicks += 1;
    }
  }
  return [...counts.values()];
}

const ADD_TO_DAILY = `
  INSERT INTO tracking.daily_clicks AS d (day, partner_id, source, user_id, link_id, clicks, unique_clicks, bot_clicks)
  SELECT (to_timestamp(hour * 3600) AT TIME ZONE 'Asia/Almaty')::date, "partnerId", source, "userId", "linkId",
         sum(clicks), sum("uniqueClicks"), sum("botClicks")
  FROM json_to_recordset($1::json) AS c(hour bigint, "partnerId" text, source text, "userId" text, "linkId" text,
                                        clicks bigint, "uniqueClicks" bigint, "botClicks" bigint)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (day, partner_id, source, user_id, link_id) DO UPDATE SET
    clicks = d.clicks + excluded.clicks,
    unique_clicks = d.unique_clicks + excluded.unique_clicks,
    bot_clicks = d.bot_clicks + excluded.bot_clicks`;

async function copyClicks(db: Db, batch: readonly ClickRecord[]): Promise<void> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await pipeline(
        Readable.from([copyText(batch)]),
        client.query(copyFrom(`COPY tracking.clicks (${COLUMNS}) FROM STDIN`)),
      );
      await client.query(ADD_TO_DAILY, [JSON.stringify(countByHour(batch))]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // The connection is gone: the pool must not hand it out again.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * The retry path: one statement inserts the clicks not yet written and adds exactly those to the
 * aggregates. The batch travels as one JSON parameter, click times as epoch milliseconds.
 */
async function insertNewClicks(db: Db, batch: readonly ClickRecord[]): Promise<void> {
  const rows = JSON.stringify(batch.map((click) => ({ ...click, clickedAt: click.clickedAt.getTime() })));
  await db.execute(sql`
    WITH incoming AS (
      SELECT "clickId", to_timestamp("clickedAt" / 1000), "partnerId", "userId", "linkId", source, "targetUrl",
             "ipPrefix", "userAgent", referrer, fingerprint, "isBot", "isDuplicate"
      FROM json_to_recordset(${rows}::json) AS c(
        "clickId" text, "clickedAt" double precision, "partnerId" text, "userId" text, "linkId" text, source text,
        "targetUrl" text, "ipPrefix" text, "userAgent" text, referrer text, fingerprint text, "isBot" boolean,
        "isDuplicate" boolean)
    ), inserted AS (
      INSERT INTO tracking.clicks (${sql.raw(COLUMNS)})
      SELECT * FROM incoming
      ON CONFLICT DO NOTHING
      RETURNING clicked_at, partner_id, source, user_id, link_id, is_bot, is_duplicate
    )
    INSERT INTO tracking.daily_clicks AS d (day, partner_id, source, user_id, link_id, clicks, unique_clicks, bot_clicks)
    SELECT (clicked_at AT TIME ZONE 'Asia/Almaty')::date, partner_id, source, coalesce(user_id, ''), coalesce(link_id, ''),
           count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE NOT is_bot AND NOT is_duplicate),
           count(*) FILTER (WHERE is_bot)
    FROM inserted GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (day, partner_id, source, user_id, link_id) DO UPDATE SET
      clicks = d.clicks + excluded.clicks,
      unique_clicks = d.unique_clicks + excluded.unique_clicks,
      bot_clicks = d.bot_clicks + excluded.bot_clicks`);
}
