import { useTranslation } from 'react-i18next';
import type { RewardStatus } from '../rewards/rewards-api.ts';
import type { BalanceView, OperationView } from '../rewards/rewards.server.ts';

const STATUS_STYLE: Readonly<Record<RewardStatus, string>> = {
  waiting: 'bg-slate-100 text-slate-800',
  pending: 'bg-amber-50 text-amber-900',
  available: 'bg-brand-50 text-brand-800',
  declined: 'bg-red-50 text-red-900',
  reversed: 'bg-red-50 text-red-900',
};

export function StatusBadge({ status }: { status: RewardStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${STATUS_STYLE[status]}`}>
      {t(`account.operations.statuses.${status}`)}
    </span>
  );
}

/** Pending and available rewards in the reward asset, with their tenge equivalent. */
export function BalanceCard({ balance }: { balance: BalanceView }) {
  const { t } = useTranslation();
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      <div className="rounded-lg bg-brand-50 p-4">
        <dt className="text-sm text-slate-700">{t('account.balance.available')}</dt>
        <dd className="text-2xl font-bold text-brand-800" data-testid="balance-available">
          {balance.available}
        </dd>
        {balance.availableTenge && (
          <dd className="text-sm text-slate-700">
            {t('account.balance.equivalent', { amount: balance.availableTenge })}
          </dd>
        )}
      </div>
      <div className="rounded-lg bg-amber-50 p-4">
        <dt className="text-sm text-slate-700">{t('account.balance.pending')}</dt>
        <dd className="text-2xl font-bold text-amber-900" data-testid="balance-pending">
          {balance.pending}
        </dd>
        {balance.pendingTenge && (
          <dd className="text-sm text-slate-700">
            {t('account.balance.equivalent', { amount: balance.pendingTenge })}
          </dd>
        )}
      </div>
    </dl>
  );
}

/** Operations as a table on wide screens and as stacked rows on phones (the table reflows). */
export function OperationsTable({ operations }: { operations: readonly OperationView[] }) {
  const { t } = useTranslation();
  return (
    <table className="w-full text-left">
      <caption className="sr-only">{t('account.operations.title')}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-2 pr-3">
            {t('account.operations.columns.date')}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('account.operations.columns.partner')}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t('account.operations.columns.status')}
          </th>
          <th scope="col" className="py-2 text-right">
            {t('account.operations.columns.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {operations.map((operation) => (
          <tr key={operation.id} className="block border-b border-slate-200 py-2 sm:table-row sm:py-0">
            <td className="block py-1 text-sm text-slate-600 sm:table-cell sm:py-3 sm:pr-3 sm:text-base sm:text-slate-900">
              {operation.occurredAt}
            </td>
            <td className="block py-1 font-medium sm:table-cell sm:py-3 sm:pr-3">{operation.partner}</td>
            <td className="block py-1 sm:table-cell sm:py-3 sm:pr-3">
              <StatusBadge status={operation.status} />
              {operation.status === 'pending' && operation.availableAfter && (
                <span className="block text-sm text-slate-600">
                  {t('account.operations.availableAfter', { date: operation.availableAfter })}
                </span>
              )}
            </td>
            <td className="block py-1 font-semibold sm:table-cell sm:py-3 sm:text-right">
              {operation.amount}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
