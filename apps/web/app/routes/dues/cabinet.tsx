import { useTranslation } from 'react-i18next';
import {
  data,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf } from '../../api/api.server.ts';
import type { FormProblem } from '../../api/problem.ts';
import { cabinetView } from '../../dues/cabinet-view.ts';
import {
  receiptProblem,
  receiptUrl,
  type Cabinet,
  type Payment,
  type PaymentHistory,
  type Ticket,
} from '../../dues/dues-api.ts';
import { Arrears, MembershipStatus } from '../../dues/membership-status.tsx';
import { MembershipTicket, PaymentHistory as History } from '../../dues/history-and-ticket.tsx';
import { OpenPayment } from '../../dues/open-payment.tsx';
import { PayForm } from '../../dues/pay-form.tsx';
import { Notice, ProblemAlert } from '../../forms/fields.tsx';
import { translator } from '../../i18n/i18n.server.ts';
import { localeParam } from '../../i18n/locale-param.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { ActionArgs, LoaderArgs } from '../../route-args.ts';
import { pageMeta } from '../../seo/seo.ts';
import { requireViewer } from '../../session/session.server.ts';

const NOT_A_MEMBER = 'DUES_NOT_A_MEMBER';

/** The member's cabinet: status, what to pay and how, open payments, history and the ticket. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireViewer(request, context, locale);
  const me = await callApi<Cabinet>(context, locale, 'GET', '/v1/dues/me');
  if (!me.ok && me.problem.code === NOT_A_MEMBER) throw redirect(`/${locale}/dues/join`);
  if (!me.ok) throw data({ code: me.problem.code, title: me.problem.title }, { status: me.status });
  const [history, ticket] = await Promise.all([
    callApi<PaymentHistory>(context, locale, 'GET', '/v1/dues/me/payments'),
    callApi<Ticket>(context, locale, 'GET', '/v1/dues/me/ticket'),
  ]);
  if (!history.ok) throw data({ code: history.problem.code }, { status: history.status });
  // The history lists payments without their QR images; the open ones are read one by one for them.
  const open = await Promise.all(
    history.data.payments
      .filter((payment) => payment.status === 'pending')
      .map(async (payment) => {
        const one = await callApi<Payment>(context, locale, 'GET', `/v1/dues/me/payments/${payment.id}`);
        return one.ok ? one.data : payment;
      }),
  );
  const t = translator(locale);
  return {
    view: cabinetView(me.data, history.data, open, ticket.ok ? ticket.data : null, locale),
    seo: {
      title: t('dues.cabinet.title'),
      description: t('dues.cabinet.description'),
      path: '/dues/cabinet',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const problemOf = (code: string, title: string): FormProblem => ({
  code,
  title,
  fields: {},
  retryAfterSeconds: null,
});

/**
 * A receipt posted by a browser without scripts (with scripts the page sends it to the API itself):
 * checked like the page checks it, then passed to the API as the raw file.
 */
async function sendReceipt(context: ActionArgs['context'], locale: Locale, form: FormData) {
  const paymentId = field(form, 'paymentId');
  const file = form.get('receipt');
  const problem = receiptProblem(file instanceof File ? file : undefined);
  if (problem || !(file instanceof File)) {
    const key = problem ?? 'dues.receipt.missing';
    return data({ problem: problemOf('WEB_RECEIPT_INVALID', translator(locale)(key)) }, { status: 400 });
  }
  const result = await callApi(context, locale, 'PUT', receiptUrl(paymentId), {
    csrfToken: field(form, 'csrf'),
    file: { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
  });
  if (!result.ok) return data({ problem: result.form }, { status: result.status });
  throw redirect(`/${locale}/dues/cabinet#payment-${encodeURIComponent(paymentId)}`);
}

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const intent = field(form, 'intent');
  if (intent === 'receipt') return sendReceipt(context, locale, form);
  if (intent !== 'pay') throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
  const period = field(form, 'period');
  const result = await callApi<{ payment: Payment }>(context, locale, 'POST', '/v1/dues/me/payments', {
    csrfToken: field(form, 'csrf'),
    body: { method: field(form, 'method'), ...(period ? { period } : {}) },
  });
  if (!result.ok) return data({ problem: result.form }, { status: result.status });
  // Post, redirect, get: reloading the cabinet never asks to pay twice (the API would return the same payment anyway).
  throw redirect(`/${locale}/dues/cabinet?started=1#payment-${result.data.payment.id}`);
}

export default function DuesCabinet() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('dues.cabinet.title')}</h1>
      <ProblemAlert problem={result?.problem} />
      {search.has('started') && view.open.length > 0 && <Notice>{t('dues.cabinet.started')}</Notice>}
      <MembershipStatus view={view} />
      {view.open.map((payment) => (
        <OpenPayment key={payment.id} payment={payment} requisites={view.requisites} />
      ))}
      <PayForm view={view} />
      <Arrears view={view} />
      <History view={view} />
      <MembershipTicket view={view} />
    </div>
  );
}
