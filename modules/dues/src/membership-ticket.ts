import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * The membership ticket: `<member id>.<issued unix seconds>.<HMAC>` (base64url), shown as a QR. It
 * proves who the holder is, not that they paid: whoever scans it asks the API for the member's
 * status at that moment, so a printed ticket never goes stale. The QR encodes a link whose fragment
 * carries the token, so the token never reaches a server log when the link is opened.
 */
export interface MembershipTicket {
  readonly token: string;
  readonly url: string;
  readonly qrImage: string;
}

const signature = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(`dues-ticket:${payload}`).digest('base64url');

export async function issueTicket(
  key: Buffer,
  memberId: string,
  now: Date,
  publicUrl: string,
): Promise<MembershipTicket> {
  const payload = `${memberId}.${Math.floor(now.getTime() / 1000)}`;
  const token = `${payload}.${signature(key, payload)}`;
  const url = `${publicUrl}/dues/ticket#${token}`;
  return {
    token,
    url,
    qrImage: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 }),
  };
}

/** The member id of a genuine ticket, or undefined for anything else. */
export function verifyTicket(key: Buffer, token: string): { memberId: string; issuedAt: Date } | undefined {
  const match = /^(mbr_[0-9a-z]{26})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!match) return undefined;
  const [, memberId = '', issued = '', given = ''] = match;
  const expected = Buffer.from(signature(key, `${memberId}.${issued}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  return { memberId, issuedAt: new Date(Number(issued) * 1000) };
}
