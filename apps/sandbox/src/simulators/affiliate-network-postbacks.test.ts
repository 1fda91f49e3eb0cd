import { ManualClock } from '@sauda/platform';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox.ts';
import { ManualScheduler, startPostbackReceiver, type PostbackReceiver } from '../testing.ts';
import { createAffiliateNetworkSimulator } from './affiliate-network.ts';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkOptions,
  type AffiliateNetworkSimulator,
} from './affiliate-network-contract.ts';
import type { NetworkAction } from './affiliate-network-orders.ts';

interface Harness {
  readonly clock: ManualClock;
  readonly scheduler: ManualScheduler;
  readonly simulator: AffiliateNetworkSimulator;
  readonly sandbox: FastifyInstance;
  /** Postbacks the receiver got, as [status, payment_sum] pairs. */
  readonly statuses: () => [string, string][];
  readonly bodies: () => NetworkAction[];
  /** Places an order through the JSON API and lets its pending postback go out. */
  readonly order: (sum?: string) => Promise<string>;
  readonly post: (path: string, payload?: object) => Promise<LightMyRequestResponse>;
}

describe('affiliate network: postbacks', () => {
  let receiver: PostbackReceiver;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    receiver = await startPostbackReceiver(AFFILIATE_NETWORK_SANDBOX_SECRET);
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.plannedStatuses.length = 0;
  });
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.sandbox.close();
  });

  async function start(options: Partial<AffiliateNetworkOptions> = {}): Promise<Harness> {
    const clock = new ManualClock('2026-03-02T09:00:00.000Z');
    const scheduler = new ManualScheduler(clock);
    const simulator = createAffiliateNetworkSimulator({
      platformUrl: receiver.url,
      clock,
      scheduler,
      approveAfterMs: null,
      retry: { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, maxAttempts: 5 },
      ...options,
    });
    const sandbox = await buildSandbox({ simulators: [simulator] });
    const post = async (path: string, payload?: object) =>
      sandbox.inject({ method: 'POST', url: `/affiliate-network${path}`, ...(payload ? { payload } : {}) });
    const harness: Harness = {
      clock,
      scheduler,
      simulator,
      sandbox,
      bodies: () => receiver.received.map((webhook) => webhook.body as NetworkAction),
      statuses: () =>
        receiver.received.map((webhook) => {
          const body = webhook.body as NetworkAction;
          return [body.status, body.payment_sum];
        }),
      order: async (sum = '2000.00') => {
        const response = await post('/api/orders', { click_id: 'click-1', offer: 'shop', order_sum: sum });
        expect(response.statusCode).toBe(201);
        await scheduler.advance(0);
        return response.json<{ order_id: string }>().order_id;
      },
      post,
    };
    harnesses.push(harness);
    return harness;
  }

  it('approve, stall, decline and refunds send the right postbacks at once', async () => {
    const { post, order, statuses, scheduler } = await start();
    const approved = await order('2000.00');
    expect((await post(`/api/orders/${approved}/approve`)).statusCode).toBe(200);
    await scheduler.advance(0);
    expect(statuses()).toEqual([
      ['pending', '100.00'],
      ['approved', '100.00'],
    ]);

    // A partial refund lowers the order sum and the commission and keeps the status.
    const partial = await post(`/api/orders/${approved}/refund`, { amount: '500.50' });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({
      status: 'approved',
      order_sum: '1499.50',
      payment_sum: '74.98',
      original_order_sum: '2000.00',
    });
    await scheduler.advance(0);
    expect(statuses().at(-1)).toEqual(['approved', '74.98']);
    // Refunding the rest declines the action; the amounts stay as they were.
    const full = await post(`/api/orders/${approved}/refund`);
    expect(full.json()).toMatchObject({ status: 'declined', order_sum: '1499.50', payment_sum: '74.98' });
    await scheduler.advance(0);
    expect(statuses().at(-1)).toEqual(['declined', '74.98']);

    const stalled = await order('1000.00');
    expect((await post(`/api/orders/${stalled}/stall`)).json()).toMatchObject({
      status: 'approved_but_stalled',
    });
    expect((await post(`/api/orders/${stalled}/approve`)).json()).toMatchObject({ status: 'approved' });
    const declined = await order('300.00');
    expect((await post(`/api/orders/${declined}/decline`)).json()).toMatchObject({ status: 'declined' });
    await scheduler.advance(0);
    expect(statuses().slice(4)).toEqual([
      ['pending', '50.00'],
      ['approved_but_stalled', '50.00'],
      ['approved', '50.00'],
      ['pending', '15.00'],
      ['declined', '15.00'],
    ]);
  });

  it('refuses impossible commands with 404, 409 and 400, sending nothing', async () => {
    const { post, order, scheduler } = await start();
    const id = await order('100.00');
    await post(`/api/orders/${id}/decline`);
    await scheduler.advance(0);
    const sent = receiver.received.length;
    expect((await post('/api/orders/SO-MISSING/approve')).statusCode).toBe(404);
    expect((await post(`/api/orders/${id}/explode`)).statusCode).toBe(404);
    const again = await post(`/api/orders/${id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: 'invalid_state', status: 'declined' });
    expect((await post(`/api/orders/${id}/refund`)).statusCode).toBe(409);

    const open = await order('100.00');
    for (const amount of ['0', '100.01', '-1', '1.001', 'abc', '1e3', 5]) {
      const response = await post(`/api/orders/${open}/refund`, { amount });
      expect(response.statusCode, String(amount)).toBe(400);
    }
    expect(receiver.received.slice(sent).map((webhook) => (webhook.body as NetworkAction).status)).toEqual([
      'pending',
    ]);
    // An empty amount (as the control page's empty field sends) refunds everything.
    expect((await post(`/api/orders/${open}/refund`, { amount: '' })).json()).toMatchObject({
      status: 'declined',
    });
    await scheduler.advance(0);
    expect(receiver.received.slice(sent).map((webhook) => (webhook.body as NetworkAction).status)).toEqual([
      'pending',
      'declined',
    ]);
  });

  it('approves by itself after the configured delay, and declines the configured share', async () => {
    const draws = [0.9, 0.1];
    const { order, scheduler, statuses, bodies } = await start({
      approveAfterMs: 60_000,
      declineAfterMs: 30_000,
      declineRate: 0.5,
      random: () => draws.shift() ?? 0.99,
    });
    await order('1000.00');
    await order('1000.00');
    await scheduler.advance(29_999);
    expect(statuses().map(([status]) => status)).toEqual(['pending', 'pending']);
    await scheduler.advance(1);
    expect(statuses().map(([status]) => status)).toEqual(['pending', 'pending', 'declined']);
    await scheduler.advance(30_000);
    expect(statuses().map(([status]) => status)).toEqual(['pending', 'pending', 'declined', 'approved']);
    expect(bodies().at(-1)?.status_updated).toBe('2026-03-02T09:01:00.000Z');
    expect(scheduler.pending).toBe(0);
  });

  it('lets the control page win over the automatic decision', async () => {
    const { order, scheduler, post, statuses } = await start({ approveAfterMs: 60_000 });
    const id = await order();
    await post(`/api/orders/${id}/decline`);
    await scheduler.advance(120_000);
    expect(statuses().map(([status]) => status)).toEqual(['pending', 'declined']);
  });

  it('retries with exponential backoff while the platform answers non-2xx, until it accepts', async () => {
    const { order, scheduler, simulator } = await start();
    receiver.plannedStatuses.push(500, 502, 503);
    await order();
    expect(receiver.received.map((webhook) => webhook.status)).toEqual([500]);
    await scheduler.advance(999);
    expect(receiver.received).toHaveLength(1);
    await scheduler.advance(1);
    await scheduler.advance(2_000);
    await scheduler.advance(4_000);
    expect(receiver.received.map((webhook) => [webhook.status, webhook.signedAt])).toEqual([
      [500, Date.parse('2026-03-02T09:00:00Z') / 1000],
      [502, Date.parse('2026-03-02T09:00:01Z') / 1000],
      [503, Date.parse('2026-03-02T09:00:03Z') / 1000],
      [200, Date.parse('2026-03-02T09:00:07Z') / 1000],
    ]);
    // The same body every time: a retry is the same postback, not a new one.
    expect(new Set(receiver.received.map((webhook) => webhook.rawBody)).size).toBe(1);
    expect(simulator.postbacks.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, 500],
      [2, 502],
      [3, 503],
      [4, 200],
    ]);
    expect(scheduler.pending).toBe(0);
  });

  it('gives up after the last attempt, and retries when the platform is unreachable', async () => {
    const { order, scheduler } = await start({ retry: { maxAttempts: 3 } });
    receiver.plannedStatuses.push(400, 400, 400, 400);
    await order();
    await scheduler.advance(3_600_000);
    expect(receiver.received.map((webhook) => webhook.status)).toEqual([400, 400, 400]);

    const gone = await startPostbackReceiver(AFFILIATE_NETWORK_SANDBOX_SECRET);
    await gone.close();
    const lonelyScheduler = new ManualScheduler(new ManualClock());
    const lonely = createAffiliateNetworkSimulator({
      platformUrl: gone.url,
      scheduler: lonelyScheduler,
      approveAfterMs: null,
      retry: { initialDelayMs: 1_000, maxAttempts: 2 },
    });
    const lonelySandbox = await buildSandbox({ simulators: [lonely] });
    lonely.placeOrder({ clickId: 'c', orderSum: '10.00', actionIp: '10.0.0.1', userAgent: 'ua' });
    await lonelyScheduler.advance(0);
    await lonelyScheduler.advance(1_000);
    expect(lonely.postbacks.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, 'network-error'],
      [2, 'network-error'],
    ]);
    expect(lonelyScheduler.pending).toBe(0);
    await lonelySandbox.close();
  });

  it('sends duplicates on purpose when asked, with the same body', async () => {
    const { order, scheduler, simulator } = await start({
      chaos: { duplicateRate: 1, duplicateDelayMs: 500 },
    });
    await order();
    expect(receiver.received).toHaveLength(1);
    await scheduler.advance(500);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.rawBody).toBe(receiver.received[1]!.rawBody);
    expect(simulator.postbacks.map((attempt) => attempt.copy)).toEqual(['original', 'duplicate']);
  });

  it('delivers out of order on purpose: a held-back pending arrives after the approval', async () => {
    const { order, scheduler, simulator, post, statuses, bodies } = await start({
      chaos: { outOfOrderRate: 1, outOfOrderDelayMs: 10_000 },
    });
    const id = await order();
    simulator.configure({ chaos: { outOfOrderRate: 0 } });
    await scheduler.advance(1_000);
    await post(`/api/orders/${id}/approve`);
    await scheduler.advance(0);
    expect(statuses()).toEqual([['approved', '100.00']]);
    await scheduler.advance(9_000);
    expect(statuses()).toEqual([
      ['approved', '100.00'],
      ['pending', '100.00'],
    ]);
    // The late pending still carries its own, older status time: the platform must keep the approval.
    expect(bodies().map((body) => body.status_updated)).toEqual([
      '2026-03-02T09:00:01.000Z',
      '2026-03-02T09:00:00.000Z',
    ]);
    expect(simulator.postbacks.find((attempt) => attempt.status === 'pending')?.heldBack).toBe(true);
  });

  it('drops a postback for good when asked, leaving it to polling', async () => {
    const { order, scheduler, simulator } = await start({ chaos: { dropRate: 1 } });
    await order();
    await scheduler.advance(3_600_000);
    expect(receiver.received).toHaveLength(0);
    expect(simulator.postbacks).toEqual([expect.objectContaining({ status: 'pending', outcome: 'dropped' })]);
    expect(simulator.orders).toHaveLength(1);
  });

  it('forgets scheduled work when the sandbox closes', async () => {
    const { order, scheduler, sandbox } = await start({ approveAfterMs: 60_000 });
    receiver.plannedStatuses.push(503);
    await order();
    expect(scheduler.pending).toBe(2);
    await sandbox.close();
    expect(scheduler.pending).toBe(0);
    harnesses.pop();
  });
});
