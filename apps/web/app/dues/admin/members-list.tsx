import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MembershipStatus } from '../dues-api.ts';
import { useHref } from '../../i18n/use-locale.ts';
import type { MemberPage } from './staff-api.ts';

const TONE: Readonly<Record<MembershipStatus, string>> = {
  active: 'border-brand-600 bg-brand-50 text-brand-800',
  overdue: 'border-red-400 bg-red-50 text-red-900',
  pending: 'border-amber-400 bg-amber-50 text-amber-900',
  suspended: 'border-slate-400 bg-slate-100 text-slate-900',
  blocked: 'border-red-600 bg-red-100 text-red-950',
};

/** The status in words with its colour, never colour alone. */
export function StatusBadge({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded-full border px-2 py-0.5 text-sm font-semibold ${TONE[status]}`}
      data-status={status}
    >
      {t(`dues.status.${status}`)}
    </span>
  );
}

/** Members as a list of rows that wrap on a phone (a wide table would not fit 360 px). */
export function MemberList({ items }: { items: MemberPage['items'] }) {
  const { t } = useTranslation();
  const href = useHref();
  if (items.length === 0) return <p className="card text-slate-700">{t('duesStaff.members.empty')}</p>;
  return (
    <ul className="card divide-y divide-slate-200 p-0 sm:p-0" data-testid="members-list">
      {items.map((member) => (
        <li key={member.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 p-4">
          <div className="min-w-0">
            <Link
              to={href(`/dues/admin/members/${member.id}`)}
              className="font-semibold text-brand-800 underline"
            >
              {member.fullName}
            </Link>
            <p className="text-sm text-slate-700">
              {t('dues.cabinet.memberNumber', { number: member.number })} · {member.phone}
              {member.city ? ` · ${member.city}` : ''}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {member.arrearsCount > 0 && (
              <span className="text-sm text-red-800">
                {t('duesStaff.members.arrears', { n: member.arrearsCount })}
              </span>
            )}
            <StatusBadge status={member.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Previous and next pages as plain links, so the list pages without scripts. */
export function Pager({
  page,
  pages,
  link,
}: {
  page: number;
  pages: number;
  link: (page: number) => string;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('duesStaff.pager.label')} className="flex flex-wrap items-center gap-3">
      {page > 1 && (
        <Link to={link(page - 1)} className="button-secondary" rel="prev">
          {t('duesStaff.pager.previous')}
        </Link>
      )}
      <span>{t('duesStaff.pager.page', { page, pages })}</span>
      {page < pages && (
        <Link to={link(page + 1)} className="button-secondary" rel="next">
          {t('duesStaff.pager.next')}
        </Link>
      )}
    </nav>
  );
}
