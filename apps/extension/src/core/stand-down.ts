/**
 * Stand-down: when the tab arrived through another affiliate's link, the extension does not prompt
 * the user to override it (Chrome Web Store affiliate-ads policy, and networks' own rules). Judged
 * from the tab's URL alone: known affiliate click parameters and affiliate `utm_*` markers. Ad
 * click ids (gclid, fbclid, yclid…) are advertising, not affiliate, and do not count.
 */
const AFFILIATE_PARAMETERS = new Set([
  'admitad_uid',
  'tagtag_uid',
  'actionpay',
  'cityads_click_id',
  'advcake_params',
  'epn_click_id',
  'aff_id',
  'affiliate_id',
  'aff_sub',
  'afftrack',
  'irclickid',
  'cjevent',
  'awc',
  'ranmid',
  'ransiteid',
  'partner_id',
  'ref_id',
]);
const AFFILIATE_SOURCES = new Set([
  'admitad',
  'actionpay',
  'cityads',
  'advcake',
  'epn',
  'letyshops',
  'kopikot',
  'backit',
  'cashback',
  'cashbackservice',
  'mytarget_cpa',
]);
const AFFILIATE_MEDIUMS = new Set(['affiliate', 'affiliates', 'cpa', 'cashback', 'partner', 'partners']);
const REDIRECT_HOSTS = ['ad.admitad.com', 'alitems.com', 'actionpay.net', 'cityadspix.com', 'kpwfp.com'];

export type StandDownReason = 'affiliate-parameter' | 'affiliate-utm' | 'affiliate-redirect';

function isRedirectHost(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return REDIRECT_HOSTS.some((known) => host === known || host.endsWith(`.${known}`));
  } catch {
    return false;
  }
}

export function standDownReason(url: string | undefined): StandDownReason | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  for (const [rawName, rawValue] of parsed.searchParams) {
    const name = rawName.toLowerCase();
    const value = rawValue.toLowerCase();
    if (AFFILIATE_PARAMETERS.has(name)) return 'affiliate-parameter';
    if (name === 'utm_source' && AFFILIATE_SOURCES.has(value)) return 'affiliate-utm';
    if (name === 'utm_medium' && AFFILIATE_MEDIUMS.has(value)) return 'affiliate-utm';
    if (/^https?:/.test(value) && isRedirectHost(rawValue)) return 'affiliate-redirect';
  }
  return undefined;
}
