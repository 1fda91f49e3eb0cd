import { describe, expect, it } from 'vitest';
import { signatureHeader } from '@sauda/conversions';
import { useTestApp } from '@sauda/testing';
import {
  changedEvents,
  clickOf,
  conversionOf,
  count,
  processReports,
  SYSTEM,
  unique,
} from './conversions-helpers.ts';
import { activePartner } from './tracking-helpers.ts';
import { newId } from '@sauda/platform';

const ctx = useTestApp();
const SHOP_ORIGIN = 'https://www.retailer.kz';

/** A retailer without a network: partner terms 5 % of the order, pixel allowed on its own site. */
async function retailer() {
  const partner = await activePartner(ctx());
  const { network, secret } = await ctx().app.sauda.modules.conversions.api.createNetwork(SYSTEM, {
    key: unique('shop'),
    name: 'Retailer direct',
    kind: 'direct',
    partnerId: partner.id,
    allowedOrigins: [SHOP_ORIGIN],
  });
  return { partner, network, secret: secret ?? '', publishableKey: network.publishableKey ?? '' };
}

const pixel = (body: unknown, origin: string | null = SHOP_ORIGIN) =>
  ctx().app.inject({
    method: 'POST',
    url: '/v1/pixel/conversions',
    headers: {
      'content-type': 'text/plain',
      ...(origin ? { origin } : {}),
      'user-agent': 'Mozilla/5.0 (Test) Chrome/131.0',
    },
    remoteAddress: '203.0.113.99',
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

function serverReport(key: string, secret: string, fields: Record<string, unknown>, unix?: number) {
  const body = JSON.stringify(fields);
  return ctx().app.inject({
    method: 'POST',
    url: '/v1/conversions',
    headers: {
      'content-type': 'application/json',
      'x-sauda-key': key,
      'x-sauda-signature': signatureHeader(secret, body, unix),
    },
    payload: body,
  });
}

describe('the retailer pixel', () => {
  it('serves a small dependency-free script that other sites may load', async () => {
    const response = await ctx().app.inject({ url: '/sdk/pixel.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.body.length).toBeLessThan(4096);
    expect(response.body).not.toMatch(/\bimport\b|\brequire\(/);
    const cached = await ctx().app.inject({
      url: '/sdk/pixel.js',
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('reports an order from an allowed site as pending, with the commission from the partner’s terms', async () => {
    const { partner, network, publishableKey } = await retailer();
    const userId = newId('usr');
    const clickId = await clickOf(ctx(), partner.slug, userId);
    const orderId = unique('order');
    const response = await pixel({
      key: publishableKey,
      click_id: clickId,
      order_id: orderId,
      order_amount: '2000.00',
      currency: 'KZT',
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    // The browser cannot claim a status: a pixel conversion is pending.
    await pixel({
      key: publishableKey,
      click_id: clickId,
      order_id: orderId,
      order_amount: '2000.00',
      currency: 'KZT',
      status: 'approved',
    });
    await processReports(ctx());
    expect(await changedEvents(ctx(), orderId)).toEqual([
      expect.objectContaining({
        state: 'pending',
        commission: '10000',
        orderAmount: '200000',
        userId,
        partnerId: partner.id,
        networkKey: network.key,
      }),
    ]);
  });

  it('refuses other sites, unknown keys and broken bodies', async () => {
    const { publishableKey } = await retailer();
    const order = { key: publishableKey, order_id: unique('order'), order_amount: '10', currency: 'KZT' };
    expect((await pixel(order, 'https://evil.example')).json()).toMatchObject({
      code: 'CONVERSIONS_ORIGIN_NOT_ALLOWED',
    });
    expect((await pixel(order, null)).statusCode).toBe(403);
    expect((await pixel({ ...order, key: 'pk_unknown' })).statusCode).toBe(404);
    expect((await pixel('{"key": ')).statusCode).toBe(400);
    const tooBig = await pixel({ ...order, padding: 'x'.repeat(20_000) });
    expect(tooBig.statusCode).toBe(413);
    const unknownCurrency = await pixel({ ...order, currency: 'RUB' });
    expect(unknownCurrency.json()).toMatchObject({ code: 'CONVERSIONS_UNKNOWN_CURRENCY' });
  });
});

describe('the retailer server API', () => {
  it('is idempotent by order id and converges as the retailer confirms', async () => {
    const { partner, network, secret, publishableKey } = await retailer();
    expect(secret).toMatch(/^sk_/);
    expect(publishableKey).toMatch(/^pk_/);
    const userId = newId('usr');
    const clickId = await clickOf(ctx(), partner.slug, userId);
    const orderId = unique('order');
    const order = { click_id: clickId, order_id: orderId, order_amount: '1500.00', currency: 'KZT' };
    for (let i = 0; i < 3; i += 1) {
      const response = await serverReport(publishableKey, secret, order);
      expect(response.statusCode, response.body).toBe(202);
    }
    await processReports(ctx());
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [network.id]),
    ).toBe(1);
    // The return window passed: the retailer approves, with its own commission.
    await serverReport(publishableKey, secret, { ...order, status: 'approved', commission: '60.00' });
    await processReports(ctx());
    expect((await changedEvents(ctx(), orderId)).map((event) => [event.state, event.commission])).toEqual([
      ['pending', '7500'],
      ['approved', '6000'],
    ]);
    expect((await conversionOf(ctx(), network.id, orderId))?.state).toBe('approved');
  });

  it('refuses unsigned, mis-signed, stale and unknown-key requests, and retailer keys on the network postback URL', async () => {
    const { network, secret, publishableKey } = await retailer();
    const order = { order_id: unique('order'), order_amount: '10', currency: 'KZT' };
    const unsigned = await ctx().app.inject({
      method: 'POST',
      url: '/v1/conversions',
      headers: { 'content-type': 'application/json' },
      payload: order,
    });
    expect(unsigned.json()).toMatchObject({ code: 'CONVERSIONS_AUTHENTICATION_REQUIRED' });
    expect((await serverReport(publishableKey, 'sk_wrong', order)).json()).toMatchObject({
      code: 'CONVERSIONS_SIGNATURE_INVALID',
    });
    expect((await serverReport('pk_nobody', secret, order)).json()).toMatchObject({
      code: 'CONVERSIONS_SIGNATURE_INVALID',
    });
    const stale = await serverReport(publishableKey, secret, order, Math.floor(Date.now() / 1000) - 3600);
    expect(stale.json()).toMatchObject({ code: 'CONVERSIONS_SIGNATURE_EXPIRED' });
    const viaPostback = await ctx().app.inject({
      method: 'POST',
      url: `/postbacks/${network.key}`,
      payload: order,
    });
    expect(viaPostback.statusCode).toBe(404);
    const negative = await serverReport(publishableKey, secret, { ...order, order_amount: '-10' });
    expect(negative.json()).toMatchObject({ code: 'CONVERSIONS_INVALID_AMOUNT' });
    const noOrder = await serverReport(publishableKey, secret, { order_amount: '10', currency: 'KZT' });
    expect(noOrder.json()).toMatchObject({
      code: 'CONVERSIONS_INVALID_REPORT',
      errors: [{ path: 'order_id', message: 'required' }],
    });
    await processReports(ctx());
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [network.id]),
    ).toBe(0);
  });
});
