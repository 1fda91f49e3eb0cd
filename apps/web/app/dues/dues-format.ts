import { LANGUAGE_TAGS, type Locale } from '../i18n/locales.ts';
import type { Amount } from './dues-api.ts';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month as the dues API writes it: `2026-03`. */
export const isPeriod = (value: string): boolean => PERIOD.test(value);

/** The month now in Asia/Almaty, the community's business time zone: `2026-03`. */
export function currentPeriod(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: 'Asia/Almaty',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** `2026-03` → "март 2026 г." / "2026 ж. наурыз" / "March 2026". */
export function formatPeriod(period: string, locale: Locale): string {
  const match = PERIOD.exec(period);
  if (!match) return period;
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** Dues are whole tenge in practice: "2 000 ₸", and kopecks only when there are some. */
export function formatAmount(value: Amount, locale: Locale): string {
  const digits = currencyDigits(value.asset);
  const major = Number(value.amount) / 10 ** digits;
  try {
    return new Intl.NumberFormat(LANGUAGE_TAGS[locale], {
      style: 'currency',
      currency: value.asset,
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${new Intl.NumberFormat(LANGUAGE_TAGS[locale]).format(major)} ${value.asset}`;
  }
}

function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** A calendar date (`2026-03-10`) in the page's language. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

/** The sum of amounts of one currency (arrears), in minor units. */
export function sumAmounts(amounts: readonly Amount[], asset: string): Amount {
  const total = amounts.reduce((sum, item) => sum + BigInt(item.amount), 0n);
  return { amount: total.toString(), asset };
}

/** A short plain-text description of a Markdown page for search engines and link previews. */
export function plainSummary(markdown: string, maxLength = 160): string {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+.*$/gm, '')
    .replace(/[*_`>#|~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}
