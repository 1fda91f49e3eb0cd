import { formatDateTime } from '../../format.ts';
import { LANGUAGE_TAGS, type Locale } from '../../i18n/locales.ts';
import type { Amount } from '../dues-api.ts';
import { formatAmount } from '../dues-format.ts';

/** `2026-03` moved by `months` (negative goes back). */
export function addMonths(period: string, months: number): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The API sums per currency; in practice there is one ("2 000 ₸"). */
export const formatAmounts = (amounts: readonly Amount[], locale: Locale): string =>
  amounts.length === 0 ? '—' : amounts.map((amount) => formatAmount(amount, locale)).join(', ');

export const formatOptionalDateTime = (iso: string | null, locale: Locale): string | null =>
  iso ? formatDateTime(iso, locale) : null;

/** "240 KB": receipts are at most 10 MiB. */
export function formatBytes(bytes: number, locale: Locale): string {
  const unit = bytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte';
  const value = bytes / (unit === 'megabyte' ? 1024 * 1024 : 1024);
  return new Intl.NumberFormat(LANGUAGE_TAGS[locale], {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}
