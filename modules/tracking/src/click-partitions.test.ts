import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { dropExpiredClickPartitions, ensureClickPartitions } from './click-partitions.ts';

describe('click partitions', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  const partitions = async (): Promise<string[]> =>
    (
      await database.pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'clicks' ORDER BY 1`,
      )
    ).rows.map((row) => row.name);
  const insert = (clickId: string, at: string) =>
    database.pool.query(
      `INSERT INTO tracking.clicks (click_id, clicked_at, partner_id, source, target_url, fingerprint, is_bot, is_duplicate)
       VALUES ($1, $2, 'ptn_a', 'web', 'https://shop.kz/', 'fp', false, false)`,
      [clickId, at],
    );

  it('creates the coming Almaty months, moving rows out of the default partition', async () => {
    // 2030-02-28T20:00Z is already March 1st in Almaty.
    await insert('early-march', '2030-02-28T20:00:00Z');
    await insert('late-february', '2030-02-28T18:00:00Z');
    const created = await ensureClickPartitions(database.db, new Date('2030-02-10T00:00:00Z'));
    expect(created).toEqual(['clicks_p2030_02', 'clicks_p2030_03', 'clicks_p2030_04']);
    const { rows } = await database.pool.query<{ click_id: string; partition: string }>(
      `SELECT click_id, tableoid::regclass::text AS partition FROM tracking.clicks WHERE click_id LIKE '%-%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { click_id: 'early-march', partition: 'tracking.clicks_p2030_03' },
      { click_id: 'late-february', partition: 'tracking.clicks_p2030_02' },
    ]);
    expect(await ensureClickPartitions(database.db, new Date('2030-02-11T00:00:00Z'))).toEqual([]);
  });

  it('drops whole months older than the retention period', async () => {
    await database.pool.query(
      `INSERT INTO tracking.daily_clicks (day, partner_id, source, clicks) VALUES ('2030-02-15', 'ptn_a', 'web', 1), ('2030-04-02', 'ptn_a', 'web', 1)`,
    );
    const dropped = await dropExpiredClickPartitions(database.db, new Date('2030-04-15T00:00:00Z'), 2);
    // The months the migration created (around the time the tests run) are older still.
    expect(dropped.at(-1)).toBe('clicks_p2030_02');
    expect(dropped.every((name) => name <= 'clicks_p2030_02')).toBe(true);
    expect(await partitions()).not.toContain('clicks_p2030_02');
    expect(await partitions()).toContain('clicks_p2030_03');
    const { rows } = await database.pool.query<{ day: string }>(
      `SELECT day::text FROM tracking.daily_clicks`,
    );
    expect(rows).toEqual([{ day: '2030-04-02' }]);
  });
});
