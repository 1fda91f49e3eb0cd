import { useTranslation } from 'react-i18next';
import type { PaymentView } from './payment-view.ts';

/**
 * The member's receipt: an image inline, anything else as a link. The browser reads it straight
 * from the API with the staff session cookie (same origin, allowed by the CSP's `img-src 'self'`).
 */
export function ReceiptPreview({ receipt }: { receipt: PaymentView['receipt'] }) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3" aria-labelledby="receipt-title">
      <h2 id="receipt-title" className="text-xl font-semibold">
        {t('duesAdmin.payment.receipt')}
      </h2>
      {!receipt ? (
        <p className="text-slate-700">{t('duesAdmin.payment.noReceipt')}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{receipt.description}</p>
          {receipt.kind === 'image' && (
            <a href={receipt.url} target="_blank" rel="noopener" className="block">
              <img
                src={receipt.url}
                alt={t('duesAdmin.payment.receiptAlt')}
                className="max-h-[32rem] max-w-full rounded-lg border border-slate-200"
                data-testid="receipt-image"
              />
            </a>
          )}
          <a href={receipt.url} target="_blank" rel="noopener" className="button-secondary">
            {receipt.kind === 'pdf' ? t('duesAdmin.payment.openPdf') : t('duesAdmin.payment.openReceipt')}
          </a>
        </>
      )}
    </section>
  );
}
