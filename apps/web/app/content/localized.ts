import type { Locale } from '../i18n/locales.ts';

/** A text in every language of the site; the type makes a missing language a compile error. */
export type Localized<T = string> = Readonly<Record<Locale, T>>;
