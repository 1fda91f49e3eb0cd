import { ManualClock } from '@sauda/platform';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox.ts';
import { ManualScheduler, startPostbackReceiver, type PostbackReceiver } from '../testing.ts';
import { createAffiliateNetworkSimulator } from './affiliate-network.ts';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkSimulator,
} from './affiliate-network-contract.ts';
import type { NetworkAction } from './affiliate-network-orders.ts';
import { DEFAULT_AFFILIATE_NETWORK_SETTINGS } from './affiliate-network-settings.ts';

describe('affiliate network: the control page and the JSON API', () => {
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const scheduler = new ManualScheduler(clock);
  let receiver: PostbackReceiver;
  let simulator: AffiliateNetworkSimulator;
  let sandbox: FastifyInstance;

  beforeAll(async () => {
    receiver = await startPostbackReceiver(AFFILIATE_NETWORK_SANDBOX_SECRET);
    simulator = createAffiliateNetworkSimulator({
      platformUrl: receiver.url,
      clock,
      scheduler,
      approveAfterMs: null,
    });
    sandbox = await buildSandbox({ simulators: [simulator] });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  const place = async (clickId = 'click<1>') => {
    const order = simulator.placeOrder({
      clickId,
      orderSum: '2000.00',
      actionIp: '10.0.0.7',
      userAgent: 'ua',
    });
    await scheduler.advance(0);
    return order.orderId;
  };
  const submit = (path: string, form: Record<string, string> = {}) =>
    sandbox.inject({
      method: 'POST',
      url: `/affiliate-network/control/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const lastPostback = () => receiver.received.at(-1)?.body as NetworkAction | undefined;

  it('lists orders with their state and the buttons that state allows, escaped, under the CSP', async () => {
    const pending = await place();
    const declined = await place('click-2');
    simulator.command(declined, 'decline');
    const response = await sandbox.inject({ url: '/affiliate-network/control?lang=en' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain(`POST ${receiver.url}/postbacks/sandbox`);
    expect(response.body).toContain('<code>click&lt;1&gt;</code>');
    expect(response.body).not.toContain('click<1>');
    const cards = response.body.split('<div class="card" id="').slice(1);
    const card = (id: string) => cards.find((candidate) => candidate.startsWith(id)) ?? '';
    expect(card(pending)).toContain(`/affiliate-network/control/orders/${pending}/approve?lang=en`);
    expect(card(pending)).toContain(`/affiliate-network/control/orders/${pending}/stall?lang=en`);
    expect(card(pending)).toContain(`/affiliate-network/control/orders/${pending}/refund?lang=en`);
    expect(card(pending)).toContain('status-pending');
    expect(card(declined)).toContain('status-declined');
    expect(card(declined)).not.toContain('/approve');
    expect(card(declined)).not.toContain('/refund');
    expect(card(declined)).toContain('/resend');
    const kazakh = await sandbox.inject({ url: '/affiliate-network/control?lang=kk' });
    expect(kazakh.body).toContain('Серіктестік желі пульті');
    expect(kazakh.body).toContain('Мақұлдау');
  });

  it('approves, refunds and declines from the forms at once, then shows the page again', async () => {
    const id = await place();
    const approved = await submit(`orders/${id}/approve?lang=en`);
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/affiliate-network/control?lang=en#${id}`);
    await scheduler.advance(0);
    expect(lastPostback()).toMatchObject({ order_id: id, status: 'approved', payment_sum: '100.00' });

    // As a person types it: a space between thousands, a decimal comma.
    expect((await submit(`orders/${id}/refund?lang=en`, { amount: '1 000,50' })).statusCode).toBe(303);
    await scheduler.advance(0);
    expect(lastPostback()).toMatchObject({ status: 'approved', order_sum: '999.50', payment_sum: '49.98' });
    expect((await submit(`orders/${id}/refund?lang=en`, { amount: '' })).statusCode).toBe(303);
    await scheduler.advance(0);
    expect(lastPostback()).toMatchObject({ status: 'declined' });

    const refused = await submit(`orders/${id}/approve?lang=en`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('The order is “declined”: this action is not available.');
    const tooMuch = await submit(`orders/${await place()}/refund?lang=ru`, { amount: '5000' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.body).toContain('Сумма возврата');
    expect((await submit('orders/SO-MISSING/decline?lang=en')).statusCode).toBe(404);
    expect((await submit(`orders/${id}/explode?lang=en`)).statusCode).toBe(404);
    expect((await submit('orders/SO-MISSING/resend?lang=en')).statusCode).toBe(404);
  });

  it('sends the current postback again on request', async () => {
    const id = await place();
    expect((await submit(`orders/${id}/resend`)).statusCode).toBe(303);
    expect(
      (await sandbox.inject({ method: 'POST', url: `/affiliate-network/api/orders/${id}/resend` }))
        .statusCode,
    ).toBe(200);
    await scheduler.advance(0);
    expect(receiver.received.map((webhook) => (webhook.body as NetworkAction).status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(new Set(receiver.received.map((webhook) => webhook.rawBody)).size).toBe(1);
    expect(
      (await sandbox.inject({ method: 'POST', url: '/affiliate-network/api/orders/SO-NONE/resend' }))
        .statusCode,
    ).toBe(404);
  });

  it('changes settings from the form, and refuses bad ones without changing anything', async () => {
    const saved = await submit('settings?lang=en', {
      commissionPercent: '7,25',
      approveAfterSeconds: '',
      declineAfterSeconds: '90',
      declinePercent: '10',
      duplicatePercent: '5',
      outOfOrderPercent: '2.5',
      dropPercent: '1',
      statisticsErrorPercent: '0',
    });
    expect(saved.statusCode).toBe(303);
    expect(simulator.settings).toMatchObject({
      commissionPercent: 7.25,
      approveAfterMs: null,
      declineAfterMs: 90_000,
      declineRate: 0.1,
      chaos: { duplicateRate: 0.05, outOfOrderRate: 0.025, dropRate: 0.01, statisticsErrorRate: 0 },
    });
    const page = await sandbox.inject({ url: '/affiliate-network/control?lang=en' });
    expect(page.body).toContain('name="commissionPercent" type="number" min="0" step="0.01" value="7.25"');
    expect(page.body).toContain('name="declinePercent" type="number" min="0" step="0.01" value="10"');
    const before = simulator.settings;
    const badForms: Record<string, string>[] = [
      { commissionPercent: '101' },
      { commissionPercent: '5.555' },
      { commissionPercent: 'five' },
      { dropPercent: '150' },
      { declineAfterSeconds: '-1' },
    ];
    for (const form of badForms) {
      const refused = await submit('settings?lang=en', form);
      expect(refused.statusCode, JSON.stringify(form)).toBe(400);
      expect(refused.body).toContain('Settings not saved');
    }
    expect(simulator.settings).toBe(before);
    simulator.configure({ ...DEFAULT_AFFILIATE_NETWORK_SETTINGS, approveAfterMs: null });
  });

  it('serves orders, postbacks and settings as JSON, and changes settings only with valid values', async () => {
    const id = await place();
    const listed = (await sandbox.inject({ url: '/affiliate-network/api/orders' })).json<{
      orders: { order_id: string; postbacks: { status: string; outcome: number }[] }[];
    }>();
    expect(listed.orders[0]).toMatchObject({
      order_id: id,
      postbacks: [{ status: 'pending', outcome: 200 }],
    });
    expect((await sandbox.inject({ url: `/affiliate-network/api/orders/${id}` })).json()).toMatchObject({
      order_id: id,
      action_ip: '10.0.0.7',
    });
    expect((await sandbox.inject({ url: '/affiliate-network/api/orders/SO-NONE' })).statusCode).toBe(404);
    const postbacks = (await sandbox.inject({ url: '/affiliate-network/api/postbacks' })).json<{
      postbacks: { orderId: string }[];
    }>();
    expect(postbacks.postbacks.at(-1)?.orderId).toBe(id);

    const changed = await sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/api/settings',
      payload: { chaos: { duplicateRate: 0.5 }, retry: { maxAttempts: 3 }, unknown: true },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ chaos: { duplicateRate: 0.5 }, retry: { maxAttempts: 3 } });
    expect(changed.json()).not.toHaveProperty('unknown');
    for (const payload of [
      { commissionPercent: '5' },
      { approveAfterMs: 1.5 },
      { chaos: { dropRate: -0.1 } },
      { retry: { multiplier: 0.5 } },
      { retry: { initialDelayMs: 0 } },
      { retry: { initialDelayMs: 10_000, maxDelayMs: 5_000 } },
      { retry: { maxAttempts: 0 } },
    ]) {
      const refused = await sandbox.inject({
        method: 'POST',
        url: '/affiliate-network/api/settings',
        payload,
      });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json<{ error: string }>().error).toBe('invalid_settings');
    }
    expect((await sandbox.inject({ url: '/affiliate-network/api/settings' })).json()).toMatchObject({
      chaos: { duplicateRate: 0.5 },
      retry: { maxAttempts: 3 },
    });
  });

  it('keeps bounded lists: the oldest clicks, orders and postback attempts are forgotten first', async () => {
    const small = createAffiliateNetworkSimulator({
      platformUrl: receiver.url,
      clock,
      scheduler,
      approveAfterMs: null,
      capacity: 2,
    });
    const smallSandbox = await buildSandbox({ simulators: [small] });
    const ids = ['a', 'b', 'c'].map((clickId) => {
      small.recordClick({ subid: clickId, offer: null, url: null });
      return small.placeOrder({ clickId, orderSum: '10.00', actionIp: '10.0.0.1', userAgent: 'ua' }).orderId;
    });
    await scheduler.advance(0);
    expect(small.orders.map((order) => order.orderId)).toEqual([ids[2], ids[1]]);
    expect(small.clicks.map((click) => click.subid)).toEqual(['b', 'c']);
    expect(small.postbacks.map((attempt) => attempt.orderId)).toEqual([ids[1], ids[2]]);
    await smallSandbox.close();
    expect(() => createAffiliateNetworkSimulator({ platformUrl: 'localhost:3000' })).toThrow(/platformUrl/);
    expect(() => createAffiliateNetworkSimulator({ platformUrl: receiver.url, declineRate: 2 })).toThrow(
      /declineRate/,
    );
  });
});
