import { ManualClock } from '@sauda/platform';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSandbox, startSandbox } from '../sandbox.ts';
import { ManualScheduler, startPostbackReceiver, type PostbackReceiver } from '../testing.ts';
import { createAffiliateNetworkSimulator } from './affiliate-network.ts';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  type AffiliateNetworkSimulator,
} from './affiliate-network-contract.ts';
import { catalogFor } from './affiliate-network-catalog.ts';
import { kztDecimal } from './affiliate-network-orders.ts';

const CLICK_ID = 'AQAAAAEAAAEAAAAAwJ2Xb0Q8nV6pTw';
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1';
const POSTBACK_FIELDS = [
  'action_date',
  'action_id',
  'action_ip',
  'click_id',
  'currency',
  'order_id',
  'order_sum',
  'payment_sum',
  'status',
  'status_updated',
  'user_agent',
];

describe('affiliate network: the shop and the purchase', () => {
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const scheduler = new ManualScheduler(clock);
  let receiver: PostbackReceiver;
  let simulator: AffiliateNetworkSimulator;
  let sandbox: FastifyInstance;

  beforeAll(async () => {
    receiver = await startPostbackReceiver(AFFILIATE_NETWORK_SANDBOX_SECRET);
    simulator = createAffiliateNetworkSimulator({
      platformUrl: `${receiver.url}/`,
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

  const buy = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/buy',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER, ...headers },
      payload: new URLSearchParams(form).toString(),
    });

  it('turns the tracking redirect into the offer’s shop page, escaped and under a strict CSP', async () => {
    const target = encodeURIComponent('https://tehnograd.kz/каталог?a=1&b="2"');
    const response = await sandbox.inject({
      url: `/affiliate-network/click?subid=${CLICK_ID}&url=${target}&offer=tehnograd&lang=en`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.body).toContain('Shop “tehnograd”');
    expect(response.body).toContain(`<code>${CLICK_ID}</code>`);
    expect(response.body).toContain('href="https://tehnograd.kz/каталог?a=1&amp;b=&quot;2&quot;"');
    expect(response.body).toContain('<meta name="viewport"');
    expect(response.body).not.toContain('<script');
    const products = catalogFor('tehnograd');
    expect(products).toHaveLength(4);
    expect(new Set(products.map((product) => product.sku)).size).toBe(4);
    for (const product of products) {
      expect(response.body).toContain(`name="sku" value="${product.sku}"`);
      expect(response.body).toContain(product.name.en);
    }
    expect(response.body.match(/<form method="post" action="\/affiliate-network\/buy">/g)).toHaveLength(4);
    expect(response.body).toContain('₸');
    expect(simulator.clicks.at(-1)).toMatchObject({
      subid: CLICK_ID,
      offer: 'tehnograd',
      url: 'https://tehnograd.kz/каталог?a=1&b="2"',
      receivedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('speaks Russian by default, Kazakh and English on request, and escapes what a URL smuggles in', async () => {
    const russian = await sandbox.inject({ url: `/affiliate-network/click?subid=${CLICK_ID}&offer=shop` });
    expect(russian.body).toContain('<html lang="ru">');
    expect(russian.body).toContain('Купить');
    const kazakh = await sandbox.inject({
      url: `/affiliate-network/click?subid=${CLICK_ID}`,
      headers: { 'accept-language': 'kk-KZ,kk;q=0.9' },
    });
    expect(kazakh.body).toContain('Сатып алу');
    const hostile = await sandbox.inject({
      url: `/affiliate-network/click?subid=${encodeURIComponent('x"><script>alert(1)</script>')}&offer=${encodeURIComponent('<b>')}&url=javascript:alert(1)`,
    });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<script>');
    expect(hostile.body).not.toContain('<b>');
    expect(hostile.body).not.toContain('href="javascript');
    expect(hostile.body).toContain('x&quot;&gt;&lt;script&gt;');
  });

  it('refuses a visit without a sub-id, and lists clicks newest first', async () => {
    const missing = await sandbox.inject({ url: '/affiliate-network/click?url=https://shop.kz&lang=en' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('The link has no sub-id');
    const tooLong = await sandbox.inject({ url: `/affiliate-network/click?subid=${'a'.repeat(201)}` });
    expect(tooLong.statusCode).toBe(400);
    const listed = (await sandbox.inject({ url: '/affiliate-network/clicks' })).json<{
      clicks: { subid: string }[];
    }>();
    expect(listed.clicks[0]?.subid).toBe('x"><script>alert(1)</script>');
  });

  it('a purchase creates an order bound to the click, buyer and commission, then a signed pending postback', async () => {
    const [product] = catalogFor('tehnograd');
    const response = await buy({
      subid: CLICK_ID,
      offer: 'tehnograd',
      sku: product!.sku,
      quantity: '2',
      lang: 'en',
    });
    expect(response.statusCode).toBe(303);
    const order = simulator.orders[0]!;
    expect(response.headers.location).toBe(`/affiliate-network/orders/${order.orderId}?lang=en`);
    expect(order).toMatchObject({
      clickId: CLICK_ID,
      offer: 'tehnograd',
      status: 'pending',
      actionIp: '127.0.0.1',
      userAgent: BROWSER,
      orderSumMinor: product!.priceMinor * 2n,
      paymentSumMinor: (product!.priceMinor * 2n * 5n) / 100n,
    });
    expect(order.orderId).toMatch(/^SO-[0-9A-F]{8}$/);
    expect(receiver.received).toHaveLength(0);

    await scheduler.advance(0);
    expect(receiver.received).toHaveLength(1);
    const [postback] = receiver.received;
    expect(postback).toMatchObject({ path: '/postbacks/sandbox', signatureValid: true, status: 200 });
    expect(postback!.signedAt).toBe(Date.parse('2026-03-02T09:00:00Z') / 1000);
    expect(postback!.headers['content-type']).toBe('application/json');
    expect(Object.keys(postback!.body as object).sort()).toEqual(POSTBACK_FIELDS);
    expect(postback!.body).toEqual({
      click_id: CLICK_ID,
      action_id: order.actionId,
      order_id: order.orderId,
      status: 'pending',
      payment_sum: kztDecimal((product!.priceMinor * 2n * 5n) / 100n),
      order_sum: kztDecimal(product!.priceMinor * 2n),
      currency: 'KZT',
      action_ip: '127.0.0.1',
      user_agent: BROWSER,
      action_date: '2026-03-02T09:00:00.000Z',
      status_updated: '2026-03-02T09:00:00.000Z',
    });
    expect(simulator.postbacks.at(-1)).toMatchObject({
      orderId: order.orderId,
      status: 'pending',
      outcome: 200,
      attempt: 1,
      copy: 'original',
    });

    const receipt = await sandbox.inject({ url: response.headers.location! });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Thank you for your order');
    expect(receipt.body).toContain(order.orderId);
    expect(receipt.body).toContain(`${product!.name.en} × 2`);
    const unknown = await sandbox.inject({ url: '/affiliate-network/orders/SO-NOPE?lang=en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Order not found.');
  });

  it('refuses a bad purchase with a page saying why, creating nothing and sending nothing', async () => {
    const [product] = catalogFor('tehnograd');
    const before = simulator.orders.length;
    const cases: [Record<string, string>, string][] = [
      [{ offer: 'tehnograd', sku: product!.sku, quantity: '1' }, 'The link has no sub-id'],
      [
        { subid: CLICK_ID, offer: 'tehnograd', sku: 'rocket', quantity: '1' },
        'This shop has no such product.',
      ],
      [{ subid: CLICK_ID, offer: 'tehnograd', sku: product!.sku, quantity: '0' }, 'Quantity must be'],
      [{ subid: CLICK_ID, offer: 'tehnograd', sku: product!.sku, quantity: '11' }, 'Quantity must be'],
      [{ subid: CLICK_ID, offer: 'tehnograd', sku: product!.sku, quantity: '1.5' }, 'Quantity must be'],
      [{ subid: CLICK_ID, offer: 'tehnograd', sku: product!.sku }, 'Quantity must be'],
    ];
    for (const [form, message] of cases) {
      const response = await buy({ ...form, lang: 'en' });
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(response.body).toContain(message);
    }
    const huge = await buy({ subid: CLICK_ID, sku: product!.sku, quantity: '1', pad: 'x'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    await scheduler.advance(0);
    expect(simulator.orders).toHaveLength(before);
    expect(receiver.received).toHaveLength(0);
  });

  it('creates orders through the JSON API with an exact sum, rounding the commission half away from zero', async () => {
    simulator.configure({ commissionPercent: 7.5 });
    const created = await sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/api/orders',
      payload: {
        click_id: CLICK_ID,
        offer: 'tehnograd',
        order_sum: '100.10',
        action_ip: '2a02:2168:8a0:1::7',
        user_agent: 'e2e',
      },
    });
    expect(created.statusCode).toBe(201);
    // 7.5 % of 100.10 is 7.5075: half away from zero to the tiyn.
    expect(created.json()).toMatchObject({
      click_id: CLICK_ID,
      status: 'pending',
      order_sum: '100.10',
      payment_sum: '7.51',
      commission_percent: '7.50',
      action_ip: '2a02:2168:8a0:1::7',
      user_agent: 'e2e',
      items: [],
    });
    const bySku = await sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/api/orders',
      payload: { click_id: CLICK_ID, offer: 'tehnograd', sku: catalogFor('tehnograd')[1]!.sku, quantity: 3 },
    });
    expect(bySku.statusCode).toBe(201);
    expect(bySku.json<{ items: { quantity: number }[] }>().items[0]?.quantity).toBe(3);
    simulator.configure({ commissionPercent: 5 });
    await scheduler.advance(0);
    expect(receiver.received.map((webhook) => (webhook.body as { status: string }).status)).toEqual([
      'pending',
      'pending',
    ]);
  });

  it('refuses bad JSON orders with the reason and changes nothing', async () => {
    const before = simulator.orders.length;
    const cases: unknown[] = [
      {},
      { click_id: 42, order_sum: '1.00' },
      { click_id: '', order_sum: '1.00' },
      { click_id: 'a'.repeat(201), order_sum: '1.00' },
      { click_id: CLICK_ID },
      { click_id: CLICK_ID, order_sum: '-5.00' },
      { click_id: CLICK_ID, order_sum: '0' },
      { click_id: CLICK_ID, order_sum: '1.005' },
      { click_id: CLICK_ID, order_sum: 12 },
      { click_id: CLICK_ID, order_sum: '1000000000.01' },
      { click_id: CLICK_ID, order_sum: '1.00', action_ip: 'not-an-ip' },
      { click_id: CLICK_ID, sku: 'rocket' },
      { click_id: CLICK_ID, offer: 'tehnograd', sku: catalogFor('tehnograd')[0]!.sku, quantity: '2' },
      { click_id: CLICK_ID, offer: 'tehnograd', sku: catalogFor('tehnograd')[0]!.sku, quantity: 11 },
      [],
    ];
    for (const payload of cases) {
      const response = await sandbox.inject({
        method: 'POST',
        url: '/affiliate-network/api/orders',
        payload: payload as object,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ error: string }>().error).toBe('invalid_request');
    }
    const notJson = await sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/api/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"click_id":',
    });
    expect(notJson.statusCode).toBe(400);
    const huge = await sandbox.inject({
      method: 'POST',
      url: '/affiliate-network/api/orders',
      payload: { click_id: CLICK_ID, order_sum: '1.00', pad: 'x'.repeat(20_000) },
    });
    expect(huge.statusCode).toBe(413);
    await scheduler.advance(0);
    expect(simulator.orders).toHaveLength(before);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('affiliate network over real HTTP and real timers', () => {
  it('a browser-like visit buys through the form and the platform gets pending, then approved', async () => {
    const receiver = await startPostbackReceiver(AFFILIATE_NETWORK_SANDBOX_SECRET);
    const simulator = createAffiliateNetworkSimulator({ platformUrl: receiver.url, approveAfterMs: 30 });
    const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', simulators: [simulator] });
    try {
      const shop = await fetch(`${sandbox.url}/affiliate-network/click?subid=${CLICK_ID}&offer=mechta`);
      const html = await shop.text();
      const sku = /name="sku" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const bought = await fetch(`${sandbox.url}/affiliate-network/buy`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER },
        body: new URLSearchParams({ subid: CLICK_ID, offer: 'mechta', sku, quantity: '1' }),
        redirect: 'manual',
      });
      expect(bought.status).toBe(303);
      await vi.waitFor(() => {
        expect(receiver.received.map((webhook) => (webhook.body as { status: string }).status)).toEqual([
          'pending',
          'approved',
        ]);
      });
      expect(receiver.received.every((webhook) => webhook.signatureValid)).toBe(true);
      expect(receiver.received[0]?.body).toMatchObject({ action_ip: '127.0.0.1', user_agent: BROWSER });
      const deliveries = (await (await fetch(`${sandbox.url}/deliveries`)).json()) as {
        deliveries: unknown[];
      };
      expect(deliveries.deliveries).toHaveLength(2);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });
});
