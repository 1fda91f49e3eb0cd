import { createHmac, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { boundedMemo } from '@sauda/platform';

/**
 * What a click keeps about the visitor: no full IP address, a keyed fingerprint to spot repeats,
 * and whether the user agent is a robot or a link-preview crawler (those are redirected but never
 * counted).
 */
const BOT_PATTERN = new RegExp(
  [
    'bot\\b',
    'bot/',
    'crawler',
    'spider',
    'slurp',
    'preview',
    'facebookexternalhit',
    'facebookcatalog',
    'whatsapp',
    'telegrambot',
    'twitterbot',
    'slackbot',
    'discordbot',
    'linkedinbot',
    'skypeuripreview',
    'vkshare',
    'pinterest',
    'embedly',
    'quora link preview',
    'outbrain',
    'bitlybot',
    'headlesschrome',
    'phantomjs',
    'lighthouse',
    'curl/',
    'wget/',
    'python-requests',
    'python-urllib',
    'aiohttp',
    'go-http-client',
    'okhttp',
    'java/',
    'libwww',
    'httpclient',
    'axios/',
    'node-fetch',
    'undici',
  ].join('|'),
  'i',
);

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.length < 8 || BOT_PATTERN.test(userAgent);
}

export function mobilePlatform(userAgent: string | undefined): 'ios' | 'android' | undefined {
  if (!userAgent) return undefined;
  if (/android/i.test(userAgent)) return 'android';
  if (/iphone|ipad|ipod/i.test(userAgent)) return 'ios';
  return undefined;
}

export interface AgentTraits {
  readonly bot: boolean;
  readonly platform: 'ios' | 'android' | undefined;
}

const traitsOf = boundedMemo((userAgent): AgentTraits => ({
  bot: isBot(userAgent),
  platform: mobilePlatform(userAgent),
}));
const NO_AGENT: AgentTraits = { bot: true, platform: undefined };

/** What the redirect asks of a user agent, remembered: browsers send few distinct ones, and the robot pattern is costly. */
export const agentTraits = (userAgent: string | undefined): AgentTraits =>
  userAgent === undefined ? NO_AGENT : traitsOf(userAgent);

/** IPv4 → its /24 (`203.0.113.0`), IPv6 → its /48 (`2001:db8:1::`); anything else → undefined. */
export function ipPrefix(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0`;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 3).join(':')}::`;
  return undefined;
}

/** The eight groups of a valid IPv6 address, `::` expanded, in lower case without leading zeros. */
export function ipv6Groups(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups.map((group) => (group.replace(/^0+(?=.)/, '') || '0').toLowerCase());
}

const fingerprintText = (parts: FingerprintParts): string =>
  `${parts.ipPrefix ?? ''}\n${parts.userAgent ?? ''}\n${parts.language ?? ''}`;

export interface FingerprintParts {
  readonly ipPrefix: string | undefined;
  readonly userAgent: string | undefined;
  readonly language: string | undefined;
}

const digestOf = (key: KeyObject | Buffer, text: string): string =>
  createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);

export function fingerprint(key: KeyObject | Buffer, parts: FingerprintParts): string {
  return digestOf(key, fingerprintText(parts));
}

const prefixOf = boundedMemo((ip) => ipPrefix(ip) ?? null);

/** `ipPrefix`, remembered per address: repeat visitors are the common case on the redirect. */
export const rememberedIpPrefix = (ip: string | undefined): string | undefined =>
  ip === undefined ? undefined : (prefixOf(ip) ?? undefined);

/** `fingerprint` with this key, remembered per input: one HMAC per visitor instead of per click. */
export function fingerprinter(key: KeyObject | Buffer): (parts: FingerprintParts) => string {
  const remembered = boundedMemo((text) => digestOf(key, text));
  return (parts) => remembered(fingerprintText(parts));
}

/**
 * Remembers fingerprints for a window, so a repeat click of one visitor on one partner within it is
 * marked as a duplicate. Per instance: behind a load balancer a repeat reaching another instance is
 * counted as unique, which errs on the side of the user.
 */
export class DuplicateWindow {
  readonly #seen = new Map<string, number>();
  readonly #windowMs: number;
  readonly #capacity: number;

  constructor(windowMs = 60_000, capacity = 200_000) {
    this.#windowMs = windowMs;
    this.#capacity = capacity;
  }

  /** True when the key was seen within the window; records this sighting either way. */
  seen(key: string, nowMs: number): boolean {
    const last = this.#seen.get(key);
    this.#seen.delete(key);
    this.#seen.set(key, nowMs);
    // Insertion order is age order (every sighting re-inserts), so the oldest entries come first.
    if (this.#seen.size > this.#capacity) {
      for (const [oldKey, at] of this.#seen) {
        if (this.#seen.size <= this.#capacity && nowMs - at < this.#windowMs) break;
        this.#seen.delete(oldKey);
      }
    }
    return last !== undefined && nowMs - last < this.#windowMs;
  }
}
