import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHref } from '../../i18n/use-locale.ts';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../dues-api.ts';

const cell = 'py-2 pr-3 align-top';

export function CollectedTable({
  months,
}: {
  months: readonly { period: string; payments: number; collected: string; refunded: number }[];
}) {
  const { t } = useTranslation();
  if (months.length === 0) return <p className="text-slate-700">{t('duesAdmin.reports.noMonths')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left" data-testid="collected-table">
        <caption className="sr-only">{t('duesAdmin.reports.collectedTitle')}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.month')}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t('duesAdmin.reports.payments')}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t('duesAdmin.reports.collected')}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t('duesAdmin.reports.refunded')}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((month) => (
            <tr key={month.period} className="border-b border-slate-200">
              <th scope="row" className={`${cell} font-medium`}>
                {month.period}
              </th>
              <td className={`${cell} text-right`}>{month.payments}</td>
              <td className={`${cell} text-right whitespace-nowrap`}>{month.collected}</td>
              <td className={`${cell} text-right`}>{month.refunded}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const statusKey = (status: string): MembershipStatus | null =>
  (MEMBERSHIP_STATUSES as readonly string[]).includes(status) ? (status as MembershipStatus) : null;

export function ArrearsTable({
  debtors,
}: {
  debtors: readonly {
    id: string;
    number: number;
    name: string;
    phone: string;
    status: string;
    periods: string;
    owed: string;
  }[];
}) {
  const { t } = useTranslation();
  const href = useHref();
  if (debtors.length === 0) return <p className="text-slate-700">{t('duesAdmin.reports.noArrears')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left" data-testid="arrears-table">
        <caption className="sr-only">{t('duesAdmin.reports.arrearsTitle')}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.number')}
            </th>
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.member')}
            </th>
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.phone')}
            </th>
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.status')}
            </th>
            <th scope="col" className={cell}>
              {t('duesAdmin.reports.months')}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t('duesAdmin.reports.owed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {debtors.map((debtor) => {
            const status = statusKey(debtor.status);
            return (
              <tr key={debtor.id} className="border-b border-slate-200">
                <td className={cell}>{debtor.number}</td>
                <th scope="row" className={`${cell} font-medium`}>
                  <Link to={href(`/dues/admin/members/${debtor.id}`)} className="text-brand-700 underline">
                    {debtor.name}
                  </Link>
                </th>
                <td className={`${cell} whitespace-nowrap`}>{debtor.phone}</td>
                <td className={cell}>{status ? t(`dues.status.${status}`) : debtor.status}</td>
                <td className={cell}>{debtor.periods}</td>
                <td className={`${cell} text-right whitespace-nowrap`}>{debtor.owed}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
