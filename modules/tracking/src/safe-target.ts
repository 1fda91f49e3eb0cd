import { hostBelongsTo, type PartnerDomain } from '@sauda/catalog';

/**
 * The guard against open redirects: a deep target (`/go/:slug?to=`) or a wrapped link must be an
 * absolute http(s) URL on one of the partner's own domains. Checks run on the raw text first
 * (browsers "fix" backslashes and control characters into something else) and then on the WHATWG
 * parse, whose host is lower-case ASCII, so a look-alike written in Cyrillic or full-width letters
 * becomes an `xn--…` or plain host that does not match. The accepted URL is returned re-serialised,
 * so a Cyrillic path comes out percent-encoded exactly once.
 */
export const MAX_TARGET_LENGTH = 2048;

export type TargetProblem = 'too-long' | 'malformed' | 'scheme' | 'userinfo' | 'port' | 'foreign-host';
export type TargetCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: TargetProblem };

export function parseTarget(raw: string): { ok: true; url: URL } | { ok: false; problem: TargetProblem } {
  if (raw.length > MAX_TARGET_LENGTH) return { ok: false, problem: 'too-long' };
  // Backslashes, whitespace and control characters have no business in a link and are how parsers get confused.
  if (/[\\\s\p{Cc}]/u.test(raw)) return { ok: false, problem: 'malformed' };
  // Absolute http(s) only: rules out //host, /\host, javascript:, data:, and relative paths.
  if (!/^https?:\/\/[^/]/i.test(raw)) return { ok: false, problem: 'scheme' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'userinfo' };
  if (url.port !== '') return { ok: false, problem: 'port' };
  if (url.href.length > MAX_TARGET_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, url };
}

export function checkTarget(raw: string, domains: readonly PartnerDomain[]): TargetCheck {
  const parsed = parseTarget(raw);
  if (!parsed.ok) return parsed;
  if (!hostBelongsTo(parsed.url.hostname, domains)) return { ok: false, problem: 'foreign-host' };
  return { ok: true, url: parsed.url.href };
}
