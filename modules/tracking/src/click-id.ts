import { createHmac, randomFillSync, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * A click id is the sub-id the affiliate network hands back with a conversion, so it carries what
 * attribution needs, signed, instead of pointing at a row that a crash could have lost:
 *
 *   byte  0      format version and route: 1 = `/go` (the shopper earns, loyalty),
 *                2 = a wrapped link `/l` (the link's owner earns, cpa)
 *   bytes 1–4    click time, Unix seconds (uint32, big-endian)
 *   bytes 5–7    partner number (uint24; catalog's compact partner reference)
 *   bytes 8–11   user reference (uint32; 0 = anonymous; tracking.user_refs)
 *   bytes 12–16  40 random bits: ids of one partner, user and second still differ
 *   bytes 17–21  first 40 bits of HMAC-SHA256(key, bytes 0–16)
 *
 * 22 bytes are 30 base64url characters ([A-Za-z0-9_-]), within what networks keep of a sub-id.
 * The tag makes ids unguessable and unforgeable (a forger has one chance in 2^40 per try, and every
 * try is an online request); no personal data is in it, only two small numbers and a time.
 */
export const CLICK_ID_LENGTH = 30;
const BYTES = 22;
const SIGNED = 17;
/** The first byte names the route, so a conversion knows whose it is without the click row. */
const VERSION_BY_ROUTE = { go: 1, link: 2 } as const;
const ROUTE_BY_VERSION = new Map<number, ClickRoute>([
  [1, 'go'],
  [2, 'link'],
]);
const MAX_UINT24 = 0xff_ff_ff;
const MAX_UINT32 = 0xff_ff_ff_ff;

export type ClickRoute = keyof typeof VERSION_BY_ROUTE;

export interface ClickClaims {
  /** `link` when the click came through a CPA short link (its owner earns), `go` otherwise. */
  readonly via: ClickRoute;
  readonly clickedAt: Date;
  readonly partnerNumber: number;
  /** 0 when the click was anonymous. */
  readonly userRef: number;
}

/** HMAC keys should be KeyObjects (`createSecretKey`): Node checks a Buffer key far more slowly on every call. */
export type HmacKey = KeyObject | Buffer;

const tagOf = (key: HmacKey, body: Buffer): Buffer =>
  createHmac('sha256', key)
    .update(body)
    .digest()
    .subarray(0, BYTES - SIGNED);

// Random bytes are drawn in blocks: one system call per 800 click ids instead of one per click.
const RANDOM_BLOCK = 4000;
const randomPool = Buffer.alloc(RANDOM_BLOCK);
let randomOffset = RANDOM_BLOCK;
function nextRandom(): Buffer {
  if (randomOffset + 5 > RANDOM_BLOCK) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const slice = randomPool.subarray(randomOffset, randomOffset + 5);
  randomOffset += 5;
  return slice;
}

export function mintClickId(key: HmacKey, claims: ClickClaims, random: Buffer = nextRandom()): string {
  if (
    !Number.isInteger(claims.partnerNumber) ||
    claims.partnerNumber < 1 ||
    claims.partnerNumber > MAX_UINT24
  )
    throw new RangeError(`partner number ${claims.partnerNumber} does not fit a click id`);
  if (!Number.isInteger(claims.userRef) || claims.userRef < 0 || claims.userRef > MAX_UINT32)
    throw new RangeError(`user reference ${claims.userRef} does not fit a click id`);
  const bytes = Buffer.alloc(BYTES);
  bytes.writeUInt8(VERSION_BY_ROUTE[claims.via], 0);
  bytes.writeUInt32BE(Math.floor(claims.clickedAt.getTime() / 1000), 1);
  bytes.writeUIntBE(claims.partnerNumber, 5, 3);
  bytes.writeUInt32BE(claims.userRef, 8);
  random.copy(bytes, 12, 0, 5);
  tagOf(key, bytes.subarray(0, SIGNED)).copy(bytes, SIGNED);
  return bytes.toString('base64url');
}

/** The claims of a genuine click id, or undefined for anything else (wrong length, alphabet or tag). */
export function readClickId(key: HmacKey, clickId: string): ClickClaims | undefined {
  if (clickId.length !== CLICK_ID_LENGTH || !/^[A-Za-z0-9_-]+$/.test(clickId)) return undefined;
  const bytes = Buffer.from(clickId, 'base64url');
  // Canonical encoding only: the last character's unused bits must be zero.
  if (bytes.length !== BYTES || bytes.toString('base64url') !== clickId) return undefined;
  const via = ROUTE_BY_VERSION.get(bytes.readUInt8(0));
  if (!via) return undefined;
  if (!timingSafeEqual(tagOf(key, bytes.subarray(0, SIGNED)), bytes.subarray(SIGNED))) return undefined;
  return {
    via,
    clickedAt: new Date(bytes.readUInt32BE(1) * 1000),
    partnerNumber: bytes.readUIntBE(5, 3),
    userRef: bytes.readUInt32BE(8),
  };
}
