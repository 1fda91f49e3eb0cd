import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookRejected, type WebhookInput } from './payment-provider.ts';

const header = (headers: WebhookInput['headers'], name: string): string => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/**
 * Checks `X-Sauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` and the
 * replay window. The signature is checked first, so a forger learns nothing from the answer.
 */
export function verifySignedBody(input: WebhookInput, secret: string, replayWindowSeconds: number): void {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header(input.headers, 'x-sauda-signature'));
  if (!match || secret === '') throw new WebhookRejected('signature');
  const [, timestamp = '', given = ''] = match;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${input.rawBody}`).digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) throw new WebhookRejected('signature');
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > replayWindowSeconds)
    throw new WebhookRejected('stale');
}
