import { ManualClock } from '@sauda/platform';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox.ts';
import { ManualScheduler } from '../testing.ts';
import { createAffiliateNetworkSimulator } from './affiliate-network.ts';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkSimulator,
} from './affiliate-network-contract.ts';
import type { NetworkAction } from './affiliate-network-orders.ts';

interface StatisticsPage {
  results: NetworkAction[];
  _meta: { count: number; limit: number; offset: number };
}

const AUTHORIZATION = { authorization: `Bearer ${AFFILIATE_NETWORK_SANDBOX_SECRET}` };
const MINUTE = 60_000;

describe('affiliate network: the statistics API', () => {
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const scheduler = new ManualScheduler(clock);
  let simulator: AffiliateNetworkSimulator;
  let sandbox: FastifyInstance;
  const orderIds: string[] = [];

  const statistics = (query: string, headers: Record<string, string> = AUTHORIZATION) =>
    sandbox.inject({ url: `/affiliate-network/api/statistics/actions?${query}`, headers });
  const window = (start: string, end: string, rest = '') =>
    statistics(
      `status_updated_start=${encodeURIComponent(start)}&status_updated_end=${encodeURIComponent(end)}${rest}`,
    );

  beforeAll(async () => {
    // Postbacks are dropped: what the platform learns here, it learns by polling alone.
    simulator = createAffiliateNetworkSimulator({
      platformUrl: 'http://127.0.0.1:9',
      clock,
      scheduler,
      approveAfterMs: null,
      chaos: { dropRate: 1 },
    });
    sandbox = await buildSandbox({ simulators: [simulator] });
    // Five orders a minute apart, 09:00 … 09:04; at 09:10 the first is approved.
    for (let index = 0; index < 5; index += 1) {
      orderIds.push(
        simulator.placeOrder({
          clickId: `click-${index}`,
          orderSum: `${1000 + index}.00`,
          actionIp: '10.0.0.1',
          userAgent: 'ua',
        }).orderId,
      );
      clock.advance(MINUTE);
    }
    clock.set('2026-03-02T09:10:00.000Z');
    simulator.command(orderIds[0]!, 'approve');
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('returns the actions whose status changed in the window, edges included, with exactly the postback fields', async () => {
    const response = await window('2026-03-02T09:01:00Z', '2026-03-02T09:03:00Z');
    expect(response.statusCode).toBe(200);
    const body = response.json<StatisticsPage>();
    expect(body._meta).toEqual({ count: 3, limit: 100, offset: 0 });
    expect(body.results.map((action) => action.click_id)).toEqual(['click-1', 'click-2', 'click-3']);
    expect(body.results[0]).toEqual({
      click_id: 'click-1',
      action_id: simulator.orders.find((order) => order.orderId === orderIds[1])?.actionId,
      order_id: orderIds[1],
      status: 'pending',
      payment_sum: '50.05',
      order_sum: '1001.00',
      currency: 'KZT',
      action_ip: '10.0.0.1',
      user_agent: 'ua',
      action_date: '2026-03-02T09:01:00.000Z',
      status_updated: '2026-03-02T09:01:00.000Z',
    });
  });

  it('shows a changed action in the window of its change, not of its purchase, with its current state', async () => {
    const early = (await window('2026-03-02T09:00:00Z', '2026-03-02T09:00:30Z')).json<StatisticsPage>();
    expect(early._meta.count).toBe(0);
    const late = (
      await window('2026-03-02T14:05:00+05:00', '2026-03-02T14:15:00+05:00')
    ).json<StatisticsPage>();
    expect(late.results).toEqual([
      expect.objectContaining({
        order_id: orderIds[0],
        status: 'approved',
        action_date: '2026-03-02T09:00:00.000Z',
        status_updated: '2026-03-02T09:10:00.000Z',
      }),
    ]);
    // Overlapping windows see it again: the platform's idempotency makes that harmless.
    const overlapping = (await window('2026-03-02T09:09:00Z', '2026-03-02T09:11:00Z')).json<StatisticsPage>();
    expect(overlapping.results.map((action) => action.order_id)).toEqual([orderIds[0]]);
  });

  it('pages through a window in a stable order', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = (
        await window('2026-03-02T00:00:00Z', '2026-03-02T23:59:59.999Z', `&offset=${offset}&limit=2`)
      ).json<StatisticsPage>();
      expect(page._meta).toEqual({ count: 5, limit: 2, offset });
      seen.push(...page.results.map((action) => action.click_id));
    }
    expect(seen).toEqual(['click-1', 'click-2', 'click-3', 'click-4', 'click-0']);
    const beyond = (
      await window('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z', '&offset=50')
    ).json<StatisticsPage>();
    expect(beyond).toEqual({ results: [], _meta: { count: 5, limit: 100, offset: 50 } });
    const largest = await window('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z', '&limit=500');
    expect(largest.json<StatisticsPage>()._meta.limit).toBe(500);
  });

  it('wants the bearer token', async () => {
    const query = 'status_updated_start=2026-03-02T00:00:00Z&status_updated_end=2026-03-03T00:00:00Z';
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${AFFILIATE_NETWORK_SANDBOX_SECRET}` },
      { authorization: AFFILIATE_NETWORK_SANDBOX_SECRET },
      { authorization: `Bearer ${AFFILIATE_NETWORK_SANDBOX_SECRET}x` },
    ];
    for (const headers of refused) {
      const response = await statistics(query, headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.json()).toEqual({ error: 'unauthorized' });
    }
  });

  it('refuses bad windows, limits and offsets with 400 and the reason', async () => {
    const start = 'status_updated_start=2026-03-02T00:00:00Z';
    const end = 'status_updated_end=2026-03-03T00:00:00Z';
    const cases = [
      '',
      start,
      end,
      `status_updated_start=yesterday&${end}`,
      `status_updated_start=2026-03-02&${end}`,
      `status_updated_start=2026-03-02T00:00:00&${end}`,
      `status_updated_start=2026-02-30T00:00:00Z&${end}`,
      `status_updated_start=2026-03-02T24:00:00Z&${end}`,
      `status_updated_start=2026-03-04T00:00:00Z&${end}`,
      `status_updated_start=2025-01-01T00:00:00Z&${end}`,
      `${start}&${end}&limit=0`,
      `${start}&${end}&limit=501`,
      `${start}&${end}&limit=abc`,
      `${start}&${end}&limit=10.5`,
      `${start}&${end}&offset=-1`,
      `${start}&${end}&limit=10&limit=20`,
      `${start}&${start}&${end}`,
    ];
    for (const query of cases) {
      const response = await statistics(query);
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ error: string; detail: unknown }>();
      expect(body.error).toBe('invalid_request');
      expect(typeof body.detail).toBe('string');
    }
  });

  it('answers 503 at the configured rate, before anything else', async () => {
    simulator.configure({ chaos: { statisticsErrorRate: 1 } });
    const response = await statistics('', {});
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    simulator.configure({ chaos: { statisticsErrorRate: 0 } });
    expect((await window('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z')).statusCode).toBe(200);
  });
});
