/**
 * The port to whoever takes the money online (Kaspi's merchant QR API, a payment gateway). The
 * module speaks only this vocabulary; each vendor's field names, URLs and signatures stay inside
 * its adapter.
 */
export interface PaymentProvider {
  /** Stable internal name stored with every attempt; not shown to members. */
  readonly name: string;
  /** Whether the provider pushes status changes (otherwise only polling finds them). */
  readonly pushesWebhooks: boolean;
  createPayment(request: ProviderPaymentRequest): Promise<ProviderPaymentCreated>;
  fetchStatus(providerPaymentId: string): Promise<ProviderPaymentState>;
  /** Verifies the source, signature and replay window, then parses; throws WebhookRejected otherwise. */
  parseWebhook(input: WebhookInput): ProviderWebhook;
}

export interface ProviderPaymentRequest {
  /** Our idempotency key for this attempt: the provider returns the same payment for it. */
  readonly externalId: string;
  /** Minor units. */
  readonly amount: bigint;
  readonly currency: string;
  readonly description: string;
  /** Where the provider sends the payer after paying. */
  readonly returnUrl: string;
  /** Where a provider that pushes status changes posts them. */
  readonly callbackUrl: string;
}

export interface ProviderPaymentCreated {
  readonly providerPaymentId: string;
  /** What the QR code encodes (scanned by the payer's banking app). */
  readonly qrPayload: string | null;
  /** A link that opens the payment (on a phone: the banking app). */
  readonly paymentUrl: string | null;
  readonly expiresAt: Date | null;
}

export type ProviderPaymentState =
  | { readonly status: 'pending' }
  | { readonly status: 'paid'; readonly amount: bigint | undefined; readonly currency: string | undefined }
  | { readonly status: 'failed' | 'expired' };

export interface WebhookInput {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly now: Date;
}

export interface ProviderWebhook {
  /** Unique per event; a redelivery carries the same id. */
  readonly eventId: string;
  readonly providerPaymentId: string;
  readonly state: ProviderPaymentState;
}

/** The provider cannot be reached or answered 5xx/429: try again later. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}

/** The provider refused the request (4xx or an error code): a configuration problem on our side. */
export class ProviderRequestError extends Error {
  override name = 'ProviderRequestError';
}

export type WebhookRejection = 'signature' | 'stale' | 'malformed';

export class WebhookRejected extends Error {
  override name = 'WebhookRejected';
  readonly kind: WebhookRejection;
  constructor(kind: WebhookRejection) {
    super(`webhook rejected: ${kind}`);
    this.kind = kind;
  }
}

/** Minor units as the decimal text providers expect ("200000" KZT → "2000.00"). */
export function decimalAmount(amount: bigint, decimals: number): string {
  if (decimals === 0) return amount.toString();
  const text = amount.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** Decimal text back to minor units; undefined when it has more fraction digits than the asset. */
export function minorUnits(text: string, decimals: number): bigint | undefined {
  const match = /^(\d{1,30})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals) return undefined;
  return BigInt(`${match[1] ?? '0'}${fraction.padEnd(decimals, '0').slice(0, decimals)}`);
}
