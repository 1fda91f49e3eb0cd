import { useTranslation } from 'react-i18next';
import {
  data,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
  type MetaFunction,
} from 'react-router';
import { field, formOf } from '../../../api/api.server.ts';
import type { FormProblem } from '../../../api/problem.ts';
import { type DuesSettings } from '../../../dues/admin/staff-api.ts';
import { staffCall, staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { formatDateTime } from '../../../dues/admin/staff-format.ts';
import { parseOffsets, toMinorUnits } from '../../../dues/admin/staff-money.ts';
import { FeeForm, GeneralForm, RequisitesForm } from '../../../dues/admin/staff-settings.tsx';
import { currentPeriod, formatAmount } from '../../../dues/dues-format.ts';
import { Notice } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

const nextPeriod = (period: string): string => {
  const [year = 0, month = 1] = period.split('-').map(Number);
  return month === 12 ? `${String(year + 1)}-01` : `${String(year)}-${String(month + 1).padStart(2, '0')}`;
};

/** `/:lang/dues/admin/settings`: the fee with its history and future changes, payable months, reminders, bank details. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const settings = await staffLoad<DuesSettings>(request, context, locale, '/v1/admin/dues/settings');
  const thisMonth = currentPeriod();
  const schedule = [...settings.feeSchedule].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const current = schedule.find((version) => version.effectiveFrom <= thisMonth) ?? schedule.at(-1);
  const t = translator(locale);
  return {
    settings: {
      communityName: settings.communityName,
      previousMonths: settings.previousMonths,
      futureMonths: settings.futureMonths,
      requisites: settings.requisites,
      reminderOffsets: settings.reminderOffsets.join(', '),
      updated: formatDateTime(settings.updatedAt, locale),
      updatedBy: settings.updatedBy,
    },
    current: current
      ? { amount: formatAmount(current.amount, locale), deadlineDay: current.deadlineDay }
      : null,
    currency: current?.amount.asset ?? 'KZT',
    firstFuture: nextPeriod(thisMonth),
    schedule: schedule.map((version) => ({
      effectiveFrom: version.effectiveFrom,
      amount: formatAmount(version.amount, locale),
      deadlineDay: version.deadlineDay,
      upcoming: version.effectiveFrom > thisMonth,
      current: version === current,
      when: formatDateTime(version.createdAt, locale),
      by: version.createdBy,
    })),
    seo: {
      title: t('duesStaff.settings.title'),
      description: t('duesStaff.settings.description'),
      path: '/dues/admin/settings',
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  DUES_FEE_CHANGE_NOT_FUTURE: 'effectiveFrom',
  DUES_CURRENCY_UNKNOWN: 'currency',
  DUES_INVALID_PERIOD: 'effectiveFrom',
};
const onField = (problem: FormProblem): FormProblem => {
  const name = FIELD_OF_CODE[problem.code];
  return name && !(name in problem.fields)
    ? { ...problem, fields: { ...problem.fields, [name]: problem.title } }
    : problem;
};

type Intent = 'general' | 'requisites' | 'fee';

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const t = translator(locale);
  const form = await formOf(request);
  const intent = field(form, 'intent');
  const values: Record<string, string> = {};
  for (const name of new Set(form.keys())) if (name !== 'csrf') values[name] = field(form, name);
  const refuse = (which: Intent, fields: Record<string, string>) =>
    data(
      {
        intent: which,
        values,
        problem: { code: 'WEB_INVALID', title: t('forms.fixErrors'), fields, retryAfterSeconds: null },
      },
      { status: 422 },
    );
  const send = async (which: Intent, method: 'PATCH' | 'POST', path: string, body: unknown) => {
    const result = await staffCall(request, context, locale, method, path, {
      csrfToken: field(form, 'csrf'),
      body,
    });
    if (!result.ok)
      return data({ intent: which, values, problem: onField(result.form) }, { status: result.status });
    throw redirect(`/${locale}/dues/admin/settings?saved=${which}`);
  };
  if (intent === 'general') {
    const offsets = parseOffsets(field(form, 'reminderOffsets'));
    if (!offsets)
      return refuse(intent, { reminderOffsets: t('duesStaff.settings.general.invalidReminders') });
    return send(intent, 'PATCH', '/v1/admin/dues/settings', {
      communityName: { ru: field(form, 'ru'), kk: field(form, 'kk'), en: field(form, 'en') },
      previousMonths: Number(field(form, 'previousMonths')),
      futureMonths: Number(field(form, 'futureMonths')),
      reminderOffsets: offsets,
    });
  }
  if (intent === 'requisites') {
    const kaspiPhone = field(form, 'kaspiPhone');
    return send(intent, 'PATCH', '/v1/admin/dues/settings', {
      requisites: {
        recipient: field(form, 'recipient'),
        bin: field(form, 'bin').replace(/\s/g, ''),
        bank: field(form, 'bank'),
        iban: field(form, 'iban').replace(/\s/g, '').toUpperCase(),
        ...(kaspiPhone ? { kaspiPhone } : {}),
      },
    });
  }
  if (intent === 'fee') {
    const currency = field(form, 'currency').toUpperCase() || 'KZT';
    const amount = toMinorUnits(field(form, 'amount'), currency);
    if (!amount) return refuse(intent, { amount: t('duesStaff.settings.fee.invalidAmount') });
    return send(intent, 'POST', '/v1/admin/dues/fee-schedule', {
      effectiveFrom: field(form, 'effectiveFrom'),
      amount,
      currency,
      deadlineDay: Number(field(form, 'deadlineDay')),
    });
  }
  throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
}

const SAVED = ['general', 'requisites', 'fee'] as const;

export default function StaffSettings() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const saved = SAVED.find((value) => value === search.get('saved'));
  const failed = (which: Intent) =>
    result?.intent === which
      ? { problem: result.problem, values: result.values }
      : { problem: undefined, values: {} };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t('duesStaff.settings.title')}</h1>
      <p className="text-sm text-slate-700">
        {t('duesStaff.settings.updated', { date: view.settings.updated, who: view.settings.updatedBy })}
      </p>
      {saved && <Notice>{t(`duesStaff.settings.saved.${saved}`)}</Notice>}
      <FeeForm view={view} {...failed('fee')} />
      <GeneralForm settings={view.settings} {...failed('general')} />
      <RequisitesForm requisites={view.settings.requisites} {...failed('requisites')} />
    </div>
  );
}
