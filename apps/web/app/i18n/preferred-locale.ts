import { isLocale, LOCALE_COOKIE, LOCALES, type Locale } from './locales.ts';

/** One cookie's value; a malformed (or hostile) encoding reads as absent rather than failing the page. */
function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The language for a URL without one: the visitor's earlier choice (cookie), else the best match of
 * Accept-Language by quality, else the deployment's default.
 */
export function preferredLocale(
  headers: { cookie?: string | null; acceptLanguage?: string | null },
  fallback: Locale,
): Locale {
  const chosen = cookieValue(headers.cookie, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  const ranked = (headers.acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().toLowerCase().split(';');
      const quality = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { language: tag.split('-')[0] ?? '', quality: quality ? Number(quality) : 1, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    if ((LOCALES as readonly string[]).includes(entry.language)) return entry.language as Locale;
  }
  return fallback;
}

export { cookieValue };
