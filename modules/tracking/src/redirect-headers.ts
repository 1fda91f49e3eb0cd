/**
 * The security headers that mean something on a redirect, an error or the small tracking pages,
 * sent by the `/go` and `/l` routes and the fast path alike. Helmet's full set (a document CSP,
 * COOP, CORP…) is skipped for these routes: a 302 has no document, and each page sets its own CSP.
 */
export const REDIRECT_HEADERS = {
  'x-robots-tag': 'noindex',
  // On a redirect this also governs the Referer the next hop gets: none.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;
