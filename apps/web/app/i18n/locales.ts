/** The site's languages; Russian is the default, Kazakh and English follow it key for key. */
export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

/** The cookie that remembers the language a visitor chose, for pages reached without a locale in the URL. */
export const LOCALE_COOKIE = 'sauda_locale';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** BCP 47 tags for Intl formatting and hreflang. */
export const LANGUAGE_TAGS: Readonly<Record<Locale, string>> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en' };

/** Each language's name in itself, for the switcher (never translated). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };
