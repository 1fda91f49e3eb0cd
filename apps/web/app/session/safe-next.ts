import type { Locale } from '../i18n/locales.ts';

/**
 * Where to go after signing in: only a page of this site in this language, never another origin
 * (`//evil.example`, `/\evil.example`) — the classic open redirect.
 */
export function safeNext(next: string | null | undefined, locale: Locale): string {
  const fallback = `/${locale}/account`;
  if (!next || next.length > 512) return fallback;
  if (!next.startsWith(`/${locale}/`) && next !== `/${locale}`) return fallback;
  if (next.startsWith('//') || next.includes('\\') || /\p{Cc}/u.test(next)) return fallback;
  return next;
}
