import type { TFunction } from 'i18next';
import type { Locale } from '../../i18n/locales.ts';
import { formatAmount, formatPeriod } from '../dues-format.ts';
import { staffConfirmationPdfUrl, staffReceiptUrl, type StaffPayment } from './payments-api.ts';
import { formatBytes, formatOptionalDateTime } from './payments-format.ts';

/** One payment as its staff page shows it, formatted on the server in the page's language. */
export interface PaymentView {
  readonly id: string;
  readonly memberId: string;
  readonly memberName: string;
  readonly memberNumber: number;
  readonly memberPhone: string;
  readonly period: string;
  readonly amount: string;
  readonly method: string;
  readonly status: StaffPayment['status'];
  /** Label and value pairs, in reading order; empty values are left out. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly receipt: {
    readonly url: string;
    readonly kind: 'image' | 'pdf' | 'other';
    readonly description: string;
  } | null;
  readonly pdfUrl: string | null;
}

export function paymentView(payment: StaffPayment, locale: Locale, t: TFunction): PaymentView {
  const period = formatPeriod(payment.period, locale);
  const when = (iso: string | null) => formatOptionalDateTime(iso, locale);
  const facts: [string, string | null][] = [
    [t('duesAdmin.payment.memberNumber'), String(payment.memberNumber)],
    [t('duesAdmin.payment.phone'), payment.memberPhone],
    [t('duesAdmin.payment.period'), period],
    [t('duesAdmin.payment.amount'), formatAmount(payment.amount, locale)],
    [t('duesAdmin.payment.method'), t(`duesAdmin.methods.${payment.method}`)],
    [t('duesAdmin.payment.status'), t(`duesAdmin.statuses.${payment.status}`)],
    [t('duesAdmin.payment.reference'), payment.reference],
    [t('duesAdmin.payment.note'), payment.note],
    [t('duesAdmin.payment.createdAt'), when(payment.createdAt)],
    [t('duesAdmin.payment.createdBy'), payment.createdBy],
    [
      t('duesAdmin.payment.online'),
      payment.online ? `${payment.online.provider}: ${payment.online.status}` : null,
    ],
    [t('duesAdmin.payment.confirmedAt'), when(payment.confirmedAt)],
    [t('duesAdmin.payment.confirmedBy'), payment.confirmedBy],
    [t('duesAdmin.payment.ledgerTransfer'), payment.ledgerTransferId],
    [t('duesAdmin.payment.rejectedAt'), when(payment.rejectedAt)],
    [t('duesAdmin.payment.rejectionReason'), payment.rejectionReason],
    [t('duesAdmin.payment.refundedAt'), when(payment.refundedAt)],
    [t('duesAdmin.payment.refundReason'), payment.refundReason],
  ];
  const receipt = payment.receipt;
  return {
    id: payment.id,
    memberId: payment.memberId,
    memberName: payment.memberName,
    memberNumber: payment.memberNumber,
    memberPhone: payment.memberPhone,
    period,
    amount: formatAmount(payment.amount, locale),
    method: t(`duesAdmin.methods.${payment.method}`),
    status: payment.status,
    facts: facts.flatMap(([label, value]) => (value ? [{ label, value }] : [])),
    receipt: receipt
      ? {
          url: staffReceiptUrl(payment.id),
          // HEIC photos are receipts too, but browsers other than Safari cannot show them inline.
          kind:
            receipt.contentType === 'application/pdf'
              ? 'pdf'
              : /^image\/(jpeg|png|webp)$/.test(receipt.contentType)
                ? 'image'
                : 'other',
          description: t('duesAdmin.payment.receiptInfo', {
            type: receipt.contentType,
            size: formatBytes(receipt.bytes, locale),
            date: formatOptionalDateTime(receipt.uploadedAt, locale) ?? '',
          }),
        }
      : null,
    pdfUrl: payment.status === 'confirmed' ? staffConfirmationPdfUrl(payment.id) : null,
  };
}
