import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@sauda/platform';
import { dailyClicks, type DailyClicksRow } from './tracking.tables.ts';

export interface DailyClicksFilter {
  /** Almaty days, `YYYY-MM-DD`, both included. */
  readonly from: string;
  readonly to: string;
  readonly partnerId?: string | undefined;
  readonly userId?: string | undefined;
  readonly source?: string | undefined;
  readonly limit: number;
}

export async function findDailyClicks(db: Db, filter: DailyClicksFilter): Promise<DailyClicksRow[]> {
  const conditions: SQL[] = [gte(dailyClicks.day, filter.from), lte(dailyClicks.day, filter.to)];
  if (filter.partnerId) conditions.push(eq(dailyClicks.partnerId, filter.partnerId));
  if (filter.userId) conditions.push(eq(dailyClicks.userId, filter.userId));
  if (filter.source) conditions.push(eq(dailyClicks.source, filter.source));
  return db
    .select()
    .from(dailyClicks)
    .where(and(...conditions))
    .orderBy(
      asc(dailyClicks.day),
      asc(dailyClicks.partnerId),
      asc(dailyClicks.source),
      asc(dailyClicks.userId),
      asc(dailyClicks.linkId),
    )
    .limit(filter.limit);
}

/** Human clicks per partner since `since` (for the catalog's popularity sort). */
export async function clicksPerPartner(db: Db, sinceDay: string): Promise<Map<string, number>> {
  const { rows } = await db.execute<{ partner_id: string; clicks: string }>(sql`
    SELECT partner_id, sum(clicks)::text AS clicks FROM tracking.daily_clicks WHERE day >= ${sinceDay}::date GROUP BY partner_id`);
  return new Map(rows.map((row) => [row.partner_id, Number(row.clicks)]));
}
