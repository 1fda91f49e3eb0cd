/**
 * The security headers that mean something on an error or the small tracking pages, sent by the
 * `/go` and `/l` routes. Helmet's full set (a document CSP, COOP, CORP…) is skipped for these
 * routes: each page sets its own CSP.
 */
export const REDIRECT_HEADERS = {
  'x-robots-tag': 'noindex',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

/**
 * What a plain 302 keeps besides Location: the request id, and the referrer policy, which on a
 * redirect governs the Referer the next hop gets (none). Never cached: every click must come back
 * here to be counted.
 */
export const PLAIN_REDIRECT_HEADERS = {
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/**
 * Headers a bodiless 302 has no use for, dropped from it: there is no content to sniff, frame,
 * index (robots.txt keeps crawlers off `/go/` and `/l/`) or label with a language, and rate-limit
 * counts mean nothing to a browser following a link (a 429 still carries them). Each costs the
 * server and the client bytes to write and parse on every click (ADR 0006).
 */
export const NOT_ON_A_PLAIN_REDIRECT = [
  'content-language',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-robots-tag',
  'x-content-type-options',
  'x-frame-options',
] as const;
