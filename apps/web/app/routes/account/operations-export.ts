import { data } from 'react-router';
import { callApi } from '../../api/api.server.ts';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import { apiQuery, readFilters, type OperationFilters } from '../../rewards/operation-filters.ts';
import { operationsCsv, operationsPdf } from '../../rewards/operations-export.server.ts';
import type { Reward, RewardPage } from '../../rewards/rewards-api.ts';
import type { LoaderArgs } from '../../route-args.ts';
import { requireViewer } from '../../session/session.server.ts';

const PAGE_SIZE = 100;
/** A file for people, not a data dump: beyond this the export says it was cut and suggests filters. */
const MAX_ROWS = 5000;

function describeFilters(filters: OperationFilters, t: ReturnType<typeof translator>): string {
  const parts = [
    filters.statuses.length > 0
      ? `${t('account.operations.filters.status')}: ${filters.statuses.map((status) => t(`account.operations.statuses.${status}`)).join(', ')}`
      : '',
    filters.from ? `${t('account.operations.filters.from')}: ${filters.from}` : '',
    filters.to ? `${t('account.operations.filters.to')}: ${filters.to}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** `/:lang/account/operations/export/csv|pdf`: the filtered operations as a file, read page by page from the API. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireViewer(request, context, locale);
  const format = params.format;
  if (format !== 'csv' && format !== 'pdf') throw data(null, { status: 404 });
  const t = translator(locale);
  const filters = readFilters(new URL(request.url).searchParams);
  const rewards: Reward[] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await callApi<RewardPage>(context, locale, 'GET', '/v1/rewards', {
      query: { ...apiQuery(filters), cursor, limit: PAGE_SIZE },
    });
    if (!page.ok) throw data({ code: page.problem.code, title: page.problem.title }, { status: page.status });
    rewards.push(...page.data.items);
    if (!page.data.nextCursor) break;
    if (rewards.length >= MAX_ROWS) {
      truncated = true;
      break;
    }
    cursor = page.data.nextCursor;
  }
  const input = {
    rewards,
    locale,
    t,
    filters: describeFilters(filters, t),
    truncated,
    generatedAt: new Date(),
  };
  const day = new Date().toISOString().slice(0, 10);
  const file = format === 'csv' ? operationsCsv(input) : await operationsPdf(input);
  return new Response(new Uint8Array(file), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      'Content-Disposition': `attachment; filename="sauda-operations-${day}.${format}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
