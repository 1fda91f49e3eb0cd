import { createServer } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox.ts';
import { createKaspiSimulator, KASPI_SANDBOX_GATEWAY_KEY, KASPI_SANDBOX_WEBHOOK_SECRET } from './kaspi.ts';
import { signatureHeader } from '../webhooks.ts';

describe('Kaspi simulator', () => {
  const simulator = createKaspiSimulator({ paymentTtlSeconds: 60 });
  let sandbox: FastifyInstance;
  let url: string;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end('{}');
    });
  });
  let callbackUrl: string;

  beforeAll(async () => {
    sandbox = await buildSandbox({ simulators: [simulator] });
    url = await sandbox.listen({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    callbackUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });
  afterAll(async () => {
    await sandbox.close();
    receiver.close();
  });

  const gateway = (body: unknown, key = KASPI_SANDBOX_GATEWAY_KEY, idempotency?: string) =>
    fetch(`${url}/kaspi/gateway/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key,
        ...(idempotency ? { 'idempotency-key': idempotency } : {}),
      },
      body: JSON.stringify(body),
    });

  it('creates gateway payments idempotently, shows the page, and sends a signed webhook when paid', async () => {
    const request = {
      external_id: 'dpy_1.1',
      amount: '2000.00',
      currency: 'KZT',
      description: 'взнос',
      callback_url: callbackUrl,
    };
    const created = await gateway(request, KASPI_SANDBOX_GATEWAY_KEY, 'dpy_1.1');
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { id: string; status: string; payment_url: string };
    expect(payment.status).toBe('pending');
    expect((await gateway(request, KASPI_SANDBOX_GATEWAY_KEY, 'dpy_1.1')).status).toBe(200);
    expect((await gateway(request, 'wrong')).status).toBe(401);
    expect((await gateway({ ...request, amount: 2000 })).status).toBe(400);

    const page = await fetch(payment.payment_url);
    const html = await page.text();
    expect(html).toContain('<svg');
    expect(html).toContain('Оплатить 2000.00 KZT');
    const paid = await fetch(payment.payment_url, { method: 'POST' });
    expect(await paid.text()).toContain('data-status="paid"');
    expect(received).toHaveLength(1);
    const [webhook] = received;
    const body = JSON.parse(webhook?.body ?? '{}') as { event_id: string; payment: { status: string } };
    expect(body.payment.status).toBe('paid');
    const header = webhook?.headers['x-sauda-signature'];
    const signature = typeof header === 'string' ? header : '';
    const timestamp = Number(/t=(\d+)/.exec(signature)?.[1]);
    expect(signature).toBe(signatureHeader(KASPI_SANDBOX_WEBHOOK_SECRET, webhook?.body ?? '', timestamp));

    const status = await fetch(`${url}/kaspi/gateway/v1/payments/${payment.id}`, {
      headers: { 'x-api-key': KASPI_SANDBOX_GATEWAY_KEY },
    });
    expect(await status.json()).toMatchObject({ status: 'paid', amount: '2000.00' });
    const resent = await fetch(`${url}/kaspi/payments/${payment.id}/resend`, { method: 'POST' });
    expect(resent.status).toBe(200);
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({ event_id: body.event_id });
    expect((await fetch(`${url}/kaspi/payments/nope/pay`, { method: 'POST' })).status).toBe(404);
  });

  it('answers the merchant QR API with status codes the way Kaspi does', async () => {
    const create = (body: unknown, path = 'qr/create') =>
      fetch(`${url}/kaspi/r3/v01/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(
        (response) => response.json() as Promise<{ StatusCode: number; Data?: Record<string, unknown> }>,
      );
    const ok = await create({
      OrganizationBin: '180240000012',
      DeviceToken: 'sandbox-device',
      Amount: 2000,
      ExternalId: 'e1',
    });
    expect(ok.StatusCode).toBe(0);
    expect(String(ok.Data?.QrToken)).toContain('/kaspi/pay/');
    const id = String(ok.Data?.QrPaymentId);
    const status = async () =>
      (
        (await (await fetch(`${url}/kaspi/r3/v01/payment/status/${id}`)).json()) as {
          Data: { Status: string };
        }
      ).Data.Status;
    expect(await status()).toBe('Wait');
    await fetch(`${url}/kaspi/payments/${id}/fail`, { method: 'POST' });
    expect(await status()).toBe('Error');
    expect(
      await create({ OrganizationBin: '1', DeviceToken: 'x', Amount: 2000, ExternalId: 'e2' }),
    ).toMatchObject({ StatusCode: -1501 });
    expect(
      await create({
        OrganizationBin: '180240000012',
        DeviceToken: 'sandbox-device',
        Amount: -1,
        ExternalId: 'e3',
      }),
    ).toMatchObject({
      StatusCode: -999,
    });
    const link = await create(
      { OrganizationBin: '180240000012', DeviceToken: 'sandbox-device', Amount: 2000, ExternalId: 'e4' },
      'qr/create-link',
    );
    expect(link.StatusCode).toBe(0);
    expect(String(link.Data?.PaymentLink)).toContain('/kaspi/pay/');
    expect(await (await fetch(`${url}/kaspi/r3/v01/payment/status/999`)).json()).toMatchObject({
      StatusCode: -1601,
    });
    const listed = (await (await fetch(`${url}/kaspi/payments`)).json()) as { payments: unknown[] };
    expect(listed.payments.length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${url}/kaspi/pay/999`)).status).toBe(404);
  });
});
