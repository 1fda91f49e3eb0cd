import Negotiator from 'negotiator';
import { LOCALES, type Locale } from './config.ts';

/** A text in every supported language; the type makes a missing translation a compile error. */
export type Localized = Readonly<Record<Locale, string>>;

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function translate(
  text: Localized,
  locale: Locale,
  params: Readonly<Record<string, unknown>> = {},
): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The user's saved language wins; otherwise the best match of Accept-Language; otherwise the default. */
export function resolveLocale(options: {
  userLocale?: string | null | undefined;
  acceptLanguage?: string | undefined;
  fallback: Locale;
}): Locale {
  if (isLocale(options.userLocale)) return options.userLocale;
  if (options.acceptLanguage) {
    const negotiator = new Negotiator({ headers: { 'accept-language': options.acceptLanguage } });
    const match = negotiator.language([...LOCALES]);
    if (isLocale(match)) return match;
  }
  return options.fallback;
}
