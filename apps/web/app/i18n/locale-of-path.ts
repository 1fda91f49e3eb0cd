import { isLocale, type Locale } from './locales.ts';

/** The locale a path starts with (`/kk/catalog` → `kk`), or undefined. */
export function localeOfPath(pathname: string): Locale | undefined {
  const first = pathname.split('/')[1]?.replace(/\.data$/, '');
  return isLocale(first) ? first : undefined;
}

/** The same page in another language: `/kk/catalog?q=x` → `/en/catalog?q=x`. */
export function pathInLocale(pathname: string, search: string, locale: Locale): string {
  const rest = localeOfPath(pathname) ? pathname.split('/').slice(2).join('/') : pathname.slice(1);
  return `/${locale}${rest ? `/${rest}` : ''}${search}`;
}
