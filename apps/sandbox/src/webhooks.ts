import { createHmac } from 'node:crypto';

/**
 * Simulated parties sign their webhooks the way the platform verifies inbound ones:
 * `X-Sauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">`.
 */
export function signatureHeader(
  secret: string,
  rawBody: string,
  unixSeconds = Math.floor(Date.now() / 1000),
): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export interface Delivery {
  readonly id: number;
  readonly simulator: string;
  readonly url: string;
  readonly status: number | 'network-error';
  readonly attempt: number;
  readonly at: string;
}

/** Sends signed webhooks to the platform and remembers the outcome, so a demo shows what was sent. */
export class WebhookSender {
  readonly #deliveries: Delivery[] = [];
  #nextId = 1;

  get deliveries(): readonly Delivery[] {
    return this.#deliveries;
  }

  async send(options: {
    simulator: string;
    url: string;
    secret: string;
    body: unknown;
    attempt?: number;
    /** The time to sign with and log, from the simulator's clock; now by default. */
    signedAt?: Date;
  }): Promise<Delivery> {
    const raw = JSON.stringify(options.body);
    const signedAt = options.signedAt ?? new Date();
    let status: Delivery['status'];
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-sauda-signature': signatureHeader(options.secret, raw, Math.floor(signedAt.getTime() / 1000)),
        },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
    } catch {
      status = 'network-error';
    }
    const delivery: Delivery = {
      id: this.#nextId++,
      simulator: options.simulator,
      url: options.url,
      status,
      attempt: options.attempt ?? 1,
      at: signedAt.toISOString(),
    };
    this.#deliveries.push(delivery);
    if (this.#deliveries.length > 1000) this.#deliveries.shift();
    return delivery;
  }
}
