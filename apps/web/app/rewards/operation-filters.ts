import { isRewardStatus, type RewardStatus } from './rewards-api.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTNER_ID = /^ptn_[0-9a-z]{1,60}$/;

/** The operations filters of a URL; anything malformed is dropped rather than failing the page. */
export interface OperationFilters {
  readonly statuses: readonly RewardStatus[];
  readonly partner: string;
  readonly from: string;
  readonly to: string;
}

const validDay = (value: string | null): string =>
  value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : '';

export function readFilters(search: URLSearchParams): OperationFilters {
  const partner = search.get('partner') ?? '';
  return {
    statuses: [...new Set(search.getAll('status').filter(isRewardStatus))],
    partner: PARTNER_ID.test(partner) ? partner : '',
    from: validDay(search.get('from')),
    to: validDay(search.get('to')),
  };
}

/** The rewards API's query for these filters. */
export function apiQuery(filters: OperationFilters): Record<string, string | readonly string[] | undefined> {
  return {
    status: filters.statuses.length > 0 ? filters.statuses : undefined,
    partnerId: filters.partner || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}

/** The same filters as a query string, for links (pages, exports). */
export function filterSearch(filters: OperationFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const status of filters.statuses) search.append('status', status);
  if (filters.partner) search.set('partner', filters.partner);
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
