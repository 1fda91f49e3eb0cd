import { useTranslation } from 'react-i18next';
import type { CabinetView } from './cabinet-view.ts';

const STATE_TONE: Readonly<Record<CabinetView['months'][number]['state'], string>> = {
  paid: 'text-brand-800',
  pending: 'text-amber-800',
  unpaid: 'text-red-800',
  upcoming: 'text-slate-600',
};

/** Month by month, as a list (a table does not fit a 360 px screen), with the confirmation PDF of each paid month. */
export function PaymentHistory({ view }: { view: CabinetView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-title" className="card">
      <h2 id="history-title" className="text-xl font-semibold">
        {t('dues.history.title')}
      </h2>
      {view.rejected.map((item) => (
        <p
          key={item.period}
          role="alert"
          className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900"
        >
          {t('dues.history.rejected', { period: item.period, reason: item.reason })}
        </p>
      ))}
      {view.months.length === 0 ? (
        <p className="mt-2 text-slate-700">{t('dues.history.empty')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200" data-testid="dues-history">
          {view.months.map((month) => (
            <li
              key={month.period}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3"
            >
              <div>
                <p className="font-semibold">{month.period}</p>
                <p className={`text-sm font-medium ${STATE_TONE[month.state]}`}>
                  {t(`dues.history.states.${month.state}`)}
                  {month.confirmedAt && (
                    <span className="text-slate-600">
                      {' · '}
                      {t('dues.history.confirmedAt')} {month.confirmedAt}
                    </span>
                  )}
                </p>
              </div>
              <div className="flex items-center gap-3">
                <span className="font-semibold">{month.amount}</span>
                {month.pdfUrl && (
                  <a
                    href={month.pdfUrl}
                    className="inline-flex min-h-11 items-center rounded-lg px-2 font-semibold text-brand-800 underline"
                    aria-label={t('dues.history.pdfFor', { period: month.period })}
                    download
                  >
                    {t('dues.history.pdf')}
                  </a>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The signed membership QR that staff scan at events. */
export function MembershipTicket({ view }: { view: CabinetView }) {
  const { t } = useTranslation();
  if (!view.ticket) return null;
  return (
    <section
      aria-labelledby="ticket-title"
      className="card flex flex-col items-center gap-3 text-center sm:flex-row sm:text-left"
    >
      <img
        src={view.ticket.qrImage}
        alt={t('dues.ticket.alt')}
        width={200}
        height={200}
        className="rounded-lg border border-slate-200"
      />
      <div className="space-y-2">
        <h2 id="ticket-title" className="text-xl font-semibold">
          {t('dues.ticket.title')}
        </h2>
        <p className="text-lg font-semibold">{view.fullName}</p>
        <p>{t('dues.ticket.number', { number: view.ticket.memberNumber })}</p>
        <p className="text-sm text-slate-700">{t('dues.ticket.hint')}</p>
      </div>
    </section>
  );
}
