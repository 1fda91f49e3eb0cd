import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHref } from '../../i18n/use-locale.ts';
import { PaymentStatusBadge } from './payment-status.tsx';
import type { PaymentStatus } from './payments-api.ts';

export interface PaymentRowView {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly period: string;
  readonly amount: string;
  readonly method: string;
  readonly status: PaymentStatus;
}

const cell = 'block py-0.5 sm:table-cell sm:py-3 sm:pr-3';

/**
 * The payments as a table on wide screens and stacked rows on phones; pending rows carry a
 * checkbox for the bulk confirmation of the form around the table.
 */
export function PaymentsTable({ rows }: { rows: readonly PaymentRowView[] }) {
  const { t } = useTranslation();
  const href = useHref();
  return (
    <table className="w-full text-left" data-testid="payments-table">
      <caption className="sr-only">{t('duesAdmin.payments.title')}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-2 pr-3">
            <span className="sr-only">{t('duesAdmin.payments.columns.select')}</span>
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('duesAdmin.payments.columns.member')}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('duesAdmin.payments.columns.phone')}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('duesAdmin.payments.columns.period')}
          </th>
          <th scope="col" className="py-2 pr-3 text-right">
            {t('duesAdmin.payments.columns.amount')}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('duesAdmin.payments.columns.method')}
          </th>
          <th scope="col" className="py-2">
            {t('duesAdmin.payments.columns.status')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.id}
            className="block border-b border-slate-200 py-2 sm:table-row sm:py-0"
            data-testid="payment-row"
            data-payment-id={row.id}
          >
            <td className={cell}>
              {row.status === 'pending' && (
                <input
                  type="checkbox"
                  name="paymentId"
                  value={row.id}
                  className="size-5"
                  aria-label={t('duesAdmin.payments.selectPayment', { name: row.name, period: row.period })}
                />
              )}
            </td>
            <td className={`${cell} font-semibold`}>
              <Link to={href(`/dues/admin/payments/${row.id}`)} className="text-brand-700 underline">
                {row.name}
              </Link>
            </td>
            <td className={`${cell} whitespace-nowrap`}>{row.phone}</td>
            <td className={cell}>{row.period}</td>
            <td className={`${cell} whitespace-nowrap sm:text-right`}>{row.amount}</td>
            <td className={cell}>{row.method}</td>
            <td className={cell}>
              <PaymentStatusBadge status={row.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
