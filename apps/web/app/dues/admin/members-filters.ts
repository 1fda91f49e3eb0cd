import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../dues-api.ts';
import { isPeriod } from '../dues-format.ts';

export const MEMBERS_PAGE_SIZE = 50;

/** The members list's filters as they are in the page's URL (`?status=&unpaid=&city=&q=&page=`). */
export interface MemberFilters {
  readonly status: MembershipStatus | '';
  /** A month (`YYYY-MM`) the members have not paid for. */
  readonly unpaid: string;
  readonly city: string;
  readonly q: string;
  readonly page: number;
}

const isStatus = (value: string): value is MembershipStatus =>
  (MEMBERSHIP_STATUSES as readonly string[]).includes(value);

/** Anything malformed in the URL is dropped rather than refused: the list simply is not filtered by it. */
export function readMemberFilters(search: URLSearchParams): MemberFilters {
  const status = search.get('status') ?? '';
  const unpaid = search.get('unpaid')?.trim() ?? '';
  const page = Number(search.get('page') ?? '1');
  return {
    status: isStatus(status) ? status : '',
    unpaid: isPeriod(unpaid) ? unpaid : '',
    city: (search.get('city') ?? '').trim().slice(0, 100),
    q: (search.get('q') ?? '').trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The API's filter parameters (`GET /v1/admin/dues/members` and its `export.csv`). */
export function memberApiQuery(filters: MemberFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.status) query.status = filters.status;
  if (filters.unpaid) query.unpaidPeriod = filters.unpaid;
  if (filters.city) query.city = filters.city;
  if (filters.q) query.search = filters.q;
  return query;
}

/** The list's URL for another page with the same filters. */
export function memberListSearch(filters: MemberFilters, page: number): string {
  const search = new URLSearchParams();
  if (filters.status) search.set('status', filters.status);
  if (filters.unpaid) search.set('unpaid', filters.unpaid);
  if (filters.city) search.set('city', filters.city);
  if (filters.q) search.set('q', filters.q);
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}
