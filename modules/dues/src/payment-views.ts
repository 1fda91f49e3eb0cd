import QRCode from 'qrcode';
import type { PaymentMethod, PaymentRow, PaymentStatus, ProviderPaymentRow } from './dues.tables.ts';

const almatyFormatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in Almaty, for people (CSV, PDF). */
export const almatyDateTime = (instant: Date): string => almatyFormatter.format(instant);

export interface ProviderAttempt {
  readonly provider: string;
  readonly status: ProviderPaymentRow['status'];
  readonly qrPayload: string | null;
  readonly paymentUrl: string | null;
  readonly expiresAt: string | null;
  /** The QR as a PNG data URL, only where a single payment is shown. */
  readonly qrImage?: string | undefined;
}

export interface Payment {
  readonly id: string;
  readonly memberId: string;
  readonly period: string;
  readonly amount: { readonly amount: string; readonly asset: string };
  readonly status: PaymentStatus;
  readonly method: PaymentMethod;
  readonly reference: string;
  readonly note: string | null;
  readonly receipt: {
    readonly contentType: string;
    readonly bytes: number;
    readonly uploadedAt: string;
  } | null;
  readonly ledgerTransferId: string | null;
  readonly confirmedAt: string | null;
  readonly confirmedBy: string | null;
  readonly rejectedAt: string | null;
  readonly rejectionReason: string | null;
  readonly refundedAt: string | null;
  readonly refundReason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  /** The newest attempt at the online payment provider, if any. */
  readonly online: ProviderAttempt | null;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

export function toPayment(row: PaymentRow, attempt?: ProviderPaymentRow): Payment {
  return {
    id: row.id,
    memberId: row.memberId,
    period: row.period,
    amount: { amount: row.amount, asset: row.currency },
    status: row.status,
    method: row.method,
    reference: row.reference,
    note: row.note,
    receipt:
      row.receiptKey && row.receiptContentType && row.receiptUploadedAt
        ? {
            contentType: row.receiptContentType,
            bytes: row.receiptBytes ?? 0,
            uploadedAt: row.receiptUploadedAt.toISOString(),
          }
        : null,
    ledgerTransferId: row.ledgerTransferId,
    confirmedAt: iso(row.confirmedAt),
    confirmedBy: row.confirmedBy,
    rejectedAt: iso(row.rejectedAt),
    rejectionReason: row.rejectionReason,
    refundedAt: iso(row.refundedAt),
    refundReason: row.refundReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    online: attempt
      ? {
          provider: attempt.provider,
          status: attempt.status,
          qrPayload: attempt.qrPayload,
          paymentUrl: attempt.paymentUrl,
          expiresAt: iso(attempt.expiresAt),
        }
      : null,
  };
}

/** Adds the QR image of the open online attempt, for the one payment a member is about to pay. */
export async function withQrImage(payment: Payment): Promise<Payment> {
  const payload = payment.online?.qrPayload ?? payment.online?.paymentUrl;
  if (!payment.online || !payload || payment.status !== 'pending') return payment;
  const qrImage = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
  return { ...payment, online: { ...payment.online, qrImage } };
}
