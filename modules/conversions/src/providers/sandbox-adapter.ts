import { SPEC_MAPPING } from '../network-settings.ts';
import { fetchStatisticsActions } from './statistics-actions.ts';
import type { NetworkAdapter } from './network-adapter.ts';

/** Every field of our report format, under its own name. */
const SPEC_FIELDS: Readonly<Record<string, string>> = Object.fromEntries<string>(
  Object.entries(SPEC_MAPPING)
    .filter(([field]) => field !== 'secret')
    .map(([, name]) => [name, name]),
);

/**
 * Networks that speak our spec, the sandbox network among them: the same `statistics/actions`
 * paging with ISO 8601 windows, and actions carrying the postback's own field names.
 */
export function specAdapter(settings: { url: string; token: string }): NetworkAdapter {
  return {
    fetchActions: (window) =>
      fetchStatisticsActions(
        {
          url: settings.url,
          token: settings.token,
          pageSize: 100,
          formatTime: (instant) => instant.toISOString(),
          fields: SPEC_FIELDS,
        },
        window,
      ),
  };
}
