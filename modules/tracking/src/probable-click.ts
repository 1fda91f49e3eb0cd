import { sql, type Executor } from '@sauda/platform';
import { ipPrefix } from './visitor.ts';

/** The visitor and time window a conversion without a usable click id is matched against. */
export interface ProbableClickQuery {
  readonly partnerId: string;
  /** The buyer's address as the network or pixel reported it. */
  readonly ip: string;
  readonly userAgent: string;
  /** The purchase time: only clicks in `[at - windowMs, at]` count. */
  readonly at: Date;
  readonly windowMs: number;
}

export interface ProbableClick {
  readonly clickId: string;
  readonly clickedAt: Date;
  readonly userId: string;
  /** `link` when the click came through a wrapped CPA link (`/l/…`). */
  readonly via: 'go' | 'link';
}

const MAX_STORED_TEXT = 512;

/**
 * The latest counted click of a signed-in user (or a link's owner) on the partner from the same
 * visitor, i.e. the same IP network (/24, IPv6 /48) and user agent as stored with the click, within
 * the window. Networks report no Accept-Language, so this is the click fingerprint without the
 * language part. A hint for staff, never proof: conversions treats it as a probable match.
 */
export async function findProbableClick(
  db: Executor,
  query: ProbableClickQuery,
): Promise<ProbableClick | undefined> {
  const prefix = ipPrefix(query.ip);
  if (!prefix || !query.userAgent) return undefined;
  const from = new Date(query.at.getTime() - query.windowMs);
  const { rows } = await db.execute<{
    click_id: string;
    clicked_at: Date | string;
    user_id: string;
    source: string;
  }>(sql`
    SELECT click_id, clicked_at, user_id, source FROM tracking.clicks
    WHERE partner_id = ${query.partnerId} AND clicked_at >= ${from} AND clicked_at <= ${query.at}
      AND ip_prefix = ${prefix} AND user_agent = ${query.userAgent.slice(0, MAX_STORED_TEXT)}
      AND user_id IS NOT NULL AND NOT is_bot
    ORDER BY clicked_at DESC LIMIT 1`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    clickId: row.click_id,
    clickedAt: new Date(row.clicked_at),
    userId: row.user_id,
    via: row.source === 'link' ? 'link' : 'go',
  };
}
