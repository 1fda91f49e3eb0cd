import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf } from '../../../api/api.server.ts';
import {
  apiPaymentQuery,
  filterSearch,
  PAGE_SIZE,
  readPaymentFilters,
} from '../../../dues/admin/payment-filters.ts';
import { PaymentsTable } from '../../../dues/admin/payments-table.tsx';
import { apiFailure, requireStaff } from '../../../dues/admin/staff-access.server.ts';
import { localProblem } from '../../../dues/admin/staff-problem.ts';
import {
  PAYMENT_STATUSES,
  type BulkConfirmResult,
  type StaffPaymentPage,
} from '../../../dues/admin/payments-api.ts';
import { formatAmount, formatPeriod } from '../../../dues/dues-format.ts';
import { CsrfField, Notice, ProblemAlert, TextField } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

/** The cashier's queue: payments, pending first, filtered by month and status, with bulk confirmation. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'payments');
  const t = translator(locale);
  const filters = readPaymentFilters(new URL(request.url).searchParams);
  const list = await callApi<StaffPaymentPage>(context, locale, 'GET', '/v1/admin/dues/payments', {
    query: { ...apiPaymentQuery(filters), limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE },
  });
  if (!list.ok && list.status !== 400) apiFailure(list);
  const page = list.ok ? list.data : { items: [], total: 0 };
  return {
    filters,
    periodError: filters.badPeriod
      ? t('duesAdmin.payments.periodInvalid')
      : list.ok
        ? null
        : list.problem.title,
    total: page.total,
    pages: Math.max(1, Math.ceil(page.total / PAGE_SIZE)),
    rows: page.items.map((payment) => ({
      id: payment.id,
      name: payment.memberName,
      phone: payment.memberPhone,
      period: formatPeriod(payment.period, locale),
      amount: formatAmount(payment.amount, locale),
      method: t(`duesAdmin.methods.${payment.method}`),
      status: payment.status,
    })),
    seo: {
      title: t('duesAdmin.payments.title'),
      description: t('duesAdmin.payments.description'),
      path: '/dues/admin/payments',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  if (field(form, 'intent') !== 'bulk-confirm')
    throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
  const paymentIds = form.getAll('paymentId').filter((value): value is string => typeof value === 'string');
  if (paymentIds.length === 0)
    return data(
      {
        problem: localProblem('WEB_NOTHING_SELECTED', translator(locale)('duesAdmin.payments.bulkNone')),
        bulk: null,
      },
      { status: 400 },
    );
  const result = await callApi<BulkConfirmResult>(
    context,
    locale,
    'POST',
    '/v1/admin/dues/payments/confirm',
    {
      csrfToken: field(form, 'csrf'),
      body: { paymentIds },
    },
  );
  if (!result.ok) return data({ problem: result.form, bulk: null }, { status: result.status });
  return {
    problem: null,
    bulk: {
      confirmed: result.data.results.filter((item) => item.status === 'confirmed').length,
      failed: result.data.results
        .filter((item) => item.status === 'failed')
        .map((item) => ({ paymentId: item.paymentId, message: item.message ?? item.code ?? '' })),
    },
  };
}

export default function Payments() {
  const { filters, periodError, total, pages, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const query = filterSearch(filters);
  const pageLink = (page: number) => {
    const search = filterSearch(filters, page);
    return `${href('/dues/admin/payments')}${search ? `?${search}` : ''}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t('duesAdmin.payments.title')}</h1>
        <Link to={href('/dues/admin/payments/new')} className="button">
          {t('duesAdmin.payments.newPayment')}
        </Link>
      </div>

      <Form
        method="get"
        className="card grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        aria-label={t('duesAdmin.payments.filters')}
      >
        <TextField
          name="period"
          type="month"
          label={t('duesAdmin.payments.period')}
          hint={t('duesAdmin.payments.periodHint')}
          defaultValue={filters.period}
          error={periodError ?? undefined}
        />
        <div>
          <label htmlFor="payments-status" className="field-label">
            {t('duesAdmin.payments.status')}
          </label>
          <select id="payments-status" name="status" defaultValue={filters.status} className="field-input">
            <option value="">{t('duesAdmin.payments.anyStatus')}</option>
            {PAYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`duesAdmin.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="button">
            {t('duesAdmin.payments.apply')}
          </button>
          <Link to={href('/dues/admin/payments')} className="button-secondary">
            {t('duesAdmin.payments.reset')}
          </Link>
        </div>
      </Form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>{t('duesAdmin.payments.total', { count: total })}</p>
        <a
          href={`${href('/dues/admin/payments/export.csv')}${query ? `?${query}` : ''}`}
          download
          className="button-secondary"
        >
          {t('duesAdmin.payments.export')}
        </a>
      </div>

      <ProblemAlert problem={result?.problem} />
      {result?.bulk && (
        <div className="space-y-2">
          <Notice>{t('duesAdmin.payments.bulkDone', { count: result.bulk.confirmed })}</Notice>
          {result.bulk.failed.length > 0 && (
            <ul
              role="alert"
              className="list-disc rounded-lg border border-red-300 bg-red-50 p-3 pl-8 text-red-900"
            >
              {result.bulk.failed.map((item) => (
                <li key={item.paymentId}>
                  {t('duesAdmin.payments.bulkFailed', {
                    name: rows.find((row) => row.id === item.paymentId)?.name ?? item.paymentId,
                    message: item.message,
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {rows.length === 0 ? (
        <p className="card text-slate-700">{t('duesAdmin.payments.empty')}</p>
      ) : (
        <Form method="post" className="space-y-4">
          <CsrfField />
          <div className="overflow-x-auto">
            <PaymentsTable rows={rows} />
          </div>
          {rows.some((row) => row.status === 'pending') && (
            <button
              type="submit"
              name="intent"
              value="bulk-confirm"
              className="button"
              disabled={navigation.state === 'submitting'}
            >
              {t('duesAdmin.payments.bulkConfirm')}
            </button>
          )}
        </Form>
      )}

      {pages > 1 && (
        <nav
          aria-label={t('duesAdmin.payments.pagination')}
          className="flex items-center justify-between gap-3"
        >
          {filters.page > 1 ? (
            <Link to={pageLink(filters.page - 1)} className="button-secondary" rel="prev">
              {t('duesAdmin.payments.previous')}
            </Link>
          ) : (
            <span />
          )}
          <span>{t('duesAdmin.payments.pageOf', { page: filters.page, pages })}</span>
          {filters.page < pages ? (
            <Link to={pageLink(filters.page + 1)} className="button-secondary" rel="next">
              {t('duesAdmin.payments.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
