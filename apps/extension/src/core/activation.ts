import type { FeedPartner } from './partner-feed.ts';

/**
 * The `/go` link of an activation: the partner's redirect with `src=ext`, the user's signed click
 * context, and the page the user is on as `to=`, so they land back where they were. Only the
 * current tab's URL on the partner's own site is ever sent, and only on the user's click.
 */
export function activationUrl(
  apiUrl: string,
  partner: FeedPartner,
  currentUrl: string,
  clickContext: string | undefined,
): string {
  const url = new URL(`${apiUrl}/go/${encodeURIComponent(partner.slug)}`);
  url.searchParams.set('src', 'ext');
  url.searchParams.set('to', currentUrl);
  if (clickContext) url.searchParams.set('ctx', clickContext);
  return url.toString();
}
