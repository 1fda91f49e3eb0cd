import { useTranslation } from 'react-i18next';
import { data, Form, useActionData, useNavigation, type MetaFunction } from 'react-router';
import { callApi, field, formOf } from '../../../api/api.server.ts';
import { requireStaff } from '../../../dues/admin/staff-access.server.ts';
import type { TicketCheck } from '../../../dues/admin/payments-api.ts';
import { localProblem, withStaffFields } from '../../../dues/admin/staff-problem.ts';
import { TicketResult } from '../../../dues/admin/ticket-result.tsx';
import { formatPeriod } from '../../../dues/dues-format.ts';
import { CsrfField, TextField } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  await requireStaff(request, context, locale, 'tickets');
  const t = translator(locale);
  return {
    seo: {
      title: t('duesAdmin.tickets.title'),
      description: t('duesAdmin.tickets.lead'),
      path: '/dues/admin/tickets',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

/**
 * The QR holds a link whose `#fragment` is the signed token (modules/dues membership-ticket.ts); a
 * scanner types the whole link, a person may paste either.
 */
const tokenOf = (scanned: string): string => scanned.slice(scanned.lastIndexOf('#') + 1).trim();

/** Checking a membership ticket at the door: is its holder a member in good standing right now? */
export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const form = await formOf(request);
  const token = tokenOf(field(form, 'ticket'));
  if (!token) {
    const message = translator(locale)('duesAdmin.tickets.missing');
    return data(
      { problem: localProblem('WEB_TICKET_MISSING', message, 'ticket'), result: null },
      { status: 422 },
    );
  }
  const check = await callApi<TicketCheck>(context, locale, 'POST', '/v1/admin/dues/tickets/verify', {
    csrfToken: field(form, 'csrf'),
    body: { token },
  });
  if (!check.ok) {
    const problem = withStaffFields(check.form);
    const message = problem.fields.token ?? problem.title;
    return data(
      { problem: { ...problem, fields: { ticket: message } }, result: null },
      { status: check.status },
    );
  }
  const { member } = check.data;
  return {
    problem: null,
    result: {
      fullName: member.fullName,
      number: member.number,
      active: member.status === 'active',
      status: member.status,
      currentPeriod: formatPeriod(member.currentPeriod, locale),
      paidThrough: member.paidThrough ? formatPeriod(member.paidThrough, locale) : null,
    },
  };
}

export default function Tickets() {
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">{t('duesAdmin.tickets.title')}</h1>
      <p className="text-slate-700">{t('duesAdmin.tickets.lead')}</p>
      <Form method="post" className="card space-y-4" noValidate>
        <CsrfField />
        <TextField
          name="ticket"
          label={t('duesAdmin.tickets.input')}
          hint={t('duesAdmin.tickets.inputHint')}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          // A USB or Bluetooth scanner types into the focused field and presses Enter.
          autoFocus
          required
          maxLength={2000}
          error={outcome?.problem?.fields.ticket}
        />
        <button type="submit" className="button w-full" disabled={navigation.state === 'submitting'}>
          {t('duesAdmin.tickets.check')}
        </button>
      </Form>
      {outcome?.result && <TicketResult result={outcome.result} />}
    </div>
  );
}
