import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { allowListOf } from '../provider-sync.ts';
import { decimalAmount, minorUnits, WebhookRejected } from './payment-provider.ts';
import { createWebhookGatewayProvider } from './webhook-gateway.ts';

/** The signature scheme of the platform's inbound webhooks, computed independently of the adapter. */
const signatureHeader = (secret: string, body: string, unix = Math.floor(Date.now() / 1000)): string =>
  `t=${unix},v1=${createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex')}`;

describe('payment provider helpers', () => {
  it('converts amounts exactly both ways', () => {
    expect(decimalAmount(200000n, 2)).toBe('2000.00');
    expect(decimalAmount(5n, 2)).toBe('0.05');
    expect(decimalAmount(7n, 0)).toBe('7');
    expect(minorUnits('2000.00', 2)).toBe(200000n);
    expect(minorUnits('2000', 2)).toBe(200000n);
    expect(minorUnits('2000.5', 2)).toBe(200050n);
    expect(minorUnits('2000.001', 2)).toBeUndefined();
    expect(minorUnits('-1', 2)).toBeUndefined();
  });

  it('matches webhook sources against addresses and networks', () => {
    expect(allowListOf([])).toBeUndefined();
    const allowed = allowListOf(['10.0.0.0/24', '192.168.1.7', '2001:db8::/32']);
    expect(allowed?.('10.0.0.200')).toBe(true);
    expect(allowed?.('::ffff:10.0.0.9')).toBe(true);
    expect(allowed?.('10.0.1.1')).toBe(false);
    expect(allowed?.('192.168.1.7')).toBe(true);
    expect(allowed?.('2001:db8::1')).toBe(true);
    expect(allowed?.('not-an-ip')).toBe(false);
  });

  it('the gateway adapter parses only signed, fresh, well-formed webhooks', () => {
    const provider = createWebhookGatewayProvider({
      url: 'http://127.0.0.1:9',
      apiKey: 'k',
      webhookSecret: 's3cret',
    });
    const body = JSON.stringify({
      event_id: 'evt_1',
      payment: { id: '100001', status: 'paid', amount: '2000.00', currency: 'KZT' },
    });
    const now = new Date();
    const headers = {
      'x-sauda-signature': signatureHeader('s3cret', body, Math.floor(now.getTime() / 1000)),
    };
    expect(provider.parseWebhook({ headers, rawBody: body, now })).toEqual({
      eventId: 'evt_1',
      providerPaymentId: '100001',
      state: { status: 'paid', amount: 200000n, currency: 'KZT' },
    });
    const kind = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof WebhookRejected ? error.kind : 'other';
      }
      return 'accepted';
    };
    expect(kind(() => provider.parseWebhook({ headers, rawBody: `${body} `, now }))).toBe('signature');
    expect(
      kind(() => provider.parseWebhook({ headers, rawBody: body, now: new Date(now.getTime() + 600_000) })),
    ).toBe('stale');
    const unknownStatus = body.replace('"paid"', '"teleported"');
    expect(
      kind(() =>
        provider.parseWebhook({
          headers: { 'x-sauda-signature': signatureHeader('s3cret', unknownStatus) },
          rawBody: unknownStatus,
          now,
        }),
      ),
    ).toBe('malformed');
    const notJson = 'nope';
    expect(
      kind(() =>
        provider.parseWebhook({
          headers: { 'x-sauda-signature': signatureHeader('s3cret', notJson) },
          rawBody: notJson,
          now,
        }),
      ),
    ).toBe('malformed');
  });
});
