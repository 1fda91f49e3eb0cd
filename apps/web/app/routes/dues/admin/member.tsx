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
import { field, formOf } from '../../../api/api.server.ts';
import type { FormProblem } from '../../../api/problem.ts';
import { MemberEditForm, MemberStatusForm } from '../../../dues/admin/members-card.tsx';
import { StatusBadge } from '../../../dues/admin/members-list.tsx';
import {
  MEMBER_ID,
  STAFF_STATUSES,
  type AuditPage,
  type MemberCard,
  type StaffMember,
  type StaffStatus,
} from '../../../dues/admin/staff-api.ts';
import { staffCall, staffLoad } from '../../../dues/admin/staff-api.server.ts';
import { AuditList } from '../../../dues/admin/staff-audit.tsx';
import { mayManageMembers } from '../../../dues/admin/staff-sections.ts';
import { auditLines, formatDateTime } from '../../../dues/admin/staff-format.ts';
import { withDuesFields } from '../../../dues/dues-problem.ts';
import { formatAmount, sumAmounts } from '../../../dues/dues-format.ts';
import { Notice } from '../../../forms/fields.tsx';
import { translator } from '../../../i18n/i18n.server.ts';
import { localeParam } from '../../../i18n/locale-param.ts';
import { useHref } from '../../../i18n/use-locale.ts';
import type { ActionArgs, LoaderArgs } from '../../../route-args.ts';
import { pageMeta } from '../../../seo/seo.ts';
import { requireViewer } from '../../../session/session.server.ts';

export { StaffRefusalBoundary as ErrorBoundary } from '../../../dues/admin/staff-refusal.tsx';

const memberPath = (id: string) => `/v1/admin/dues/members/${id}`;

function memberIdOf(params: LoaderArgs['params']): string {
  const id = params.memberId ?? '';
  if (!MEMBER_ID.test(id)) throw data(null, { status: 404 });
  return id;
}

