import { fetchStatisticsActions } from './statistics-actions.ts';
import type { NetworkAdapter } from './network-adapter.ts';

/** `dd.mm.yyyy HH:MM:SS` in UTC, as Admitad's statistics API takes its time filters. */
export function admitadTime(instant: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${two(instant.getUTCDate())}.${two(instant.getUTCMonth() + 1)}.${instant.getUTCFullYear()} ` +
    `${two(instant.getUTCHours())}:${two(instant.getUTCMinutes())}:${two(instant.getUTCSeconds())}`
  );
}

/** Admitad's `GET statistics/actions/` field names -> our report format. */
const ADMITAD_FIELDS = {
  subid: 'click_id',
  action_id: 'action_id',
  order_id: 'order_id',
  status: 'status',
  payment: 'payment_sum',
  cart: 'order_sum',
  currency: 'currency',
  action_date: 'action_date',
  status_updated: 'status_updated',
};

/** Admitad-style polling: status-updated windows, offset/limit paging (at most 500 a page), Bearer token. */
export function admitadAdapter(settings: { url: string; token: string }): NetworkAdapter {
  return {
    fetchActions: (window) =>
      fetchStatisticsActions(
        {
          url: settings.url,
          token: settings.token,
          pageSize: 500,
          formatTime: admitadTime,
          fields: ADMITAD_FIELDS,
        },
        window,
      ),
  };
}
