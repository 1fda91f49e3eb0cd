import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { CabinetView, OpenPaymentView } from './cabinet-view.ts';
import { ReceiptUpload } from './receipt-upload.tsx';

/** A payment waiting for money or for the cashier: the Kaspi QR and link, or the transfer details and receipt. */
export function OpenPayment({
  payment,
  requisites,
}: {
  payment: OpenPaymentView;
  requisites: CabinetView['requisites'];
}) {
  const { t } = useTranslation();
  return (
    <section
      id={`payment-${payment.id}`}
      aria-labelledby={`payment-title-${payment.id}`}
      className="card space-y-4 border-2 border-amber-400"
      data-testid="open-payment"
    >
      <div>
        <h2 id={`payment-title-${payment.id}`} className="text-xl font-semibold">
          {t('dues.payment.title', { period: payment.period })}
        </h2>
        <p className="text-slate-700">{t('dues.payment.awaiting')}</p>
      </div>
      <dl className="grid grid-cols-2 gap-3">
        <div>
          <dt className="text-sm text-slate-600">{t('dues.payment.amount')}</dt>
          <dd className="text-lg font-semibold">{payment.amount}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('dues.payment.reference')}</dt>
          <dd className="font-mono text-lg font-semibold">{payment.reference}</dd>
        </div>
      </dl>
      {payment.kaspi ? (
        <KaspiPayment payment={payment} />
      ) : (
        <TransferPayment payment={payment} requisites={requisites} />
      )}
    </section>
  );
}

function KaspiPayment({ payment }: { payment: OpenPaymentView }) {
  const { t } = useTranslation();
  const location = useLocation();
  const kaspi = payment.kaspi;
  if (!kaspi) return null;
  if (!kaspi.usable) return <p className="font-semibold text-red-900">{t('dues.payment.kaspiFailed')}</p>;
  return (
    <div className="space-y-3">
      <h3 className="text-lg font-semibold">{t('dues.payment.kaspiTitle')}</h3>
      <p className="text-slate-700">{t('dues.payment.kaspiHint')}</p>
      {kaspi.qrImage && (
        <img
          src={kaspi.qrImage}
          alt={t('dues.payment.qrAlt')}
          width={220}
          height={220}
          className="mx-auto rounded-lg border border-slate-200 sm:mx-0"
        />
      )}
      {kaspi.paymentUrl && (
        <a href={kaspi.paymentUrl} className="button min-h-12 w-full sm:w-auto" rel="noopener noreferrer">
          {t('dues.payment.kaspiOpen')}
        </a>
      )}
      {kaspi.expiresAt && (
        <p className="text-sm text-slate-600">{t('dues.payment.expires', { time: kaspi.expiresAt })}</p>
      )}
      <p className="text-sm text-slate-700">{t('dues.payment.refreshHint')}</p>
      <Link
        to={`${location.pathname}#payment-${payment.id}`}
        className="button-secondary min-h-12 w-full sm:w-auto"
      >
        {t('dues.payment.refresh')}
      </Link>
    </div>
  );
}

function TransferPayment({
  payment,
  requisites,
}: {
  payment: OpenPaymentView;
  requisites: CabinetView['requisites'];
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <h3 className="text-lg font-semibold">{t('dues.payment.transferTitle')}</h3>
      {requisites ? (
        <>
          <p className="text-slate-700">{t('dues.payment.transferHint')}</p>
          <dl className="grid gap-2 rounded-lg bg-slate-50 p-3 break-words">
            {(
              [
                ['recipient', requisites.recipient],
                ['bin', requisites.bin],
                ['bank', requisites.bank],
                ['iban', requisites.iban],
                ['kaspiPhone', requisites.kaspiPhone],
              ] as const
            ).map(([key, value]) =>
              value ? (
                <div key={key}>
                  <dt className="text-sm text-slate-600">{t(`dues.payment.${key}`)}</dt>
                  <dd
                    className={key === 'iban' || key === 'bin' ? 'font-mono font-semibold' : 'font-semibold'}
                  >
                    {value}
                  </dd>
                </div>
              ) : null,
            )}
            <div>
              <dt className="text-sm text-slate-600">{t('dues.payment.amount')}</dt>
              <dd className="font-semibold">{payment.amount}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('dues.payment.comment')}</dt>
              <dd className="font-mono text-lg font-bold">{payment.reference}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="text-slate-700">{t('dues.payment.noRequisites')}</p>
      )}
      <h3 className="text-lg font-semibold">{t('dues.receipt.title')}</h3>
      {payment.receipt && (
        <p role="status" className="rounded-lg border border-brand-600 bg-brand-50 p-3 text-brand-800">
          {t('dues.receipt.attached', { date: payment.receipt.uploadedAt })}{' '}
          <a href={payment.receipt.url} className="font-semibold underline" target="_blank" rel="noopener">
            {t('dues.receipt.view')}
          </a>
          <br />
          {t('dues.receipt.replace')}
        </p>
      )}
      <ReceiptUpload paymentId={payment.id} />
    </div>
  );
}
