import { LANGUAGE_TAGS, type Locale } from './i18n/locales.ts';

/** A date and time in Almaty, the programme's business time zone, in the page's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  }).format(new Date(iso));
}
