import { useTranslation } from 'react-i18next';

export interface TicketResultView {
  readonly fullName: string;
  readonly number: number;
  readonly active: boolean;
  readonly status: 'active' | 'overdue' | 'pending' | 'suspended' | 'blocked';
  readonly currentPeriod: string;
  readonly paidThrough: string | null;
}

/** The answer at the door: active or not in large words, then who the holder is. */
export function TicketResult({ result }: { result: TicketResultView }) {
  const { t } = useTranslation();
  const tone = result.active
    ? 'border-brand-600 bg-brand-50 text-brand-800'
    : 'border-red-500 bg-red-50 text-red-900';
  return (
    <section
      role="status"
      aria-labelledby="ticket-verdict"
      className={`rounded-xl border-2 p-4 ${tone}`}
      data-testid="ticket-result"
      data-active={result.active}
    >
      <h2 id="ticket-verdict" className="text-2xl font-bold">
        {result.active ? t('duesAdmin.tickets.active') : t('duesAdmin.tickets.inactive')}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-700">{t('duesAdmin.tickets.member')}</dt>
        <dd className="font-semibold">{result.fullName}</dd>
        <dt className="text-slate-700">{t('duesAdmin.tickets.number')}</dt>
        <dd className="font-semibold">{result.number}</dd>
        <dt className="text-slate-700">{t('duesAdmin.tickets.status')}</dt>
        <dd className="font-semibold">{t(`dues.status.${result.status}`)}</dd>
        <dt className="text-slate-700">{t('duesAdmin.tickets.currentPeriod')}</dt>
        <dd className="font-semibold">{result.currentPeriod}</dd>
        <dt className="text-slate-700">{t('duesAdmin.tickets.paidThrough')}</dt>
        <dd className="font-semibold">{result.paidThrough ?? t('duesAdmin.tickets.neverPaid')}</dd>
      </dl>
    </section>
  );
}
