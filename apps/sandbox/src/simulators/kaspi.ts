import { randomUUID, timingSafeEqual } from 'node:crypto';
import { acceptFormPosts } from '../form-posts.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Simulator } from '../sandbox.ts';
import type { Delivery, WebhookSender } from '../webhooks.ts';
import { kaspiPaymentPage } from './kaspi-page.ts';

/**
 * Kaspi as Sauda meets it, in two contracts over one store of payments (paths under `/kaspi`):
 *
 * Merchant QR API (polled; in production over mutual TLS):
 *   POST /r3/v01/qr/create       { OrganizationBin, Amount, ExternalId, DeviceToken }
 *                                → { StatusCode: 0, Data: { QrToken, ExpireDate, QrPaymentId } }
 *   POST /r3/v01/qr/create-link  same → { StatusCode: 0, Data: { PaymentLink, ExpireDate, PaymentId } }
 *   GET  /r3/v01/payment/status/:id → { StatusCode: 0, Data: { Status: QrTokenCreated|Wait|Processed|Error } }
 *   Refusals are HTTP 200 with a non-zero StatusCode (-1501 unknown device, -1601 unknown payment).
 *
 * Payment gateway (pushes webhooks):
 *   POST /gateway/v1/payments  X-Api-Key, Idempotency-Key; { external_id, amount, currency, description,
 *                              callback_url, return_url } → 201 { id, status, qr_payload, payment_url, expires_at }
 *   GET  /gateway/v1/payments/:id → { id, external_id, status, amount, currency }
 *   Webhook to callback_url, signed `X-Sauda-Signature`:
 *     { event_id, type: "payment.updated", payment: { id, external_id, status, amount, currency } }
 *
 * The payer: `GET /pay/:id` shows the QR and a "pay" button (`POST /pay/:id`). Tests and demos drive
 * it with `POST /payments/:id/pay|fail` (`?webhook=false`: the webhook is lost), replay the last webhook with `POST /payments/:id/resend`,
 * and list everything with `GET /payments`. A payment expires after `paymentTtlSeconds`.
 */

export const KASPI_SANDBOX_GATEWAY_KEY = 'sandbox-kaspi-gateway-key';
export const KASPI_SANDBOX_WEBHOOK_SECRET = 'sandbox-kaspi-webhook-secret';
export const KASPI_SANDBOX_ORGANIZATION_BIN = '180240000012';
export const KASPI_SANDBOX_DEVICE_TOKEN = 'sandbox-device';

export interface KaspiSimulatorOptions {
  readonly gatewayApiKey?: string;
  readonly webhookSecret?: string;
  readonly organizationBin?: string;
  readonly deviceToken?: string;
  readonly paymentTtlSeconds?: number;
  readonly capacity?: number;
}

export type KaspiPaymentStatus = 'pending' | 'paid' | 'failed' | 'expired';

export interface SimulatedKaspiPayment {
  readonly id: string;
  readonly contract: 'merchant-qr' | 'merchant-link' | 'gateway';
  readonly externalId: string;
  /** Decimal text, e.g. "2000.00". */
  readonly amount: string;
  readonly currency: string;
  readonly description: string;
  status: KaspiPaymentStatus;
  readonly callbackUrl: string | null;
  readonly returnUrl: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  paidAt: string | null;
  /** The last event sent, so it can be replayed. */
  lastEvent: { readonly id: string; readonly body: unknown } | null;
}

export interface KaspiSimulator extends Simulator {
  readonly payments: readonly SimulatedKaspiPayment[];
  /**
   * Plays the payer paying (or the bank refusing); sends the webhook for gateway payments unless
   * `webhook` is false (a webhook lost on the way, which only polling can make up for).
   */
  settle(
    id: string,
    outcome: 'paid' | 'failed',
    options?: { readonly webhook?: boolean },
  ): Promise<{ payment: SimulatedKaspiPayment; delivery: Delivery | null }>;
}

const sameKey = (given: unknown, expected: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const KASPI_STATUS: Readonly<Record<KaspiPaymentStatus, string>> = {
  pending: 'Wait',
  paid: 'Processed',
  failed: 'Error',
  expired: 'Error',
};

const baseUrl = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
const record = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export function createKaspiSimulator(options: KaspiSimulatorOptions = {}): KaspiSimulator {
  const apiKey = options.gatewayApiKey ?? KASPI_SANDBOX_GATEWAY_KEY;
  const webhookSecret = options.webhookSecret ?? KASPI_SANDBOX_WEBHOOK_SECRET;
  const organizationBin = options.organizationBin ?? KASPI_SANDBOX_ORGANIZATION_BIN;
  const deviceToken = options.deviceToken ?? KASPI_SANDBOX_DEVICE_TOKEN;
  const ttlMs = (options.paymentTtlSeconds ?? 600) * 1000;
  const capacity = options.capacity ?? 1000;
  const payments: SimulatedKaspiPayment[] = [];
  let nextNumber = 100_000;
  let webhooks: WebhookSender | undefined;

  const find = (id: string): SimulatedKaspiPayment | undefined => {
    const payment = payments.find((candidate) => candidate.id === id);
    if (payment?.status === 'pending' && Date.parse(payment.expiresAt) < Date.now())
      payment.status = 'expired';
    return payment;
  };

  const create = (
    input: Omit<SimulatedKaspiPayment, 'id' | 'status' | 'createdAt' | 'expiresAt' | 'paidAt' | 'lastEvent'>,
  ) => {
    const earlier = payments.find(
      (candidate) => candidate.externalId === input.externalId && candidate.contract === input.contract,
    );
    if (earlier) return { payment: earlier, created: false };
    nextNumber += 1;
    const now = Date.now();
    const payment: SimulatedKaspiPayment = {
      ...input,
      id: String(nextNumber),
      status: 'pending',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttlMs).toISOString(),
      paidAt: null,
      lastEvent: null,
    };
    payments.push(payment);
    if (payments.length > capacity) payments.shift();
    return { payment, created: true };
  };

  const gatewayView = (payment: SimulatedKaspiPayment) => ({
    id: payment.id,
    external_id: payment.externalId,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
  });

  async function settle(
    id: string,
    outcome: 'paid' | 'failed',
    settleOptions: { readonly webhook?: boolean } = {},
  ) {
    const payment = find(id);
    if (!payment) throw new RangeError(`no Kaspi payment ${id}`);
    if (payment.status !== 'pending') return { payment, delivery: null };
    payment.status = outcome;
    if (outcome === 'paid') payment.paidAt = new Date().toISOString();
    let delivery: Delivery | null = null;
    if (payment.contract === 'gateway' && payment.callbackUrl && webhooks) {
      const body = {
        event_id: `evt_${randomUUID()}`,
        type: 'payment.updated',
        payment: gatewayView(payment),
      };
      payment.lastEvent = { id: body.event_id, body };
      if (settleOptions.webhook !== false)
        delivery = await webhooks.send({
          simulator: 'kaspi',
          url: payment.callbackUrl,
          secret: webhookSecret,
          body,
        });
    }
    return { payment, delivery };
  }

  const merchantCreate = (contract: 'merchant-qr' | 'merchant-link') => async (request: FastifyRequest) => {
    const body = record(request.body);
    if (body.OrganizationBin !== organizationBin || body.DeviceToken !== deviceToken)
      return { StatusCode: -1501, Message: 'Device not found or not registered for the organization' };
    const amount = body.Amount;
    if (
      typeof amount !== 'number' ||
      !(amount > 0) ||
      typeof body.ExternalId !== 'string' ||
      body.ExternalId === ''
    )
      return { StatusCode: -999, Message: 'Invalid request: Amount and ExternalId are required' };
    const { payment } = create({
      contract,
      externalId: body.ExternalId,
      amount: amount.toFixed(2),
      currency: 'KZT',
      description: `Payment ${body.ExternalId}`,
      callbackUrl: null,
      returnUrl: null,
    });
    const link = `${baseUrl(request)}/kaspi/pay/${payment.id}`;
    const behaviour = {
      StatusPollingInterval: 5,
      QrCodeScanWaitTimeout: 180,
      PaymentConfirmationTimeout: 65,
    };
    return contract === 'merchant-qr'
      ? {
          StatusCode: 0,
          Message: '',
          Data: {
            QrToken: link,
            ExpireDate: payment.expiresAt,
            QrPaymentId: Number(payment.id),
            QrPaymentBehaviorOptions: behaviour,
          },
        }
      : {
          StatusCode: 0,
          Message: '',
          Data: {
            PaymentLink: link,
            ExpireDate: payment.expiresAt,
            PaymentId: Number(payment.id),
            PaymentBehaviorOptions: behaviour,
          },
        };
  };

  const payPage = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const payment = find(request.params.id);
    if (!payment) return reply.status(404).type('text/plain; charset=utf-8').send('Платёж не найден');
    const html = await kaspiPaymentPage({
      ...payment,
      qrPayload: `${baseUrl(request)}/kaspi/pay/${payment.id}`,
    });
    return reply.type('text/html; charset=utf-8').send(html);
  };

  return {
    name: 'kaspi',
    description:
      'Kaspi: merchant QR API (/r3/v01/qr/create, /r3/v01/payment/status/:id), a payment gateway with signed webhooks (/gateway/v1/payments), the payment page /pay/:id',
    payments,
    settle,
    async register(app: FastifyInstance, context) {
      // The payment page's "pay" button is a plain form.
      acceptFormPosts(app);
      webhooks = context.webhooks;
      app.post('/r3/v01/qr/create', merchantCreate('merchant-qr'));
      app.post('/r3/v01/qr/create-link', merchantCreate('merchant-link'));
      app.get<{ Params: { id: string } }>('/r3/v01/payment/status/:id', async (request) => {
        const payment = find(request.params.id);
        if (!payment || payment.contract === 'gateway')
          return { StatusCode: -1601, Message: 'Payment not found' };
        return { StatusCode: 0, Message: '', Data: { Status: KASPI_STATUS[payment.status] } };
      });

      app.post('/gateway/v1/payments', async (request, reply) => {
        if (!sameKey(request.headers['x-api-key'], apiKey))
          return reply.status(401).send({ error: 'invalid_api_key' });
        const body = record(request.body);
        const externalId = request.headers['idempotency-key'] ?? body.external_id;
        const { amount, currency, description, callback_url: callbackUrl, return_url: returnUrl } = body;
        if (
          typeof externalId !== 'string' ||
          externalId === '' ||
          typeof amount !== 'string' ||
          !/^\d{1,12}(\.\d{1,2})?$/.test(amount) ||
          currency !== 'KZT' ||
          typeof callbackUrl !== 'string'
        )
          return reply.status(400).send({ error: 'invalid_request' });
        const { payment, created } = create({
          contract: 'gateway',
          externalId,
          amount: Number(amount).toFixed(2),
          currency,
          description: typeof description === 'string' ? description.slice(0, 200) : '',
          callbackUrl,
          returnUrl: typeof returnUrl === 'string' ? returnUrl : null,
        });
        const link = `${baseUrl(request)}/kaspi/pay/${payment.id}`;
        return reply.status(created ? 201 : 200).send({
          ...gatewayView(payment),
          qr_payload: link,
          payment_url: link,
          expires_at: payment.expiresAt,
        });
      });
      app.get<{ Params: { id: string } }>('/gateway/v1/payments/:id', async (request, reply) => {
        if (!sameKey(request.headers['x-api-key'], apiKey))
          return reply.status(401).send({ error: 'invalid_api_key' });
        const payment = find(request.params.id);
        if (!payment || payment.contract !== 'gateway') return reply.status(404).send({ error: 'not_found' });
        return gatewayView(payment);
      });

      app.get<{ Params: { id: string } }>('/pay/:id', payPage);
      app.post<{ Params: { id: string } }>('/pay/:id', async (request, reply) => {
        const payment = find(request.params.id);
        if (!payment) return reply.status(404).type('text/plain; charset=utf-8').send('Платёж не найден');
        await settle(payment.id, 'paid');
        if (payment.status === 'paid' && payment.returnUrl) return reply.redirect(payment.returnUrl, 303);
        return payPage(request, reply);
      });

      app.get('/payments', async () => ({ payments: [...payments].reverse() }));
      for (const outcome of ['pay', 'fail'] as const)
        app.post<{ Params: { id: string }; Querystring: { webhook?: string } }>(
          `/payments/:id/${outcome}`,
          async (request, reply) => {
            if (!find(request.params.id)) return reply.status(404).send({ error: 'not_found' });
            return settle(request.params.id, outcome === 'pay' ? 'paid' : 'failed', {
              webhook: request.query.webhook !== 'false',
            });
          },
        );
      app.post<{ Params: { id: string } }>('/payments/:id/resend', async (request, reply) => {
        const payment = find(request.params.id);
        if (!payment?.lastEvent || !payment.callbackUrl || !webhooks)
          return reply.status(404).send({ error: 'no_event' });
        const delivery = await webhooks.send({
          simulator: 'kaspi',
          url: payment.callbackUrl,
          secret: webhookSecret,
          body: payment.lastEvent.body,
          attempt: 2,
        });
        return { delivery };
      });
    },
  };
}
