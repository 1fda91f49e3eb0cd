import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  type MetaFunction,
} from 'react-router';
import { callApi, field, formOf } from '../../../api/api.server.ts';
import { MemberPicker, type MemberOption } from '../../../dues/admin/member-picker.tsx';
import { apiFailure, requireStaff } from '../../../dues/admin/staff-access.server.ts';
import { MANUAL_METHODS, type MemberChoice, type StaffPayment } from '../../../dues/admin/payments-api.ts';
import { currentPeriod } from '../../../dues/dues-format.ts';
import { localProblem, withStaffFields } from '../../../dues/admin/staff-problem.ts';
import { CsrfField, ProblemAlert, TextField } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

const SEARCH_LIMIT = 20;

/**
 * Manual entry: cash, or a transfer seen in the bank statement. The cashier finds the member by
 * name or phone (the members list API), picks the month and the way it was paid; the API records
 * the payment confirmed at once, for the fee of that month.
 */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'payments');
  const t = translator(locale);
  const url = new URL(request.url);
  const search = (url.searchParams.get('q') ?? '').trim();
  const memberId = url.searchParams.get('memberId') ?? '';
  const [found, chosen] = await Promise.all([
    search
      ? callApi<{ items: readonly MemberChoice[] }>(context, locale, 'GET', '/v1/admin/dues/members', {
          query: { search, limit: SEARCH_LIMIT },
        })
      : null,
    memberId
      ? callApi<{ member: MemberChoice }>(
          context,
          locale,
          'GET',
          `/v1/admin/dues/members/${encodeURIComponent(memberId)}`,
        )
      : null,
  ]);
  if (found && !found.ok && found.status !== 400) apiFailure(found);
  const members = [...(chosen?.ok ? [chosen.data.member] : []), ...(found?.ok ? found.data.items : [])];
  const options: MemberOption[] = members
    .filter((member, index) => members.findIndex((other) => other.id === member.id) === index)
    .map((member) => ({
      id: member.id,
      label: member.fullName,
      detail: t('duesAdmin.newPayment.memberDetail', {
        number: member.number,
        phone: member.phone,
        status: t(`dues.status.${member.status}`),
      }),
    }));
  return {
    search,
    searchError: found && !found.ok ? found.problem.title : null,
    searched: found?.ok ?? false,
    options,
    selected: chosen?.ok ? chosen.data.member.id : '',
    period: currentPeriod(),
    seo: {
      title: t('duesAdmin.newPayment.title'),
      description: t('duesAdmin.newPayment.lead'),
      path: '/dues/admin/payments/new',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const values = {
    memberId: field(form, 'memberId'),
    period: field(form, 'period'),
    method: field(form, 'method'),
    note: field(form, 'note'),
  };
  if (!values.memberId) {
    const message = translator(locale)('duesAdmin.newPayment.memberMissing');
    return data(
      { problem: localProblem('WEB_MEMBER_MISSING', message, 'memberId'), values },
      { status: 422 },
    );
  }
  const { note, ...required } = values;
  const result = await callApi<StaffPayment>(context, locale, 'POST', '/v1/admin/dues/payments', {
    csrfToken: field(form, 'csrf'),
    body: { ...required, ...(note ? { note } : {}) },
  });
  if (!result.ok) return data({ problem: withStaffFields(result.form), values }, { status: result.status });
  throw redirect(`/${locale}/dues/admin/payments/${result.data.id}?done=created`);
}

export default function NewPayment() {
  const { search, searchError, searched, options, selected, period } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const href = useHref();
  const noteId = useId();
  const methodId = useId();
  const problem = result?.problem;
  const typed = result?.values;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to={href('/dues/admin/payments')} className="text-brand-700 underline">
          {t('duesAdmin.payment.back')}
        </Link>
      </p>
      <h1 className="text-3xl font-bold">{t('duesAdmin.newPayment.title')}</h1>
      <p className="text-slate-700">{t('duesAdmin.newPayment.lead')}</p>

      <Form method="get" role="search" className="card flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <TextField
            name="q"
            type="search"
            label={t('duesAdmin.newPayment.search')}
            hint={t('duesAdmin.newPayment.searchHint')}
            defaultValue={search}
            maxLength={100}
            error={searchError ?? undefined}
          />
        </div>
        <button type="submit" className="button-secondary">
          {t('duesAdmin.newPayment.find')}
        </button>
      </Form>
      {searched && options.length === 0 && (
        <p role="status" className="text-slate-700">
          {t('duesAdmin.newPayment.nobody')}
        </p>
      )}

      <Form method="post" className="card space-y-4" noValidate>
        <CsrfField />
        <ProblemAlert problem={problem} />
        <MemberPicker
          options={options}
          selected={typed?.memberId ?? selected}
          error={problem?.fields.memberId}
        />
        <TextField
          name="period"
          type="month"
          label={t('duesAdmin.newPayment.period')}
          hint={t('duesAdmin.newPayment.periodHint')}
          required
          defaultValue={typed?.period ?? period}
          error={problem?.fields.period}
        />
        <div>
          <label htmlFor={methodId} className="field-label">
            {t('duesAdmin.newPayment.method')}
          </label>
          <select
            id={methodId}
            name="method"
            defaultValue={typed?.method ?? 'manual'}
            className="field-input"
            aria-invalid={problem?.fields.method ? true : undefined}
            aria-describedby={problem?.fields.method ? `${methodId}-error` : undefined}
          >
            {MANUAL_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`duesAdmin.methods.${method}`)}
              </option>
            ))}
          </select>
          {problem?.fields.method && (
            <p id={`${methodId}-error`} className="field-error">
              {problem.fields.method}
            </p>
          )}
        </div>
        <div>
          <p className="field-label">{t('duesAdmin.newPayment.amount')}</p>
          <p className="field-hint">{t('duesAdmin.newPayment.amountHint')}</p>
        </div>
        <div>
          <label htmlFor={noteId} className="field-label">
            {t('duesAdmin.newPayment.note')}
          </label>
          <textarea
            id={noteId}
            name="note"
            rows={2}
            maxLength={1000}
            defaultValue={typed?.note}
            className="field-input"
            aria-invalid={problem?.fields.note ? true : undefined}
            aria-describedby={`${noteId}-hint${problem?.fields.note ? ` ${noteId}-error` : ''}`}
          />
          <p id={`${noteId}-hint`} className="field-hint">
            {t('duesAdmin.newPayment.noteHint')}
          </p>
          {problem?.fields.note && (
            <p id={`${noteId}-error`} className="field-error">
              {problem.fields.note}
            </p>
          )}
        </div>
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('duesAdmin.newPayment.submit')}
        </button>
      </Form>
    </div>
  );
}
