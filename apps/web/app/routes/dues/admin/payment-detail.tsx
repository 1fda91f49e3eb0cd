import { useTranslation } from 'react-i18next';
import {
  data,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf } from '../../../api/api.server.ts';
import { PaymentActions, type PaymentIntent } from '../../../dues/admin/payment-actions.tsx';
import { PaymentStatusBadge } from '../../../dues/admin/payment-status.tsx';
import { paymentView } from '../../../dues/admin/payment-view.ts';
import { ReceiptPreview } from '../../../dues/admin/receipt-preview.tsx';
import { apiFailure, requireStaff } from '../../../dues/admin/staff-access.server.ts';
import type { StaffPayment } from '../../../dues/admin/payments-api.ts';
import { withStaffFields } from '../../../dues/admin/staff-problem.ts';
import { Notice } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

const INTENTS: readonly PaymentIntent[] = ['confirm', 'reject', 'refund'];
const DONE = ['confirmed', 'rejected', 'refunded', 'created'] as const;

/** One payment for staff: every field, the receipt, and confirm / reject / refund. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'payments');
  const path = `/v1/admin/dues/payments/${encodeURIComponent(params.paymentId ?? '')}`;
  const payment = await callApi<StaffPayment>(context, locale, 'GET', path);
  // A malformed id is a page that does not exist, like an unknown one.
  if (!payment.ok && payment.status === 400) throw data(null, { status: 404 });
  if (!payment.ok) apiFailure(payment);
  const t = translator(locale);
  const view = paymentView(payment.data, locale, t);
  return {
    view,
    seo: {
      title: t('duesAdmin.payment.title', { name: view.memberName, period: view.period }),
      description: t('duesAdmin.payments.description'),
      path: `/dues/admin/payments/${payment.data.id}`,
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const intent = INTENTS.find((value) => value === field(form, 'intent'));
  if (!intent) throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
  const period = field(form, 'period');
  const body = intent === 'confirm' ? (period ? { period } : {}) : { reason: field(form, 'reason') };
  const paymentId = encodeURIComponent(params.paymentId ?? '');
  const result = await callApi<StaffPayment>(
    context,
    locale,
    'POST',
    `/v1/admin/dues/payments/${paymentId}/${intent}`,
    { csrfToken: field(form, 'csrf'), body },
  );
  if (!result.ok) return data({ intent, problem: withStaffFields(result.form) }, { status: result.status });
  // Post, redirect, get: a reload never repeats the action.
  const done = { confirm: 'confirmed', reject: 'rejected', refund: 'refunded' }[intent];
  throw redirect(`/${locale}/dues/admin/payments/${paymentId}?done=${done}`);
}

export default function PaymentDetail() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const href = useHref();
  const done = DONE.find((value) => value === search.get('done'));
  return (
    <div className="space-y-6">
      <p>
        <Link to={href('/dues/admin/payments')} className="text-brand-700 underline">
          {t('duesAdmin.payment.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">
          {t('duesAdmin.payment.title', { name: view.memberName, period: view.period })}
        </h1>
        <PaymentStatusBadge status={view.status} />
      </div>
      {done && <Notice>{t(`duesAdmin.payment.done.${done}`)}</Notice>}
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="sr-only">
          {t('duesAdmin.payment.facts')}
        </h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]" data-testid="payment-facts">
          {view.facts.map((fact) => (
            <div key={fact.label} className="contents">
              <dt className="text-slate-600">{fact.label}</dt>
              <dd className="font-medium break-words">{fact.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 flex flex-wrap gap-3">
          <Link to={href(`/dues/admin/members/${view.memberId}`)} className="button-secondary">
            {t('duesAdmin.payment.memberCard')}
          </Link>
          {view.pdfUrl && (
            <a href={view.pdfUrl} className="button-secondary" download>
              {t('duesAdmin.payment.pdf')}
            </a>
          )}
        </p>
      </section>
      <ReceiptPreview receipt={view.receipt} />
      <PaymentActions status={view.status} result={result} />
    </div>
  );
}
