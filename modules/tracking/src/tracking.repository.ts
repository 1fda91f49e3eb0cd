import { and, desc, eq, isNull, lt, lte, not, or, sql } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { clicks, links, userRefs, type LinkRow } from './tracking.tables.ts';

/** The user's compact reference, allocated on first use. */
export async function userRefOf(db: Executor, userId: string, now: Date): Promise<number> {
  const inserted = await db
    .insert(userRefs)
    .values({ userId, createdAt: now })
    .onConflictDoNothing({ target: userRefs.userId })
    .returning({ ref: userRefs.ref });
  const ref =
    inserted[0]?.ref ??
    (await db.select({ ref: userRefs.ref }).from(userRefs).where(eq(userRefs.userId, userId)))[0]?.ref;
  if (ref === undefined) throw new Error(`no user reference for ${userId}`);
  return ref;
}

export async function userIdOfRef(db: Executor, ref: number): Promise<string | undefined> {
  const [row] = await db.select({ userId: userRefs.userId }).from(userRefs).where(eq(userRefs.ref, ref));
  return row?.userId;
}

export async function findLinkByCode(db: Executor, code: string): Promise<LinkRow | undefined> {
  const [row] = await db.select().from(links).where(eq(links.code, code));
  return row;
}

export async function findOwnLink(
  db: Executor,
  ownerId: string,
  linkId: string,
): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(links)
    .where(and(eq(links.id, linkId), eq(links.ownerId, ownerId)));
  return row;
}

export async function findActiveLinkTo(
  db: Executor,
  ownerId: string,
  targetUrl: string,
): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(links)
    .where(and(eq(links.ownerId, ownerId), eq(links.targetUrl, targetUrl), isNull(links.disabledAt)));
  return row;
}

export async function listOwnLinks(
  db: Executor,
  ownerId: string,
  page: { before?: { createdAt: Date; id: string } | undefined; limit: number },
): Promise<LinkRow[]> {
  const cursor = page.before
    ? or(
        lt(links.createdAt, page.before.createdAt),
        and(eq(links.createdAt, page.before.createdAt), lt(links.id, page.before.id)),
      )
    : undefined;
  return db
    .select()
    .from(links)
    .where(and(eq(links.ownerId, ownerId), cursor))
    .orderBy(desc(links.createdAt), desc(links.id))
    .limit(page.limit);
}

/** Clicks and unique clicks of each link, from the daily aggregates. */
export async function linkStats(
  db: Executor,
  linkIds: readonly string[],
): Promise<Map<string, { clicks: number; uniqueClicks: number }>> {
  const result = new Map(linkIds.map((id) => [id, { clicks: 0, uniqueClicks: 0 }]));
  if (linkIds.length === 0) return result;
  const { rows } = await db.execute<{ link_id: string; clicks: string; unique_clicks: string }>(sql`
    SELECT link_id, sum(clicks)::text AS clicks, sum(unique_clicks)::text AS unique_clicks
    FROM tracking.daily_clicks WHERE link_id = ANY(${sql.param([...linkIds])}::text[]) GROUP BY link_id`);
  for (const row of rows)
    result.set(row.link_id, { clicks: Number(row.clicks), uniqueClicks: Number(row.unique_clicks) });
  return result;
}

export interface UserClickRow {
  readonly clickId: string;
  readonly clickedAt: Date;
  /** `clicked_at` in epoch microseconds, exact (a Date keeps milliseconds only): the page cursor. */
  readonly micros: string;
  readonly partnerId: string;
  readonly source: 'web' | 'ext' | 'app' | 'link';
  readonly isDuplicate: boolean;
}

/**
 * A user's counted clicks (bots left out), newest first, through the index `clicks_user`: the
 * `clicked_at <= cursor` bound is its range condition, the click id only breaks ties.
 */
export async function listUserClicks(
  db: Executor,
  userId: string,
  page: { before?: { micros: string; clickId: string } | undefined; limit: number },
): Promise<UserClickRow[]> {
  let cursor;
  if (page.before) {
    const at = sql`('epoch'::timestamptz + ${page.before.micros}::bigint * interval '1 microsecond')`;
    cursor = and(
      lte(clicks.clickedAt, at),
      or(lt(clicks.clickedAt, at), lt(clicks.clickId, page.before.clickId)),
    );
  }
  return db
    .select({
      clickId: clicks.clickId,
      clickedAt: clicks.clickedAt,
      micros: sql<string>`(extract(epoch from ${clicks.clickedAt}) * 1000000)::bigint::text`,
      partnerId: clicks.partnerId,
      source: clicks.source,
      isDuplicate: clicks.isDuplicate,
    })
    .from(clicks)
    .where(and(eq(clicks.userId, userId), not(clicks.isBot), cursor))
    .orderBy(desc(clicks.clickedAt), desc(clicks.clickId))
    .limit(page.limit);
}
