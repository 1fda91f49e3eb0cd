import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HmacKey } from './click-id.ts';

/**
 * A click context says which user a click belongs to without a database read on the redirect: the
 * signed-in web app or the extension (with its device-grant access token) asks
 * `POST /v1/tracking/context` once, and gets this token, also set as the `sauda_click` cookie for
 * browsers. `/go` verifies it with the key alone. It grants nothing but attribution of clicks, so a
 * leaked token can only give someone else's purchases to its owner; it still expires.
 *
 * Format: base64url(JSON {u: user id, r: user reference, e: expiry in Unix seconds}) "." tag, where
 * tag is base64url of the first 16 bytes of HMAC-SHA256(key, first part).
 */
export const CONTEXT_COOKIE = 'sauda_click';
export const CONTEXT_TTL_SECONDS = 7 * 86_400;
const MAX_TOKEN_LENGTH = 300;

export interface ClickContext {
  readonly userId: string;
  readonly userRef: number;
  readonly expiresAt: Date;
}

const tagOf = (key: HmacKey, payload: string): Buffer =>
  createHmac('sha256', key).update(payload).digest().subarray(0, 16);

export function signClickContext(key: HmacKey, context: ClickContext): string {
  const payload = Buffer.from(
    JSON.stringify({
      u: context.userId,
      r: context.userRef,
      e: Math.floor(context.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${payload}.${tagOf(key, payload).toString('base64url')}`;
}

export function readClickContext(
  key: HmacKey,
  token: string | undefined,
  now: Date,
): ClickContext | undefined {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const [payload, tag, extra] = token.split('.');
  if (!payload || !tag || extra !== undefined) return undefined;
  const given = Buffer.from(tag, 'base64url');
  const expected = tagOf(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { u, r, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof u !== 'string' || typeof r !== 'number' || typeof e !== 'number') return undefined;
    if (e * 1000 <= now.getTime()) return undefined;
    return { userId: u, userRef: r, expiresAt: new Date(e * 1000) };
  } catch {
    return undefined;
  }
}
