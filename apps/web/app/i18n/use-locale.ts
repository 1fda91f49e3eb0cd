import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';

/** The language the page is rendered in. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Builds links inside the current language: `href('/catalog')` → `/kk/catalog`. */
export function useHref(): (path: string) => string {
  const locale = useLocale();
  return (path: string) => `/${locale}${path === '/' ? '' : path}`;
}
