import { useTranslation } from 'react-i18next';
import type { CabinetView } from './cabinet-view.ts';

const TONE: Readonly<Record<CabinetView['status'], string>> = {
  active: 'border-brand-600 bg-brand-50 text-brand-800',
  overdue: 'border-red-400 bg-red-50 text-red-900',
  pending: 'border-amber-400 bg-amber-50 text-amber-900',
  suspended: 'border-slate-400 bg-slate-100 text-slate-900',
  blocked: 'border-red-600 bg-red-100 text-red-950',
};

/** The membership status in words (not only colour), what it means, and this month at a glance. */
export function MembershipStatus({ view }: { view: CabinetView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="status-title" className={`rounded-xl border-2 p-4 ${TONE[view.status]}`}>
      <p className="text-sm">{t('dues.cabinet.memberNumber', { number: view.number })}</p>
      <h2
        id="status-title"
        className="text-2xl font-bold"
        data-testid="membership-status"
        data-status={view.status}
      >
        {t(`dues.status.${view.status}`)}
      </h2>
      <p className="mt-1">{t(`dues.statusHelp.${view.status}`)}</p>
      {view.staffReason && (view.status === 'suspended' || view.status === 'blocked') && (
        <p className="mt-1 font-semibold">{t('dues.statusHelp.reason', { reason: view.staffReason })}</p>
      )}
      <dl className="mt-4 grid grid-cols-1 gap-3 text-slate-900 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-700">{t('dues.cabinet.currentPeriod')}</dt>
          <dd className="text-lg font-semibold">{view.currentPeriod}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t('dues.cabinet.deadline')}</dt>
          <dd className="text-lg font-semibold">{view.deadline}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">{t('dues.cabinet.fee')}</dt>
          <dd className="text-lg font-semibold">{view.fee}</dd>
        </div>
      </dl>
      <p className="mt-3 font-semibold text-slate-900">
        {view.currentPeriodPaid ? t('dues.cabinet.currentPaid') : t('dues.cabinet.currentUnpaid')}
      </p>
    </section>
  );
}

/** Every unpaid month whose deadline has passed, with the total. */
export function Arrears({ view }: { view: CabinetView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="arrears-title" className="card">
      <h2 id="arrears-title" className="text-xl font-semibold">
        {t('dues.cabinet.arrearsTitle')}
      </h2>
      {view.arrears.length === 0 ? (
        <p className="mt-2 text-slate-700">{t('dues.cabinet.arrearsNone')}</p>
      ) : (
        <>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {view.arrears.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {view.arrearsTotal && (
            <p className="mt-2 font-semibold">
              {t('dues.cabinet.arrearsTotal', { amount: view.arrearsTotal })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
