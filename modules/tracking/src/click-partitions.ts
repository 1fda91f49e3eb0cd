import { sql } from 'drizzle-orm';
import { addMonths, periodBounds, periodOf, type Db, type Period } from '@sauda/platform';

/**
 * Clicks live in one partition per Almaty month (`tracking.clicks_pYYYY_MM`), so retention drops a
 * whole month at once instead of deleting rows. The daily job keeps partitions ready for the next
 * months, moves any rows that landed in the default partition into their month, and drops months
 * older than the retention period.
 */
const MONTHS_AHEAD = 2;
const partitionName = (period: Period): string => `clicks_p${period.replace('-', '_')}`;

export async function ensureClickPartitions(db: Db, now: Date): Promise<string[]> {
  const created: string[] = [];
  const { rows } = await db.execute<{ name: string }>(sql`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace n ON n.oid = p.relnamespace
    WHERE n.nspname = 'tracking' AND p.relname = 'clicks'`);
  const existing = new Set(rows.map((row) => row.name));
  for (let offset = 0; offset <= MONTHS_AHEAD; offset += 1) {
    const period = addMonths(periodOf(now), offset);
    const name = partitionName(period);
    if (existing.has(name)) continue;
    const { start, end } = periodBounds(period);
    await db.transaction(async (tx) => {
      // A new partition cannot be attached while the default one holds rows of its range: move them.
      await tx.execute(
        sql.raw(
          `CREATE TABLE tracking.${name} (LIKE tracking.clicks INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
        ),
      );
      await tx.execute(sql`
        WITH moved AS (
          DELETE FROM tracking.clicks_default WHERE clicked_at >= ${start.toISOString()}::timestamptz AND clicked_at < ${end.toISOString()}::timestamptz
          RETURNING *)
        INSERT INTO ${sql.raw(`tracking.${name}`)} SELECT * FROM moved`);
      await tx.execute(
        sql.raw(
          `ALTER TABLE tracking.clicks ATTACH PARTITION tracking.${name} FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
        ),
      );
    });
    created.push(name);
  }
  return created;
}

/** Drops monthly partitions that ended before the retention period; returns their names. */
export async function dropExpiredClickPartitions(
  db: Db,
  now: Date,
  retentionMonths: number,
): Promise<string[]> {
  const oldestKept = addMonths(periodOf(now), -(retentionMonths - 1));
  const { rows } = await db.execute<{ name: string }>(sql`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace n ON n.oid = p.relnamespace
    WHERE n.nspname = 'tracking' AND p.relname = 'clicks' AND c.relname ~ '^clicks_p[0-9]{4}_[0-9]{2}$'`);
  const expired = rows
    .map((row) => row.name)
    .filter((name) => name.slice(8).replace('_', '-') < oldestKept)
    .sort();
  for (const name of expired) await db.execute(sql.raw(`DROP TABLE tracking.${name}`));
  const { start } = periodBounds(oldestKept);
  await db.execute(
    sql`DELETE FROM tracking.clicks_default WHERE clicked_at < ${start.toISOString()}::timestamptz`,
  );
  await db.execute(sql`DELETE FROM tracking.daily_clicks WHERE day < ${oldestKept + '-01'}::date`);
  return expired;
}
