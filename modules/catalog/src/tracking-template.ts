import { boundedMemo } from '@sauda/platform';

/**
 * A partner's tracking URL template is where `/go` sends the browser: the affiliate network's click
 * URL (or the shop's own for direct partners) with placeholders the redirect fills in:
 *
 *   {click_id}    the click id, which the network passes back as the sub-id of the conversion
 *   {target_url}  the page to land on, URL-encoded (the network's deep-link parameter)
 *
 * App deep-link templates (for the mobile interstitial) may also use {tracking_url}, the filled-in
 * web URL above, URL-encoded.
 */
export const TEMPLATE_PLACEHOLDERS = ['{click_id}', '{target_url}'] as const;
const APP_PLACEHOLDERS = [...TEMPLATE_PLACEHOLDERS, '{tracking_url}'];
const MAX_TEMPLATE_LENGTH = 2048;
const FORBIDDEN_APP_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);

// Split once per template: odd pieces are placeholder names, even ones the literal text around them.
const piecesOf = boundedMemo((template) => template.split(/\{(click_id|target_url|tracking_url)\}/), 1000);

/** Fills the placeholders with URL-encoded values; runs on every redirect. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const pieces = piecesOf(template);
  let url = pieces[0] ?? '';
  for (let index = 1; index < pieces.length; index += 2) {
    const name = pieces[index] ?? '';
    const value = values[name];
    url += (value === undefined ? `{${name}}` : encodeURIComponent(value)) + (pieces[index + 1] ?? '');
  }
  return url;
}

const unknownPlaceholder = (template: string, allowed: readonly string[]): string | undefined =>
  (template.match(/\{[^}]*\}/g) ?? []).find((placeholder) => !allowed.includes(placeholder));

const sample = {
  click_id: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123',
  target_url: 'https://shop.example/',
  tracking_url: 'https://network.example/',
};

/** Why a tracking URL template is unusable, or undefined when it is fine. */
export function trackingTemplateProblem(template: string, network: string): string | undefined {
  if (template.length > MAX_TEMPLATE_LENGTH) return `at most ${MAX_TEMPLATE_LENGTH} characters`;
  if (!template.includes('{click_id}')) return 'must contain {click_id}';
  const unknown = unknownPlaceholder(template, TEMPLATE_PLACEHOLDERS);
  if (unknown) return `unknown placeholder ${unknown}`;
  let url: URL;
  try {
    url = new URL(fillTemplate(template, sample));
  } catch {
    return 'must be an absolute URL';
  }
  // Plain http only for the sandbox network, which runs on this machine in the demo.
  const allowed = network === 'sandbox' ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) return `must use ${allowed.join(' or ')}`;
  if (url.username || url.password) return 'must not contain a user name or password';
  return undefined;
}

/** Why an app deep-link template is unusable, or undefined when it is fine. */
export function appLinkTemplateProblem(template: string): string | undefined {
  if (template.length > MAX_TEMPLATE_LENGTH) return `at most ${MAX_TEMPLATE_LENGTH} characters`;
  const unknown = unknownPlaceholder(template, APP_PLACEHOLDERS);
  if (unknown) return `unknown placeholder ${unknown}`;
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(template)?.[1]?.toLowerCase();
  if (!scheme) return 'must start with a URL scheme, e.g. myshop:// or https://';
  if (FORBIDDEN_APP_SCHEMES.has(scheme)) return `the scheme ${scheme} is not allowed`;
  if (/[\s<>"'`\\]/.test(template)) return 'must not contain spaces, quotes, angle brackets or backslashes';
  return undefined;
}
