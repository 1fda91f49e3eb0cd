import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { getAsset } from '@sauda/platform';
import {
  decimalAmount,
  ProviderRequestError,
  ProviderUnavailableError,
  WebhookRejected,
  type PaymentProvider,
  type ProviderPaymentState,
} from './payment-provider.ts';

/** Mutual TLS: Kaspi identifies a merchant by its client certificate (and our addresses by its allow-list). */
export interface ClientCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly passphrase?: string | undefined;
  /** Kaspi's CA, when it is not in the system store. */
  readonly ca?: Buffer | undefined;
}

export interface KaspiMerchantSettings {
  /** Base URL of the QR API, e.g. `https://…/r3/v01`. */
  readonly url: string;
  readonly organizationBin: string;
  /** The registered cash desk (device) of the merchant. */
  readonly deviceToken: string;
  /** `qr`: a QR token to show; `link`: a payment link that opens the Kaspi app. */
  readonly mode: 'qr' | 'link';
  readonly tls?: ClientCertificate | undefined;
  readonly timeoutMs?: number;
}

interface KaspiAnswer {
  readonly StatusCode?: unknown;
  readonly Message?: unknown;
  readonly Data?: Record<string, unknown>;
}

const KASPI_STATUS: Readonly<Record<string, ProviderPaymentState>> = {
  QrTokenCreated: { status: 'pending' },
  Wait: { status: 'pending' },
  Processed: { status: 'paid', amount: undefined, currency: undefined },
  Error: { status: 'failed' },
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Kaspi Pay's merchant QR API: `POST qr/create` (or `qr/create-link`) with `{ OrganizationBin,
 * Amount, ExternalId, DeviceToken }` → `{ StatusCode: 0, Data: { QrToken | PaymentLink, ExpireDate,
 * QrPaymentId | PaymentId } }`; `GET payment/status/{id}` → `{ StatusCode: 0, Data: { Status } }`
 * with QrTokenCreated, Wait, Processed, Error. A non-zero StatusCode is a refusal. Kaspi pushes
 * nothing: the reconciliation job polls. Requests go over mutual TLS with the merchant's client
 * certificate, from addresses Kaspi has on its allow-list.
 */
export function createKaspiMerchantProvider(settings: KaspiMerchantSettings): PaymentProvider {
  const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;

  function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<KaspiAnswer> {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
          timeout: settings.timeoutMs ?? 10_000,
          ...(url.protocol === 'https:' && settings.tls
            ? {
                cert: settings.tls.cert,
                key: settings.tls.key,
                passphrase: settings.tls.passphrase,
                ca: settings.tls.ca,
              }
            : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 500 || status === 429 || status === 408) {
              reject(new ProviderUnavailableError(`Kaspi answered ${status}`));
              return;
            }
            let parsed: KaspiAnswer;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as KaspiAnswer;
            } catch {
              reject(new ProviderRequestError(`Kaspi answered ${status} without JSON`));
              return;
            }
            if (status >= 400 || parsed.StatusCode !== 0) {
              reject(
                new ProviderRequestError(
                  `Kaspi refused (${status}, ${String(parsed.StatusCode)}): ${typeof parsed.Message === 'string' ? parsed.Message : ''}`,
                ),
              );
              return;
            }
            resolve(parsed);
          });
          response.on('error', (error) => {
            reject(new ProviderUnavailableError(error.message, { cause: error }));
          });
        },
      );
      outgoing.on('timeout', () => {
        outgoing.destroy(new Error('timed out'));
      });
      outgoing.on('error', (error) => {
        reject(
          error instanceof ProviderRequestError || error instanceof ProviderUnavailableError
            ? error
            : new ProviderUnavailableError(`Kaspi unreachable: ${error.message}`, { cause: error }),
        );
      });
      outgoing.end(payload);
    });
  }

  return {
    name: 'kaspi-qr',
    pushesWebhooks: false,
    async createPayment(input) {
      if (input.currency !== 'KZT') throw new ProviderRequestError('Kaspi QR takes tenge only');
      const answer = await send('POST', settings.mode === 'qr' ? 'qr/create' : 'qr/create-link', {
        OrganizationBin: settings.organizationBin,
        Amount: Number(decimalAmount(input.amount, getAsset('KZT').decimals)),
        ExternalId: input.externalId,
        DeviceToken: settings.deviceToken,
      });
      const data = answer.Data ?? {};
      const id =
        text(data.QrPaymentId) ??
        (typeof data.QrPaymentId === 'number' ? String(data.QrPaymentId) : null) ??
        text(data.PaymentId) ??
        (typeof data.PaymentId === 'number' ? String(data.PaymentId) : null);
      if (!id) throw new ProviderRequestError('Kaspi answered without a payment id');
      const expires = text(data.ExpireDate);
      return {
        providerPaymentId: id,
        qrPayload: text(data.QrToken),
        paymentUrl: text(data.PaymentLink),
        expiresAt: expires ? new Date(expires) : null,
      };
    },
    async fetchStatus(providerPaymentId) {
      const answer = await send('GET', `payment/status/${encodeURIComponent(providerPaymentId)}`);
      const status = text(answer.Data?.Status);
      const state = status ? KASPI_STATUS[status] : undefined;
      if (!state) throw new ProviderRequestError(`Kaspi answered an unknown status ${String(status)}`);
      return state;
    },
    parseWebhook() {
      // Kaspi's QR API has no callbacks; anything posted as one is not from Kaspi.
      throw new WebhookRejected('signature');
    },
  };
}
