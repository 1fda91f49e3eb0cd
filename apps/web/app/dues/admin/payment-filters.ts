import { isPeriod } from '../dues-format.ts';
import { isPaymentStatus, type PaymentStatus } from './payments-api.ts';

/** The payments list's filters as the URL carries them (`?period=2026-03&status=pending&page=2`). */
export interface PaymentFilters {
  readonly period: string;
  readonly status: PaymentStatus | '';
  readonly page: number;
  /** The period as typed when it is not a month; the page explains it under the field. */
  readonly badPeriod: boolean;
}

export const PAGE_SIZE = 50;

export function readPaymentFilters(search: URLSearchParams): PaymentFilters {
  const period = (search.get('period') ?? '').trim();
  const status = search.get('status') ?? '';
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  return {
    period,
    status: isPaymentStatus(status) ? status : '',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    badPeriod: period !== '' && !isPeriod(period),
  };
}

/** The filters for the API (list and CSV export). */
export const apiPaymentQuery = (filters: PaymentFilters): Record<string, string | undefined> => ({
  period: filters.period && !filters.badPeriod ? filters.period : undefined,
  status: filters.status || undefined,
});

/** `period=…&status=…` for links that keep the filters (export, other pages). */
export function filterSearch(filters: PaymentFilters, page?: number): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(apiPaymentQuery(filters))) if (value) search.set(key, value);
  if (page && page > 1) search.set('page', String(page));
  return search.toString();
}
