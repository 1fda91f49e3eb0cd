import { useTranslation } from 'react-i18next';
import { Form, useLoaderData, type MetaFunction } from 'react-router';
import { callApi } from '../../../api/api.server.ts';
import { ArrearsTable, CollectedTable } from '../../../dues/admin/report-tables.tsx';
import { apiFailure, requireStaff } from '../../../dues/admin/staff-access.server.ts';
import { type ArrearsReport, type CollectedReport } from '../../../dues/admin/payments-api.ts';
import { addMonths, formatAmounts } from '../../../dues/admin/payments-format.ts';
import { currentPeriod, formatPeriod, isPeriod } from '../../../dues/dues-format.ts';
import { TextField } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

/** Reports for the treasurer: dues collected per month (the last twelve by default) and who owes what. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'reports');
  const t = translator(locale);
  const search = new URL(request.url).searchParams;
  const now = currentPeriod();
  const pick = (name: string, fallback: string) => {
    const value = (search.get(name) ?? '').trim();
    return isPeriod(value) ? value : fallback;
  };
  const to = pick('to', now);
  const from = pick('from', addMonths(to, -11));
  const [collected, arrears] = await Promise.all([
    callApi<CollectedReport>(context, locale, 'GET', '/v1/admin/dues/reports/collected', {
      query: { from, to },
    }),
    callApi<ArrearsReport>(context, locale, 'GET', '/v1/admin/dues/reports/arrears'),
  ]);
  if (!arrears.ok) apiFailure(arrears);
  if (!collected.ok && collected.status !== 400 && collected.status !== 422) apiFailure(collected);
  return {
    from,
    to,
    rangeError: collected.ok ? null : collected.problem.title,
    months: collected.ok
      ? collected.data.months.map((month) => ({
          period: formatPeriod(month.period, locale),
          payments: month.payments,
          collected: formatAmounts(month.collected, locale),
          refunded: month.refunded,
        }))
      : [],
    treasury: collected.ok ? formatAmounts(collected.data.treasury, locale) : null,
    debtors: arrears.data.items.map((item) => ({
      id: item.memberId,
      number: item.number,
      name: item.fullName,
      phone: item.phone,
      status: item.status,
      periods: item.periods.map((period) => formatPeriod(period, locale)).join(', '),
      owed: formatAmounts(item.owed, locale),
    })),
    seo: {
      title: t('duesAdmin.reports.title'),
      description: t('duesAdmin.reports.description'),
      path: '/dues/admin/reports',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export default function Reports() {
  const { from, to, rangeError, months, treasury, debtors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('duesAdmin.reports.title')}</h1>
      <section className="space-y-4" aria-labelledby="collected-title">
        <h2 id="collected-title" className="text-2xl font-semibold">
          {t('duesAdmin.reports.collectedTitle')}
        </h2>
        <Form method="get" className="card grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <TextField
            name="from"
            type="month"
            label={t('duesAdmin.reports.from')}
            defaultValue={from}
            required
          />
          <TextField
            name="to"
            type="month"
            label={t('duesAdmin.reports.to')}
            defaultValue={to}
            required
            error={rangeError ?? undefined}
          />
          <button type="submit" className="button">
            {t('duesAdmin.reports.show')}
          </button>
        </Form>
        {treasury && (
          <p className="text-lg">
            {t('duesAdmin.reports.treasury')} <strong data-testid="treasury">{treasury}</strong>
          </p>
        )}
        <CollectedTable months={months} />
      </section>
      <section className="space-y-4" aria-labelledby="arrears-title">
        <h2 id="arrears-title" className="text-2xl font-semibold">
          {t('duesAdmin.reports.arrearsTitle')}
        </h2>
        <ArrearsTable debtors={debtors} />
      </section>
    </div>
  );
}
