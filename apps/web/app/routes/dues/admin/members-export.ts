import { data } from 'react-router';
import { memberApiQuery, readMemberFilters } from '../../../dues/admin/members-filters.ts';
import { currentPeriod } from '../../../dues/dues-format.ts';
import { staffCall } from '../../../dues/admin/staff-api.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { LoaderArgs } from '../../../route-args.ts';

/**
 * `/:lang/dues/admin/members/export.csv`: the API's CSV of the filtered members for one month,
 * passed through with the staff session so the statuses in it are in the page's language (the
 * browser's own request would carry its Accept-Language). Filters are the list page's.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const filters = readMemberFilters(new URL(request.url).searchParams);
  const period = filters.unpaid || currentPeriod();
  const csv = await staffCall<string>(request, context, locale, 'GET', '/v1/admin/dues/members/export.csv', {
    query: { ...memberApiQuery(filters), period },
  });
  if (!csv.ok) throw data({ code: csv.problem.code, title: csv.problem.title }, { status: csv.status });
  // The API's text keeps its byte-order mark (U+FEFF), which spreadsheets need to read UTF-8.
  return new Response(csv.data, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="members-${period}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