/** `/:lang/dues/admin/members/:memberId`: the card, its corrections, the status, months paid and its audit trail. */
export async function loader({ params, request, context }: LoaderArgs) {
  const locale = localeParam(params);
  const id = memberIdOf(params);
  const [viewer, card, audit] = await Promise.all([
    requireViewer(request, context, locale),
    staffLoad<MemberCard>(request, context, locale, memberPath(id)),
    // The audit log is the admins' (cashiers read cards but not the log): without it the section is left out.
    staffCall<AuditPage>(request, context, locale, 'GET', '/v1/admin/dues/audit', {
      query: { entityId: id, limit: 20 },
    }),
  ]);
  const t = translator(locale);
  const { member } = card;
  const asset = card.arrears[0]?.amount.asset;
  return {
    member,
    // Cashiers see the card without the forms the API would refuse them.
    manage: mayManageMembers(viewer.roles),
    created: formatDateTime(member.createdAt, locale),
    months: card.history.months.map((month) => ({
      period: month.period,
      state: month.state,
      amount: formatAmount(month.amount, locale),
      confirmedAt: month.confirmedAt ? formatDateTime(month.confirmedAt, locale) : null,
    })),
    arrears: card.arrears.map((item) => ({ period: item.period, amount: formatAmount(item.amount, locale) })),
    arrearsTotal: asset
      ? formatAmount(
          sumAmounts(
            card.arrears.map((item) => item.amount),
            asset,
          ),
          locale,
        )
      : null,
    audit: audit.ok ? auditLines(audit.data.items, locale) : null,
    seo: {
      title: t('duesStaff.member.title', { number: member.number }),
      description: t('duesStaff.member.description'),
      path: `/dues/admin/members/${id}`,
      noindex: true,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ loaderData, matches }) =>
  pageMeta(loaderData?.seo, matches);

const EDITABLE = [
  'fullName',
  'phone',
  'email',
  'iin',
  'city',
  'preferredChannel',
  'locale',
  'joinedPeriod',
] as const;

/** Only what was changed is sent: the audit entry names the personal fields a correction touched. */
function memberPatch(form: FormData, member: StaffMember): Record<string, string | boolean | null> {
  const patch: Record<string, string | boolean | null> = {};
  const typed = (name: (typeof EDITABLE)[number]) => field(form, name);
  if (typed('fullName') !== member.fullName) patch.fullName = typed('fullName');
  if (typed('phone') !== member.phone) patch.phone = typed('phone');
  if (typed('email') !== (member.email ?? '')) patch.email = typed('email') || null;
  // The API shows only a masked IIN: an empty field keeps it.
  if (typed('iin') !== '') patch.iin = typed('iin');
  if (typed('city') !== (member.city ?? '')) patch.city = typed('city') || null;
  for (const name of ['preferredChannel', 'locale', 'joinedPeriod'] as const)
    if (typed(name) !== '' && typed(name) !== member[name]) patch[name] = typed(name);
  const reminders = form.get('remindersEnabled') === 'on';
  if (reminders !== member.remindersEnabled) patch.remindersEnabled = reminders;
  return patch;
}

const withReason = (problem: FormProblem): FormProblem =>
  problem.code === 'DUES_REASON_REQUIRED' && !('reason' in problem.fields)
    ? { ...problem, fields: { ...problem.fields, reason: problem.title } }
    : problem;

export async function action({ params, request, context }: ActionArgs) {
  const locale = localeParam(params);
  const id = memberIdOf(params);
  const form = await formOf(request);
  const intent = field(form, 'intent');
  const csrfToken = field(form, 'csrf');
  const values = Object.fromEntries(
    [...EDITABLE, 'status', 'reason', 'remindersEnabled'].map((name) => [name, field(form, name)]),
  );
  const done = (saved: string) => redirect(`/${locale}/dues/admin/members/${id}?saved=${saved}`);
  if (intent === 'edit') {
    const card = await staffLoad<MemberCard>(request, context, locale, memberPath(id));
    const patch = memberPatch(form, card.member);
    if (Object.keys(patch).length === 0) throw done('unchanged');
    const result = await staffCall(request, context, locale, 'PATCH', memberPath(id), {
      csrfToken,
      body: patch,
    });
    if (!result.ok)
      return data({ intent, problem: withDuesFields(result.form), values }, { status: result.status });
    throw done('edit');
  }
  if (intent === 'status') {
    const status = field(form, 'status');
    if (!(STAFF_STATUSES as readonly string[]).includes(status))
      throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
    const reason = field(form, 'reason');
    const body: { status: StaffStatus; reason?: string } = { status: status as StaffStatus };
    if (status !== 'none') body.reason = reason;
    const result = await staffCall(request, context, locale, 'POST', `${memberPath(id)}/status`, {
      csrfToken,
      body,
    });
    if (!result.ok)
      return data({ intent, problem: withReason(result.form), values }, { status: result.status });
    throw done('status');
  }
  throw data({ code: 'WEB_FORM_UNREADABLE', title: 'Bad request' }, { status: 400 });
}

const SAVED = ['edit', 'status', 'unchanged'] as const;

export default function StaffMemberCard() {
  const { member, manage, created, months, arrears, arrearsTotal, audit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const href = useHref();
  const saved = SAVED.find((value) => value === search.get('saved'));
  return (
    <div className="space-y-6">
      <Link to={href('/dues/admin/members')} className="text-brand-800 underline">
        {t('duesStaff.member.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">{member.fullName}</h1>
        <StatusBadge status={member.status} />
      </div>
      {saved && <Notice>{t(`duesStaff.member.saved.${saved}`)}</Notice>}
      <dl className="card grid gap-x-4 gap-y-2 sm:grid-cols-2" data-testid="member-details">
        {[
          [t('duesStaff.member.number'), String(member.number)],
          [t('dues.join.phone'), member.phone],
          [t('dues.join.email'), member.email ?? '—'],
          [t('dues.join.city'), member.city ?? '—'],
          [t('duesStaff.member.joined'), member.joinedPeriod],
          [t('duesStaff.member.sourceLabel'), t(`duesStaff.member.source.${member.source}`)],
          [
            t('duesStaff.member.account'),
            member.userId ? t('duesStaff.member.accountYes') : t('duesStaff.member.accountNo'),
          ],
          [t('duesStaff.member.created'), created],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="font-medium break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {manage && (
        <MemberStatusForm
          member={member}
          problem={result?.intent === 'status' ? result.problem : undefined}
          values={result?.intent === 'status' ? result.values : undefined}
        />
      )}
      <section aria-labelledby="member-arrears-title" className="card">
        <h2 id="member-arrears-title" className="text-xl font-semibold">
          {t('duesStaff.member.arrears.title')}
        </h2>
        {arrears.length === 0 ? (
          <p className="mt-2">{t('duesStaff.member.arrears.none')}</p>
        ) : (
          <>
            <ul className="mt-2 flex flex-wrap gap-2">
              {arrears.map((item) => (
                <li key={item.period} className="rounded-lg bg-red-50 px-3 py-1 text-red-900">
                  {item.period}: {item.amount}
                </li>
              ))}
            </ul>
            {arrearsTotal && (
              <p className="mt-2 font-semibold">
                {t('duesStaff.member.arrears.total', { amount: arrearsTotal })}
              </p>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="member-months-title" className="card">
        <h2 id="member-months-title" className="text-xl font-semibold">
          {t('duesStaff.member.months')}
        </h2>
        {months.length === 0 ? (
          <p className="mt-2">{t('dues.history.empty')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200" data-testid="member-months">
            {months.map((month) => (
              <li
                key={month.period}
                className="flex flex-wrap justify-between gap-x-4 py-2"
                data-period={month.period}
                data-state={month.state}
              >
                <span className="font-semibold">{month.period}</span>
                <span>
                  {t(`dues.history.states.${month.state}`)}
                  {month.confirmedAt ? ` · ${month.confirmedAt}` : ''}
                </span>
                <span>{month.amount}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {manage && (
        <MemberEditForm
          member={member}
          problem={result?.intent === 'edit' ? result.problem : undefined}
          values={result?.intent === 'edit' ? result.values : undefined}
        />
      )}
      {audit && (
        <section aria-labelledby="member-audit-title" className="space-y-3">
          <h2 id="member-audit-title" className="text-xl font-semibold">
            {t('duesStaff.member.audit')}
          </h2>
          <AuditList lines={audit} />
          <Link
            to={`${href('/dues/admin/audit')}?entity=${encodeURIComponent(member.id)}`}
            className="text-brand-800 underline"
          >
            {t('duesStaff.member.auditAll')}
          </Link>
        </section>
      )}
    </div>
  );
}
