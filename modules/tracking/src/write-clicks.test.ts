import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import type { ClickRecord } from './click-buffer.ts';
import { testClick } from './testing.ts';
import { writeClicks } from './write-clicks.ts';

describe('writing clicks (COPY, and the retry that skips written clicks)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps every value as given: times to the millisecond, text of any kind, nulls and flags', async () => {
    const base: ClickRecord = {
      clickId: 'click-json-000000000000000001',
      clickedAt: new Date('2026-05-10T20:30:00.987Z'),
      partnerId: 'ptn_a',
      userId: 'usr_1',
      linkId: 'lnk_1',
      source: 'link',
      targetUrl: 'https://shop.kz/%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3?q="a"&b=\\c',
      ipPrefix: '2001:db8:1::',
      userAgent: 'Mozilla/5.0 "quoted" \\ back\\slash {braces} [brackets], comma; Ünïcödé',
      referrer: 'https://sauda.kz/каталог',
      fingerprint: 'fp-1',
      isBot: true,
      isDuplicate: true,
    };
    const other: ClickRecord = {
      ...base,
      clickId: 'click-json-000000000000000002',
      clickedAt: new Date('2026-05-11T00:00:00.001Z'),
      userId: null,
      linkId: null,
      source: 'web',
      ipPrefix: null,
      userAgent: null,
      referrer: null,
      isBot: false,
      isDuplicate: false,
    };
    await writeClicks(database.db, [base, other]);
    const { rows } = await database.pool.query<Record<string, unknown>>(
      `SELECT click_id, clicked_at, partner_id, user_id, link_id, source, target_url, ip_prefix, user_agent,
              referrer, fingerprint, is_bot, is_duplicate
       FROM tracking.clicks ORDER BY click_id`,
    );
    expect(rows).toEqual(
      [base, other].map((click) => ({
        click_id: click.clickId,
        clicked_at: click.clickedAt,
        partner_id: click.partnerId,
        user_id: click.userId,
        link_id: click.linkId,
        source: click.source,
        target_url: click.targetUrl,
        ip_prefix: click.ipPrefix,
        user_agent: click.userAgent,
        referrer: click.referrer,
        fingerprint: click.fingerprint,
        is_bot: click.isBot,
        is_duplicate: click.isDuplicate,
      })),
    );
  });

  const click = (clickId: string, overrides: Partial<ClickRecord> = {}): ClickRecord =>
    testClick({ clickId, clickedAt: new Date('2026-05-10T18:59:59.999Z'), partnerId: 'ptn_b', ...overrides });
  const daily = async (partnerId: string) =>
    (
      await database.pool.query<Record<string, unknown>>(
        `SELECT day::text, clicks::int, unique_clicks::int, bot_clicks::int FROM tracking.daily_clicks
         WHERE partner_id = $1 ORDER BY day`,
        [partnerId],
      )
    ).rows;

  it('keeps tabs, line breaks and backslashes, and turns a NUL, which PostgreSQL text cannot hold, into U+FFFD', async () => {
    await writeClicks(database.db, [
      click('click-copy-000000000000000001', {
        userAgent: 'tab\there\\ \t\\N',
        referrer: 'line\nbreak\r\nand\0nul\\N',
      }),
    ]);
    const { rows } = await database.pool.query<{ user_agent: string; referrer: string }>(
      `SELECT user_agent, referrer FROM tracking.clicks WHERE click_id = 'click-copy-000000000000000001'`,
    );
    expect(rows).toEqual([{ user_agent: 'tab\there\\ \t\\N', referrer: 'line\nbreak\r\nand\uFFFDnul\\N' }]);
  });

  it('counts clicks on either side of Almaty midnight on their own days, and a retried batch only once', async () => {
    const first = click('click-copy-000000000000000002', { partnerId: 'ptn_c' });
    const afterMidnight = { clickedAt: new Date('2026-05-10T19:00:00Z'), partnerId: 'ptn_c' };
    const second = click('click-copy-000000000000000003', { ...afterMidnight, isDuplicate: true });
    const bot = click('click-copy-000000000000000004', { ...afterMidnight, isBot: true });
    await writeClicks(database.db, [first]);
    // The retry repeats the written click with new ones: only the new ones are added.
    await writeClicks(database.db, [first, second, bot]);
    await writeClicks(database.db, [first, second, bot]);
    expect(await daily('ptn_c')).toEqual([
      { day: '2026-05-10', clicks: 1, unique_clicks: 1, bot_clicks: 0 },
      { day: '2026-05-11', clicks: 1, unique_clicks: 0, bot_clicks: 1 },
    ]);
  });

  it('writes nothing of a batch the database refuses, and the connection stays usable', async () => {
    const refused = [
      click('click-copy-000000000000000005', { partnerId: 'ptn_d' }),
      click('click-copy-000000000000000006', { partnerId: 'ptn_d', source: 'fax' as ClickRecord['source'] }),
    ];
    await expect(writeClicks(database.db, refused)).rejects.toMatchObject({ code: '23514' });
    expect(await daily('ptn_d')).toEqual([]);
    await writeClicks(database.db, [click('click-copy-000000000000000007', { partnerId: 'ptn_d' })]);
    expect(await daily('ptn_d')).toEqual([{ day: '2026-05-10', clicks: 1, unique_clicks: 1, bot_clicks: 0 }]);
  });
});
