import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { ClickBuffer } from './click-buffer.ts';
import { testClick } from './testing.ts';
import { writeClicks } from './write-clicks.ts';

describe('click buffer', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  const count = async (table: string) =>
    Number((await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  it('writes in batches and counts each click once in the daily aggregates, even when a batch is retried', async () => {
    const buffer = new ClickBuffer({ write: (batch) => writeClicks(database.db, batch), batchSize: 3 });
    const clicks = [
      testClick({ userId: 'usr_1' }),
      testClick({ userId: 'usr_1', isDuplicate: true }),
      testClick({ isBot: true }),
      testClick({ source: 'ext', clickedAt: new Date('2026-05-10T19:30:00Z') }),
      testClick(),
    ];
    for (const item of clicks) buffer.add(item);
    await buffer.flush();
    expect(buffer.pending).toBe(0);
    expect(buffer.written).toBe(5);
    await writeClicks(database.db, clicks);
    expect(await count('tracking.clicks')).toBe(5);
    const { rows } = await database.pool.query(
      `SELECT day::text, source, user_id, clicks::int, unique_clicks::int, bot_clicks::int FROM tracking.daily_clicks ORDER BY day, source, user_id`,
    );
    // 20:30 UTC is already the 11th in Almaty; 19:30 UTC still the 11th too (UTC+5).
    expect(rows).toEqual([
      { day: '2026-05-11', source: 'ext', user_id: '', clicks: 1, unique_clicks: 1, bot_clicks: 0 },
      { day: '2026-05-11', source: 'web', user_id: '', clicks: 1, unique_clicks: 1, bot_clicks: 1 },
      { day: '2026-05-11', source: 'web', user_id: 'usr_1', clicks: 2, unique_clicks: 1, bot_clicks: 0 },
    ]);
  });

  it('keeps a failed batch and writes it on the next flush; stop() writes the rest', async () => {
    let failNext = true;
    const buffer = new ClickBuffer({
      write: async (batch) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        await writeClicks(database.db, batch);
      },
    });
    const before = await count('tracking.clicks');
    buffer.add(testClick());
    buffer.add(testClick());
    await expect(buffer.flush()).rejects.toThrow('database unavailable');
    expect(buffer.pending).toBe(2);
    buffer.add(testClick());
    await buffer.stop();
    expect(buffer.pending).toBe(0);
    expect(await count('tracking.clicks')).toBe(before + 3);
  });

  it('drops the oldest clicks beyond its capacity rather than running out of memory', () => {
    const buffer = new ClickBuffer({ write: async () => undefined, maxPending: 2 });
    for (let index = 0; index < 5; index += 1) buffer.add(testClick());
    expect(buffer.pending).toBe(2);
    expect(buffer.dropped).toBe(3);
  });
});
