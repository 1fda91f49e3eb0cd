import { useTranslation } from 'react-i18next';
import type { PaymentStatus } from './payments-api.ts';

const TONE: Readonly<Record<PaymentStatus, string>> = {
  pending: 'bg-amber-50 text-amber-900 ring-amber-300',
  confirmed: 'bg-brand-50 text-brand-800 ring-brand-600',
  rejected: 'bg-red-50 text-red-900 ring-red-300',
  refunded: 'bg-slate-100 text-slate-800 ring-slate-300',
};

/** A payment's status in words (colour only repeats it). */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ${TONE[status]}`}
      data-status={status}
    >
      {t(`duesAdmin.statuses.${status}`)}
    </span>
  );
}
