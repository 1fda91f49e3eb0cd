import { callApi } from '../../../api/api.server.ts';
import { apiPaymentQuery, readPaymentFilters } from '../../../dues/admin/payment-filters.ts';
import { apiFailure, requireStaff } from '../../../dues/admin/staff-access.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { LoaderArgs } from '../../../route-args.ts';

/**
 * `/:lang/dues/admin/payments/export.csv`: the API's CSV of the filtered payments, passed through
 * so the statuses in it are in the page's language (the browser's own request would carry its
 * Accept-Language) and the file is named after the month.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'payments');
  const filters = readPaymentFilters(new URL(request.url).searchParams);
  const query = apiPaymentQuery(filters);
  const csv = await callApi<string>(context, locale, 'GET', '/v1/admin/dues/payments/export.csv', { query });
  if (!csv.ok) apiFailure(csv);
  const name = ['payments', query.period, query.status].filter(Boolean).join('-');
  // The API's text keeps its byte-order mark (U+FEFF), which spreadsheets need to read UTF-8.
  return new Response(csv.data, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
