import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import type { ClickRecord } from './click-buffer.ts';
import { writeClicks } from './tracking.repository.ts';

describe('writing clicks', () => {
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
});
