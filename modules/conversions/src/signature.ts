import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from our clock, either way, before it is refused as a replay. */
export const REPLAY_WINDOW_SECONDS = 300;

const HEADER = /^t=(\d{1,12}),\s?v1=([0-9a-f]{64})$/;

/**
 * `X-Sauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`, where the
 * payload is the raw request body (for a GET, the raw query string without `?`).
 */
export function signatureHeader(
  secret: string,
  payload: string,
  unixSeconds = Math.floor(Date.now() / 1000),
): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${payload}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export type SignatureCheck = 'valid' | 'invalid' | 'expired';

/**
 * The signature is checked before the timestamp, so an answer says nothing about a forged request's
 * timing; the comparison takes constant time.
 */
export function checkSignature(
  header: string,
  secret: string,
  payload: string,
  nowMs: number,
): SignatureCheck {
  const match = HEADER.exec(header.trim());
  if (!match) return 'invalid';
  const [, timestamp = '', given = ''] = match;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) return 'invalid';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) return 'expired';
  return 'valid';
}

/** Constant-time equality of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const left = createHmac('sha256', 'sauda.secret-compare').update(given).digest();
  const right = createHmac('sha256', 'sauda.secret-compare').update(expected).digest();
  return timingSafeEqual(left, right);
}
