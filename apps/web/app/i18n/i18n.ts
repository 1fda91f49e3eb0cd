import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Dictionary } from './dictionaries/ru.ts';
import type { Locale } from './locales.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Dictionary };
  }
}

/**
 * What a key with no text renders as. A missing key is a bug (the dictionaries are checked by type
 * and by a test), so it is made impossible to overlook: the browser tests fail on this marker.
 */
export const MISSING_TEXT_MARKER = '⟦missing:';

/** One i18next instance per request on the server and one per page load in the browser. */
export function createI18n(locale: Locale, dictionary: Dictionary): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    resources: { [locale]: { translation: dictionary } },
    // No fallback language: a Kazakh page must never quietly show Russian text.
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    parseMissingKeyHandler: (key: string) => `${MISSING_TEXT_MARKER}${locale}:${key}⟧`,
  });
  return instance;
}

/** Loads one language's dictionary as its own chunk, so a page ships only the language it shows. */
export async function loadDictionary(locale: Locale): Promise<Dictionary> {
  switch (locale) {
    case 'kk':
      return (await import('./dictionaries/kk.ts')).kk;
    case 'en':
      return (await import('./dictionaries/en.ts')).en;
    case 'ru':
      return (await import('./dictionaries/ru.ts')).ru;
  }
}
