import { getAsset } from '@sauda/platform';
import {
  decimalAmount,
  minorUnits,
  ProviderRequestError,
  ProviderUnavailableError,
  WebhookRejected,
  type PaymentProvider,
  type ProviderPaymentState,
} from './payment-provider.ts';
import { verifySignedBody } from './signed-webhook.ts';

export interface WebhookGatewaySettings {
  /** Base URL; payments are created at `<url>/v1/payments`. */
  readonly url: string;
  readonly apiKey: string;
  /** Verifies the gateway's webhooks (HMAC over timestamp and raw body). */
  readonly webhookSecret: string;
  readonly timeoutMs?: number;
  readonly replayWindowSeconds?: number;
}

interface GatewayPayment {
  readonly id?: unknown;
  readonly status?: unknown;
  readonly amount?: unknown;
  readonly currency?: unknown;
  readonly qr_payload?: unknown;
  readonly payment_url?: unknown;
  readonly expires_at?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function stateOf(payment: GatewayPayment): ProviderPaymentState | undefined {
  switch (payment.status) {
    case 'pending':
      return { status: 'pending' };
    case 'failed':
    case 'expired':
      return { status: payment.status };
    case 'paid': {
      const currency = text(payment.currency) ?? undefined;
      let decimals: number;
      try {
        decimals = currency ? getAsset(currency).decimals : 2;
      } catch {
        return undefined;
      }
      const amount = typeof payment.amount === 'string' ? minorUnits(payment.amount, decimals) : undefined;
      return { status: 'paid', amount, currency };
    }
    default:
      return undefined;
  }
}

/**
 * A payment gateway that takes Kaspi (and card) payments for us and pushes signed webhooks:
 * `POST /v1/payments` with `X-Api-Key` and `Idempotency-Key` → `{ id, status, qr_payload,
 * payment_url, expires_at }`; `GET /v1/payments/:id` → `{ id, status, amount, currency }`; webhooks
 * `{ event_id, type: "payment.updated", payment: { id, status, amount, currency } }` signed with
 * `X-Sauda-Signature`. Amounts are decimal strings; statuses pending, paid, failed, expired.
 */
export function createWebhookGatewayProvider(settings: WebhookGatewaySettings): PaymentProvider {
  const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
  const replayWindow = settings.replayWindowSeconds ?? 300;

  async function call(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<GatewayPayment> {
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        ...init,
        headers: { 'content-type': 'application/json', 'x-api-key': settings.apiKey, ...init.headers },
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ProviderUnavailableError(`payment gateway unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const body = (await response.json().catch(() => ({}))) as GatewayPayment & { error?: unknown };
    if (response.status >= 500 || response.status === 429 || response.status === 408)
      throw new ProviderUnavailableError(`payment gateway answered ${response.status}`);
    if (!response.ok)
      throw new ProviderRequestError(
        `payment gateway refused (${response.status}): ${typeof body.error === 'string' ? body.error : ''}`,
      );
    return body;
  }

  return {
    name: 'gateway',
    pushesWebhooks: true,
    async createPayment(request) {
      const payment = await call('v1/payments', {
        method: 'POST',
        headers: { 'idempotency-key': request.externalId },
        body: JSON.stringify({
          external_id: request.externalId,
          amount: decimalAmount(request.amount, getAsset(request.currency).decimals),
          currency: request.currency,
          description: request.description,
          callback_url: request.callbackUrl,
          return_url: request.returnUrl,
        }),
      });
      const id = text(payment.id);
      if (!id) throw new ProviderRequestError('payment gateway answered without a payment id');
      const expires = text(payment.expires_at);
      return {
        providerPaymentId: id,
        qrPayload: text(payment.qr_payload),
        paymentUrl: text(payment.payment_url),
        expiresAt: expires ? new Date(expires) : null,
      };
    },
    async fetchStatus(providerPaymentId) {
      const payment = await call(`v1/payments/${encodeURIComponent(providerPaymentId)}`);
      const state = stateOf(payment);
      if (!state) throw new ProviderRequestError('payment gateway answered an unknown status');
      return state;
    },
    parseWebhook(input) {
      verifySignedBody(input, settings.webhookSecret, replayWindow);
      let body: { event_id?: unknown; payment?: GatewayPayment };
      try {
        body = JSON.parse(input.rawBody) as typeof body;
      } catch {
        throw new WebhookRejected('malformed');
      }
      const eventId = text(body.event_id);
      const providerPaymentId = body.payment ? text(body.payment.id) : null;
      const state = body.payment ? stateOf(body.payment) : undefined;
      if (!eventId || eventId.length > 200 || !providerPaymentId || !state)
        throw new WebhookRejected('malformed');
      return { eventId, providerPaymentId, state };
    },
  };
}
