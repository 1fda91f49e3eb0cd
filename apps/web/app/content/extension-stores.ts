export const BROWSERS = ['chrome', 'edge', 'firefox', 'safari'] as const;
export type Browser = (typeof BROWSERS)[number];

/**
 * Where each browser's users get the extension (apps/extension). Until the listings are published
 * these open each store's search for "Sauda"; replace them with the listing URLs on publication.
 */
export const STORE_LINKS: Readonly<Record<Browser, string>> = {
  chrome: 'https://chromewebstore.google.com/search/Sauda',
  edge: 'https://microsoftedge.microsoft.com/addons/search/Sauda',
  firefox: 'https://addons.mozilla.org/search/?q=Sauda',
  safari: 'https://apps.apple.com/kz/search?term=Sauda',
};

/** The browser of a User-Agent header (brand tokens checked from the most to the least specific). */
export function browserOf(userAgent: string | null): Browser | null {
  const agent = userAgent ?? '';
  if (/\bEdgA?\//.test(agent)) return 'edge';
  if (/\b(Firefox|FxiOS)\//.test(agent)) return 'firefox';
  if (/\b(Chrome|CriOS|Chromium)\//.test(agent)) return 'chrome';
  if (/\bSafari\//.test(agent) && /\bVersion\//.test(agent)) return 'safari';
  return null;
}

export const isMobileAgent = (userAgent: string | null): boolean =>
  /\b(Android|iPhone|iPad|Mobile)\b/.test(userAgent ?? '');
